// The lean entry, @expys/member-client/operations: `createMemberClient` once, one function per
// operation. Its guards are always on, in development builds (the sources, as vitest runs them)
// and in an app's production build (dist/ bundled by esbuild with NODE_ENV=production, where the
// per-place checks are left out and the last guard before fetch refuses alone): a backend secret
// put anywhere on the way to the URL or a header reaches a recording server with no byte of it.
// Its calls go through openapi-fetch's middleware chain; retries and pagination are opt-in.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { build } from 'esbuild';
import type { Middleware } from 'openapi-fetch';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExpysError, initialize, NotFoundError, ResponseTooLargeError, ServerError, TimeoutError, AbortError, CredentialError } from '../src/index.js';
import * as devEntry from '../src/operations.js';
import { permissiveFetch } from './permissive-fetch.js';
import { answerJson, startRecordingServer, streamJson, wireText, type RecordingServer } from './recording-server.js';
import { exampleOperations, exampleServer } from './spec-examples.js';
import { bodyOf, LIVE_TOKEN, problem, SANDBOX_ORG_KEY, SANDBOX_TOKEN, SANDBOX_TOKEN_2, SECRETS, startApiServer } from './support.js';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Entry = typeof devEntry & { ExpysError: typeof ExpysError };
type Options = Partial<devEntry.CreateMemberClientOptions>;

/** dist/ as an app's production build bundles it (NODE_ENV=production), loaded as a module. */
async function productionEntry(): Promise<Entry> {
  const result = await build({
    stdin: { contents: 'export * from "@expys/member-client/operations"; export { ExpysError } from "@expys/member-client";', resolveDir: PACKAGE, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'member-client-dist',
        setup(on) {
          on.onResolve({ filter: /^@expys\/member-client(\/operations)?$/ }, ({ path: name }) => ({
            path: path.join(PACKAGE, name.endsWith('/operations') ? 'dist/operations.js' : 'dist/index.js'),
          }));
        },
      },
    ],
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  // What the test relies on: a production build, with no long message and no per-place check left.
  expect(text).not.toContain('process.env');
  expect(text).not.toContain('carries a credential');
  return (await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`)) as Entry;
}

const BUILDS: Record<'development' | 'production', Entry | undefined> = { development: { ...devEntry, ExpysError }, production: undefined };
beforeAll(async () => {
  BUILDS.production = await productionEntry();
}, 60_000);




/** Runs `call`, which may throw at once (createMemberClient) or reject: the error. */
async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

const outputsOf = (error: unknown) => [String(error), (error as Error)?.stack, inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error)].join('\n');

const answering = () =>
  startRecordingServer((request, socket) => {
    const isList = /^\/v1\/(offers|redemptions)(\?|$)/.test(request.target);
    answerJson(socket, isList ? { data: [], nextCursor: null, hasMore: false } : { id: 'red_1', status: 'pending' });
  });

type Put = (lean: Entry, secret: string, api: RecordingServer, options: Options) => unknown;
const make = (lean: Entry, options: Options) => lean.createMemberClient({ environment: 'sandbox', token: SANDBOX_TOKEN, ...options });
const OFFER = 'off_7Hq2LmN4pX9rT1vB';

// Every place a secret can be put on the way to the URL or a header; the word a development build's refusal uses.
const PLACES: [string, Put, RegExp][] = [
  ['in the baseUrl path', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: `${api.baseUrl}/${s}` })), /baseUrl/],
  ['in the baseUrl path, within a segment', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: `${api.baseUrl}/proxy-${s}/x` })), /baseUrl/],
  ['in the baseUrl ?query', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: `${api.baseUrl}/?key=${s}` })), /baseUrl/],
  ['in the baseUrl ;param', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: `${api.baseUrl}/api;key=${s}` })), /baseUrl/],
  ['in the baseUrl as user:pass@ (password)', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: `http://user:${s}@127.0.0.1:${api.port}` })), /baseUrl/],
  ['in the baseUrl as user:pass@ (user)', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: `http://${s}:x@127.0.0.1:${api.port}` })), /baseUrl/],
  ['in the baseUrl as user@', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: `http://${s}@127.0.0.1:${api.port}` })), /baseUrl/],
  ['as a query parameter value', (l, s, api, o) => l.listOffers(make(l, { ...o, baseUrl: api.baseUrl }), { cursor: s }), /cursor|query/],
  ['within a query parameter value', (l, s, api, o) => l.listOffers(make(l, { ...o, baseUrl: api.baseUrl }), { cursor: `c:${s}` }), /cursor|query/],
  ['as a path parameter value', (l, s, api, o) => l.getOffer(make(l, { ...o, baseUrl: api.baseUrl }), s), /offerId|path/],
  ['within a path parameter value', (l, s, api, o) => l.getOffer(make(l, { ...o, baseUrl: api.baseUrl }), `off_${s}`), /offerId|path/],
  ['as the idempotencyKey', (l, s, api, o) => l.createRedemption(make(l, { ...o, baseUrl: api.baseUrl }), { offerId: OFFER }, { idempotencyKey: s }), /idempotencyKey|Idempotency-Key/],
  ['within the idempotencyKey', (l, s, api, o) => l.createRedemption(make(l, { ...o, baseUrl: api.baseUrl }), { offerId: OFFER }, { idempotencyKey: `order-${s}` }), /idempotencyKey|Idempotency-Key/],
  ['in a header of createMemberClient', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: api.baseUrl, headers: { 'X-Trace': s } })), /header|X-Trace/i],
  ['in a header of the call', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: api.baseUrl }), { headers: { 'X-Trace': s } }), /header|X-Trace/i],
  ['as a Bearer header of the call', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: api.baseUrl }), { headers: { 'X-Forwarded-Authorization': `Bearer ${s}` } }), /header|Authorization/i],
  ['as the token', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: api.baseUrl, token: s })), /Org-API-Key|API key|App Secret|member token/],
  ['as what the token provider gives', (l, s, api, o) => l.getWallet(make(l, { ...o, baseUrl: api.baseUrl, token: async () => s })), /Org-API-Key|API key|App Secret|member token/],
];

