// The example backend against the real mock: sign-in, minting, the refusals, and the
// Org-API-Key (or a member token) never in anything the backend sends to a browser or logs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SAMPLE_CREDENTIALS, startMock, type RunningMock } from '@expys/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExampleBackend, type BackendConfig, type RunningBackend, type TokenGrantSummary } from '../src/index.js';
import { logSink, startRecordingProxy, type RecordingProxy } from './support.js';

const ORG_API_KEY = SAMPLE_CREDENTIALS.fullAccessKey;
const MEMBER_TOKEN = /^mt_test_[A-Za-z0-9]{40}$/;
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

let mock: RunningMock;
/** The mock behind a recording proxy: what the backend asked Expys for, bodies included. */
let upstream: RecordingProxy;
let backend: RunningBackend;
let webRoot: string;
const mints: TokenGrantSummary[] = [];

const config = (overrides: Partial<BackendConfig> = {}): BackendConfig => ({
  orgApiKey: ORG_API_KEY,
  environment: 'sandbox',
  expysBaseUrl: upstream.url,
  webRoot,
  host: '127.0.0.1',
  port: 0,
  ...overrides,
});

interface CallInit extends RequestInit {
  cookie?: string;
  /** Collects the body and every header of the answer (for the boundary test). */
  into?: string[];
  on?: RunningBackend;
}

async function call(pathname: string, init: CallInit = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = await fetch(new URL(pathname, (init.on ?? backend).url), { ...init, headers });
  const text = await response.text();
  init.into?.push(text, ...[...response.headers].map(([name, value]) => `${name}: ${value}`));
  return { response, text, json: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

const post = (pathname: string, body: unknown, init: CallInit = {}) => call(pathname, { ...init, method: 'POST', body: JSON.stringify(body) });
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0]!;
const exchanges = () => upstream.requests.filter((r) => r.method === 'POST' && r.url === '/v1/auth/exchange');

async function signIn(userId: string, init: CallInit & { displayName?: string } = {}): Promise<string> {
  const { response } = await post('/api/session', { userId, ...(init.displayName ? { displayName: init.displayName } : {}) }, init);
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  return cookieOf(response);
}

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  upstream = await startRecordingProxy(mock.url);
  webRoot = mkdtempSync(path.join(tmpdir(), 'example-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'assets', 'app-1234.js'), 'console.log("app")');
  // This file signs in far more than 20 times a minute; the limit itself is tested on its own backend.
  backend = await startExampleBackend(config(), { onMint: (grant) => mints.push(grant), signInRateLimit: { max: 10_000 } });
});

afterAll(async () => {
  await backend?.stop();
  await upstream?.stop();
  await mock?.stop();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('who is signed in', () => {
  it('is the user who signed in, not the member Expys answered with', async () => {
    // The mock answers its example member user_123 (Ada Lovelace) for any id.
    const cookie = await signIn('alice');
    expect((await call('/api/session', { cookie })).json).toEqual({ externalUserID: 'alice', displayName: 'alice' });

    const before = exchanges().length;
    const { response, json } = await post('/api/expys-token', { externalUserID: 'alice' }, { cookie });
    expect(response.status).toBe(200);
    expect(json.externalUserID).toBe('alice');
    const sent = exchanges().slice(before);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ externalUserID: 'alice' });
    expect(mints.at(-1)).toEqual({ externalUserID: 'alice', expiresAt: json.expiresAt });
  });

  it('takes the display name from the member only when it is that user, else from the sign-in', async () => {
    expect((await call('/api/session', { cookie: await signIn('user_123', { displayName: 'Someone' }) })).json).toEqual({ externalUserID: 'user_123', displayName: 'Ada Lovelace' });
    expect((await call('/api/session', { cookie: await signIn('bob', { displayName: '  Bob B.  ' }) })).json).toEqual({ externalUserID: 'bob', displayName: 'Bob B.' });
  });

  it('refuses a user id Expys would refuse, before calling it', async () => {
    const before = upstream.requests.length;
    for (const userId of ['', 'has space', 'x'.repeat(129), 42]) {
      const { response, json } = await post('/api/session', { userId });
      expect(response.status, String(userId)).toBe(400);
      expect(json.error).toBe('invalid_user_id');
    }
    expect(upstream.requests.length).toBe(before);
  });

  it('ends the previous session of the cookie when someone signs in again', async () => {
    const alice = await signIn('alice');
    const bob = await signIn('bob', { cookie: alice });
    expect(bob).not.toBe(alice);
    expect((await call('/api/session', { cookie: alice })).response.status).toBe(401);
    expect((await call('/api/session', { cookie: bob })).json.externalUserID).toBe('bob');
  });

  it('sets the Secure flag on the cookie as configured', async () => {
    const secure = await startExampleBackend(config({ cookieSecure: true }));
    try {
      const { response } = await post('/api/session', { userId: 'alice' }, { on: secure });
      expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    } finally {
      await secure.stop();
    }
    // Loopback without COOKIE_SECURE: plain http on this machine, no Secure flag.
    expect((await post('/api/session', { userId: 'alice' })).response.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });
});

describe('POST /api/expys-token', () => {
  it('mints a member token for the member the app shows, and nothing else', async () => {
    const cookie = await signIn('user_123');
    const before = mints.length;
    const { response, json } = await post('/api/expys-token', { externalUserID: 'user_123' }, { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(json).sort()).toEqual(['expiresAt', 'externalUserID', 'token']);
    expect(json.token).toMatch(MEMBER_TOKEN);
    expect(json.externalUserID).toBe('user_123');
    expect(Number.isNaN(Date.parse(json.expiresAt))).toBe(false);
    expect(mints.slice(before)).toEqual([{ externalUserID: 'user_123', expiresAt: json.expiresAt }]);
  });

  it('answers 401 without a session, and after sign-out', async () => {
    const anonymous = await post('/api/expys-token', { externalUserID: 'alice' });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.json.error).toBe('signed_out');

    const cookie = await signIn('alice');
    expect((await call('/api/session', { method: 'DELETE', cookie })).response.status).toBe(204);
    expect((await post('/api/expys-token', { externalUserID: 'alice' }, { cookie })).response.status).toBe(401);
    expect((await call('/api/session', { cookie })).response.status).toBe(401);
  });

  it('answers 409 session_changed when another tab signed in as someone else, and mints nothing', async () => {
    // Two tabs share the cookie: the first shows alice, the second signs in as bob.
    const alice = await signIn('alice');
    const shared = await signIn('bob', { cookie: alice });
    const before = exchanges().length;
    const { response, json } = await post('/api/expys-token', { externalUserID: 'alice' }, { cookie: shared });
    expect(response.status).toBe(409);
    expect(json.error).toBe('session_changed');
    expect(json.message).toEqual(expect.any(String));
    expect(json.token).toBeUndefined();
    expect(exchanges().length).toBe(before);
  });

  it('answers 400 when the body is missing or invalid', async () => {
    const cookie = await signIn('alice');
    const before = exchanges().length;
    const bodies: (string | undefined)[] = [undefined, '{}', '{"externalUserID":42}', '{"externalUserID":"has space"}', '"alice"', 'null', '{not json'];
    for (const body of bodies) {
      const { response, json } = await call('/api/expys-token', { method: 'POST', cookie, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }) });
      expect(response.status, String(body)).toBe(400);
      expect(json.error, String(body)).toEqual(expect.any(String));
    }
    expect(exchanges().length).toBe(before);
  });
});

