// Mutations against the real mock: what is sent (body, Idempotency-Key), what is invalidated
// afterwards (active observers refetch before the mutation resolves), and what is never retried.
import { ServerError, ValidationError } from '@expys/member-client';
import { InfiniteQueryObserver, MutationObserver, QueryClient, QueryObserver } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { createExpysQueries } from '../src/index.js';
import { memberClient, queryClient, recordingFetch, resultWhere, useMock } from './support.js';

const mock = useMock();
const OFFER_ID = 'off_7Hq2LmN4pX9rT1vB';

/** Active observers on the wallet, the offers (infinite) and the redemptions, all loaded. */
async function screen(qc: QueryClient, q: ReturnType<typeof createExpysQueries>) {
  const observers = {
    wallet: new QueryObserver(qc, q.getWallet.queryOptions()),
    offers: new InfiniteQueryObserver(qc, q.listOffers.infiniteQueryOptions({ limit: 20 })),
    redemptions: new QueryObserver(qc, q.listRedemptions.queryOptions()),
  };
  // Subscribed for the whole test, like mounted components (a first subscriber fetches).
  const unsubscribe = Object.values(observers).map((o) => (o as QueryObserver).subscribe(() => {}));
  await Promise.all(Object.values(observers).map((o) => resultWhere(o as QueryObserver, (r) => r.isSuccess)));
  return { observers, stop: () => unsubscribe.forEach((u) => u()) };
}

const requests = () => mock.log.map((e) => `${e.method} ${e.url.split('?')[0]} ${e.status}`);

describe('createRedemption', () => {
  it('redeems, then refetches every active query of the adapter before it resolves', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const qc = queryClient();
    // Loaded earlier and no longer shown: marked stale, refetched only when shown again.
    await qc.fetchQuery(q.getOffer.queryOptions(OFFER_ID));
    const { observers, stop } = await screen(qc, q);
    mock.log.length = 0;

    const redemption = await new MutationObserver(qc, q.createRedemption.mutationOptions()).mutate({ offerId: OFFER_ID });
    expect(redemption.id).toMatch(/^red_/);
    // Logged before mutate() resolved: the refetches finished first.
    expect(requests()[0]).toBe('POST /v1/redemptions 201');
    expect(requests().slice(1).sort()).toEqual(['GET /v1/offers 200', 'GET /v1/redemptions 200', 'GET /v1/wallet 200']);
    expect(qc.getQueryState(q.getWallet.queryKey())?.dataUpdateCount).toBe(2);
    expect(observers.offers.getCurrentResult().data?.pages).toHaveLength(1);
    expect(qc.getQueryState(q.getOffer.queryKey(OFFER_ID))?.isInvalidated).toBe(true);
    stop();
  });

  it('invalidate: false leaves the cache alone; a list of keys invalidates just those; a function gets the result', async () => {
    const q = createExpysQueries(memberClient(mock.url));
    const qc = queryClient();
    const { stop } = await screen(qc, q);

    mock.log.length = 0;
    await new MutationObserver(qc, q.createRedemption.mutationOptions({ invalidate: false })).mutate({ offerId: OFFER_ID });
    expect(requests()).toEqual(['POST /v1/redemptions 201']);

    mock.log.length = 0;
    await new MutationObserver(qc, q.createRedemption.mutationOptions({ invalidate: [q.getWallet.queryKey()] })).mutate({ offerId: OFFER_ID });
    expect(requests()).toEqual(['POST /v1/redemptions 201', 'GET /v1/wallet 200']);

    mock.log.length = 0;
    const seen: string[] = [];
    const options = q.createRedemption.mutationOptions({
      invalidate: (redemption, variables) => {
        seen.push(`${redemption.id} for ${variables.offerId}`);
        return [q.listRedemptions.queryKey()];
      },
    });
    await new MutationObserver(qc, options).mutate({ offerId: OFFER_ID });
    expect(seen).toEqual([expect.stringMatching(new RegExp(`^red_\\w+ for ${OFFER_ID}$`))]);
    expect(requests()).toEqual(['POST /v1/redemptions 201', 'GET /v1/redemptions 200']);
    stop();
  });

  it('sends one new Idempotency-Key per mutate(), or the one the variables carry, never in the body', async () => {
    const wire = recordingFetch();
    const q = createExpysQueries(memberClient(mock.url, { fetch: wire.fetch }));
    const observer = new MutationObserver(queryClient(), q.createRedemption.mutationOptions({ invalidate: false }));
    await observer.mutate({ offerId: OFFER_ID });
    await observer.mutate({ offerId: OFFER_ID });
    await observer.mutate({ offerId: OFFER_ID, idempotencyKey: 'checkout-form-42' });

    const keys = wire.calls.map((c) => c.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe('checkout-form-42');
    // The body is the operation's: the mock refuses unknown fields (additionalProperties: false).
    expect(wire.calls.map((c) => JSON.parse(c.body!))).toEqual([{ offerId: OFFER_ID }, { offerId: OFFER_ID }, { offerId: OFFER_ID }]);
    expect(mock.log.map((e) => e.status)).toEqual([201, 201, 201]);
  });

  it('a failed mutation invalidates nothing and is not retried, even when the QueryClient retries mutations', async () => {
    const q = createExpysQueries(memberClient(mock.url, { headers: { prefer: 'code=422' } }));
    const qc = new QueryClient({ defaultOptions: { mutations: { retry: 3, retryDelay: 1 } } });
    const error = await new MutationObserver(qc, q.createRedemption.mutationOptions()).mutate({ offerId: OFFER_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(requests()).toEqual(['POST /v1/redemptions 422']);
  });

  it('a server error is retried by the client with the same key, not again by TanStack with new ones', async () => {
    const wire = recordingFetch();
    const q = createExpysQueries(memberClient(mock.url, { fetch: wire.fetch, headers: { prefer: 'code=500' } }));
    const qc = new QueryClient({ defaultOptions: { mutations: { retry: 3, retryDelay: 1 } } });
    const error = await new MutationObserver(qc, q.createRedemption.mutationOptions()).mutate({ offerId: OFFER_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(requests()).toEqual(['POST /v1/redemptions 500', 'POST /v1/redemptions 500', 'POST /v1/redemptions 500']);
    expect(new Set(wire.calls.map((c) => c.headers.get('idempotency-key'))).size).toBe(1);
  });
});

describe('concierge', () => {
  it('is a mutation: the message is the variables, no Idempotency-Key is sent', async () => {
    const wire = recordingFetch();
    const q = createExpysQueries(memberClient(mock.url, { fetch: wire.fetch }));
    const reply = await new MutationObserver(queryClient(), q.concierge.mutationOptions({ invalidate: false })).mutate({ message: 'Anything for a rainy day?' });
    expect(typeof reply.reply).toBe('string');
    expect(wire.calls.map((c) => [c.method, c.headers.get('idempotency-key'), c.body])).toEqual([['POST', null, '{"message":"Anything for a rainy day?"}']]);
    expect(q.concierge.mutationOptions().mutationKey).toEqual(['expys', 'concierge']);
    expect(q.concierge.mutationKey()).toEqual(['expys', 'concierge']);
  });
});
