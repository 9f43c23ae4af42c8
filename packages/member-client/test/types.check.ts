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

  // Issue 23: the openapi-fetch client the methods run on, typed with the member paths.
  const { data: wallet, error } = await expys.fetchClient.GET('/v1/wallet');
  if (wallet) wallet.balance satisfies number;
  if (error) error.code satisfies string;
  const offer = await expys.fetchClient.GET('/v1/offers/{offerId}', { params: { path: { offerId: 'off_1' } } });
  offer.data?.id satisfies string | undefined;
  // @ts-expect-error a server path is not part of the member paths
  expys.fetchClient.POST('/v1/auth/exchange', { body: { externalUserID: 'u' } });
  expys.fetchClient.use({ onRequest: ({ request }) => void request.headers.get('authorization') });
  initialize({ environment: 'sandbox', token: 't', maxResponseBytes: 1 << 20, maxPages: 100 });

  // Issue 22: the member's own stamps, cashback, claims and referral code.
  for (const card of (await expys.getStamps()).cards) card.rewardsAvailable satisfies number;
  (await expys.redeemStampReward('stc_Coffee10Card0001', { idempotencyKey: 'tap-1' })).stampsUsed satisfies number;
  (await expys.getCashback()).balance satisfies number;
  (await expys.redeemCashback({ amount: 500 })).balance satisfies number;
  for await (const entry of expys.listStampHistory({ limit: 20 })) entry.id satisfies string;
  for await (const entry of expys.listCashbackHistory()) entry.amount satisfies number;
  (await expys.getReferrals()).code satisfies string;
  await expys.applyReferralCode({ code: 'BEAN-7KQ2' });
  (await expys.createClaim({ type: 'receipt', description: 'Lunch', points: 50 })).status satisfies 'pending' | 'approved' | 'rejected';
  // @ts-expect-error the stamp card comes first
  expys.redeemStampReward();
  // @ts-expect-error an amount is minor units, a number
  expys.redeemCashback({ amount: '5.00' });
  // @ts-expect-error adding stamps moves value for a member: the server client's
  expys.addStamps;
  // @ts-expect-error crediting cashback is the server client's
  expys.creditCashback;
  // @ts-expect-error deciding a claim is the server client's
  expys.approveClaim;
}

// @ts-expect-error environment is sandbox or production
initialize({ environment: 'staging', token: 'mt_test_x' });
initialize({ environment: 'sandbox', token: async () => 'mt_test_x' });

// The lean entry: each function typed from the member `paths`, the lean client first.
import * as lean from '../src/operations.js';
import type { GetOfferResult, GetWalletResult } from '../src/index.js';

export async function leanSurface(full: MemberClient) {
  const expys = lean.createMemberClient({ environment: 'sandbox', token: async () => 'mt_test_x', retry: lean.retries({ maxRetries: 1 }) });
  lean.getWallet(expys) satisfies Promise<GetWalletResult>;
  (await lean.getWallet(expys)).balance satisfies number;
  lean.getOffer(expys, 'off_1') satisfies Promise<GetOfferResult>;
  (await lean.getOffer(expys, 'off_1', { timeout: 5000 })).id satisfies string;
  lean.listOffers(expys, { limit: 50 }) satisfies Promise<ListOffersResult>;
  (await lean.createRedemption(expys, { offerId: 'off_1' }, { idempotencyKey: 'k' })).id satisfies string;
  for await (const offer of lean.paginate(lean.listOffers, expys, { limit: 50 }, { maxPages: 10 })) offer.id satisfies string;
  const { data } = await expys.fetchClient.GET('/v1/wallet');
  data?.balance satisfies number | undefined;

  // @ts-expect-error limit is a number
  lean.listOffers(expys, { limit: 'fifty' });
  // @ts-expect-error the body is required
  lean.createRedemption(expys);
  // @ts-expect-error offerId is required
  lean.createRedemption(expys, {});
  // @ts-expect-error the path parameter comes after the client
  lean.getOffer(expys);
  // @ts-expect-error unknown option
  lean.getWallet(expys, { retries: 3 });
  // @ts-expect-error the client comes first
  lean.getWallet();
  // @ts-expect-error the client of initialize is not a lean client
  lean.getWallet(full);
  // @ts-expect-error server operations are not part of the lean entry
  lean.exchangeToken;
  // @ts-expect-error environment is sandbox or production
  lean.createMemberClient({ environment: 'staging', token: 'mt_test_x' });
  // @ts-expect-error retries are opt-in, as a strategy: no maxRetries option on the lean client
  lean.createMemberClient({ environment: 'sandbox', token: 'mt_test_x', maxRetries: 2 });
}
