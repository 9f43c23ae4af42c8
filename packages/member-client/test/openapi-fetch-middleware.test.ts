// Issue 23: the member client runs on openapi-fetch, and `client.fetchClient` is the configured
// openapi-fetch client. A middleware added with `client.fetchClient.use(...)` sees every request
// of the generated methods (with our auth already on it) and every response; what it changes is
// what is sent; each retry passes through it; what it puts in the request is still guarded.
import { readFileSync } from 'node:fs';
import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { CredentialError, ExpysError } from '../src/index.js';
import { startRecordingServer } from './recording-server.js';
import { memberClient, problem, SANDBOX_ORG_KEY, SANDBOX_TOKEN, SANDBOX_TOKEN_2, startApiServer } from './support.js';

interface Seen {
  phase: 'request' | 'response';
  method: string;
  path: string;
  authorization: string | null;
  idempotencyKey?: string | null;
  status?: number;
  body?: unknown;
}

/** A middleware that records what it sees. */
function watcher(seen: Seen[]): Middleware {
  return {
    onRequest({ request }) {
      seen.push({ phase: 'request', method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get('authorization'), idempotencyKey: request.headers.get('idempotency-key') });
    },
    async onResponse({ request, response }) {
      const body = await response.clone().json().catch(() => undefined);
      seen.push({ phase: 'response', method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get('authorization'), status: response.status, body });
    },
  };
}

describe('@expys/member-client on openapi-fetch', () => {
  it('depends on openapi-fetch', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.dependencies ?? {})).toContain('openapi-fetch');
  });

  it('exposes the configured openapi-fetch client as fetchClient', () => {
    const { fetchClient } = memberClient('http://127.0.0.1:9');
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'use', 'eject'] as const) expect(typeof fetchClient[method], method).toBe('function');
  });

  it('a middleware added with fetchClient.use sees the requests of the generated methods, with the member token, and their responses', async () => {
    const api = await startApiServer((r) => ({ json: r.method === 'POST' ? { id: 'red_1', status: 'pending' } : { balance: 7 } }));
    const client = memberClient(api.baseUrl);
    const seen: Seen[] = [];
    client.fetchClient.use(watcher(seen));
    await expect(client.getWallet()).resolves.toEqual({ balance: 7 });
    await client.createRedemption({ offerId: 'off_7Hq2LmN4pX9rT1vB' }, { idempotencyKey: 'order-42' });
    expect(seen).toEqual([
      { phase: 'request', method: 'GET', path: '/v1/wallet', authorization: `Bearer ${SANDBOX_TOKEN}`, idempotencyKey: null },
      { phase: 'response', method: 'GET', path: '/v1/wallet', authorization: `Bearer ${SANDBOX_TOKEN}`, status: 200, body: { balance: 7 } },
      { phase: 'request', method: 'POST', path: '/v1/redemptions', authorization: `Bearer ${SANDBOX_TOKEN}`, idempotencyKey: 'order-42' },
      { phase: 'response', method: 'POST', path: '/v1/redemptions', authorization: `Bearer ${SANDBOX_TOKEN}`, status: 200, body: { id: 'red_1', status: 'pending' } },
    ]);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${SANDBOX_TOKEN}`, `Bearer ${SANDBOX_TOKEN}`]);
  });

  it('what a middleware changes is what is sent, and eject removes it', async () => {
    const api = await startApiServer(() => ({ json: { balance: 1 } }));
    const client = memberClient(api.baseUrl);
    const tracing: Middleware = {
      onRequest({ request }) {
        request.headers.set('x-trace-id', 'trace-123');
        return request;
      },
    };
    client.fetchClient.use(tracing);
    await client.getWallet();
    client.fetchClient.eject(tracing);
    await client.getWallet();
    expect(api.requests.map((r) => r.headers['x-trace-id'])).toEqual(['trace-123', undefined]);
  });

  it('fetchClient.GET carries our auth too, through the same chain', async () => {
    const api = await startApiServer(() => ({ json: { balance: 3 } }));
    const client = memberClient(api.baseUrl);
    const seen: Seen[] = [];
    client.fetchClient.use(watcher(seen));
    const { data, response } = await client.fetchClient.GET('/v1/wallet');
    expect(response.status).toBe(200);
    expect(data).toEqual({ balance: 3 });
    expect(seen.map((s) => [s.phase, s.authorization])).toEqual([
      ['request', `Bearer ${SANDBOX_TOKEN}`],
      ['response', `Bearer ${SANDBOX_TOKEN}`],
    ]);
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${SANDBOX_TOKEN}`);
  });

  it('each retry and the token refresh pass through the chain', async () => {
    const api = await startApiServer((_, i) => [problem(503, 'unavailable'), problem(401, 'token_expired'), { json: { balance: 2 } }][i]);
    const tokens = [SANDBOX_TOKEN, SANDBOX_TOKEN_2];
    const client = memberClient(api.baseUrl, { token: async () => tokens.shift()!, maxRetries: 2 });
    const seen: Seen[] = [];
    client.fetchClient.use(watcher(seen));
    await expect(client.getWallet()).resolves.toEqual({ balance: 2 });
    expect(seen.filter((s) => s.phase === 'request').map((s) => s.authorization)).toEqual([`Bearer ${SANDBOX_TOKEN}`, `Bearer ${SANDBOX_TOKEN}`, `Bearer ${SANDBOX_TOKEN_2}`]);
    expect(seen.filter((s) => s.phase === 'response').map((s) => s.status)).toEqual([503, 401, 200]);
  });

  it.each([
    ['as the Authorization header', (request: Request) => request.headers.set('authorization', `Bearer ${SANDBOX_ORG_KEY}`)],
    ['in another header', (request: Request) => request.headers.set('x-forwarded-key', SANDBOX_ORG_KEY)],
  ])('a backend secret a middleware puts %s is refused, sending nothing', async (_, put) => {
    const api = await startApiServer(() => ({ json: {} }));
    const client = memberClient(api.baseUrl);
    client.fetchClient.use({
      onRequest({ request }) {
        put(request);
        return request;
      },
    });
    const error = await client.getWallet().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(api.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(ExpysError);
    expect(error).toBeInstanceOf(CredentialError);
    expect(String((error as Error).message)).not.toContain(SANDBOX_ORG_KEY.slice(11));
  });
});

