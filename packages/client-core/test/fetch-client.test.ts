// The clients run on openapi-fetch (issue 23): every method call goes through one createClient
// and its middleware chain, and the same client is exposed as `fetchClient`. What a user's
// openapi-fetch middleware sees, what it may not do (put a credential anywhere but the
// Authorization the client set), and the answer's size cap, counted while it streams in.
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createGzip, gzipSync } from 'node:zlib';
import type { Middleware } from 'openapi-fetch';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CredentialError, DEFAULT_MAX_PAGES, DEFAULT_MAX_RESPONSE_BYTES, ExpysError, ResponseTooLargeError, type OperationClient } from '../src/index.js';
import { startApiServer } from './support/api-server.js';
import { environments, fakeClient, TOKEN } from './support/fake-api.js';

const KEY = `key_test_${'K'.repeat(32)}`;

const clientOf = (client: unknown) => client as OperationClient & Record<string, (...args: unknown[]) => Promise<unknown>>;

describe("openapi-fetch's middleware chain", () => {
  it('sees every request of the methods, with the credential and Expys-Client already set', async () => {
    const api = await startApiServer(() => ({ json: { id: 'a' } }));
    const client = clientOf(fakeClient(api.baseUrl));
    const seen: { url: string; authorization: string | null; client: string | null; schemaPath: string }[] = [];
    client.fetchClient.use({
      onRequest({ request, schemaPath }) {
        seen.push({ url: request.url, authorization: request.headers.get('authorization'), client: request.headers.get('expys-client'), schemaPath });
      },
    });
    await client.getThing('a');
    await client.createThing({ name: 'x' });
    expect(seen).toEqual([
      { url: `${api.baseUrl}/v1/things/a`, authorization: `Bearer ${TOKEN}`, client: '@expys/fake-client/1.2.3', schemaPath: '/v1/things/{thingId}' },
      { url: `${api.baseUrl}/v1/things`, authorization: `Bearer ${TOKEN}`, client: '@expys/fake-client/1.2.3', schemaPath: '/v1/things' },
    ]);
    expect(api.requests).toHaveLength(2);
  });

  it('sees each retry, and the answers on the way back', async () => {
    const api = await startApiServer((_r, i) => (i === 0 ? { status: 503, json: {} } : { json: { id: 'a' } }));
    const client = clientOf(fakeClient(api.baseUrl));
    const statuses: number[] = [];
    let requests = 0;
    client.fetchClient.use({ onRequest: () => void requests++, onResponse: ({ response }) => void statuses.push(response.status) });
    expect(await client.getThing('a')).toEqual({ id: 'a' });
    expect([requests, statuses]).toEqual([2, [503, 200]]);
  });

  it('may add headers of its own', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const client = clientOf(fakeClient(api.baseUrl));
    client.fetchClient.use({ onRequest: ({ request }) => void request.headers.set('x-trace', 'abc123') });
    await client.getThing('a');
    expect(api.requests[0].headers['x-trace']).toBe('abc123');
  });

  it.each<[string, Middleware]>([
    ['a header carrying a key', { onRequest: ({ request }) => void request.headers.set('x-api-key', KEY) }],
    ['a Bearer in another header', { onRequest: ({ request }) => void request.headers.set('x-forwarded-authorization', 'Bearer abc') }],
    ['the token in another header', { onRequest: ({ request }) => void request.headers.set('x-token', TOKEN) }],
    ['a key in the URL', { onRequest: ({ request }) => new Request(`${request.url}?key=${KEY}`, request) }],
    ['a percent-encoded key in the URL', { onRequest: ({ request }) => new Request(`${request.url}?key=${encodeURIComponent(KEY).replace(/_/g, '%5F')}`, request) }],
    ['another Authorization', { onRequest: ({ request }) => void request.headers.set('authorization', `Bearer ${KEY}`) }],
    ['no Authorization', { onRequest: ({ request }) => void request.headers.delete('authorization') }],
  ])('that puts %s on the request is refused before anything is sent', async (_, middleware) => {
    const api = await startApiServer(() => ({ json: {} }));
    const client = clientOf(fakeClient(api.baseUrl, { maxRetries: 3 }));
    client.fetchClient.use(middleware);
    const error = await client.getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).reason).toBe('credential_in_request');
    expect(JSON.stringify({ message: (error as Error).message })).not.toContain('K'.repeat(8));
    expect(api.requests).toHaveLength(0);
  });

  it('a custom fetch gets (url, init) for a method call, the Request for one a middleware built', async () => {
    const api = await startApiServer(() => ({ json: { id: 'a' } }));
    const inputs: string[] = [];
    const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
      inputs.push(input instanceof Request ? 'Request' : `${typeof input} ${init?.method}`);
      return fetch(input, init);
    }) as typeof fetch;
    const client = clientOf(fakeClient(api.baseUrl, { fetch: recording }));
    await client.getThing('a');
    client.fetchClient.use({ onRequest: ({ request }) => new Request(request.url, request) });
    await client.getThing('a');
    expect(inputs).toEqual(['string GET', 'Request']);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('can be ejected', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const client = clientOf(fakeClient(api.baseUrl));
    const bad: Middleware = { onRequest: ({ request }) => void request.headers.set('x-api-key', KEY) };
    client.fetchClient.use(bad);
    client.fetchClient.eject(bad);
    await client.getThing('a');
    expect(api.requests).toHaveLength(1);
  });
});

