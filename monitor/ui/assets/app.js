// The operator UI: routes paths to pages in the browser. Every page also loads directly
// (the server answers index.html for / and /ui/...), so links and reloads work alike.
import {h, clear} from './dom.js';
import * as fleet from './pages/fleet.js';
import * as site from './pages/site.js';
import * as incidents from './pages/incidents.js';
import * as incident from './pages/incident.js';
import * as sla from './pages/sla.js';
import * as maintenance from './pages/maintenance.js';

const routes = [
  {pattern: /^\/$/, page: fleet, nav: 'fleet'},
  {pattern: /^\/ui\/?$/, page: fleet, nav: 'fleet'},
  {pattern: /^\/ui\/sites\/([^/]+)$/, page: site, nav: 'fleet'},
  {pattern: /^\/ui\/incidents\/?$/, page: incidents, nav: 'incidents'},
  {pattern: /^\/ui\/incidents\/([^/]+)$/, page: incident, nav: 'incidents'},
  {pattern: /^\/ui\/sla\/?$/, page: sla, nav: 'sla'},
  {pattern: /^\/ui\/maintenance\/?$/, page: maintenance, nav: 'maintenance'},
];

let cleanups = [];
let generation = 0;

// What a page gets: where to draw, its path parameters and query, and a way to register
// timers and listeners that end when the person navigates away.
function pageContext(main, params, mine) {
  return {
    main,
    params,
    query: new URLSearchParams(location.search),
    onLeave: (fn) => cleanups.push(fn),
    every: (ms, fn) => {
      const id = setInterval(() => { if (!document.hidden) fn(); }, ms);
      cleanups.push(() => clearInterval(id));
    },
    current: () => mine === generation,
    navigate,
    setTitle: (title) => { document.title = `${title} · sitewatch`; },
  };
}

async function show() {
  for (const fn of cleanups) fn();
  cleanups = [];
  const mine = ++generation;
  const main = clear(document.getElementById('main'));
  document.getElementById('toast').className = '';  // a notice belongs to the page it came from
  const route = routes.find((r) => r.pattern.test(location.pathname));
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (route && a.dataset.nav === route.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!route) {
    document.title = 'Not found · sitewatch';
    main.append(h('h1', {}, 'Page not found'),
      h('p', {}, 'There is no UI page at ', h('code', {}, location.pathname), '. ',
        h('a', {href: '/'}, 'Back to the fleet overview'), '.'));
    return;
  }
  const params = route.pattern.exec(location.pathname).slice(1).map(decodeURIComponent);
  try {
    await route.page.render(pageContext(main, params, mine));
  } catch (err) {
    if (mine !== generation) return;
    main.append(h('div', {class: 'notice notice-error', role: 'alert'}, `This page failed: ${err.message || err}`));
  }
}

export function navigate(url, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  show().then(() => {
    if (!replace) {
      window.scrollTo(0, 0);
      document.getElementById('main').focus({preventScroll: true});
    }
  });
}

// Same-origin links into the UI are followed without a reload; everything else (the API,
// the public status pages, new tabs) is left to the browser.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  if (!routes.some((r) => r.pattern.test(url.pathname))) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', show);
show();
