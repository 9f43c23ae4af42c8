// Issue 22's member operations through the adapter, against the real mock: nothing in the adapter
// names them (its surface comes from the client's generated table), so these tests prove that
// operations added to the spec arrive with the right kind of helper and behave on the wire.
import { ValidationError } from '@expys/member-client';
import { InfiniteQueryObserver, MutationObserver, QueryClient, QueryObserver } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { createExpysQueries } from '../src/index.js';
import { memberClient, queryClient, recordingFetch, resultWhere, useMock } from './support.js';

const mock = useMock();
const CARD = 'stc_Coffee10Card0001';
const requests = () => mock.log.map((e) => `${e.method} ${e.url.split('?')[0]} ${e.status}`);
const helpersOf = (q: object, operationId: string) => Object.keys((q as Record<string, object>)[operationId]).sort();

describe("issue 22's operations get the helpers of their kind", () => {
  const q = createExpysQueries(memberClient('http://127.0.0.1:9'));

  it.each(['getStamps', 'getCashback', 'getReferrals', 'getClaim'])('%s is a read: query options', (operationId) => {
    expect(helpersOf(q, operationId)).toEqual(['queryKey', 'queryOptions']);
  });

  it.each(['listStampHistory', 'listCashbackHistory', 'listClaims', 'listCards'])('%s is a list: query and infinite query options', (operationId) => {
    expect(helpersOf(q, operationId)).toEqual(['infiniteQueryKey', 'infiniteQueryOptions', 'queryKey', 'queryOptions']);
  });

  it.each(['redeemStampReward', 'redeemCashback', 'applyReferralCode', 'createClaim', 'verifyPasscode'])('%s is a mutation', (operationId) => {
    expect(helpersOf(q, operationId)).toEqual(['mutationKey', 'mutationOptions']);
  });

  it('has none of the server operations of the same areas', () => {
    for (const operationId of ['addStamps', 'creditCashback', 'approveClaim', 'rejectClaim', 'requestPasscode', 'getMemberStamps']) expect(q).not.toHaveProperty(operationId);
  });

  it('keys carry the path parameter', () => {
    expect(q.getClaim.queryKey('clm_4Rt8Vn2QxL7wKp3M')).toEqual(['expys', 'getClaim', 'clm_4Rt8Vn2QxL7wKp3M']);
    expect(q.listStampHistory.infiniteQueryKey({ limit: 5 })).toEqual(['expys', 'listStampHistory', 'infinite', { limit: 5 }]);
    expect(q.redeemStampReward.mutationKey()).toEqual(['expys', 'redeemStampReward']);
  });
});

/** The wallet screen's queries (stamps, cashback, their histories), observed and loaded. */
async function walletScreen(qc: QueryClient, q: ReturnType<typeof createExpysQueries>) {
  const observers = [
    new QueryObserver(qc, q.getStamps.queryOptions()),
    new QueryObserver(qc, q.getCashback.queryOptions()),
    new InfiniteQueryObserver(qc, q.listStampHistory.infiniteQueryOptions({ limit: 20 })),
  ] as QueryObserver[];
  const unsubscribe = observers.map((o) => o.subscribe(() => {}));
  const results = await Promise.all(observers.map((o) => resultWhere(o, (r) => r.isSuccess)));
  return { results, stop: () => unsubscribe.forEach((u) => u()) };
}

