// /ui/incidents?state=&client=&site=: incidents newest first, filtered by the API.
import {h, fill, badge, formatTime, formatAgo} from '../dom.js';
import {getJson, errorBlock, path} from '../api.js';

export async function render(ctx) {
  ctx.setTitle('Incidents');
  const filters = {state: ctx.query.get('state') || '', client: ctx.query.get('client') || '', site: ctx.query.get('site') || ''};
  const state = h('select', {id: 'incident-state', name: 'state'},
    ['', 'open', 'acknowledged', 'resolved'].map((s) => h('option', {value: s, selected: s === filters.state}, s || 'any state')));
  const client = h('input', {id: 'incident-client', name: 'client', value: filters.client, autocomplete: 'off'});
  const site = h('input', {id: 'incident-site', name: 'site', value: filters.site, autocomplete: 'off'});
  const body = h('div', {});
  const apply = (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (state.value) q.set('state', state.value);
    if (client.value.trim()) q.set('client', client.value.trim());
    if (site.value.trim()) q.set('site', site.value.trim());
    ctx.navigate(`/ui/incidents${q.toString() ? `?${q}` : ''}`, {replace: true});
  };
  ctx.main.append(h('div', {class: 'page-head'}, h('h1', {}, 'Incidents')),
    h('form', {class: 'toolbar', onsubmit: apply},
      h('label', {for: 'incident-state'}, 'State'), state,
      h('label', {for: 'incident-client'}, 'Client'), client,
      h('label', {for: 'incident-site'}, 'Site'), site,
      h('button', {type: 'submit'}, 'Filter')),
    body);
  state.addEventListener('change', () => apply(new Event('submit')));

  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const load = async () => {
    try {
      const data = await getJson(`/api/v1/incidents${q.toString() ? `?${q}` : ''}`);
      if (ctx.current()) draw(body, data.incidents);
    } catch (err) {
      if (ctx.current()) fill(body, errorBlock(err, 'the incidents'));
    }
  };
  await load();
  ctx.every(10000, load);
}

function draw(el, incidents) {
  if (!incidents.length) { fill(el, h('p', {class: 'notice'}, 'No incidents match.')); return; }
  const sorted = incidents.slice().sort((a, b) => (b.opened_at || '').localeCompare(a.opened_at || '') || b.id - a.id);
  fill(el, h('div', {class: 'table-wrap'}, h('table', {class: 'incidents'},
    h('thead', {}, h('tr', {}, ['#', 'State', 'Client', 'Site', 'Condition', 'Severity', 'Opened', 'Summary']
      .map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, sorted.map((i) => h('tr', {'data-incident': i.id},
      h('td', {}, h('a', {href: path`/ui/incidents/${i.id}`}, `#${i.id}`)),
      h('td', {}, badge(i.state)),
      h('td', {}, i.client),
      h('td', {}, h('a', {href: path`/ui/sites/${i.site}`}, i.site)),
      h('td', {}, badge(i.condition, i.severity)),
      h('td', {}, i.severity),
      h('td', {}, h('time', {datetime: i.opened_at, title: formatTime(i.opened_at)}, formatAgo(i.opened_at))),
      h('td', {class: 'small'}, i.summary)))))));
}
