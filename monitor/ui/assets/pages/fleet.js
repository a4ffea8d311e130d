// GET /: every client with its sites. One call for the sites, one for the incidents still
// open (two states), one for the maintenance windows; the table is drawn a page at a time,
// so 10,000 sites stay fast.
import {h, fill, badge, formatMs, formatAgo, daysUntil, sparkline} from '../dom.js';
import {getJson, getOptionalJson, errorBlock, path} from '../api.js';

const PAGE_SIZE = 100;
const REFRESH_MS = 10000;
const STATUS_ORDER = {down: 0, degraded: 1, pending: 2, up: 3};

export async function render(ctx) {
  ctx.setTitle('Fleet');
  const state = {
    q: ctx.query.get('q') || '',
    status: ctx.query.get('status') || '',
    sort: ctx.query.get('sort') || 'client',
    page: Math.max(0, Number(ctx.query.get('page') || 0) | 0),
    data: null,
  };

  const counts = h('div', {class: 'counts', 'aria-live': 'polite'});
  const filter = h('input', {id: 'fleet-filter', type: 'search', value: state.q,
    placeholder: 'client, site, URL or condition', autocomplete: 'off'});
  const status = h('select', {id: 'fleet-status'},
    ['', 'down', 'degraded', 'pending', 'up'].map((s) =>
      h('option', {value: s, selected: s === state.status}, s || 'any status')));
  const sort = h('select', {id: 'fleet-sort'},
    h('option', {value: 'client', selected: state.sort === 'client'}, 'by client'),
    h('option', {value: 'problems', selected: state.sort === 'problems'}, 'problems first'));
  const updated = h('span', {class: 'muted'});
  const body = h('div', {class: 'fleet-body'});

  ctx.main.append(
    h('div', {class: 'page-head'}, h('h1', {}, 'Fleet overview'), updated),
    counts,
    h('form', {class: 'toolbar', role: 'search', onsubmit: (e) => e.preventDefault()},
      h('label', {for: 'fleet-filter'}, 'Filter'), filter,
      h('label', {for: 'fleet-status'}, 'Status'), status,
      h('label', {for: 'fleet-sort'}, 'Order'), sort),
    body);

  const remember = () => {
    const q = new URLSearchParams();
    if (state.q) q.set('q', state.q);
    if (state.status) q.set('status', state.status);
    if (state.sort !== 'client') q.set('sort', state.sort);
    if (state.page) q.set('page', String(state.page));
    history.replaceState(null, '', `/${q.toString() ? `?${q}` : ''}`);
  };
  let typing = 0;
  filter.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.q = filter.value.trim(); state.page = 0; remember(); draw(); }, 150);
  });
  status.addEventListener('change', () => { state.status = status.value; state.page = 0; remember(); draw(); });
  sort.addEventListener('change', () => { state.sort = sort.value; state.page = 0; remember(); draw(); });

  const draw = () => {
    if (!state.data) return;
    drawCounts(counts, state.data);
    drawTable(body, state, () => { remember(); draw(); });
  };

  const load = async () => {
    try {
      const [sites, open, acked, maintenance] = await Promise.all([
        getJson('/api/v1/sites'),
        getJson('/api/v1/incidents?state=open'),
        getJson('/api/v1/incidents?state=acknowledged'),
        getOptionalJson('/api/v1/maintenance').catch(() => null),
      ]);
      if (!ctx.current()) return;
      state.data = index(sites.sites, open.incidents, acked.incidents, maintenance);
      updated.textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes every 10 s`;
      draw();
    } catch (err) {
      if (!ctx.current()) return;
      if (!state.data) fill(body, errorBlock(err, 'the fleet'));
      updated.textContent = `Refresh failed: ${err.message}`;
    }
  };
  await load();
  ctx.every(REFRESH_MS, load);
}

function index(sites, open, acked, maintenance) {
  const incidentBySite = new Map();
  for (const i of [...open, ...acked]) {
    const known = incidentBySite.get(i.site);
    if (!known || known.state === 'acknowledged') incidentBySite.set(i.site, i);
  }
  // Active windows by client ("" site = the whole client) and by site.
  const activeWindows = new Map();
  for (const w of (maintenance && maintenance.windows) || []) {
    if (!w.active) continue;
    activeWindows.set(`${w.client}\u0000${w.site ?? ''}`, w);
  }
  const rows = sites.map((s, order) => ({
    ...s, order,
    incident: incidentBySite.get(s.name) || null,
    maintenance: activeWindows.get(`${s.client}\u0000${s.name}`) || activeWindows.get(`${s.client}\u0000`) || null,
    haystack: [s.client, s.name, s.url, s.condition || '', s.status, s.summary || ''].join(' ').toLowerCase(),
  }));
  return {rows, open: open.length, acked: acked.length};
}

function drawCounts(el, data) {
  const by = {up: 0, degraded: 0, down: 0, pending: 0};
  for (const r of data.rows) by[r.status] = (by[r.status] || 0) + 1;
  const clients = new Set(data.rows.map((r) => r.client)).size;
  const tile = (label, value, kind, href) => h('li', {class: `count count-${kind}`},
    href ? h('a', {href}, h('span', {class: 'count-value'}, value), h('span', {class: 'count-label'}, label))
      : [h('span', {class: 'count-value'}, value), h('span', {class: 'count-label'}, label)]);
  fill(el, h('ul', {class: 'count-list', 'aria-label': 'Fleet counts'},
    tile('up', by.up, 'up', '/?status=up'),
    tile('degraded', by.degraded, 'degraded', '/?status=degraded'),
    tile('down', by.down, 'down', '/?status=down'),
    tile('pending', by.pending, 'pending'),
    tile('open incidents', data.open, data.open ? 'down' : 'up', '/ui/incidents?state=open'),
    tile('acknowledged', data.acked, 'neutral', '/ui/incidents?state=acknowledged'),
    tile(`sites of ${clients} clients`, data.rows.length, 'neutral')));
}

function selectRows(state) {
  const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
  let rows = state.data.rows.filter((r) =>
    (!state.status || r.status === state.status) && words.every((w) => r.haystack.includes(w)));
  rows = rows.slice().sort(state.sort === 'problems'
    ? (a, b) => (STATUS_ORDER[a.status] - STATUS_ORDER[b.status]) || a.client.localeCompare(b.client) || a.order - b.order
    : (a, b) => a.client.localeCompare(b.client) || a.order - b.order);
  return rows;
}

function drawTable(el, state, redraw) {
  const rows = selectRows(state);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  state.page = Math.min(state.page, pages - 1);
  const shown = rows.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE);
  const perClient = new Map();
  for (const r of rows) {
    const c = perClient.get(r.client) || {total: 0, down: 0};
    c.total++;
    if (r.status === 'down') c.down++;
    perClient.set(r.client, c);
  }
  const tbody = h('tbody');
  let client = null;
  for (const r of shown) {
    if (state.sort === 'client' && r.client !== client) {
      client = r.client;
      const {total, down} = perClient.get(client);
      tbody.append(h('tr', {class: 'group'}, h('th', {colspan: 9, scope: 'rowgroup'},
        h('span', {class: 'group-name'}, client), ' ',
        h('span', {class: 'muted'}, `${total} site${total === 1 ? '' : 's'}${down ? `, ${down} down` : ''}`), ' ',
        h('a', {href: path`/status/${client}`, class: 'status-link'}, 'public status page'))));
    }
    tbody.append(siteRow(r));
  }
  const table = h('div', {class: 'table-wrap'}, h('table', {class: 'fleet'},
    h('caption', {class: 'visually-hidden'}, 'Sites with their latest check'),
    h('thead', {}, h('tr', {},
      ['Site', 'Status', 'Condition', 'Response', 'HTTP', 'Certificate', 'Last checked', 'Incident', 'Maintenance']
        .map((c) => h('th', {scope: 'col'}, c)))),
    tbody));
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages of sites'},
    h('button', {type: 'button', disabled: state.page === 0, onclick: () => { state.page--; redraw(); }}, '‹ Previous'),
    h('span', {}, rows.length ? `${state.page * PAGE_SIZE + 1}–${state.page * PAGE_SIZE + shown.length} of ${rows.length}` : 'No sites match'),
    h('button', {type: 'button', disabled: state.page >= pages - 1, onclick: () => { state.page++; redraw(); }}, 'Next ›'));
  fill(el, table, pager);
}

function siteRow(r) {
  const days = daysUntil(r.tls_expires_at);
  const cert = days === null ? h('span', {class: 'muted'}, '–')
    : h('span', {class: days < 7 ? 'bad' : days < 21 ? 'warn' : ''}, `${days} d`);
  return h('tr', {class: `row-${r.status}`, 'data-site': r.name},
    h('td', {}, h('a', {href: path`/ui/sites/${r.name}`, class: 'site-name'}, r.name),
      h('div', {class: 'url muted'}, r.url)),
    h('td', {}, badge(r.status)),
    h('td', {}, r.condition ? [badge(r.condition, r.severity || 'warning'), ' ',
      h('span', {class: 'muted small'}, r.severity || '')] : h('span', {class: 'muted'}, '–'),
    r.summary && r.status !== 'up' ? h('div', {class: 'summary small'}, r.summary) : null),
    h('td', {class: 'response'}, h('span', {class: 'num'}, formatMs(r.response_time_ms)),
      sparkline(r.recent_response_ms || [], {label: `Recent response times of ${r.name}`})),
    h('td', {class: 'num'}, r.http_status ?? '–'),
    h('td', {class: 'num'}, cert),
    h('td', {}, h('time', {datetime: r.last_checked_at || ''}, formatAgo(r.last_checked_at))),
    h('td', {}, r.incident ? h('a', {href: path`/ui/incidents/${r.incident.id}`}, badge(r.incident.state), ` #${r.incident.id}`)
      : h('span', {class: 'muted'}, '–')),
    h('td', {}, r.maintenance ? h('span', {class: 'badge badge-maintenance', title: r.maintenance.reason || ''}, 'maintenance') : null));
}
