// List methods: `await` gives the first page, `for await` every item of every page, each page
// fetched exactly once.
import { describe, expect, it } from 'vitest';
import { ExpysConfigError, ExpysError, PagePromise } from '../src/index.js';
import { startApiServer, type RecordedRequest } from './support/api-server.js';
import { fakeClient } from './support/fake-api.js';

const PAGES: Record<string, { data: { id: string }[]; nextCursor: string | null; hasMore: boolean }> = {
  first: { data: [{ id: 't1' }, { id: 't2' }], nextCursor: 'c2', hasMore: true },
  c2: { data: [{ id: 't3' }, { id: 't4' }], nextCursor: 'c3', hasMore: true },
  c3: { data: [{ id: 't5' }], nextCursor: null, hasMore: false },
};
const threePages = (r: RecordedRequest) => ({ status: 200, json: PAGES[r.query.get('cursor') ?? 'first'] });

describe('PagePromise', () => {
  it('gives the first page when awaited', async () => {
    const api = await startApiServer(threePages);
    const page = await fakeClient(api.baseUrl).listThings();
    expect(page).toEqual(PAGES.first);
    expect(api.requests).toHaveLength(1);
  });

  it('iterates every item across all pages, fetching each page once, forwarding the query', async () => {
    const api = await startApiServer(threePages);
    const ids: string[] = [];
    for await (const thing of fakeClient(api.baseUrl).listThings({ limit: 2, category: 'food' })) ids.push(thing.id);
    expect(ids).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(api.requests.map((r) => r.url)).toEqual([
      '/v1/things?limit=2&category=food',
      '/v1/things?limit=2&category=food&cursor=c2',
      '/v1/things?limit=2&category=food&cursor=c3',
    ]);
  });

  it('shares the first page between await and iteration', async () => {
    const api = await startApiServer(threePages);
    const list = fakeClient(api.baseUrl).listThings();
    await list;
    const all = [];
    for await (const thing of list) all.push(thing);
    expect(all).toHaveLength(5);
    expect(api.requests).toHaveLength(3);
  });

  it('sends nothing until awaited or iterated', async () => {
    const api = await startApiServer(threePages);
    const list = fakeClient(api.baseUrl).listThings();
    expect(list).toBeInstanceOf(PagePromise);
    await new Promise((r) => setTimeout(r, 20));
    expect(api.requests).toHaveLength(0);
  });

  it('walks whole pages with pages()', async () => {
    const api = await startApiServer(threePages);
    const sizes = [];
    for await (const page of fakeClient(api.baseUrl).listThings().pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it("starts from the caller's cursor", async () => {
    const api = await startApiServer(threePages);
    const ids = [];
    for await (const thing of fakeClient(api.baseUrl).listThings({ cursor: 'c2' })) ids.push(thing.id);
    expect(ids).toEqual(['t3', 't4', 't5']);
  });

  it('stops with an error when the API hands back a cursor it already gave', async () => {
    const api = await startApiServer(() => ({ status: 200, json: { data: [{ id: 'x' }], nextCursor: 'same', hasMore: true } }));
    const iterate = async () => {
      for await (const _ of fakeClient(api.baseUrl).listThings());
    };
    await expect(iterate()).rejects.toBeInstanceOf(ExpysError);
    expect(api.requests).toHaveLength(2);
  });

  it('retries a failed page like any call, without refetching the pages before it', async () => {
    let failedOnce = false;
    const api = await startApiServer((r) => {
      if (r.query.get('cursor') === 'c3' && !failedOnce) {
        failedOnce = true;
        return { status: 503, json: {} };
      }
      return threePages(r);
    });
    const ids = [];
    for await (const thing of fakeClient(api.baseUrl).listThings()) ids.push(thing.id);
    expect(ids).toHaveLength(5);
    expect(api.requests.map((r) => r.query.get('cursor'))).toEqual([null, 'c2', 'c3', 'c3']);
  });
});

describe('a page cap', () => {
  // An endless list: every page says there is another.
  const endless = (request: { query: URLSearchParams }) => {
    const n = Number(request.query.get('cursor') ?? 0);
    return { status: 200, json: { data: [{ id: `t${n}` }], nextCursor: String(n + 1), hasMore: true } };
  };

  it('stops with an ExpysError after maxPages pages, having fetched exactly that many', async () => {
    const api = await startApiServer(endless);
    const ids: string[] = [];
    const error = await (async () => {
      for await (const thing of fakeClient(api.baseUrl).listThings(undefined, { maxPages: 3 })) ids.push(thing.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysError);
    expect((error as Error).message).toContain('after 3 page(s)');
    expect(ids).toEqual(['t0', 't1', 't2']);
    expect(api.requests).toHaveLength(3);
  });

  it('is no limit when the list ends first, and refuses a cap that is not a whole number ≥ 1', async () => {
    const api = await startApiServer((r) => (r.query.get('cursor') ? { status: 200, json: { data: [{ id: 'b' }], nextCursor: null, hasMore: false } } : { status: 200, json: { data: [{ id: 'a' }], nextCursor: 'c', hasMore: true } }));
    const ids: string[] = [];
    for await (const thing of fakeClient(api.baseUrl).listThings(undefined, { maxPages: 5 })) ids.push(thing.id);
    expect(ids).toEqual(['a', 'b']);
    for (const bad of [0, 1.5, Number.NaN, '2']) {
      const error = await (async () => {
        for await (const _ of fakeClient(api.baseUrl).listThings(undefined, { maxPages: bad as number })) void _;
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExpysConfigError);
    }
  });
});
