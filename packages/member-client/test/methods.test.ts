// The generated surface of the member client against a real server: one method per member
// operation of the bundle, the documented argument convention, pagination and idempotency.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { initialize, ServerError } from '../src/index.js';
import { LIVE_TOKEN, memberClient, OFFER, problem, SANDBOX_TOKEN, startApiServer } from './support.js';

const bundle = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/member.json'), 'utf8'));
const bundleOperationIds = Object.values<Record<string, { operationId?: string }>>(bundle.paths)
  .flatMap((item) => Object.values(item).map((op) => op?.operationId))
  .filter(Boolean)
  .sort();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the method surface', () => {
  it('has exactly one method per operation of the member bundle', () => {
    const client = memberClient('http://127.0.0.1:9');
    expect(Object.keys(client).sort()).toEqual(bundleOperationIds);
    expect(bundleOperationIds).toContain('listOffers');
  });

  it("defaults baseUrl to the spec's server for the environment", () => {
    const expected = Object.fromEntries(bundle.servers.map((s: Record<string, string>) => [s['x-expys-environment'], s.url]));
    for (const [environment, token] of [['sandbox', SANDBOX_TOKEN], ['production', LIVE_TOKEN]] as const) {
      expect(JSON.parse(JSON.stringify(initialize({ environment, token })))).toEqual({ environment, baseUrl: expected[environment] });
    }
  });
});

describe('calls', () => {
  it('getOffer puts the path parameter in the path', async () => {
    const api = await startApiServer(() => ({ json: OFFER }));
    await expect(memberClient(api.baseUrl).getOffer(OFFER.id)).resolves.toEqual(OFFER);
    expect(api.requests[0]).toMatchObject({ method: 'GET', url: `/v1/offers/${OFFER.id}` });
  });

  it('listOffers: await gives the first page; for await gives every offer of every page, each page once', async () => {
    const pages: Record<string, object> = {
      '': { data: [{ id: 'off_1' }, { id: 'off_2' }], nextCursor: 'cur_2', hasMore: true },
      cur_2: { data: [{ id: 'off_3' }], nextCursor: null, hasMore: false },
    };
    const api = await startApiServer((r) => ({ json: pages[r.query.get('cursor') ?? ''] }));
    const client = memberClient(api.baseUrl);
    await expect(client.listOffers()).resolves.toEqual(pages['']);
    const ids = [];
    for await (const offer of client.listOffers({ limit: 50 })) ids.push(offer.id);
    expect(ids).toEqual(['off_1', 'off_2', 'off_3']);
    expect(api.requests.map((r) => r.url)).toEqual(['/v1/offers', '/v1/offers?limit=50', '/v1/offers?limit=50&cursor=cur_2']);
  });

  it('createRedemption (x-expys-idempotent: true) sends one Idempotency-Key, reused on retry', async () => {
    const api = await startApiServer((_, i) => (i === 0 ? problem(500, 'internal_error') : { status: 201, json: { id: 'red_1' } }));
    await expect(memberClient(api.baseUrl).createRedemption({ offerId: OFFER.id })).resolves.toEqual({ id: 'red_1' });
    const keys = api.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(UUID);
    expect(keys).toEqual([keys[0], keys[0]]);
  });

  it('concierge (x-expys-idempotent: false) sends no key and is not retried', async () => {
    const api = await startApiServer(() => problem(500, 'internal_error'));
    await expect(memberClient(api.baseUrl).concierge({ message: 'hi' })).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].headers['idempotency-key']).toBeUndefined();
  });
});
