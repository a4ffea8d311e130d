// /ui/incidents/{id}: summary, evidence, timeline, notes, the actions (acknowledge, resolve
// with a note, add a note) and the report as the client or the team would read it.
import {h, fill, badge, formatTime, formatDuration} from '../dom.js';
import {getJson, postJson, errorBlock, path, ApiError} from '../api.js';
import {toast} from '../dialogs.js';

const NAME_KEY = 'sitewatch.name';

function rememberedName() {
  try { return localStorage.getItem(NAME_KEY) || ''; } catch { return ''; }
}
function rememberName(name) {
  try { localStorage.setItem(NAME_KEY, name); } catch { /* not kept: asked again next time */ }
}

export async function render(ctx) {
  const [id] = ctx.params;
  ctx.setTitle(`Incident #${id}`);
  const summary = h('section', {'aria-labelledby': 'summary-title'});
  const actions = h('section', {'aria-labelledby': 'actions-title', class: 'actions'});
  const evidence = h('section', {'aria-labelledby': 'evidence-title'});
  const timeline = h('section', {'aria-labelledby': 'timeline-title'});
  const report = h('section', {'aria-labelledby': 'report-title'});
  ctx.main.append(h('p', {class: 'crumbs'}, h('a', {href: '/ui/incidents'}, 'Incidents'), ` › #${id}`),
    summary, actions, h('div', {class: 'two-col'}, evidence, timeline), report);

  const load = async () => {
    const incident = await getJson(path`/api/v1/incidents/${id}`);
    if (!ctx.current()) return;
    drawSummary(summary, incident);
    drawEvidence(evidence, incident);
    drawTimeline(timeline, incident);
    return incident;
  };
  let incident;
  try {
    incident = await load();
  } catch (err) {
    fill(summary, h('h1', {id: 'summary-title'}, `Incident #${id}`), errorBlock(err, 'this incident'));
    return;
  }
  if (!incident) return;
  const syncButtons = drawActions(actions, incident, load);
  drawReport(report, id);
  // Someone else may act meanwhile: the buttons follow the state on each refresh.
  ctx.every(10000, () => load().then((fresh) => fresh && syncButtons(fresh)).catch(() => {}));
}

function drawSummary(el, i) {
  fill(el, 
    h('div', {class: 'page-head'}, h('h1', {id: 'summary-title'}, `#${i.id} ${i.condition} on ${i.site}`),
      h('span', {id: 'incident-state', class: 'state-word'}, badge(i.state))),
    h('p', {class: 'lead'}, i.summary),
    h('dl', {class: 'facts'},
      f('Client', i.client), f('Site', h('a', {href: path`/ui/sites/${i.site}`}, i.site)),
      f('URL', i.url), f('Severity', badge(i.severity)),
      f('Opened', formatTime(i.opened_at)),
      f('Acknowledged', i.acknowledged_at ? `${formatTime(i.acknowledged_at)} by ${i.acknowledged_by || '?'}` : '–'),
      f('Resolved', i.resolved_at ? `${formatTime(i.resolved_at)} by ${i.resolved_by || '?'}` : '–'),
      f('Time to acknowledge', formatDuration(i.time_to_acknowledge_seconds)),
      f('Time to resolve', formatDuration(i.time_to_resolve_seconds)),
      f('Occurrences', i.occurrences ?? '–'),
      i.reopen_count ? f('Reopened', `${i.reopen_count} times`) : null));
}

function f(term, ...value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, ...value));
}

function drawEvidence(el, i) {
  const e = i.evidence || {};
  fill(el, h('h2', {id: 'evidence-title'}, 'Evidence'),
    h('dl', {class: 'facts'}, f('Rule', e.rule || '–'), f('First summary', i.first_summary || '–')),
    e.excerpt ? [h('h3', {}, 'Excerpt'), h('pre', {class: 'evidence'}, e.excerpt)] : null,
    e.before || e.after ? h('div', {class: 'diff'},
      h('div', {}, h('h3', {}, 'Before'), h('pre', {class: 'evidence'}, e.before || '–')),
      h('div', {}, h('h3', {}, 'After'), h('pre', {class: 'evidence'}, e.after || '–'))) : null);
}