describe('against the mock', () => {
  it('getStamps and getCashback: cached under their keys, one request each', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const qc = queryClient();
    const stamps = await qc.fetchQuery(q.getStamps.queryOptions());
    const cashback = await qc.fetchQuery(q.getCashback.queryOptions());
    expect(stamps.cards[0]).toMatchObject({ id: CARD, threshold: expect.any(Number), stamps: expect.any(Number) });
    expect(cashback).toMatchObject({ balance: expect.any(Number), currency: 'USD' });
    expect(qc.getQueryData(q.getStamps.queryKey())).toEqual(stamps);
    expect(requests()).toEqual(['GET /v1/stamps 200', 'GET /v1/cashback 200']);
  });

  it('redeemStampReward: mutate({ args: [stampCardId] }) posts no body with an Idempotency-Key, then refetches the wallet screen', async () => {
    const wire = recordingFetch();
    const q = createExpysQueries(memberClient(mock.url, { fetch: wire.fetch }));
    const qc = queryClient();
    const { stop } = await walletScreen(qc, q);
    mock.log.length = 0;
    wire.calls.length = 0;

    const redeemed = await new MutationObserver(qc, q.redeemStampReward.mutationOptions()).mutate({ args: [CARD] });
    expect(redeemed.card.id).toBe(CARD);
    expect(requests()[0]).toBe(`POST /v1/stamps/${CARD}/redeem 200`);
    expect(requests().slice(1).sort()).toEqual(['GET /v1/cashback 200', 'GET /v1/stamps 200', 'GET /v1/stamps/history 200']);
    expect(wire.calls[0].body).toBeUndefined();
    expect(wire.calls[0].headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);

    // The same key twice: a "try again" after a timeout is one redemption (the header, not a body).
    await new MutationObserver(qc, q.redeemStampReward.mutationOptions({ invalidate: false })).mutate({ args: [CARD], idempotencyKey: 'tap-42' });
    expect(wire.calls.at(-1)?.headers.get('idempotency-key')).toBe('tap-42');
    stop();
  });

  it('redeemCashback: the amount is the body, the idempotencyKey the header; only the cashback refetched when asked', async () => {
    const wire = recordingFetch();
    const q = createExpysQueries(memberClient(mock.url, { fetch: wire.fetch }));
    const qc = queryClient();
    const { stop } = await walletScreen(qc, q);
    mock.log.length = 0;

    const result = await new MutationObserver(qc, q.redeemCashback.mutationOptions({ invalidate: [q.getCashback.queryKey()] })).mutate({ amount: 500, idempotencyKey: 'cashout-7' });
    expect(result.balance).toEqual(expect.any(Number));
    expect(requests()).toEqual(['POST /v1/cashback/redeem 200', 'GET /v1/cashback 200']);
    const post = wire.calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body!)).toEqual({ amount: 500 });
    expect(post.headers.get('idempotency-key')).toBe('cashout-7');
    stop();
  });

  it('a refused redemption (422 insufficient_stamps) is a ValidationError, sent once, invalidating nothing', async () => {
    const q = createExpysQueries(memberClient(mock.url, { headers: { prefer: 'example=insufficientStamps, code=422' } }));
    const qc = new QueryClient({ defaultOptions: { mutations: { retry: 3, retryDelay: 1 } } });
    const error = await new MutationObserver(qc, q.redeemStampReward.mutationOptions()).mutate({ args: [CARD] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, code: 'insufficient_stamps' });
    expect(requests()).toEqual([`POST /v1/stamps/${CARD}/redeem 422`]);
  });

  it('applyReferralCode: the code is the body; a code already applied is a 422 with its own code', async () => {
    const wire = recordingFetch();
    const q = createExpysQueries(memberClient(mock.url, { fetch: wire.fetch }));
    // The mock answers the documented application whatever the code: the request is what counts.
    const applied = await new MutationObserver(queryClient(), q.applyReferralCode.mutationOptions({ invalidate: false })).mutate({ code: 'BEAN-9QX3' });
    expect(applied).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9-]{4,32}$/), refereePoints: expect.any(Number) });
    expect(wire.calls.map((c) => [c.method, c.body, Boolean(c.headers.get('idempotency-key'))])).toEqual([['POST', '{"code":"BEAN-9QX3"}', true]]);
    const refused = createExpysQueries(memberClient(mock.url, { headers: { prefer: 'code=422, example=alreadyApplied' } }));
    await expect(new MutationObserver(queryClient(), refused.applyReferralCode.mutationOptions()).mutate({ code: 'BEAN-9QX3' })).rejects.toMatchObject({ code: 'referral_already_applied' });
  });
});