describe('calls made on fetchClient itself pass the same guards', () => {
  // What openapi-fetch (and openapi-react-query on top of it) lets a caller pass per call.
  const CASES: [string, (c: ReturnType<typeof memberClient>) => Promise<unknown>][] = [
    ['an Authorization header', (c) => c.fetchClient.GET('/v1/wallet', { headers: { Authorization: `Bearer ${SANDBOX_ORG_KEY}` } })],
    ['another header', (c) => c.fetchClient.GET('/v1/wallet', { headers: { 'X-Trace': SANDBOX_ORG_KEY } })],
    ['a query parameter', (c) => c.fetchClient.GET('/v1/offers', { params: { query: { cursor: SANDBOX_ORG_KEY } } })],
    ['a path parameter', (c) => c.fetchClient.GET('/v1/offers/{offerId}', { params: { path: { offerId: SANDBOX_ORG_KEY } } })],
    ['the baseUrl of the call', (c) => c.fetchClient.GET('/v1/wallet', { baseUrl: `http://127.0.0.1:9/${SANDBOX_ORG_KEY}` })],
  ];

  it.each(CASES)('an Org-API-Key as %s is refused before a byte is sent', async (_, call) => {
    const api = await startRecordingServer();
    const error = await call(memberClient(api.baseUrl, { maxRetries: 0 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    const wire = api.received().toString('latin1');
    expect(wire.includes(SANDBOX_ORG_KEY.slice(11)), 'the key reached the server').toBe(false);
    expect(api.connections(), 'a request was sent').toBe(0);
    expect(error).toBeInstanceOf(CredentialError);
    expect(String((error as Error).message)).not.toContain(SANDBOX_ORG_KEY.slice(11));
  });
});
