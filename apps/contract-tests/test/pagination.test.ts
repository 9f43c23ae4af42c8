// `for await` over every list ends against the target, for each paginated operation of the spec
// (found from the bundle, not listed by hand): the first page says "more", the next page (it
// carries the cursor) is the last. A list that never ends would hang an app's "load all" loop.
// A list under a path (`/v1/offers/{offerId}/…`) is called with the spec's example arguments, so
// a new paginated operation is covered with no edit here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '../src/clients.js';
import { clientArguments, exampleRequest, requestUrl } from '../src/requests.js';
import { loadFullBundle, operationsOf } from '../src/spec.js';
import { authorizationFor, resolveTarget, type Target } from '../src/target.js';

const doc = loadFullBundle();
const paginated = operationsOf(doc).filter((op) => op.paginated);
const MAX_PAGES = 20;

let target: Target;
beforeAll(async () => {
  target = await resolveTarget();
});
afterAll(() => target?.stop());

describe('for await over every paginated operation terminates', () => {
  it('finds the paginated operations in the bundle', () => {
    // These five at least (the detection works); a new list in the spec joins them by itself.
    expect(paginated.map((op) => op.operationId)).toEqual(expect.arrayContaining(['analyticsOffers', 'listOffers', 'listRedemptions', 'listWalletTransactions', 'listWebhooks']));
  });

  it.each(paginated.map((op) => [op.operationId, op] as const))('%s', async (operationId, op) => {
    const clients = clientsFor(target, fetch);
    const client = op.mode === 'member' ? clients.member : clients.server;
    let pages = 0;
    let items = 0;
    const request = exampleRequest(doc, op);
    const list = (client[operationId] as unknown as (...args: unknown[]) => AsyncIterable<unknown>)(...clientArguments(op, request));
    for await (const _ of list) {
      items++;
      if (items > MAX_PAGES * 100) break;
    }
    // Page count from the raw API: the first page has more, following the cursor ends it.
    let cursor: string | null | undefined;
    do {
      const url = new URL(requestUrl(target.url, request));
      if (cursor) url.searchParams.set('cursor', cursor);
      const answer = await fetch(url, {
        headers: { authorization: authorizationFor(op, target.credentials) },
      });
      expect(answer.status).toBe(200);
      const page = (await answer.json()) as { nextCursor: string | null; hasMore: boolean };
      cursor = page.hasMore ? page.nextCursor : null;
      pages++;
    } while (cursor && pages < MAX_PAGES);
    expect(pages, `${operationId} still had more after ${MAX_PAGES} pages`).toBeLessThan(MAX_PAGES);
    expect(items).toBeGreaterThan(0);
    expect(items).toBeLessThan(MAX_PAGES * 100);
  });

  it('an empty cursor= is a 422 naming /query/cursor, not the first page', async () => {
    const answer = await fetch(`${target.url}/v1/offers?cursor=`, { headers: { authorization: `Bearer ${target.credentials.memberToken}` } });
    expect(answer.status).toBe(422);
    const problem = (await answer.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.path)).toEqual(['/query/cursor']);
  });
});