describe('fetchClient', () => {
  it('is the configured openapi-fetch client: the credential, Accept and Expys-Client set, the answer parsed', async () => {
    const api = await startApiServer(() => ({ json: { id: 'a' } }));
    const client = clientOf(fakeClient(api.baseUrl));
    const { data, error, response } = await client.fetchClient.GET('/v1/things/{thingId}', { params: { path: { thingId: 'a' } } });
    expect([data, error, response.status]).toEqual([{ id: 'a' }, undefined, 200]);
    expect(api.requests[0]).toMatchObject({ method: 'GET', url: '/v1/things/a' });
    expect(api.requests[0].headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'expys-client': '@expys/fake-client/1.2.3', accept: 'application/json, application/problem+json' });
    expect(Object.keys(client)).not.toContain('fetchClient');
  });

  it('sends an Idempotency-Key for an idempotent operation, and `request(method, …)` works too', async () => {
    const api = await startApiServer(() => ({ status: 201, json: { id: 'n' } }));
    const client = clientOf(fakeClient(api.baseUrl));
    await client.fetchClient.POST('/v1/things', { body: { name: 'x' } });
    await client.fetchClient.request('post', '/v1/oracle', { body: { q: 1 } });
    expect(api.requests[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(api.requests[1].headers['idempotency-key']).toBeUndefined();
    expect(api.requests[1].json).toEqual({ q: 1 });
  });

  it('refuses a key in a query parameter or a header, and a per-request fetch still goes through the guard', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const client = clientOf(fakeClient(api.baseUrl));
    let customCalls = 0;
    const custom = (async (request: Request) => {
      customCalls++;
      return fetch(request);
    }) as typeof fetch;
    const refusals = [
      await client.fetchClient.GET('/v1/things', { params: { query: { cursor: KEY } } }).catch((e: unknown) => e),
      await client.fetchClient.GET('/v1/things', { headers: { 'x-api-key': KEY } }).catch((e: unknown) => e),
      // The client owns Authorization: one the request brings is refused, not overwritten.
      await client.fetchClient.GET('/v1/things', { headers: { Authorization: `Bearer ${KEY}` } }).catch((e: unknown) => e),
      await client.fetchClient.GET('/v1/things', { params: { query: { cursor: KEY } }, fetch: custom }).catch((e: unknown) => e),
    ];
    for (const error of refusals) expect(error).toBeInstanceOf(CredentialError);
    expect([customCalls, api.requests.length]).toEqual([0, 0]);
    await client.fetchClient.GET('/v1/things', { fetch: custom });
    expect([customCalls, api.requests.length]).toEqual([1, 1]);
  });

  it("sends nothing but to the client's baseUrl: a per-request baseUrl or a middleware's other host is refused", async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const other = await startApiServer(() => ({ json: {} }));
    const client = clientOf(fakeClient(api.baseUrl));
    const perRequest = await client.fetchClient.GET('/v1/things', { baseUrl: other.baseUrl }).catch((e: unknown) => e);
    expect(perRequest).toMatchObject({ name: 'CredentialError', reason: 'credential_in_request' });
    client.fetchClient.use({ onRequest: ({ request }) => new Request(request.url.replace(api.baseUrl, other.baseUrl), request) });
    const moved = await client.getThing('a').catch((e: unknown) => e);
    expect(moved).toMatchObject({ name: 'CredentialError', reason: 'credential_in_request' });
    expect((moved as Error).message).toContain("not to the client's baseUrl");
    expect([api.requests.length, other.requests.length]).toEqual([0, 0]);
  });

  it('fires the hooks for its requests', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const events: string[] = [];
    const client = clientOf(fakeClient(api.baseUrl, { hooks: { onRequest: (e) => events.push(`request ${e.operationId} ${e.headers.authorization}`), onResponse: (e) => events.push(`response ${e.operationId} ${e.status}`) } }));
    await client.fetchClient.GET('/v1/things/{thingId}', { params: { path: { thingId: 'a' } } });
    expect(events).toEqual(['request getThing Bearer [redacted]', 'response getThing 200']);
  });

  it('after a 401 token_expired, the next request goes with a refreshed token', async () => {
    const api = await startApiServer((r) => (r.headers.authorization === 'Bearer old-token-000' ? { status: 401, json: { code: 'token_expired' } } : { json: { ok: true } }));
    let token = 'old-token-000';
    const client = clientOf(fakeClient(api.baseUrl, { credentials: { current: async () => token, refresh: async () => (token = 'new-token-000') } }));
    const first = await client.fetchClient.GET('/v1/things', {});
    expect(first.response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await client.fetchClient.GET('/v1/things', {});
    expect(second.data).toEqual({ ok: true });
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer old-token-000', 'Bearer new-token-000']);
  });
});

