// /ui/sla?month=YYYY-MM: uptime, downtime and incident figures per client and site for a
// month, from GET /api/v1/sla.
import {h, fill, formatDuration} from '../dom.js';
import {getOptionalJson, errorBlock} from '../api.js';

function thisMonth() {
  return new Date().toISOString().slice(0, 7);
}

export async function render(ctx) {
  ctx.setTitle('SLA');
  const month = /^\d{4}-\d{2}$/.test(ctx.query.get('month') || '') ? ctx.query.get('month') : thisMonth();
  const picker = h('input', {id: 'sla-month', type: 'month', value: month, max: thisMonth(), required: true});
  const body = h('div', {});
  ctx.main.append(h('div', {class: 'page-head'}, h('h1', {}, 'Service levels')),
    h('form', {class: 'toolbar', onsubmit: (e) => {
      e.preventDefault();
      if (picker.value) ctx.navigate(`/ui/sla?month=${encodeURIComponent(picker.value)}`, {replace: true});
    }}, h('label', {for: 'sla-month'}, 'Month'), picker, h('button', {type: 'submit'}, 'Show')),
    body);
  picker.addEventListener('change', () => {
    if (picker.value) ctx.navigate(`/ui/sla?month=${encodeURIComponent(picker.value)}`, {replace: true});
  });
  try {
    const sla = await getOptionalJson(`/api/v1/sla?month=${encodeURIComponent(month)}`);
    if (!ctx.current()) return;
    if (sla === null) {
      body.append(h('p', {class: 'notice', id: 'sla-unavailable'},
        'SLA figures are not available from this sitewatch (GET /api/v1/sla answered 404).'));
      return;
    }
    draw(body, sla);
  } catch (err) {
    if (ctx.current()) body.append(errorBlock(err, 'the SLA figures'));
  }
}

const pct = (v) => (v === null || v === undefined ? '–' : `${Number(v).toFixed(3)} %`);
const min = (v) => (v === null || v === undefined ? '–' : `${v < 10 ? Number(v).toFixed(1) : Math.round(v)} min`);
const pair = (t) => (t ? `${formatDuration(t.mean)} / ${formatDuration(t.p90)}` : '–');
const counts = (by) => Object.entries(by || {}).map(([k, v]) => `${k} ${v}`).join(', ') || '–';

function draw(el, sla) {
  const rows = [];
  for (const c of sla.clients || []) {
    rows.push(h('tr', {class: 'group'},
      h('th', {scope: 'row'}, c.client), h('td', {class: 'num'}, pct(c.uptime_percent)),
      h('td', {class: 'num'}, min(c.downtime_minutes)), h('td', {class: 'num'}, min(c.maintenance_minutes)),
      h('td', {}, `${c.incidents?.total ?? 0}`, h('div', {class: 'small muted'}, counts(c.incidents?.by_condition))),
      h('td', {}, pair(c.time_to_acknowledge_seconds)), h('td', {}, pair(c.time_to_resolve_seconds)),
      h('td', {class: 'num'}, min(c.longest_outage_minutes)), h('td', {}, '')));
    for (const s of c.sites || []) {
      rows.push(h('tr', {},
        h('th', {scope: 'row', class: 'indent'}, h('a', {href: `/ui/sites/${encodeURIComponent(s.site)}`}, s.site)),
        h('td', {class: 'num'}, pct(s.uptime_percent)), h('td', {class: 'num'}, min(s.downtime_minutes)),
        h('td', {class: 'num'}, min(s.maintenance_minutes)),
        h('td', {}, `${s.incidents?.total ?? 0}`, h('div', {class: 'small muted'}, counts(s.incidents?.by_severity))),
        h('td', {}, pair(s.time_to_acknowledge_seconds)), h('td', {}, pair(s.time_to_resolve_seconds)),
        h('td', {class: 'num'}, min(s.longest_outage_minutes)),
        h('td', {class: 'num'}, s.tls_days_left === null || s.tls_days_left === undefined ? '–' : `${s.tls_days_left} d`)));
    }
  }
  fill(el, 
    h('p', {class: 'muted'}, `${sla.from || ''} to ${sla.to || ''}. `, sla.definition || ''),
    rows.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'sla'},
      h('thead', {}, h('tr', {}, ['Client / site', 'Uptime', 'Downtime', 'Maintenance', 'Incidents',
        'Acknowledge (mean / p90)', 'Resolve (mean / p90)', 'Longest outage', 'Certificate']
        .map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, rows))) : h('p', {class: 'notice'}, 'No clients in this month.'));
}
