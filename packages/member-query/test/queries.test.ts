// Queries against the real mock through a real QueryClient: what is cached under which key,
// what goes on the wire, and the pages of every paginated operation.
import { operationTable } from '@expys/member-client';
import { hashKey, InfiniteQueryObserver, partialMatchKey, QueryObserver } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { createExpysQueries } from '../src/index.js';
import { memberClient, queryClient, resultWhere, useMock } from './support.js';

const mock = useMock();
const OFFER_ID = 'off_7Hq2LmN4pX9rT1vB';
const paginated = Object.entries(operationTable)
  .filter(([, meta]) => meta.paginated)
  .map(([operationId]) => operationId);

describe('the surface follows the generated operation table', () => {
  it('has one entry per operation: reads get query options, lists also infinite ones, the rest mutations', () => {
    const q = createExpysQueries(memberClient(mock.url));
    expect(Object.keys(q).filter((k) => k !== 'queryKey').sort()).toEqual(Object.keys(operationTable).sort());
    for (const [operationId, meta] of Object.entries(operationTable)) {
      const helpers = Object.keys((q as unknown as Record<string, object>)[operationId]).sort();
      if (meta.method !== 'GET') expect(helpers, operationId).toEqual(['mutationKey', 'mutationOptions']);
      else if (meta.paginated) expect(helpers, operationId).toEqual(['infiniteQueryKey', 'infiniteQueryOptions', 'queryKey', 'queryOptions']);
      else expect(helpers, operationId).toEqual(['queryKey', 'queryOptions']);
    }
    // concierge is a POST that is not idempotent: still a mutation, never a query.
    expect(Object.keys(q.concierge)).not.toContain('queryOptions');
  });

  it('refuses something that is not a member client', () => {
    expect(() => createExpysQueries({} as never)).toThrow(/initialize\(\) from @expys\/member-client/);
  });
});

describe('keys', () => {
  const q = createExpysQueries(memberClient('http://127.0.0.1:9'));

  it("are ['expys', operationId, ...path parameters, query] and survive JSON", () => {
    expect(q.queryKey()).toEqual(['expys']);
    expect(q.getWallet.queryKey()).toEqual(['expys', 'getWallet']);
    expect(q.getOffer.queryKey(OFFER_ID)).toEqual(['expys', 'getOffer', OFFER_ID]);
    expect(q.listOffers.queryKey({ category: 'dining', limit: 5 })).toEqual(['expys', 'listOffers', { category: 'dining', limit: 5 }]);
    expect(q.listOffers.infiniteQueryKey({ limit: 5 })).toEqual(['expys', 'listOffers', 'infinite', { limit: 5 }]);
    const key = q.listOffers.queryOptions({ category: 'travel' }).queryKey;
    expect(JSON.parse(JSON.stringify(key))).toEqual(key);
    expect(q.getOffer.queryOptions(OFFER_ID).queryKey).toEqual(q.getOffer.queryKey(OFFER_ID));
  });

  it('leave out an empty or undefined query, so every way of asking for the unfiltered list is one key', () => {
    const plain = q.listOffers.queryOptions().queryKey;
    for (const same of [q.listOffers.queryOptions({}).queryKey, q.listOffers.queryOptions({ category: undefined }).queryKey, q.listOffers.queryOptions(undefined, { timeout: 5_000 }).queryKey]) {
      expect(same).toEqual(plain);
      expect(hashKey(same)).toBe(hashKey(plain));
    }
    expect(plain).toEqual(['expys', 'listOffers']);
    expect(q.listOffers.queryOptions({ limit: 5, category: undefined }).queryKey).toEqual(['expys', 'listOffers', { limit: 5 }]);
  });

  it('nest: the root prefixes everything, an operation prefixes all its queries, infinite ones included', () => {
    const keys = [q.getWallet.queryKey(), q.getOffer.queryKey(OFFER_ID), q.listOffers.queryKey({ limit: 5 }), q.listOffers.infiniteQueryKey({ limit: 5 })];
    for (const key of keys) expect(partialMatchKey(key, q.queryKey())).toBe(true);
    expect(partialMatchKey(q.getOffer.queryKey(OFFER_ID), q.getOffer.queryKey())).toBe(true);
    expect(partialMatchKey(q.listOffers.infiniteQueryKey({ limit: 5 }), q.listOffers.queryKey())).toBe(true);
    // A page and a list of pages never share an entry: their data differ.
    expect(hashKey(q.listOffers.infiniteQueryKey())).not.toBe(hashKey(q.listOffers.queryKey()));
  });

  it('refuse more arguments than the operation takes', () => {
    expect(() => (q.getWallet.queryOptions as (...args: unknown[]) => unknown)({}, {})).toThrow(/getWallet queries take 0 argument/);
  });
});