describe('routing and caching', () => {
  it('marks every API answer no-store, however its path is spelled', async () => {
    const cookie = await signIn('alice');
    for (const pathname of ['/api/expys-token', '/%61pi/expys-token', '/%61%70%69/expys-token']) {
      const { response, json } = await post(pathname, { externalUserID: 'alice' }, { cookie });
      expect(response.status, pathname).toBe(200);
      expect(json.token).toMatch(MEMBER_TOKEN);
      expect(response.headers.get('cache-control'), pathname).toBe('no-store');
    }
    for (const pathname of ['/api/session', '/%61pi/session', '/api/config']) {
      expect((await call(pathname, { cookie })).response.headers.get('cache-control'), pathname).toBe('no-store');
    }
    expect((await call('/api/session')).response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the app, and falls back to index.html only for page navigations', async () => {
    expect((await call('/', { headers: HTML })).text).toContain('<title>app</title>');
    expect((await call('/offers/deep/link', { headers: HTML })).text).toContain('<title>app</title>');
    expect((await call('/assets/app-1234.js')).text).toContain('console.log');
    // A file that is not there (an old build's asset) is a 404, not the app.
    for (const pathname of ['/assets/old-hash.js', '/favicon.ico']) {
      const { response, text } = await call(pathname, { headers: HTML });
      expect(response.status, pathname).toBe(404);
      expect(text).not.toContain('<title>app</title>');
    }
    // Not a page navigation: fetch() and scripts get a 404.
    expect((await call('/offers', { headers: { accept: 'application/json' } })).response.status).toBe(404);
    expect((await call('/offers', { method: 'POST', headers: HTML })).response.status).toBe(404);
  });

  it('answers 404 JSON for unknown API routes, however their path is spelled', async () => {
    for (const pathname of ['/api', '/api/', '/api/nope', '/%61pi/nope', '/%61pi']) {
      const { response, json } = await call(pathname, { headers: HTML });
      expect(response.status, pathname).toBe(404);
      expect(json?.error, pathname).toBe('not_found');
    }
  });

  it('tells the app where the Expys API is, without any credential', async () => {
    const { json } = await call('/api/config');
    expect(json).toEqual({ environment: 'sandbox', expysBaseUrl: upstream.url });
  });
});

describe('cross-origin requests', () => {
  const own = () => new URL(backend.url).origin;

  it('refuses state changes from another origin with 403 cross_origin, before acting', async () => {
    const cookie = await signIn('alice');
    const before = upstream.requests.length;
    const foreign: Record<string, string>[] = [
      { origin: 'http://127.0.0.1:4000' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: own(), 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const label = JSON.stringify(headers);
      const requests = [
        post('/api/session', { userId: 'mallory' }, { headers, cookie }),
        post('/api/expys-token', { externalUserID: 'alice' }, { headers, cookie }),
        call('/api/session', { method: 'DELETE', headers, cookie }),
      ];
      for (const { response, json } of await Promise.all(requests)) {
        expect(response.status, label).toBe(403);
        expect(json.error, label).toBe('cross_origin');
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    }
    expect(upstream.requests.length).toBe(before);
    expect((await call('/api/session', { cookie })).json.externalUserID).toBe('alice');
  });

  it('accepts the same origin, and requests without Origin (curl, server to server)', async () => {
    const headers = { origin: own(), 'sec-fetch-site': 'same-origin' };
    const cookie = await signIn('alice', { headers });
    expect((await post('/api/expys-token', { externalUserID: 'alice' }, { headers, cookie })).response.status).toBe(200);
    expect((await post('/api/expys-token', { externalUserID: 'alice' }, { cookie })).response.status).toBe(200);
    expect((await call('/api/session', { method: 'DELETE', headers, cookie })).response.status).toBe(204);
  });

  it('requires a JSON body on the POSTs: 415 otherwise', async () => {
    const cookie = await signIn('alice');
    const cases: [string, Record<string, string>, string | undefined][] = [
      ['/api/session', { 'content-type': 'text/plain' }, JSON.stringify({ userId: 'alice' })],
      ['/api/session', { 'content-type': 'application/x-www-form-urlencoded' }, 'userId=alice'],
      ['/api/expys-token', { 'content-type': 'text/plain' }, JSON.stringify({ externalUserID: 'alice' })],
      ['/api/expys-token', {}, undefined],
    ];
    for (const [pathname, headers, body] of cases) {
      const { response, json } = await call(pathname, { method: 'POST', cookie, headers, ...(body ? { body } : {}) });
      expect(response.status, `${pathname} ${JSON.stringify(headers)}`).toBe(415);
      expect(json.error).toBe('unsupported_media_type');
    }
    const charset = { 'content-type': 'application/json; charset=utf-8' };
    expect((await post('/api/expys-token', { externalUserID: 'alice' }, { cookie, headers: charset })).response.status).toBe(200);
  });
});

/** A raw HTTP request with a Host header of our choosing (fetch does not let a caller set it). */
function rawRequest(url: string, method: string, host: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, host } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('DNS rebinding', () => {
  it('answers only under its own names: a page re-pointed from another domain gets 421, even same-origin', async () => {
    const port = new URL(backend.url).port;
    const attacker = `attacker.example:${port}`;
    const before = exchanges().length;
    const signIn = await rawRequest(`${backend.url}/api/session`, 'POST', attacker, { 'content-type': 'application/json', origin: `http://${attacker}`, 'sec-fetch-site': 'same-origin' }, JSON.stringify({ userId: 'user_123' }));
    expect(signIn.status).toBe(421);
    expect(JSON.parse(signIn.text).error).toBe('unknown_host');
    for (const pathname of ['/api/config', '/api/session', '/']) expect((await rawRequest(`${backend.url}${pathname}`, 'GET', attacker)).status, pathname).toBe(421);
    expect(exchanges().length).toBe(before);
    // Its own names still work, whichever loopback name the browser used.
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await rawRequest(`${backend.url}/api/config`, 'GET', name)).status, name).toBe(200);
  });
});

describe('sign-in rate limit', () => {
  it('allows 20 sign-ins a minute per address, then answers 429; other routes are not limited', async () => {
    const limited = await startExampleBackend(config());
    try {
      // Invalid ids: counted like any sign-in, without calling Expys.
      for (let i = 0; i < 20; i++) expect((await post('/api/session', { userId: '' }, { on: limited })).response.status).toBe(400);
      const { response, json } = await post('/api/session', { userId: 'alice' }, { on: limited });
      expect(response.status).toBe(429);
      expect(json.error).toBe('rate_limited');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect((await call('/api/session', { on: limited })).response.status).toBe(401);
      expect((await post('/api/expys-token', { externalUserID: 'alice' }, { on: limited })).response.status).toBe(401);
    } finally {
      await limited.stop();
    }
  });
});

describe('when Expys fails', () => {
  it('answers 502 when Expys is unreachable', async () => {
    // A closed port: connections are refused at once.
    const down = await startExampleBackend(config({ expysBaseUrl: 'http://127.0.0.1:9', webRoot: undefined }));
    try {
      const { response, json } = await post('/api/session', { userId: 'user_123' }, { on: down });
      expect(response.status).toBe(502);
      expect(json.error).toBe('expys_unavailable');
    } finally {
      await down.stop();
    }
  });

  it('answers 502 without the detail of an Expys 4xx, and logs it without the key', async () => {
    const logs = logSink();
    const revoked = await startExampleBackend(config({ orgApiKey: SAMPLE_CREDENTIALS.revokedKey, expysBaseUrl: mock.url }), { logger: { stream: logs.stream } });
    try {
      const { response, json, text } = await post('/api/session', { userId: 'user_123' }, { on: revoked });
      expect(response.status).toBe(502);
      expect(json).toEqual({ error: 'expys_unavailable', message: expect.any(String) });
      // The mock's detail: "The Org-API-Key is unknown or has been revoked…".
      expect(text).not.toMatch(/revoked|invalid_api_key|Org-API-Key|req_/i);
    } finally {
      await revoked.stop();
    }
    const log = logs.lines.join('\n');
    expect(log).toContain('Expys API call failed');
    expect(log).toContain('invalid_api_key');
    expect(log).not.toContain(SAMPLE_CREDENTIALS.revokedKey);
    expect(log).not.toMatch(/expys_(test|live)_/);
  });
});

describe('the boundary', () => {
  it('never sends the Org-API-Key to the browser, and logs neither it nor a member token', async () => {
    const logs = logSink();
    const watched = await startExampleBackend(config(), { logger: { level: 'trace', stream: logs.stream } });
    const sent: string[] = [];
    const tokens: string[] = [];
    try {
      const on = { on: watched, into: sent };
      const signedIn = await post('/api/session', { userId: 'alice' }, on);
      const cookie = cookieOf(signedIn.response);
      for (let i = 0; i < 2; i++) tokens.push((await post('/api/expys-token', { externalUserID: 'alice' }, { ...on, cookie })).json.token);
      await call('/api/session', { ...on, cookie });
      await call('/api/config', on);
      await call('/', { ...on, headers: HTML });
      await call('/offers', { ...on, headers: HTML });
      await call('/api/nope', on);
      await post('/api/expys-token', { externalUserID: 'bob' }, { ...on, cookie });
      await post('/api/expys-token', { externalUserID: 'alice' }, { ...on, headers: { origin: 'http://127.0.0.1:4000' }, cookie });
      await call('/api/session', { ...on, method: 'DELETE', cookie });
      await post('/api/expys-token', { externalUserID: 'alice' }, { ...on, cookie });
    } finally {
      await watched.stop();
    }
    expect(tokens).toEqual([expect.stringMatching(MEMBER_TOKEN), expect.stringMatching(MEMBER_TOKEN)]);
    expect(sent.join('\n')).toContain(tokens[0]);
    expect(sent.join('\n')).not.toContain(ORG_API_KEY);
    expect(sent.join('\n')).not.toMatch(/expys_(test|live)_/);

    const log = logs.lines.join('\n');
    expect(log).toContain('/api/expys-token');
    expect(log).not.toContain(ORG_API_KEY);
    expect(log).not.toMatch(/expys_(test|live)_/);
    for (const token of tokens) expect(log).not.toContain(token);
    expect(log).not.toMatch(/mt_(test|live)_/);
  });
});
