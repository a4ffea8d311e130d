// /ui/sites/{name}: the latest state, a response-time chart and table of recent checks, the
// content baseline's facts and the button that accepts the current page as the baseline.
import {h, fill, badge, formatMs, formatTime, formatAgo, daysUntil, timeChart} from '../dom.js';
import {getJson, postJson, errorBlock, path, ApiError} from '../api.js';
import {confirmAction, toast} from '../dialogs.js';

const RESULTS = 100;

export async function render(ctx) {
  const [name] = ctx.params;
  ctx.setTitle(name);
  const head = h('div', {class: 'page-head'}, h('h1', {}, name));
  const now = h('section', {'aria-labelledby': 'now-title'}, h('h2', {id: 'now-title'}, 'Now'));
  const chart = h('section', {'aria-labelledby': 'chart-title'}, h('h2', {id: 'chart-title'}, 'Response time'));
  const baseline = h('section', {'aria-labelledby': 'baseline-title'}, h('h2', {id: 'baseline-title'}, 'Content baseline'));
  const results = h('section', {'aria-labelledby': 'results-title'}, h('h2', {id: 'results-title'}, 'Recent checks'));
  ctx.main.append(h('p', {class: 'crumbs'}, h('a', {href: '/'}, 'Fleet'), ' › ', name), head, now,
    h('div', {class: 'two-col'}, chart, baseline), results);

  let facts;
  try {
    facts = await getJson(path`/api/v1/sites/${name}/baseline`);
  } catch (err) {
    ctx.main.append(errorBlock(err, `site ${name}`));
    return;
  }
  if (!ctx.current()) return;
  const load = async () => {
    const [list, checks, incidents, freshFacts] = await Promise.all([
      getJson(path`/api/v1/sites?client=${facts.client}`),
      getJson(`${path`/api/v1/sites/${name}/results`}?limit=${RESULTS}`),
      getJson(path`/api/v1/incidents?site=${name}`),
      getJson(path`/api/v1/sites/${name}/baseline`),
    ]);
    if (!ctx.current()) return;
    facts = freshFacts;
    const status = list.sites.find((s) => s.name === name);
    drawNow(now, status, incidents.incidents);
    drawChart(chart, checks.results);
    drawBaseline(baseline, facts, name, load);
    drawResults(results, checks.results);
  };
  try {
    await load();
  } catch (err) {
    ctx.main.append(errorBlock(err, `site ${name}`));
    return;
  }
  ctx.every(10000, () => load().catch(() => {}));
}

function keep(section, ...content) {
  const title = section.querySelector('h2');
  fill(section, title, content);
}

function drawNow(section, s, incidents) {
  if (!s) { keep(section, h('p', {}, 'This site is no longer configured.')); return; }
  const days = daysUntil(s.tls_expires_at);
  const open = incidents.filter((i) => i.state !== 'resolved');
  keep(section, h('dl', {class: 'facts'},
    fact('URL', h('a', {href: s.url, rel: 'noopener noreferrer', target: '_blank'}, s.url)),
    fact('Client', s.client),
    fact('Status', badge(s.status)),
    fact('Condition', s.condition ? [badge(s.condition, s.severity || 'warning'), ' ', s.severity || ''] : '–'),
    fact('Summary', s.summary || '–'),
    fact('Response time', formatMs(s.response_time_ms)),
    fact('HTTP status', s.http_status ?? '–'),
    fact('Certificate', days === null ? '–' : `${days} days left (${formatTime(s.tls_expires_at)})`),
    fact('Last checked', h('time', {datetime: s.last_checked_at || ''}, formatAgo(s.last_checked_at)))),
  open.length ? h('p', {}, 'Open incidents: ', open.map((i, k) => [k ? ', ' : '',
    h('a', {href: path`/ui/incidents/${i.id}`}, `#${i.id} ${i.condition} (${i.state})`)])) : null,
  h('p', {}, h('a', {href: `/ui/incidents?site=${encodeURIComponent(s.name)}`}, 'All incidents of this site')));
}

function fact(term, ...value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, ...value));
}

function drawChart(section, results) {
  const points = results.map((r) => ({at: r.checked_at, ms: r.response_time_ms, ok: r.success}));
  keep(section, h('figure', {class: 'chart-box'}, timeChart(points),
    h('figcaption', {class: 'muted small'}, `Total response time of the last ${points.length} checks; red dots are failed checks.`)));
}

function list(values) {
  return values && values.length ? values.join(', ') : '–';
}

function drawBaseline(section, facts, name, reload) {
  const b = facts.baseline;
  const similarity = facts.content_similarity;
  const stateWord = !b ? 'not started' : b.accepted ? 'accepted by a person' : b.trusted ? 'learned and trusted'
    : `learning (${b.samples} of ${b.learn_samples} samples)`;
  const button = h('button', {type: 'button', class: 'primary', id: 'accept-baseline'}, 'Accept current page as new baseline');
  const message = h('p', {class: 'small', 'aria-live': 'polite'});
  button.addEventListener('click', async () => {
    const ok = await confirmAction('Accept the current page?',
      `The page of ${name} fetched at the latest check becomes the known-good content. ` +
      'Defacement and injection checks then compare against it. Only accept a page you have looked at.',
      'Accept as baseline');
    if (!ok) return;
    button.disabled = true;
    try {
      const answer = await postJson(path`/api/v1/sites/${name}/baseline`, {});
      message.textContent = answer.message || 'Accepted.';
      toast(`Baseline of ${name} accepted`);
      await reload();
    } catch (err) {
      message.textContent = err instanceof ApiError ? err.message : String(err);
      message.className = 'small bad';
    } finally {
      button.disabled = false;
    }
  });
  keep(section, h('dl', {class: 'facts'},
    fact('State', stateWord),
    fact('Similarity of the latest page', similarity === null || similarity === undefined ? '–' : `${Math.round(similarity * 100)} %`),
    b ? [
      fact('Accepted at', b.accepted_at ? formatTime(b.accepted_at) : '–'),
      fact('Learned since', formatTime(b.created_at)),
      fact('Last learned', formatTime(b.updated_at)),
      fact('Titles', list(b.titles)),
      fact('First headings', list(b.first_headings)),
      fact('Stable blocks', `${b.stable_blocks} of ${b.seen_blocks} seen`),
      fact('Script hosts', list(b.script_hosts)),
      fact('Frame hosts', list(b.iframe_hosts)),
      fact('Form targets', list(b.form_hosts)),
      fact('Page size', `${b.html_bytes.min}–${b.html_bytes.max} bytes`),
    ] : null),
  button, message);
}

function drawResults(section, results) {
  if (!results.length) { keep(section, h('p', {}, 'No checks recorded yet.')); return; }
  keep(section, h('div', {class: 'table-wrap'}, h('table', {},
    h('thead', {}, h('tr', {}, ['Checked', 'Result', 'HTTP', 'Response', 'Condition', 'Summary']
      .map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, results.map((r) => h('tr', {},
      h('td', {}, formatTime(r.checked_at), r.confirm ? h('span', {class: 'muted small'}, ' (confirm)') : null),
      h('td', {}, badge(r.success ? 'pass' : 'fail', r.success ? 'up' : 'down')),
      h('td', {class: 'num'}, r.http_status ?? '–'),
      h('td', {class: 'num'}, formatMs(r.response_time_ms)),
      h('td', {}, r.condition ? badge(r.condition, r.severity || 'warning') : '–'),
      h('td', {class: 'small'}, r.summary || '')))))));
}