function drawTimeline(el, i) {
  const items = (i.timeline || []).map((t) => h('li', {class: `tl tl-${String(t.kind).replace(/[^a-z_]/gi, '')}`},
    h('time', {datetime: t.at}, formatTime(t.at)), ' ', h('span', {class: 'tl-kind'}, t.kind), ' ', t.message));
  const notes = (i.notes || []).map((n) => h('li', {class: 'note'},
    h('time', {datetime: n.at}, formatTime(n.at)), ' ', h('strong', {}, n.by), ': ', n.text));
  fill(el, h('h2', {id: 'timeline-title'}, 'Timeline'),
    items.length ? h('ol', {class: 'timeline'}, items) : h('p', {}, 'Nothing yet.'),
    h('h3', {}, 'Notes'), notes.length ? h('ul', {class: 'notes', id: 'notes'}, notes) : h('p', {id: 'notes'}, 'No notes yet.'));
}

function drawActions(el, incident, reload) {
  const name = h('input', {id: 'actor-name', name: 'by', value: rememberedName(), autocomplete: 'name', required: true});
  const status = h('p', {class: 'small', role: 'status', 'aria-live': 'polite'});
  const note = h('textarea', {id: 'note-text', name: 'text', rows: 3});
  const resolution = h('textarea', {id: 'resolve-note', name: 'note', rows: 2});
  const ack = h('button', {type: 'button', class: 'primary', id: 'ack-button'}, 'Acknowledge');
  const resolve = h('button', {type: 'button', id: 'resolve-button'}, 'Resolve');
  const addNote = h('button', {type: 'button', id: 'note-button'}, 'Add note');

  const sync = (i) => {
    ack.disabled = i.state !== 'open';
    resolve.disabled = i.state === 'resolved';
  };
  sync(incident);

  // Who acts is asked for once and remembered in this browser.
  const actor = () => {
    const by = name.value.trim();
    if (!by) {
      status.textContent = 'Enter your name first: it is recorded with what you do.';
      status.className = 'small bad';
      name.focus();
      return null;
    }
    rememberName(by);
    return by;
  };
  const act = (button, suffix, body, done) => async () => {
    const by = actor();
    if (!by) return;
    button.disabled = true;
    status.textContent = 'Sending…';
    status.className = 'small';
    try {
      await postJson(`${path`/api/v1/incidents/${incident.id}`}/${suffix}`, {by, ...body()});
      status.textContent = done;
      toast(done);
      const fresh = await reload();
      if (fresh) sync(fresh);
      return true;
    } catch (err) {
      status.textContent = err instanceof ApiError ? `Not done: ${err.message}` : String(err);
      status.className = 'small bad';
      button.disabled = false;
      return false;
    }
  };
  ack.addEventListener('click', act(ack, 'ack', () => ({}), 'Acknowledged.'));
  resolve.addEventListener('click', async () => {
    if (await act(resolve, 'resolve', () => ({note: resolution.value.trim()}), 'Resolved.')()) resolution.value = '';
  });
  addNote.addEventListener('click', async () => {
    if (!note.value.trim()) { note.focus(); return; }
    if (await act(addNote, 'notes', () => ({text: note.value.trim()}), 'Note added.')()) note.value = '';
    addNote.disabled = false;
  });

  fill(el, h('h2', {id: 'actions-title'}, 'Act on this incident'),
    h('div', {class: 'action-grid'},
      h('div', {class: 'stack'}, h('label', {for: 'actor-name'}, 'Your name'), name, ack),
      h('div', {class: 'stack'}, h('label', {for: 'resolve-note'}, 'Resolution note'), resolution, resolve),
      h('div', {class: 'stack'}, h('label', {for: 'note-text'}, 'Note'), note, addNote)),
    status);
  return sync;
}

function drawReport(el, id) {
  const audience = h('select', {id: 'report-audience'},
    h('option', {value: 'client'}, 'client'), h('option', {value: 'internal'}, 'internal'));
  const frame = h('iframe', {id: 'report-frame', title: 'Incident report', sandbox: '', referrerpolicy: 'no-referrer'});
  const links = h('span', {class: 'small'});
  const show = () => {
    const base = `${path`/api/v1/incidents/${id}`}/report?audience=${encodeURIComponent(audience.value)}`;
    frame.src = `${base}&format=html`;
    fill(links, h('a', {href: `${base}&format=html`, target: '_blank', rel: 'noopener'}, 'open HTML'), ' · ',
      h('a', {href: `${base}&format=md`, target: '_blank', rel: 'noopener'}, 'Markdown'));
  };
  audience.addEventListener('change', show);
  fill(el, h('h2', {id: 'report-title'}, 'Report'),
    h('div', {class: 'toolbar'}, h('label', {for: 'report-audience'}, 'Audience'), audience, links),
    frame);
  show();
}
