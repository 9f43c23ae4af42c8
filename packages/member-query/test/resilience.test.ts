// What happens when things go wrong, against real servers: a cancelled query aborts its HTTP
// request, 4xx answers are not retried on top of the client, and an expired token is refreshed
// by the client without the query ever seeing the 401.
import { AuthenticationError, CredentialError, NotFoundError, ServerError, ValidationError } from '@expys/member-client';
import { isCancelledError, QueryObserver, type QueryObserverResult } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExpysQueries } from '../src/index.js';
import { memberClient, queryClient, resultWhere, SAMPLE_CREDENTIALS, startSlowServer, useMock, type SlowServer } from './support.js';

const mock = useMock();
const OFFER_ID = 'off_7Hq2LmN4pX9rT1vB';

describe('cancellation: TanStack signal aborts the HTTP request', () => {
  let slow: SlowServer | undefined;
  afterEach(() => slow?.close());

  it('when the last observer unsubscribes (a component unmounts) while the request is open', async () => {
    slow = await startSlowServer(mock.url);
    const qc = queryClient();
    const q = createExpysQueries(memberClient(slow.url));
    const observer = new QueryObserver(qc, q.getWallet.queryOptions());
    const unsubscribe = observer.subscribe(() => {});
    await slow.arrivals(1);
    const started = Date.now();
    unsubscribe();
    await slow.aborts(1);
    // Well before the server's 5 s answer: the connection was closed by the client.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(slow.aborted).toEqual(['/v1/wallet']);
    // Cancelled, not failed: the query went back to where it was, and nothing was retried.
    const state = qc.getQueryState(q.getWallet.queryKey());
    expect(state).toMatchObject({ status: 'pending', fetchStatus: 'idle', error: null, fetchFailureCount: 0 });
    expect(slow.received).toHaveLength(1);
  });

  it('when queryClient.cancelQueries is called for its key', async () => {
    slow = await startSlowServer(mock.url);
    const qc = queryClient();
    const q = createExpysQueries(memberClient(slow.url));
    const fetching = qc.fetchQuery(q.getOffer.queryOptions(OFFER_ID)).catch((e: unknown) => e);
    await slow.arrivals(1);
    await qc.cancelQueries({ queryKey: q.getOffer.queryKey() });
    await slow.aborts(1);
    expect(isCancelledError(await fetching)).toBe(true);
    expect(slow.aborted).toEqual([`/v1/offers/${OFFER_ID}`]);
    expect(slow.received).toHaveLength(1);
  });

  it('an answer that arrives in time is not affected (the slow server does answer)', async () => {
    slow = await startSlowServer(mock.url, 50);
    const wallet = await queryClient().fetchQuery(createExpysQueries(memberClient(slow.url)).getWallet.queryOptions());
    expect(typeof wallet.balance).toBe('number');
    expect(slow.aborted).toEqual([]);
  });
});