/** A server that streams `total` bytes of a JSON string (`{"data":"aaa…"}`), generated as it goes, counting what it wrote. */
async function streamingServer(total: number, { declareLength = false, gzip = false } = {}) {
  const written = { bytes: 0 };
  const server = createServer((_req, res) => {
    if (gzip) {
      const body = gzipSync(Buffer.from(`{"data":"${'a'.repeat(total - 11)}"}`));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
      written.bytes = body.length;
      return void res.end(body);
    }
    res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': total } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    res.write('{"data":"');
    written.bytes = 9;
    const pump = () => {
      while (written.bytes + chunk.length + 2 <= total) {
        written.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end(`${'a'.repeat(total - written.bytes - 2)}"}`);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, written };
}

describe('the answer size cap (maxResponseBytes)', () => {
  it('is 8 MiB by default', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(8 * 1024 * 1024);
  });

  it('cuts a streamed answer off past the default cap: ResponseTooLargeError, not retried, memory not growing with the answer', async () => {
    const api = await streamingServer(100 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const error = await clientOf(fakeClient(api.baseUrl)).getThing('a').catch((e: unknown) => e);
    const grew = process.memoryUsage().rss - before;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(ExpysError);
    expect(error).toMatchObject({ maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES });
    expect((error as Error).message).toContain('maxResponseBytes');
    // Reading stopped near the cap: the server could not write the 100 MB.
    expect(api.written.bytes).toBeLessThan(40 * 1024 * 1024);
    expect(grew).toBeLessThan(48 * 1024 * 1024);
  }, 30_000);

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const api = await streamingServer(2 * 1024 * 1024, { declareLength: true });
    const error = await clientOf(fakeClient(api.baseUrl, { maxResponseBytes: 1024 * 1024 })).getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).maxResponseBytes).toBe(1024 * 1024);
  });

  it('counts a compressed answer after decompression (a small gzip that inflates past the cap)', async () => {
    const api = await streamingServer(4 * 1024 * 1024, { gzip: true });
    expect(api.written.bytes === 0 || api.written.bytes < 1024 * 1024).toBe(true);
    const error = await clientOf(fakeClient(api.baseUrl, { maxResponseBytes: 1024 * 1024 })).getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  // Node 24.21's own fetch (undici 7.29) crashes the process on this case (nodejs/undici#5360):
  // the README tells Node users to pass undici ≥ 8's fetch, which this checks.
  it("aborts a gzip bomb on a connection the server closes, with undici 8's fetch: no crash, memory not growing", async () => {
    const { Agent, fetch: undiciFetch } = await import('undici');
    // Its own Agent: undici's global dispatcher is shared with Node's built-in fetch, whose
    // connection code has the bug (an earlier global fetch in the process would have set it).
    const agent = new Agent();
    onTestFinished(() => agent.close());
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => parts.push(chunk));
    const ended = new Promise((resolve) => gzip.on('end', resolve));
    const mib = Buffer.alloc(1024 * 1024, 'a');
    gzip.write('{"data":"');
    for (let i = 0; i < 200; i++) if (!gzip.write(mib)) await new Promise((resolve) => gzip.once('drain', resolve));
    gzip.end('"}');
    await ended;
    const bomb = Buffer.concat(parts);
    const server = createNetServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: ${bomb.length}\r\nconnection: close\r\n\r\n`), bomb])));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const before = process.memoryUsage().rss;
      let calls = 0;
      const counted = ((input: string, init: RequestInit) => (calls++, undiciFetch(input, { ...(init as object), dispatcher: agent }))) as unknown as typeof fetch;
      const client = clientOf(fakeClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { fetch: counted }));
      const error = await client.getThing('a').catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(calls).toBe(1);
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
      expect(uncaught.map((e) => String((e as Error).stack).slice(0, 300))).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('reads an answer under the cap, declared or streamed, and an error body too', async () => {
    for (const declareLength of [true, false]) {
      const api = await streamingServer(5000, { declareLength });
      const data = (await clientOf(fakeClient(api.baseUrl, { maxResponseBytes: 5000 })).getThing('a')) as { data: string };
      expect(data.data).toHaveLength(5000 - 11);
    }
    const api = await startApiServer(() => ({ status: 404, json: { code: 'not_found', detail: 'x'.repeat(3000) } }));
    const error = await clientOf(fakeClient(api.baseUrl, { maxResponseBytes: 1000 })).getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('holds for fetchClient too', async () => {
    const api = await streamingServer(3 * 1024 * 1024);
    const error = await clientOf(fakeClient(api.baseUrl, { maxResponseBytes: 1024 * 1024 })).fetchClient.GET('/v1/things/{thingId}', { params: { path: { thingId: 'a' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });
});

describe('the page cap', () => {
  const endless = (request: { query: URLSearchParams }) => {
    const n = Number(request.query.get('cursor') ?? 0);
    return { status: 200, json: { data: [{ id: `t${n}` }], nextCursor: String(n + 1), hasMore: true } };
  };

  it('is 1,000 pages by default', () => {
    expect(DEFAULT_MAX_PAGES).toBe(1000);
  });

  it('takes maxPages at initialize, a call overriding it; the error names the option', async () => {
    const api = await startApiServer(endless);
    const client = clientOf(fakeClient(api.baseUrl, { maxPages: 4 }));
    const count = async (options?: object) => {
      let items = 0;
      const error = await (async () => {
        for await (const _ of (client.listThings as (...a: unknown[]) => AsyncIterable<unknown>)(undefined, options)) items++;
      })().catch((e: unknown) => e);
      return { items, message: (error as Error).message };
    };
    expect(await count()).toEqual({ items: 4, message: expect.stringContaining('maxPages') });
    expect(await count({ maxPages: 2 })).toEqual({ items: 2, message: expect.stringContaining('after 2 page(s) (maxPages)') });
    expect(api.requests).toHaveLength(6);
  });
});

describe('environment and baseUrl', () => {
  const withEnvironment = (environment: 'sandbox' | 'production', baseUrl: string) =>
    fakeClient(baseUrl, { environments, environment, live: environment === 'production' });

  it.each([
    ['sandbox', 'https://example.invalid', 'production'],
    ['sandbox', 'https://example.invalid/v1/', 'production'],
    ['production', 'https://sandbox.example.invalid', 'sandbox'],
  ] as const)('refuses environment %s with %s (the %s server)', (environment, baseUrl, other) => {
    let error: unknown;
    try {
      withEnvironment(environment, baseUrl);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CredentialError);
    expect(error).toMatchObject({ reason: 'environment_mismatch' });
    expect((error as Error).message).toContain(`is the ${other} server, but environment is "${environment}"`);
  });

  it("takes each environment's own server, and any other host", () => {
    expect(() => withEnvironment('sandbox', 'https://sandbox.example.invalid')).not.toThrow();
    expect(() => withEnvironment('production', 'https://example.invalid')).not.toThrow();
    expect(() => withEnvironment('sandbox', 'http://127.0.0.1:4010')).not.toThrow();
  });

  it.each([
    ['a key in the path', `https://proxy.example/${KEY}`],
    ['a key in the query', `https://proxy.example/?k=${KEY}`],
    ['a key as a ;param', `https://proxy.example/api;k=${KEY}`],
    ['a user and password', 'https://user:pass@proxy.example'],
  ])('refuses a baseUrl with %s, naming baseUrl, not quoting the key', (_, baseUrl) => {
    let error: unknown;
    try {
      fakeClient(baseUrl);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'CredentialError', reason: 'credential_in_request' });
    expect((error as Error).message).toContain('baseUrl');
    expect((error as Error).message).not.toContain('K'.repeat(8));
  });
});
