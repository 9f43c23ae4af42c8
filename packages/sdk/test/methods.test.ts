// The SDK's client is the server client: the same methods, one per server operation of the spec,
// issue 22's among them and no member operation; they go over the wire as the server client's do.
import { readFileSync } from 'node:fs';
import { initialize as serverClientInitialize } from '@expys/server-client';
import { describe, expect, it } from 'vitest';
import { ISSUE_22_MEMBER, ISSUE_22_SERVER } from '../../member-client/test/issue-22.js';
import { exampleOperations, exampleServer } from '../../member-client/test/spec-examples.js';
import { initialize } from '../src/index.js';
import { SANDBOX_KEY, startApiServer } from './support.js';

const server = JSON.parse(readFileSync(new URL('../../openapi/dist/expys.server.json', import.meta.url), 'utf8'));
const operations = exampleOperations(server);
const options = (baseUrl: string) => ({ baseUrl, environment: 'sandbox' as const, token: SANDBOX_KEY, retryDelays: { initialDelayMs: 1, maxDelayMs: 4 } });
const methodsOf = (client: object) => Object.keys(client).filter((name) => name !== 'webhooks').sort();

describe('the SDK client', () => {
  it("has the server client's methods: every server operation of the spec, issue 22's included, no member operation", () => {
    const methods = methodsOf(initialize(options('http://127.0.0.1:9')));
    expect(methods).toEqual(methodsOf(serverClientInitialize(options('http://127.0.0.1:9'))));
    expect(methods).toEqual(operations.map((op) => op.operationId).sort());
    expect(methods).toEqual(expect.arrayContaining(ISSUE_22_SERVER));
    for (const name of ISSUE_22_MEMBER) expect(methods, name).not.toContain(name);
  });

  it('addStamps and creditCashback send their documented body with an Idempotency-Key', async () => {
    const api = await startApiServer(exampleServer(operations));
    const expys = initialize(options(api.baseUrl));
    const added = await expys.addStamps('user_42', { stampCardId: 'stc_Coffee10Card0001', stamps: 3, reason: 'three coffees' });
    expect(added.rewardsEarned).toEqual(expect.any(Number));
    const credited = await expys.creditCashback('user_42', { amount: 250, reason: '2% back' }, { idempotencyKey: 'order-1043' });
    expect(credited.currency).toBe('USD');
    expect(api.requests.map((r) => [r.method, r.url, r.json, r.headers['idempotency-key']])).toEqual([
      ['POST', '/v1/members/user_42/stamps', { stampCardId: 'stc_Coffee10Card0001', stamps: 3, reason: 'three coffees' }, expect.stringMatching(/^[0-9a-f-]{36}$/)],
      ['POST', '/v1/members/user_42/cashback', { amount: 250, reason: '2% back' }, 'order-1043'],
    ]);
  });

  it('listMemberCards pages with for await', async () => {
    const api = await startApiServer(exampleServer(operations));
    const ids: string[] = [];
    for await (const card of initialize(options(api.baseUrl)).listMemberCards('user_42', { limit: 10 })) ids.push(card.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith('crd_'))).toBe(true);
    expect(api.requests[0].url).toBe('/v1/members/user_42/cards?limit=10');
  });
});
