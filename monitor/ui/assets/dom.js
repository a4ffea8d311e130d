// DOM building without innerHTML: every API string lands in a text node or an attribute.

const SVG_NS = 'http://www.w3.org/2000/svg';

// h('a', {href: '/x', class: 'link'}, 'text', child, [children]) -> element.
// Attributes starting with "on" take functions; null/undefined/false children are skipped.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

function setAttributes(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// Replaces el's children, with h()'s rules for arrays and empty values.
export function fill(el, ...children) {
  append(clear(el), children);
  return el;
}

// Formatting ---------------------------------------------------------------------------

export function formatMs(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
}

export function formatAgo(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 5) return 'just now';
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 129600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function daysUntil(iso, now = Date.now()) {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  return Number.isFinite(t) ? Math.floor((t - now) / 86400000) : null;
}

// A status word as a coloured badge; the word itself is always shown (not colour alone).
export function badge(word, kind = word) {
  return h('span', {class: `badge badge-${String(kind).replace(/[^a-z_-]/gi, '')}`}, word ?? '–');
}

// Charts -------------------------------------------------------------------------------

// An inline sparkline of response times; null values (no response) leave a gap and a mark.
export function sparkline(values, {width = 90, height = 22, label = 'response times'} = {}) {
  const finite = values.filter((v) => v !== null && Number.isFinite(v));
  const root = svg('svg', {class: 'spark', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'img', 'aria-label': finite.length
      ? `${label}: ${finite.length} values, ${formatMs(Math.min(...finite))} to ${formatMs(Math.max(...finite))}`
      : `${label}: none yet`});
  if (values.length < 2 || finite.length === 0) return root;
  const max = Math.max(...finite, 1);
  const step = width / (values.length - 1);
  const y = (v) => (height - 2) - (v / max) * (height - 4);
  let d = '';
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      root.append(svg('rect', {class: 'spark-gap', x: i * step - 1, y: 0, width: 2, height}));
      d += ' ';
      return;
    }
    d += `${d.endsWith(' ') || d === '' ? 'M' : 'L'}${(i * step).toFixed(1)},${y(v).toFixed(1)}`;
  });
  root.append(svg('path', {class: 'spark-line', d: d.replace(/ /g, '')}));
  return root;
}

// A response-time chart over time with axes; points are {at: ISO, ms: number|null, ok}.
export function timeChart(points, {width = 720, height = 200} = {}) {
  const pad = {left: 56, right: 12, top: 10, bottom: 26};
  const usable = points.filter((p) => Number.isFinite(p.ms));
  const root = svg('svg', {class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `Response time of the last ${points.length} checks`});
  if (usable.length === 0) {
    root.append(svg('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty'},
      'No response times yet'));
    return root;
  }
  const times = points.map((p) => new Date(p.at).getTime());
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const maxMs = Math.max(...usable.map((p) => p.ms)) * 1.1 || 1;
  const x = (t) => pad.left + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (ms) => height - pad.bottom - (ms / maxMs) * (height - pad.top - pad.bottom);
  for (const f of [0, 0.5, 1]) {
    const v = maxMs * f;
    root.append(svg('line', {class: 'chart-grid', x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v)}),
      svg('text', {class: 'chart-axis', x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end'}, formatMs(v)));
  }
  root.append(svg('text', {class: 'chart-axis', x: pad.left, y: height - 6}, formatTime(new Date(t0).toISOString())),
    svg('text', {class: 'chart-axis', x: width - pad.right, y: height - 6, 'text-anchor': 'end'},
      formatTime(new Date(t1).toISOString())));
  const sorted = points.map((p, i) => ({...p, t: times[i]})).sort((a, b) => a.t - b.t);
  let d = '';
  for (const p of sorted) {
    if (!Number.isFinite(p.ms)) { d += ' '; continue; }
    d += `${d === '' || d.endsWith(' ') ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.ms).toFixed(1)}`;
  }
  root.append(svg('path', {class: 'chart-line', d: d.replace(/ /g, '')}));
  for (const p of sorted) {
    if (p.ok) continue;
    root.append(svg('circle', {class: 'chart-fail', cx: x(p.t), cy: Number.isFinite(p.ms) ? y(p.ms) : height - pad.bottom, r: 3.5},
      svg('title', {}, `failed check at ${formatTime(p.at)}`)));
  }
  return root;
}
