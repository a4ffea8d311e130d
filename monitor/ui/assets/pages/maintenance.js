// /ui/maintenance: the maintenance windows (GET /api/v1/maintenance), active ones first.
import {h, badge, formatTime} from '../dom.js';
import {getOptionalJson, errorBlock, path} from '../api.js';

export async function render(ctx) {
  ctx.setTitle('Maintenance');
  ctx.main.append(h('div', {class: 'page-head'}, h('h1', {}, 'Maintenance windows')),
    h('p', {class: 'muted'}, 'During a window findings are recorded but nobody is paged, and uptime leaves the window out.'));
  let data;
  try {
    data = await getOptionalJson('/api/v1/maintenance');
  } catch (err) {
    ctx.main.append(errorBlock(err, 'the maintenance windows'));
    return;
  }
  if (!ctx.current()) return;
  if (data === null) {
    ctx.main.append(h('p', {class: 'notice', id: 'maintenance-unavailable'},
      'Maintenance windows are not available from this sitewatch (GET /api/v1/maintenance answered 404).'));
    return;
  }
  const windows = (data.windows || []).slice().sort((a, b) => Number(b.active) - Number(a.active)
    || String(a.next_start || '').localeCompare(String(b.next_start || '')));
  if (!windows.length) {
    ctx.main.append(h('p', {class: 'notice'}, 'No maintenance windows are configured.'));
    return;
  }
  ctx.main.append(h('div', {class: 'table-wrap'}, h('table', {},
    h('thead', {}, h('tr', {}, ['', 'Client', 'Site', 'Kind', 'Schedule', 'Reason', 'Next start', 'Next end']
      .map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, windows.map((w) => h('tr', {},
      h('td', {}, w.active ? badge('active', 'maintenance') : badge('scheduled', 'neutral')),
      h('td', {}, w.client),
      h('td', {}, w.site ? h('a', {href: path`/ui/sites/${w.site}`}, w.site) : h('span', {class: 'muted'}, 'all sites')),
      h('td', {}, w.kind), h('td', {class: 'small'}, w.schedule), h('td', {}, w.reason || '–'),
      h('td', {}, formatTime(w.next_start)), h('td', {}, formatTime(w.next_end))))))));
}
