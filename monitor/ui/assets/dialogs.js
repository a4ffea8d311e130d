// Modal forms built on <dialog>: the API token and "are you sure?". No window.prompt.
import {h} from './dom.js';

function modal(build) {
  return new Promise((resolve) => {
    const dialog = h('dialog', {class: 'modal'});
    const done = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(null); });
    dialog.append(build(done));
    document.body.append(dialog);
    dialog.showModal();
    const first = dialog.querySelector('input, textarea, button.primary');
    if (first) first.focus();
  });
}

// Resolves with the token typed, or null when cancelled.
export function askForToken(message) {
  return modal((done) => {
    const input = h('input', {id: 'token-input', name: 'token', type: 'password', autocomplete: 'off',
      required: true, spellcheck: 'false'});
    return h('form', {method: 'dialog', class: 'stack', 'aria-labelledby': 'token-title',
      onsubmit: (e) => { e.preventDefault(); done(input.value.trim() || null); }},
      h('h2', {id: 'token-title'}, 'API token'),
      h('p', {}, message, ' It is kept in this browser tab only.'),
      h('label', {for: 'token-input'}, 'Token'), input,
      h('div', {class: 'buttons'},
        h('button', {type: 'submit', class: 'primary'}, 'Use token'),
        h('button', {type: 'button', onclick: () => done(null)}, 'Cancel')));
  });
}

// Resolves true when the person confirms.
export function confirmAction(title, message, confirmLabel) {
  return modal((done) => h('form', {method: 'dialog', class: 'stack', 'aria-labelledby': 'confirm-title',
    onsubmit: (e) => { e.preventDefault(); done(true); }},
    h('h2', {id: 'confirm-title'}, title),
    h('p', {}, message),
    h('div', {class: 'buttons'},
      h('button', {type: 'submit', class: 'primary'}, confirmLabel),
      h('button', {type: 'button', onclick: () => done(false)}, 'Cancel')))).then((v) => v === true);
}

let toastTimer = 0;
export function toast(message, kind = 'ok') {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.className = `toast-${kind} toast-shown`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = ''; }, 4000);
}
