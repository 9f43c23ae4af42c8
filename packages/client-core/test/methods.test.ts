// How positional arguments become a request: `(...path params, body | query, options?)`.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ExpysConfigError } from '../src/index.js';
import { startApiServer } from './support/api-server.js';
import { fakeClient, TOKEN } from './support/fake-api.js';

describe('arguments to request', () => {
  it('fills path parameters in template order and encodes them', async () => {
    const api = await startApiServer();
    await fakeClient(api.baseUrl).getPart('thing/1', 'part 2');
    expect(api.requests[0].url).toBe('/v1/things/thing%2F1/parts/part%202');
  });

  it('sends the body as JSON after the path parameters, with the bearer token', async () => {
    const api = await startApiServer();
    await fakeClient(api.baseUrl).putThing('t1', { name: 'Ada', tags: ['x'] });
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'PUT', url: '/v1/things/t1', json: { name: 'Ada', tags: ['x'] } });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('sends the query, and allows leaving it out', async () => {
    const api = await startApiServer(() => ({ json: { data: [], nextCursor: null, hasMore: false } }));
    const client = fakeClient(api.baseUrl);
    await client.listThings({ limit: 5, category: 'food' });
    await client.listThings();
    expect(api.requests.map((r) => r.url)).toEqual(['/v1/things?limit=5&category=food', '/v1/things']);
  });

  it('adds per-call and client headers', async () => {
    const api = await startApiServer();
    await fakeClient(api.baseUrl, { headers: { 'x-app': 'demo' } }).getThing('a', { headers: { 'x-trace': '1' } });
    expect(api.requests[0].headers).toMatchObject({ 'x-app': 'demo', 'x-trace': '1' });
  });

  it('resolves to undefined on 204', async () => {
    const api = await startApiServer(() => ({ status: 204 }));
    await expect(fakeClient(api.baseUrl).deleteThing('a')).resolves.toBeUndefined();
  });

  it.each([
    ['an empty path parameter', (c: ReturnType<typeof fakeClient>) => c.getThing('')],
    ['a missing path parameter', (c: ReturnType<typeof fakeClient>) => c.getPart('t1')],
    ['too many arguments', (c: ReturnType<typeof fakeClient>) => c.getThing('a', {}, {})],
    ['a non-object query', (c: ReturnType<typeof fakeClient>) => c.listThings('food')],
    ['an Authorization header', (c: ReturnType<typeof fakeClient>) => c.getThing('a', { headers: { authorization: 'Bearer x' } })],
    ['an Idempotency-Key header', (c: ReturnType<typeof fakeClient>) => c.createThing({}, { headers: { 'Idempotency-Key': 'k' } })],
  ])('rejects %s with ExpysConfigError, sending nothing', async (_, call) => {
    const api = await startApiServer();
    await expect(call(fakeClient(api.baseUrl))).rejects.toBeInstanceOf(ExpysConfigError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('the client object', () => {
  it('shows a summary, never the token, however it is printed', async () => {
    const client = fakeClient('http://127.0.0.1:9');
    const outputs = [
      inspect(client),
      inspect(client, { showHidden: true, depth: Infinity }),
      inspect(client, { customInspect: false, showHidden: true, depth: Infinity }),
      JSON.stringify(client),
      String(client),
      Object.prototype.toString.call(client),
    ];
    for (const text of outputs) expect(text).not.toContain(TOKEN.slice(9));
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseUrl: 'http://127.0.0.1:9' });
    expect(inspect(client)).toContain('FakeClient');
  });
});