describe('retries are the client’s, not multiplied by TanStack', () => {
  it('a 404 is one request (TanStack’s own default of 3 retries would have made it 4)', async () => {
    const q = createExpysQueries(memberClient(mock.url, { headers: { prefer: 'code=404' } }));
    const error = await queryClient().fetchQuery(q.getOffer.queryOptions(OFFER_ID)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(mock.log.map((e) => e.status)).toEqual([404]);

    // The same query with TanStack's default retry: the count above is not an accident.
    mock.log.length = 0;
    await queryClient().fetchQuery({ ...q.getOffer.queryOptions(OFFER_ID), retry: 3 }).catch(() => undefined);
    expect(mock.log.map((e) => e.status)).toEqual([404, 404, 404, 404]);
  });

  it('a 422 from the gateway (a limit out of bounds) is one request, through an observer too', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const observer = new QueryObserver(queryClient(), q.listOffers.queryOptions({ limit: 100_000 }));
    const result = await resultWhere(observer, (r) => r.isError);
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.failureCount).toBe(1);
    expect(mock.log.map((e) => e.status)).toEqual([422]);
  });

  it('a 500 is retried by the client (3 requests), not again by TanStack (which would make 12)', async () => {
    const q = createExpysQueries(memberClient(mock.url, { headers: { prefer: 'code=500' } }));
    const error = await queryClient().fetchQuery(q.getWallet.queryOptions()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(mock.log.map((e) => e.status)).toEqual([500, 500, 500]);
  });

  it('a CredentialError (the provider hands a live token to a sandbox client) is refused before sending, once', async () => {
    const q = createExpysQueries(memberClient(mock.url, { token: async () => SAMPLE_CREDENTIALS.liveMemberToken }));
    const options = q.getWallet.queryOptions();
    const queryFn = vi.fn(options.queryFn);
    const error = await queryClient().fetchQuery({ ...options, queryFn }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(mock.log).toEqual([]);
  });

  it('a failing token provider (the app’s backend) is retried like any query', async () => {
    const provider = vi.fn().mockRejectedValueOnce(new Error('token endpoint unreachable')).mockResolvedValue(SAMPLE_CREDENTIALS.memberToken);
    const q = createExpysQueries(memberClient(mock.url, { token: provider }));
    const wallet = await queryClient().fetchQuery(q.getWallet.queryOptions());
    expect(typeof wallet.balance).toBe('number');
    expect(provider).toHaveBeenCalledTimes(2);
    expect(mock.log.map((e) => e.status)).toEqual([200]);
  });
});

describe('token refresh', () => {
  it('an expired token is refreshed once by the client; the query never sees the 401', async () => {
    const provider = vi.fn().mockResolvedValueOnce(SAMPLE_CREDENTIALS.expiredMemberToken).mockResolvedValue(SAMPLE_CREDENTIALS.memberToken);
    const q = createExpysQueries(memberClient(mock.url, { token: provider }));
    const qc = queryClient();
    const observer = new QueryObserver(qc, q.getWallet.queryOptions());
    const seen: QueryObserverResult[] = [];
    const unsubscribe = observer.subscribe((result) => seen.push(result));

    const result = await resultWhere(observer, (r) => r.isSuccess);
    expect(typeof result.data.balance).toBe('number');
    expect(mock.log.map((e) => `${e.status} ${e.code ?? ''}`.trim())).toEqual(['401 token_expired', '200']);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(seen.every((r) => r.status !== 'error' && r.failureCount === 0 && r.error === null)).toBe(true);

    // Later refetches use the new token, in the same cache entry: the key holds no credential.
    await observer.refetch();
    expect(mock.log.map((e) => e.status)).toEqual([401, 200, 200]);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(qc.getQueryCache().getAll().map((query) => query.queryKey)).toEqual([q.getWallet.queryKey()]);
    expect(qc.getQueryState(q.getWallet.queryKey())?.dataUpdateCount).toBe(2);
    unsubscribe();
  });

  it('keys are the same whatever the token: two clients share the cache, and no key holds a token', async () => {
    const qc = queryClient();
    const before = createExpysQueries(memberClient(mock.url, { token: SAMPLE_CREDENTIALS.memberToken }));
    const after = createExpysQueries(memberClient(mock.url, { token: async () => SAMPLE_CREDENTIALS.memberToken }));
    await qc.fetchQuery(before.getWallet.queryOptions());
    await qc.fetchQuery(after.getWallet.queryOptions());
    await qc.fetchQuery(before.listOffers.queryOptions({ limit: 2 }));
    expect(after.getWallet.queryKey()).toEqual(before.getWallet.queryKey());
    expect(qc.getQueryCache().getAll()).toHaveLength(2);
    const keys = JSON.stringify(qc.getQueryCache().getAll().map((query) => query.queryKey));
    for (const credential of [SAMPLE_CREDENTIALS.memberToken, SAMPLE_CREDENTIALS.expiredMemberToken, 'mt_test_', 'Bearer']) expect(keys).not.toContain(credential);
  });

  it('with a fixed expired token, the query fails once with token_expired (nothing to refresh with)', async () => {
    const q = createExpysQueries(memberClient(mock.url, { token: SAMPLE_CREDENTIALS.expiredMemberToken }));
    const error = await queryClient().fetchQuery(q.getWallet.queryOptions()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'token_expired' });
    expect(mock.log).toHaveLength(1);
  });
});
