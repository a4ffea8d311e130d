// The web UI in headless Chromium against a real `sitewatch run`: every page loads, an
// incident is acknowledged, noted and resolved by clicking (the API token asked for by the
// UI's own form), a baseline is accepted after its confirm, and nothing logs an error or a
// failed request. Screenshots of every page go to ./ui-screenshots (the CTest working
// directory); with SITEWATCH_UI_DOCS_DIR set, the curated set is copied there too.
//
// Environment: SITEWATCH_BINARY (required), CHROMIUM (default /usr/bin/chromium).
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const OVERALL_TIMEOUT_MS = 60000;
const TOKEN = 'ui-test-token-5f1c';
const started = Date.now();
const ACTOR = 'Dana Whitfield';

function fail(message) {
  console.error(`ui_test: FAIL: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

if (!existsSync(join(HERE, 'node_modules', 'playwright-core'))) {
  console.error('ui_test: FAIL: tests/ui/node_modules is missing. Run `npm ci --prefix tests/ui` ' +
    '(scripts/test.sh does) and try again.');
  process.exit(1);
}
const {chromium} = await import('playwright-core');

const binary = process.env.SITEWATCH_BINARY;
if (!binary || !existsSync(binary)) {
  console.error(`ui_test: FAIL: SITEWATCH_BINARY must name the sitewatch binary (got ${binary || 'nothing'})`);
  process.exit(1);
}
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`ui_test: FAIL: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM)`);
  process.exit(1);
}

const shotDir = join(process.cwd(), 'ui-screenshots');
mkdirSync(shotDir, {recursive: true});
const docsDir = process.env.SITEWATCH_UI_DOCS_DIR || '';
const work = mkdtempSync(join(tmpdir(), 'sitewatch-ui-'));

// Everything started here is stopped here, whatever happens.
const children = [];
let browser = null;
let sites = null;
function stopAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (sites) {
    sites.closeAllConnections();
    sites.close();
  }
  rmSync(work, {recursive: true, force: true});
}
process.on('exit', stopAll);
const watchdog = setTimeout(async () => {
  console.error(`ui_test: FAIL: not done within ${OVERALL_TIMEOUT_MS / 1000} s`);
  process.exitCode = 1;
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

// The monitored sites: a healthy page, and a shop that answers 503 until the test "fixes" it.
let shopBroken = true;
const PAGE = '<!doctype html><html lang="en"><head><title>Acme Widgets</title>' +
  '<meta name="description" content="Widgets since 1999"></head><body><header><nav><a href="/">Home</a> ' +
  '<a href="/about">About</a></nav></header><main><h1>Acme Widgets</h1><p>We make widgets for ' +
  'every purpose, from the small to the very large, delivered to your door.</p><p>Call us on ' +
  '0123 456 789 for a quote.</p></main><footer>Acme Widgets Ltd</footer></body></html>';
sites = http.createServer((req, res) => {
  if (req.url.startsWith('/shop') && shopBroken) {
    res.writeHead(503, {'Content-Type': 'text/html'});
    res.end('<!doctype html><html><head><title>Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>');
    return;
  }
  res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'});
  res.end(PAGE);
});
await new Promise((resolve) => sites.listen(0, '127.0.0.1', resolve));
const sitePort = sites.address().port;

writeFileSync(join(work, 'api-token'), `${TOKEN}\n`);
const configPath = join(work, 'sitewatch.yml');
writeFileSync(configPath, `server:
  listen: 127.0.0.1:0
  api_token_file: ${join(work, 'api-token')}
storage:
  sqlite: ${join(work, 'sitewatch.db')}
defaults:
  interval: 1s
  timeout: 2s
  confirm:
    failures: 2
    retry_after: 1s
  recover:
    successes: 50
clients:
  - name: acme
    maintenance:
      - every: sun
        at: "02:00"
        duration: 2h
        reason: weekly plugin updates
    sites:
      - name: acme-home
        url: http://127.0.0.1:${sitePort}/
      - name: acme-shop
        url: http://127.0.0.1:${sitePort}/shop
  - name: globex
    sites:
      - name: globex-www
        url: http://127.0.0.1:${sitePort}/globex
        maintenance:
          - start: "${new Date(Date.now() - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z')}"
            end: "${new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z')}"
            reason: server move
`);

const daemon = spawn(binary, ['run', '--config', configPath], {stdio: ['ignore', 'ignore', 'pipe'], cwd: work});
children.push(daemon);
let daemonLog = '';
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`sitewatch did not start listening:\n${daemonLog}`)), 15000);
  daemon.stderr.on('data', (chunk) => {
    daemonLog += chunk;
    const m = /on http:\/\/127\.0\.0\.1:(\d+)\//.exec(daemonLog);
    if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
  });
  daemon.on('exit', (code) => reject(new Error(`sitewatch exited (${code}):\n${daemonLog}`)));
});

async function api(path, init) {
  const res = await fetch(base + path, init);
  const text = await res.text();
  return {status: res.status, headers: res.headers, text, json: () => JSON.parse(text)};
}
async function until(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let failures = 0;
const checks = [];
function check(ok, what) {
  checks.push(what);
  if (ok) { console.log(`ok - ${what}`); return; }
  failures++;
  console.error(`not ok - ${what}`);
}

try {
  // The server side of the UI: headers a browser relies on.
  const index = await api('/');
  check(index.status === 200 && index.headers.get('content-type').startsWith('text/html'), 'GET / is the UI page');
  const csp = index.headers.get('content-security-policy') || '';
  check(csp.includes("script-src 'self'") && !csp.includes('unsafe-inline'), 'the UI has a strict Content-Security-Policy');
  check(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(index.text), 'index.html has no inline script');
  const js = await api('/ui/assets/app.js');
  check(js.status === 200 && js.headers.get('content-type').startsWith('text/javascript') && js.headers.get('etag'),
    'scripts are served as JavaScript with an ETag');
  const again = await api('/ui/assets/app.js', {headers: {'If-None-Match': js.headers.get('etag')}});
  check(again.status === 304, 'a known ETag is answered 304');
  // Every page the UI links to has its route in this build.
  check((await api('/status/acme')).status === 200, 'GET /status/acme is served');
  check((await api('/api/v1/sla?month=2026-01')).status === 200, 'GET /api/v1/sla is served');
  check((await api('/api/v1/maintenance')).status === 200, 'GET /api/v1/maintenance is served');

  const incident = await until('an open incident for acme-shop', async () => {
    const list = (await api('/api/v1/incidents?state=open')).json().incidents;
    return list.find((i) => i.site === 'acme-shop');
  });
  await until('three checks of every site (sparklines)', async () =>
    (await api('/api/v1/sites')).json().sites.every((s) => (s.recent_response_ms || []).length >= 3));

  browser = await chromium.launch({executablePath: chromiumPath, args: ['--no-sandbox'], headless: true});
  const context = await browser.newContext({viewport: {width: 1280, height: 900}, baseURL: base});
  const page = await context.newPage();
  page.setDefaultTimeout(10000);

  // Errors: anything on the console, uncaught exceptions, failed requests, and HTTP errors
  // other than the ones this run expects (the token's first 401, endpoints not in this build).
  const problems = [];
  const expected401 = new Set();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of (401|404)/.test(m.text())) return;
    problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;  // a navigation away, not a failure
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (r.status() < 400) return;
    if (r.status() === 401 && r.request().method() === 'POST' && !expected401.has(url.pathname)) {
      expected401.add(url.pathname);  // the first call without a token: the UI asks for it
      return;
    }
    problems.push(`HTTP ${r.status()} for ${r.request().method()} ${url.pathname}`);
  });
  const shot = (name, target = page) => target.screenshot({path: join(shotDir, `${name}.png`), ...(target === page ? {fullPage: true} : {})});

  // Fleet overview.
  await page.goto('/');
  await page.locator('tr[data-site="acme-shop"]').waitFor();
  check(await page.locator('tr[data-site]').count() === 3, 'the fleet lists every site');
  check(await page.locator('tr.group').count() === 2, 'the fleet groups sites by client');
  check(await page.locator('tr[data-site="acme-home"] svg.spark path.spark-line').count() === 1, 'a site has a response-time sparkline');
  check(/down/.test(await page.locator('tr[data-site="acme-shop"]').innerText()), 'the broken site shows as down');
  check(/1\s*open incidents/.test(await page.locator('.counts').innerText()), 'the counts show the open incident');
  check(await page.locator('tr[data-site="globex-www"] .badge-maintenance').count() === 1,
    'a site inside a maintenance window has the badge');
  await shot('fleet');
  await page.fill('#fleet-filter', 'globex');
  await page.waitForFunction(() => document.querySelectorAll('tr[data-site]').length === 1);
  check(await page.locator('tr[data-site="globex-www"]').count() === 1, 'the filter box narrows the fleet');
  await page.fill('#fleet-filter', '');
  await page.waitForFunction(() => document.querySelectorAll('tr[data-site]').length === 3);
  await page.setViewportSize({width: 390, height: 844});
  await shot('fleet-phone');
  await page.setViewportSize({width: 1280, height: 900});

  // Site page, through the link; the chart and the recent results.
  await page.click('tr[data-site="acme-shop"] a.site-name');
  await page.waitForURL('**/ui/sites/acme-shop');
  await page.locator('svg.chart path.chart-line').waitFor();
  check(await page.locator('#results-title + .table-wrap tbody tr').count() >= 2, 'the site page lists recent checks');
  await shot('site-down');

  // Incident list, then the incident through its link.
  await page.click('a[data-nav="incidents"]');
  await page.locator(`tr[data-incident="${incident.id}"]`).waitFor();
  await shot('incidents');
  await page.click(`tr[data-incident="${incident.id}"] a`);
  await page.waitForURL(`**/ui/incidents/${incident.id}`);
  await page.locator('#incident-state').getByText('open').waitFor();
  await shot('incident-open');

  // Acknowledge: the name, then the token when the API asks for it.
  await page.fill('#actor-name', ACTOR);
  await page.click('#ack-button');
  await page.locator('#token-input').waitFor();
  await shot('token-form', page.locator('dialog.modal'));
  await page.fill('#token-input', TOKEN);
  await page.click('dialog.modal button[type="submit"]');
  await page.locator('#incident-state').getByText('acknowledged').waitFor();
  let seen = (await api(`/api/v1/incidents/${incident.id}`)).json();
  check(seen.state === 'acknowledged' && seen.acknowledged_by === ACTOR, 'the click acknowledged the incident, by the name entered');

  await page.fill('#note-text', 'Shop host restarted PHP-FPM; watching.');
  await page.click('#note-button');
  await page.locator('#notes').getByText('Shop host restarted PHP-FPM').waitFor();
  seen = (await api(`/api/v1/incidents/${incident.id}`)).json();
  check(seen.notes.some((n) => n.by === ACTOR && n.text.includes('PHP-FPM')), 'the note is on the incident');

  shopBroken = false;  // fixed, then resolved by hand
  await page.fill('#resolve-note', 'PHP-FPM pool exhausted; raised pm.max_children.');
  await page.click('#resolve-button');
  await page.locator('#incident-state').getByText('resolved').waitFor();
  seen = (await api(`/api/v1/incidents/${incident.id}`)).json();
  check(seen.state === 'resolved' && seen.resolved_by === ACTOR, 'the click resolved the incident');

  // The report as the client reads it, in its sandboxed frame.
  await page.selectOption('#report-audience', 'client');
  const frameEl = page.locator('#report-frame');
  await frameEl.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('report-frame').src.includes('audience=client'));
  const reportFrame = await until('the report frame', async () =>
    page.frames().find((f) => f.url().includes('audience=client') && f.url().includes('format=html')), 8000);
  await reportFrame.waitForLoadState();
  const reportText = await reportFrame.locator('body').innerText();
  check(reportText.includes('acme') || reportText.includes('Acme'), 'the client report shows in the frame');
  check(await frameEl.getAttribute('sandbox') === '', 'the report frame is sandboxed');
  await shot('incident-resolved');
  await shot('incident-report', page.locator('#report-title').locator('xpath=..'));

  // The name is remembered; a deep link works on reload.
  await page.reload();
  await page.locator('#actor-name').waitFor();
  check(await page.inputValue('#actor-name') === ACTOR, 'the name is remembered');

  // Accept the healthy site's page as the baseline: confirm first (token already given).
  await page.goto('/ui/sites/acme-home');
  await page.locator('#accept-baseline').waitFor();
  await shot('site');
  await page.click('#accept-baseline');
  await page.locator('dialog.modal').getByText('Accept the current page?').waitFor();
  await shot('baseline-confirm', page.locator('dialog.modal'));
  await page.click('dialog.modal button[type="submit"]');
  await page.locator('#baseline-title').locator('xpath=..').getByText('accepted by a person').waitFor();
  const facts = (await api('/api/v1/sites/acme-home/baseline')).json();
  check(facts.baseline && facts.baseline.accepted === true, 'the confirmed click accepted the baseline');

  // SLA and maintenance: the figures, or a clear "not available".
  await page.click('a[data-nav="sla"]');
  await page.locator('table.sla').waitFor();
  const slaText = await page.locator('table.sla tbody').innerText();
  check(['acme', 'acme-home', 'acme-shop', 'globex'].every((n) => slaText.includes(n)) && /\d+\.\d{3} %/.test(slaText),
    'the SLA page has an uptime figure for every client and site');
  await shot('sla');
  await page.click('a[data-nav="maintenance"]');
  await page.locator('main .page-head h1').getByText('Maintenance windows').waitFor();
  await page.locator('main table').waitFor();
  check(await page.locator('main tbody tr').count() === 2 && /server move/.test(await page.locator('main tbody').innerText()),
    'the maintenance page lists both windows');
  await shot('maintenance');

  // The client's public status page: its sites as components, no internal words.
  await page.goto('/status/acme');
  await page.waitForLoadState('networkidle');
  await shot('status-page');
  const components = await page.locator('ul.components').innerText();
  check(components.includes('acme-home') && components.includes('acme-shop') && !components.includes('globex'),
    "the status page lists the client's sites and only those");
  check(!(await page.content()).includes('PHP-FPM'), 'the public status page shows no internal notes');

  check(problems.length === 0, `no console errors or failed requests${problems.length ? `:\n  ${problems.join('\n  ')}` : ''}`);
  await browser.close();
  browser = null;
} catch (err) {
  checks.push('the run ends without an exception');
  failures++;
  console.error(`ui_test: FAIL: ${err.stack || err}`);
  console.error(`sitewatch stderr (last 2000 characters):\n${daemonLog.slice(-2000)}`);
  if (browser) {
    for (const ctx of browser.contexts()) for (const p of ctx.pages())
      await p.screenshot({path: join(shotDir, 'failure.png'), fullPage: true}).catch(() => {});
    await browser.close().catch(() => {});
  }
}

daemon.kill('SIGTERM');
await new Promise((resolve) => {
  if (daemon.exitCode !== null) return resolve();
  const t = setTimeout(() => { daemon.kill('SIGKILL'); resolve(); }, 5000);
  daemon.on('exit', () => { clearTimeout(t); resolve(); });
});

const CURATED = ['fleet', 'fleet-phone', 'site', 'incident-resolved', 'incident-report', 'sla', 'maintenance', 'status-page'];
if (docsDir && failures === 0) {
  mkdirSync(docsDir, {recursive: true});
  for (const name of CURATED) {
    const from = join(shotDir, `${name}.png`);
    if (existsSync(from)) copyFileSync(from, join(docsDir, `${name}.png`));
  }
}
console.log(`# screenshots in ${shotDir}`);
console.log(`# ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`ui: ${checks.length - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);  // the 'exit' handler stops what is left
