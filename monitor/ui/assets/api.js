// The sitewatch API from the browser: JSON in and out, the API token asked for once when a
// mutating call answers 401 and kept for the session only (sessionStorage).
import {h} from './dom.js';
import {askForToken} from './dialogs.js';

const TOKEN_KEY = 'sitewatch.api_token';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function storedToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}

function storeToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
  } catch { /* storage disabled: the token is asked for again next time */ }
}

async function send(method, path, body) {
  const headers = {Accept: 'application/json'};
  const token = storedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin', cache: 'no-store'});
}

async function decode(res) {
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) throw new ApiError(res.status, (json && json.error) || `${res.status} ${res.statusText}`);
  return json;
}

export async function getJson(path) {
  return decode(await send('GET', path));
}

// A GET whose endpoint may not exist in this sitewatch: null on 404 instead of an error.
export async function getOptionalJson(path) {
  const res = await send('GET', path);
  if (res.status === 404) return null;
  return decode(res);
}

// A mutating call. On 401 the token form opens; with a token entered the call is repeated
// once. Cancelling the form rejects with the 401.
export async function postJson(path, body = {}) {
  let res = await send('POST', path, body);
  if (res.status === 401) {
    const hadToken = storedToken() !== '';
    const token = await askForToken(hadToken ? 'The API token was not accepted. Enter it again.'
      : 'This sitewatch needs its API token for changes.');
    if (!token) throw new ApiError(401, 'an API token is needed for this action');
    storeToken(token);
    res = await send('POST', path, body);
    if (res.status === 401) storeToken('');
  }
  return decode(res);
}

export function forgetToken() { storeToken(''); }
export function hasToken() { return storedToken() !== ''; }

// A message block for a failed load, with the API's own words.
export function errorBlock(err, what) {
  return h('div', {class: 'notice notice-error', role: 'alert'},
    h('strong', {}, `Could not load ${what}. `), err instanceof ApiError ? err.message : String(err));
}

export function path(strings, ...values) {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}
