// Issue 22's operations in the generated tables: each served by the handlers of its audience only,
// with the spec's examples, its documented refusals (Prefer, overrides) and its scope. The
// generator names no operation: these arrive from the bundles as any new operation would.
import { initialize as memberClient, ValidationError } from '@expys/member-client';
import { initialize as serverClient, PermissionError } from '@expys/server-client';
import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ISSUE_22_MEMBER, ISSUE_22_SERVER, ISSUE_22_SERVER_SCOPES } from '../../member-client/test/issue-22.js';
import { createMemberHandlers, memberHandlers, memberOperations, memberSamples } from '../src/member.js';
import { serverHandlers, serverOperations, serverSamples } from '../src/server.js';
import { SANDBOX } from './support.js';

const server = setupServer(...memberHandlers, ...serverHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const member = () => memberClient({ environment: 'sandbox', token: memberSamples.memberToken, maxRetries: 0 });
const backend = (token: string = serverSamples.fullAccessKey) => serverClient({ environment: 'sandbox', token, maxRetries: 0 });
const firstExample = (operations: typeof memberOperations | typeof serverOperations, operationId: string) => {
  const op = operations.find((o) => o.operationId === operationId)!;
  return Object.values(op.answers[String(op.successStatus)].examples)[0];
};

describe('the generated tables', () => {
  const memberIds = memberOperations.map((op) => op.operationId as string);
  const serverIds = serverOperations.map((op) => op.operationId as string);

  it("the member table has issue 22's member operations and none of its server ones", () => {
    expect(memberIds).toEqual(expect.arrayContaining(ISSUE_22_MEMBER));
    for (const id of ISSUE_22_SERVER) expect(memberIds).not.toContain(id);
  });

  it("the server table has issue 22's server operations, each with its scope, and none of the member ones", () => {
    expect(serverIds).toEqual(expect.arrayContaining(ISSUE_22_SERVER));
    for (const id of ISSUE_22_MEMBER) expect(serverIds).not.toContain(id);
    for (const [id, scope] of Object.entries(ISSUE_22_SERVER_SCOPES)) expect(serverOperations.find((op) => op.operationId === id)?.scopes, id).toEqual([scope]);
  });

  it('the member handlers do not answer a server route (a member token could not reach it anyway)', async () => {
    const request = new Request(`${SANDBOX}/v1/members/user_123/stamps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serverSamples.fullAccessKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stampCardId: 'stc_Coffee10Card0001', stamps: 1, reason: 'coffee' }),
    });
    expect(await getResponse(memberHandlers, request)).toBeUndefined();
    expect((await getResponse(serverHandlers, request.clone()))?.status).toBe(200);
  });
});

describe('the member client against the handlers', () => {
  it('getStamps and getCashback: the spec examples', async () => {
    expect(await member().getStamps()).toEqual(firstExample(memberOperations, 'getStamps'));
    expect(await member().getCashback()).toEqual(firstExample(memberOperations, 'getCashback'));
  });

  it.each(['listStampHistory', 'listCashbackHistory', 'listClaims'] as const)('%s: for await reads the first and the last page, then stops', async (operationId) => {
    const ids: string[] = [];
    for await (const entry of member()[operationId]()) ids.push((entry as { id: string }).id);
    const op = memberOperations.find((o) => o.operationId === operationId)!;
    const pages = op.answers['200'].examples as Record<string, { data: { id: string }[] }>;
    expect(ids).toEqual([...pages.firstPage.data, ...pages.lastPage.data].map((e) => e.id));
  });

  it('redeemStampReward: the documented redemption; Prefer its 422 insufficient_stamps', async () => {
    expect(await member().redeemStampReward('stc_Coffee10Card0001')).toEqual(firstExample(memberOperations, 'redeemStampReward'));
    const refused = await member()
      .redeemStampReward('stc_Coffee10Card0001', { headers: { prefer: 'code=422, example=insufficientStamps' } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({ code: 'insufficient_stamps' });
  });

  it('an override per test: an empty cashback balance', async () => {
    server.use(...createMemberHandlers({ overrides: { getCashback: { body: { externalUserID: 'user_123', balance: 0, currency: 'USD' } } } }));
    expect((await member().getCashback()).balance).toBe(0);
  });

  it('a bad body is a 422 naming the field, as in the mock', async () => {
    const error = await member()
      .redeemCashback({ amount: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([expect.objectContaining({ path: '/body/amount' })]);
  });
});

describe('the server client against the handlers', () => {
  it('addStamps and creditCashback with the Org-API-Key: the spec examples', async () => {
    expect(await backend().addStamps('user_123', { stampCardId: 'stc_Coffee10Card0001', stamps: 3, reason: 'three coffees' })).toEqual(firstExample(serverOperations, 'addStamps'));
    expect(await backend().creditCashback('user_123', { amount: 250, reason: '2% back' })).toEqual(firstExample(serverOperations, 'creditCashback'));
  });

  it('an API key without stamps_write gets 403 insufficient_scope naming it', async () => {
    const error = await backend(serverSamples.loyaltyJob)
      .addStamps('user_123', { stampCardId: 'stc_Coffee10Card0001', stamps: 1, reason: 'coffee' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect((error as Error).message).toContain('stamps_write');
  });
});