describe.each(['development', 'production'] as const)('the lean entry, %s build', (mode) => {
  describe.each(SECRETS)('%s', (_, secret) => {
    describe.each([
      ["Node's fetch", undefined],
      ['a permissive fetch on node:http', permissiveFetch],
    ] as const)('with %s', (_, fetchImpl) => {
      it.each(PLACES)('%s: the server receives no byte of it, and the call is refused', async (_, put, place) => {
        const lean = BUILDS[mode]!;
        const api = await answering();
        const error = await failureOf(() => put(lean, secret, api, fetchImpl ? { fetch: fetchImpl } : {}));
        const wire = wireText(api);
        expect(wire.includes(secret), 'the whole secret reached the server').toBe(false);
        expect(wire.includes(bodyOf(secret)), "the secret's body reached the server").toBe(false);
        expect(error, 'the call went through').toBeInstanceOf(lean.ExpysError);
        const text = outputsOf(error);
        expect(text.includes(secret) || text.includes(bodyOf(secret)), 'the error shows the secret').toBe(false);
        expect(['CredentialError', 'ExpysConfigError']).toContain((error as Error).name);
        // Development builds name the place; production builds give the short code.
        if (mode === 'development') expect((error as Error).message).toMatch(place);
        else expect((error as Error).message).toMatch(/^Expys E\d\d: see "Error codes"/);
      });
    });
  });

  it('sends nothing at all to a baseUrl of the other environment, both ways', async () => {
    const lean = BUILDS[mode]!;
    const sent: string[] = [];
    const fake = (async (input: Request) => (sent.push(input.url), new Response('{}'))) as typeof fetch;
    for (const [environment, baseUrl, token] of [
      ['sandbox', 'https://api.expys.com', SANDBOX_TOKEN],
      ['production', 'https://sandbox.api.expys.com', LIVE_TOKEN],
    ] as const) {
      const error = await failureOf(() => lean.getWallet(lean.createMemberClient({ environment, baseUrl, token, fetch: fake })));
      expect(error).toMatchObject({ name: 'CredentialError', reason: 'environment_mismatch' });
    }
    // A live member token with the sandbox, and a sandbox one with production: refused too.
    for (const [environment, token] of [['sandbox', LIVE_TOKEN], ['production', SANDBOX_TOKEN]] as const) {
      expect(await failureOf(() => lean.createMemberClient({ environment, token, fetch: fake }))).toMatchObject({ name: 'CredentialError', reason: 'environment_mismatch' });
    }
    expect(sent).toEqual([]);
  });

  it('refuses a backend secret as the token with its reason, at once', () => {
    const lean = BUILDS[mode]!;
    for (const [, secret] of SECRETS) {
      expect(() => lean.createMemberClient({ environment: 'sandbox', token: secret })).toThrow(expect.objectContaining({ name: 'CredentialError', reason: 'wrong_credential' }));
    }
    expect(() => lean.createMemberClient({ environment: 'sandbox', token: 'mt_test_short' })).toThrow(expect.objectContaining({ reason: 'malformed_credential' }));
    expect(() => lean.createMemberClient({ environment: 'sandbox', token: '' })).toThrow(expect.objectContaining({ reason: 'missing_credential' }));
  });

  it('caps the answer: over maxResponseBytes (declared or counted while streaming) is a ResponseTooLargeError; under it is read', async () => {
    const lean = BUILDS[mode]!;
    const api = await startRecordingServer((request, socket) => void streamJson(socket, [2000, 2000, 500][request.index], { declareLength: request.index === 0 }));
    const client = make(lean, { baseUrl: api.baseUrl, maxResponseBytes: 1000 });
    for (let i = 0; i < 2; i++) {
      const error = await failureOf(() => lean.getWallet(client));
      expect(error).toMatchObject({ name: 'ResponseTooLargeError', maxResponseBytes: 1000 });
    }
    await expect(lean.getWallet(client)).resolves.toMatchObject({ data: expect.stringMatching(/^a+$/) });
  });

  it('keeps a deadline by default: a server that never answers fails the call with a TimeoutError', async () => {
    const lean = BUILDS[mode]!;
    const api = await startRecordingServer(() => undefined); // never answers
    const started = Date.now();
    const error = await failureOf(() => lean.getWallet(make(lean, { baseUrl: api.baseUrl, timeout: 100 })));
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5000);
    // Per call too, and the caller's signal.
    const controller = new AbortController();
    const pending = failureOf(() => lean.getWallet(make(lean, { baseUrl: api.baseUrl }), { signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    expect(await failureOf(() => lean.getWallet(make(lean, { baseUrl: api.baseUrl }), { timeout: 50 }))).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('the lean entry on openapi-fetch', () => {
  const { createMemberClient, getWallet, createRedemption, getOffer, listOffers, paginate, retries, concierge } = devEntry;
  const client = (options: Options = {}) => createMemberClient({ environment: 'sandbox', token: SANDBOX_TOKEN, ...options });

  it('a middleware added with fetchClient.use sees each call, with the member token already set, and its answer', async () => {
    const api = await startApiServer((r) => ({ json: r.method === 'POST' ? { id: 'red_1', status: 'pending' } : { balance: 7 } }));
    const expys = client({ baseUrl: api.baseUrl });
    const seen: string[] = [];
    expys.fetchClient.use({
      onRequest: ({ request }) => void seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('authorization')} ${request.headers.get('idempotency-key')}`),
      onResponse: ({ response }) => void seen.push(`answer ${response.status}`),
    });
    await expect(getWallet(expys)).resolves.toEqual({ balance: 7 });
    await createRedemption(expys, { offerId: OFFER }, { idempotencyKey: 'order-42' });
    expect(seen).toEqual([`GET /v1/wallet Bearer ${SANDBOX_TOKEN} null`, 'answer 200', `POST /v1/redemptions Bearer ${SANDBOX_TOKEN} order-42`, 'answer 200']);
    expect(api.requests.map((r) => [r.headers.authorization, r.headers['expys-client']])).toEqual([
      [`Bearer ${SANDBOX_TOKEN}`, '@expys/member-client/1.0.0'],
      [`Bearer ${SANDBOX_TOKEN}`, '@expys/member-client/1.0.0'],
    ]);
  });

  it('sends a generated Idempotency-Key on idempotent operations, none on others', async () => {
    const api = await startApiServer(() => ({ json: { id: 'red_1' } }));
    const expys = client({ baseUrl: api.baseUrl });
    await createRedemption(expys, { offerId: OFFER });
    await concierge(expys, { message: 'hi' } as never);
    expect(api.requests[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(api.requests[1].headers['idempotency-key']).toBeUndefined();
  });

  it('the last guard refuses what a middleware does: another origin, a secret header, a changed Authorization', async () => {
    const api = await answering();
    const elsewhere = await answering();
    const cases: [Middleware, RegExp][] = [
      [{ onRequest: ({ request }) => new Request(request.url.replace(api.baseUrl, elsewhere.baseUrl), request) }, /baseUrl/],
      [{ onRequest: ({ request }) => void request.headers.set('x-debug', SANDBOX_ORG_KEY) }, /header/],
      [{ onRequest: ({ request }) => void request.headers.set('authorization', `Bearer ${SANDBOX_TOKEN_2}`) }, /Authorization/],
    ];
    for (const [middleware, place] of cases) {
      const expys = client({ baseUrl: api.baseUrl });
      expys.fetchClient.use(middleware);
      const error = await failureOf(() => getWallet(expys));
      expect(error).toBeInstanceOf(CredentialError);
      expect((error as Error).message).toMatch(place);
    }
    expect(api.connections() + elsewhere.connections()).toBe(0);
  });

  it('fetchClient requests carry the member token through the guards; their own Authorization or fetch is refused', async () => {
    const api = await startApiServer(() => ({ json: { balance: 3 } }));
    const expys = client({ baseUrl: api.baseUrl });
    const { data } = await expys.fetchClient.GET('/v1/wallet');
    expect(data).toEqual({ balance: 3 });
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${SANDBOX_TOKEN}`);
    await expect(expys.fetchClient.GET('/v1/wallet', { headers: { Authorization: `Bearer ${SANDBOX_ORG_KEY}` } })).rejects.toBeInstanceOf(CredentialError);
    await expect(expys.fetchClient.GET('/v1/wallet', { fetch: globalThis.fetch })).rejects.toBeInstanceOf(CredentialError);
    await expect(expys.fetchClient.GET('/v1/wallet', { params: { query: { key: SANDBOX_ORG_KEY } } } as never)).rejects.toBeInstanceOf(CredentialError);
    expect(api.requests).toHaveLength(1);
  });

  it('rejects with the same typed errors as initialize, their text redacted', async () => {
    const api = await startApiServer(() => problem(404, 'not_found', `no offer for token ${bodyOf(SANDBOX_TOKEN)}`));
    const error = await failureOf(() => getOffer(client({ baseUrl: api.baseUrl }), 'off_missing'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
    expect(outputsOf(error)).not.toContain(bodyOf(SANDBOX_TOKEN));
  });

  it("keeps a token provider's own error text out of the error, and sends nothing", async () => {
    const api = await answering();
    const error = await failureOf(() =>
      getWallet(
        client({
          baseUrl: api.baseUrl,
          token: async () => {
            throw new Error(`vault: could not exchange ${SANDBOX_ORG_KEY}`);
          },
        }),
      ),
    );
    expect(error).toMatchObject({ name: 'CredentialError', reason: 'credential_provider_failed' });
    expect(outputsOf(error)).not.toContain(bodyOf(SANDBOX_ORG_KEY));
    expect(api.connections()).toBe(0);
  });

  it('on 401 token_expired asks the token provider once for a new token and sends the call again, once', async () => {
    const api = await startApiServer((r, i) => (i === 0 ? problem(401, 'token_expired') : { json: { balance: 1 } }));
    const tokens = [SANDBOX_TOKEN, SANDBOX_TOKEN_2];
    let asked = 0;
    await expect(getWallet(client({ baseUrl: api.baseUrl, token: async () => tokens[asked++] }))).resolves.toEqual({ balance: 1 });
    expect(asked).toBe(2);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${SANDBOX_TOKEN}`, `Bearer ${SANDBOX_TOKEN_2}`]);
  });

  it('does not retry by default; retry: retries() is the opt-in policy (what is safe to repeat, with backoff)', async () => {
    const failing = () => startApiServer((r, i) => (i < 2 ? problem(503, 'unavailable') : { json: { balance: 2, id: 'x' } }));
    let api = await failing();
    await expect(getWallet(client({ baseUrl: api.baseUrl }))).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(1);
    api = await failing();
    const retrying = client({ baseUrl: api.baseUrl, retry: retries({ initialDelayMs: 1, maxDelayMs: 2 }) });
    await expect(getWallet(retrying)).resolves.toEqual({ balance: 2, id: 'x' });
    expect(api.requests).toHaveLength(3);
    // An idempotent POST is retried with the same key; a POST without one is not retried.
    api = await failing();
    await createRedemption(client({ baseUrl: api.baseUrl, retry: retries({ initialDelayMs: 1 }) }), { offerId: OFFER });
    expect(new Set(api.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    api = await failing();
    await expect(concierge(client({ baseUrl: api.baseUrl, retry: retries({ initialDelayMs: 1 }) }), { message: 'hi' } as never)).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(1);
    // Per call: { maxRetries: 0 }.
    api = await failing();
    await expect(getWallet(client({ baseUrl: api.baseUrl, retry: retries({ initialDelayMs: 1 }) }), { maxRetries: 0 })).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(1);
  });

  it('paginate() follows nextCursor, and stops at maxPages with an error naming it', async () => {
    const api = await startApiServer((r, i) => ({ json: { data: [{ id: `off_${i}` }], nextCursor: `c${i + 1}`, hasMore: i < 2 } }));
    const ids: string[] = [];
    for await (const offer of paginate(listOffers, client({ baseUrl: api.baseUrl }), { limit: 1 })) ids.push(offer.id);
    expect(ids).toEqual(['off_0', 'off_1', 'off_2']);
    expect(api.requests.map((r) => r.query.get('cursor'))).toEqual([null, 'c1', 'c2']);
    const endless = await startApiServer((r, i) => ({ json: { data: [{ id: `off_${i}` }], nextCursor: `c${i + 1}`, hasMore: true } }));
    const error = await failureOf(async () => {
      for await (const _ of paginate(listOffers, client({ baseUrl: endless.baseUrl }), {}, { maxPages: 3 }));
    });
    expect((error as Error).message).toContain('maxPages');
    expect(endless.requests).toHaveLength(3);
  });

  it('refuses the client of initialize (in development builds, with a message that says which client)', async () => {
    const full = initialize({ environment: 'sandbox', token: SANDBOX_TOKEN, baseUrl: 'http://127.0.0.1:9' });
    const error = await failureOf(() => getWallet(full as never));
    expect(error).toBeInstanceOf(ExpysError);
    expect((error as Error).message).toMatch(/createMemberClient/);
  });

  it('the errors are the package classes (instanceof works across both entries)', async () => {
    const api = await startRecordingServer(() => undefined);
    expect(await failureOf(() => getWallet(client({ baseUrl: api.baseUrl, timeout: 20 })))).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    controller.abort();
    expect(await failureOf(() => getWallet(client({ baseUrl: api.baseUrl }), { signal: controller.signal }))).toBeInstanceOf(AbortError);
    const big = await startRecordingServer((_, socket) => void streamJson(socket, 5000));
    expect(await failureOf(() => getWallet(client({ baseUrl: big.baseUrl, maxResponseBytes: 100 })))).toBeInstanceOf(ResponseTooLargeError);
  });
});

describe('every member operation as a function, called with its spec examples', () => {
  const bundle = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/member.json'), 'utf8'));
  const operations = exampleOperations(bundle);
  const functions = devEntry as unknown as Record<string, (client: unknown, ...args: unknown[]) => Promise<unknown>>;

  it('has one function per operation of the bundle', () => {
    expect(operations.map((op) => op.operationId).filter((id) => typeof functions[id] !== 'function')).toEqual([]);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))('%s: sends the documented request and resolves to the documented answer', async (operationId, op) => {
    const api = await startApiServer(exampleServer(operations));
    const expys = devEntry.createMemberClient({ environment: 'sandbox', token: SANDBOX_TOKEN, baseUrl: api.baseUrl });
    expect(await functions[operationId](expys, ...op.args)).toEqual(op.successStatus === 204 ? undefined : op.first);
    const [request] = api.requests;
    expect(request.method).toBe(op.method);
    const segments = op.template.split('/');
    const sent = request.pathname.split('/');
    let p = 0;
    segments.forEach((segment, i) => expect(sent[i]).toBe(/^\{.+\}$/.test(segment) ? encodeURIComponent(String(op.args[p++])) : segment));
    expect(request.headers.authorization).toBe(`Bearer ${SANDBOX_TOKEN}`);
  });
});