describe('queries against the mock', () => {
  it('getWallet: fetchQuery caches the wallet under its key, with one request', async () => {
    const client = memberClient(mock.url);
    const q = createExpysQueries(client);
    const qc = queryClient();
    const wallet = await qc.fetchQuery(q.getWallet.queryOptions());
    expect(wallet).toEqual(await client.getWallet());
    expect(typeof wallet.balance).toBe('number');
    expect(qc.getQueryData(q.getWallet.queryKey())).toEqual(wallet);
    expect(mock.log.map((e) => `${e.method} ${e.url} ${e.status}`)).toEqual(['GET /v1/wallet 200', 'GET /v1/wallet 200']);
  });

  it('getOffer: a QueryObserver sends the path parameter and gets the offer', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const observer = new QueryObserver(queryClient(), q.getOffer.queryOptions(OFFER_ID));
    const result = await resultWhere(observer, (r) => r.isSuccess);
    expect(result.data).toMatchObject({ id: expect.stringMatching(/^off_/), pointsCost: expect.any(Number) });
    expect(mock.log.map((e) => e.url)).toEqual([`/v1/offers/${OFFER_ID}`]);
  });

  it('listOffers: the first page, with the query on the wire; equivalent queries share one entry and one request', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const qc = queryClient();
    const observers = [q.listOffers.queryOptions(), q.listOffers.queryOptions({}), q.listOffers.queryOptions({ category: undefined })].map(
      (options) => new QueryObserver(qc, options),
    );
    const results = await Promise.all(observers.map((o) => resultWhere(o, (r) => r.isSuccess)));
    expect(results[0].data).toMatchObject({ data: expect.any(Array), hasMore: expect.any(Boolean) });
    expect(qc.getQueryCache().getAll()).toHaveLength(1);
    expect(mock.log.map((e) => e.url)).toEqual(['/v1/offers']);

    const dining = await qc.fetchQuery(q.listOffers.queryOptions({ category: 'dining', limit: 2 }));
    expect(dining.data.length).toBeGreaterThan(0);
    expect(mock.log.map((e) => e.url)).toEqual(['/v1/offers', '/v1/offers?category=dining&limit=2']);
    expect(qc.getQueryCache().getAll()).toHaveLength(2);
  });

  it('infinite offers: page after page through nextCursor, sent as cursor, until hasMore is false', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const observer = new InfiniteQueryObserver(queryClient(), q.listOffers.infiniteQueryOptions({ limit: 20 }));
    const first = await resultWhere(observer, (r) => r.isSuccess);
    const firstPage = first.data.pages[0];
    expect(firstPage.hasMore).toBe(true);
    expect(observer.getCurrentResult().hasNextPage).toBe(true);

    const second = await observer.fetchNextPage();
    expect(second.data?.pages).toHaveLength(2);
    expect(second.data?.pageParams).toEqual([undefined, firstPage.nextCursor]);
    expect(second.data?.pages[1].hasMore).toBe(false);
    expect(second.hasNextPage).toBe(false);

    // Past the last page there is nothing to fetch: no request.
    await observer.fetchNextPage();
    expect(mock.log.map((e) => e.url)).toEqual(['/v1/offers?limit=20', `/v1/offers?limit=20&cursor=${encodeURIComponent(firstPage.nextCursor!)}`]);
  });

  it.each(paginated)('infinite %s: fetchInfiniteQuery follows every page to the end, as the client pager does', async (operationId) => {
    const client = memberClient(mock.url);
    const q = createExpysQueries(client) as unknown as Record<string, { infiniteQueryOptions(): object }>;
    const data = (await queryClient().fetchInfiniteQuery({ ...q[operationId].infiniteQueryOptions(), pages: 10 } as never)) as { pages: unknown[] };
    expect(mock.log).toHaveLength(data.pages.length);
    expect(mock.log.slice(1).every((e) => e.url.includes('cursor='))).toBe(true);

    const pager = (client as unknown as Record<string, () => { pages(): AsyncIterable<unknown> }>)[operationId]();
    const expected: unknown[] = [];
    for await (const page of pager.pages()) expected.push(page);
    expect(data.pages).toEqual(expected);
  });

  it('infinite: a cursor in the query is where the list starts', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const first = await q.listOffers.queryOptions().queryFn({ signal: new AbortController().signal } as never);
    const fromCursor = await queryClient().fetchInfiniteQuery(q.listOffers.infiniteQueryOptions({ cursor: first.nextCursor! }));
    expect(fromCursor.pageParams).toEqual([first.nextCursor]);
    expect(fromCursor.pages[0].hasMore).toBe(false);
    expect(mock.log.at(-1)?.url).toBe(`/v1/offers?cursor=${encodeURIComponent(first.nextCursor!)}`);
  });

  it('request options reach the client but stay out of the key', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const qc = queryClient();
    // The mock answers the documented 404 when asked to: proof that the header was sent.
    const options = q.getOffer.queryOptions(OFFER_ID, { headers: { prefer: 'code=404' } });
    expect(options.queryKey).toEqual(q.getOffer.queryKey(OFFER_ID));
    await expect(qc.fetchQuery(options)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});
