// Type-level checks, run by `npm run typecheck` (tsc), not by vitest: each @ts-expect-error
// fails the typecheck if the line it marks ever compiles.
import { initialize, type ListOffersResult, type MemberClient, type PagePromise } from '../src/index.js';

export async function typedSurface(expys: MemberClient) {
  const page = await expys.listOffers({ limit: 50 });
  page.data[0].id satisfies string;
  page.hasMore satisfies boolean;
  expys.listOffers() satisfies PagePromise<ListOffersResult>;
  for await (const offer of expys.listOffers()) offer.id satisfies string;

  const redemption = await expys.createRedemption({ offerId: 'off_1' }, { idempotencyKey: 'k', maxRetries: 0 });
  redemption.id satisfies string;
  (await expys.getOffer('off_1')).id satisfies string;

  // @ts-expect-error limit is a number
  expys.listOffers({ limit: 'fifty' });
  // @ts-expect-error the body is required
  expys.createRedemption();
  // @ts-expect-error offerId is required
  expys.createRedemption({});
  // @ts-expect-error the path parameter comes first
  expys.getOffer();
  // @ts-expect-error unknown option
  expys.getWallet({ retries: 3 });
  // @ts-expect-error server operations are not part of the member client
  expys.exchangeToken;
}

// @ts-expect-error environment is sandbox or production
initialize({ environment: 'staging', token: 'mt_test_x' });
initialize({ environment: 'sandbox', token: async () => 'mt_test_x' });
