// Type-level checks, run by `npm run typecheck` (tsc), not by vitest: each @ts-expect-error
// fails the typecheck if the line it marks ever compiles. The React hooks are only type-checked
// (nothing is rendered): their option types are what an app's code compiles against.
import type { CreateRedemptionResult, GetOfferResult, GetWalletResult, ListOffersQuery, ListOffersResult, MemberClient } from '@expys/member-client';
import { InfiniteQueryObserver, MutationObserver, QueryClient, QueryObserver, type InfiniteData } from '@tanstack/query-core';
import {
  queryOptions,
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  useSuspenseInfiniteQuery,
  useSuspenseQuery,
  type UseInfiniteQueryOptions,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { createExpysQueries, expysRetry, type ExpysInfiniteQueryKey, type ExpysQueries, type ExpysQueryKey, type MutationVariables, type QueryOperationId } from '../src/index.js';

declare const client: MemberClient;
const q: ExpysQueries = createExpysQueries(client);

/** The README's component code, as an app writes it: no casts anywhere. */
export function reactHooks(category: ListOffersQuery['category']) {
  const wallet = useQuery(q.getWallet.queryOptions());
  wallet.data satisfies GetWalletResult | undefined;
  wallet.error satisfies Error | null;

  const offer = useQuery(q.getOffer.queryOptions('off_7Hq2LmN4pX9rT1vB'));
  offer.data?.pointsCost satisfies number | undefined;

  const firstPage = useQuery(q.listOffers.queryOptions({ category }));
  firstPage.data?.hasMore satisfies boolean | undefined;

  // Spread to add TanStack options; select changes the data type as with any query.
  const balance = useQuery({ ...q.getWallet.queryOptions(), select: (w) => w.balance, staleTime: 30_000 });
  balance.data satisfies number | undefined;
  const enabled = useQuery({ ...q.getOffer.queryOptions('off_1'), enabled: category !== undefined });
  enabled.data satisfies GetOfferResult | undefined;

  const offers = useInfiniteQuery(q.listOffers.infiniteQueryOptions({ limit: 20 }));
  offers.data?.pages[0].data[0].id satisfies string | undefined;
  offers.data?.pages satisfies ListOffersResult[] | undefined;
  void offers.fetchNextPage();
  offers.hasNextPage satisfies boolean;
  useInfiniteQuery({ ...q.listRedemptions.infiniteQueryOptions(), maxPages: 5 });

  const redeem = useMutation(q.createRedemption.mutationOptions());
  redeem.mutate({ offerId: 'off_1' });
  redeem.mutate({ offerId: 'off_1', idempotencyKey: 'form-42' });
  redeem.data satisfies CreateRedemptionResult | undefined;
  useMutation({ ...q.createRedemption.mutationOptions({ invalidate: [q.getWallet.queryKey()] }), onSuccess: (r) => r.id satisfies string });
  useMutation(q.createRedemption.mutationOptions({ invalidate: (r) => [q.getRedemption.queryKey(r.id), q.getWallet.queryKey()] }));
  const ask = useMutation(q.concierge.mutationOptions({ invalidate: false }));
  ask.mutate({ message: 'Anything for a rainy day?' });

  useSuspenseQuery(q.getWallet.queryOptions()).data satisfies GetWalletResult;
  useSuspenseInfiniteQuery(q.listOffers.infiniteQueryOptions()).data.pages satisfies ListOffersResult[];
  const [w, o] = useQueries({ queries: [q.getWallet.queryOptions(), q.getOffer.queryOptions('off_1')] });
  w.data satisfies GetWalletResult | undefined;
  o.data satisfies GetOfferResult | undefined;

  // react-query's own option helpers and option types take them too.
  queryOptions(q.getWallet.queryOptions()).queryKey;
  queryOptions({ ...q.getWallet.queryOptions(), staleTime: 1 });
  infiniteQueryOptions(q.listOffers.infiniteQueryOptions());
  q.getWallet.queryOptions() satisfies UseQueryOptions<GetWalletResult, Error, GetWalletResult, ExpysQueryKey<'getWallet'>>;
  q.getWallet.queryOptions() satisfies UseQueryOptions<GetWalletResult, Error, GetWalletResult, readonly ['expys', 'getWallet']>;
  q.listOffers.infiniteQueryOptions() satisfies UseInfiniteQueryOptions<
    ListOffersResult,
    Error,
    InfiniteData<ListOffersResult, string | undefined>,
    ExpysInfiniteQueryKey<'listOffers'>,
    string | undefined
  >;
  q.createRedemption.mutationOptions() satisfies UseMutationOptions<CreateRedemptionResult, Error, MutationVariables<'createRedemption'>>;

  // Keys carry their data type.
  const queryClient = useQueryClient();
  // Assigned first: getQueryData would otherwise take its data type from the expected one.
  const cached = queryClient.getQueryData(q.getWallet.queryKey());
  cached?.balance satisfies number | undefined;
  // @ts-expect-error the wallet's data is not an offer (and not any)
  cached satisfies GetOfferResult | undefined;
  queryClient.getQueryData(q.listOffers.infiniteQueryKey({ limit: 20 }))?.pages satisfies ListOffersResult[] | undefined;
  queryClient.setQueryData(q.getWallet.queryKey(), (old) => old && { ...old, balance: old.balance - 1 });
  void queryClient.invalidateQueries({ queryKey: q.queryKey() });
  void queryClient.invalidateQueries({ queryKey: q.getOffer.queryKey() }); // every offer
  void queryClient.invalidateQueries({ queryKey: q.listOffers.queryKey() }); // every list of offers, infinite ones too
}

/** Issue 22's operations: their helpers and types come from the generated client, with no edit here. */
export function walletScreen() {
  const stamps = useQuery(q.getStamps.queryOptions());
  stamps.data?.cards[0].rewardsAvailable satisfies number | undefined;
  useQuery(q.getCashback.queryOptions()).data?.balance satisfies number | undefined;
  useInfiniteQuery(q.listCashbackHistory.infiniteQueryOptions({ limit: 20 })).data?.pages[0].data[0].amount satisfies number | undefined;
  useQuery(q.getClaim.queryOptions('clm_4Rt8Vn2QxL7wKp3M')).data?.status satisfies 'pending' | 'approved' | 'rejected' | undefined;

  const redeem = useMutation(q.redeemStampReward.mutationOptions());
  redeem.mutate({ args: ['stc_Coffee10Card0001'] });
  redeem.mutate({ args: ['stc_Coffee10Card0001'], idempotencyKey: 'tap-1' });
  redeem.data?.stampsUsed satisfies number | undefined;
  // @ts-expect-error the stamp card is a path parameter: mutate({ args: [stampCardId] })
  redeem.mutate({ stampCardId: 'stc_Coffee10Card0001' });
  const cashOut = useMutation(q.redeemCashback.mutationOptions({ invalidate: [q.getCashback.queryKey()] }));
  cashOut.mutate({ amount: 500, idempotencyKey: 'cashout-1' });
  // @ts-expect-error the amount is in minor units, a number
  cashOut.mutate({ amount: '5.00' });
  useMutation(q.applyReferralCode.mutationOptions()).mutate({ code: 'BEAN-7KQ2' });
  // @ts-expect-error adding stamps is a server operation: not in the member adapter
  q.addStamps;
  // @ts-expect-error a redemption is a mutation, not a query
  q.redeemCashback.queryOptions;
}

export async function queryCore(queryClient: QueryClient) {
  (await queryClient.fetchQuery(q.getWallet.queryOptions())) satisfies GetWalletResult;
  (await queryClient.fetchInfiniteQuery(q.listOffers.infiniteQueryOptions())).pages satisfies ListOffersResult[];
  await queryClient.prefetchQuery(q.getOffer.queryOptions('off_1'));
  new QueryObserver(queryClient, q.getWallet.queryOptions()).getCurrentResult().data satisfies GetWalletResult | undefined;
  new InfiniteQueryObserver(queryClient, q.listOffers.infiniteQueryOptions()).getCurrentResult().data?.pages satisfies ListOffersResult[] | undefined;
  (await new MutationObserver(queryClient, q.createRedemption.mutationOptions()).mutate({ offerId: 'off_1' })).id satisfies string;
  new QueryClient({ defaultOptions: { queries: { retry: expysRetry } } });
}

export function rejected() {
  // @ts-expect-error a POST has no query options: it is a mutation
  q.createRedemption.queryOptions;
  // @ts-expect-error concierge is a POST that is not idempotent: a mutation, not a query
  q.concierge.queryOptions;
  // @ts-expect-error the wallet is not paginated
  q.getWallet.infiniteQueryOptions;
  // @ts-expect-error an offer is not a list
  q.getOffer.infiniteQueryKey;
  // @ts-expect-error reads are not mutations
  q.getWallet.mutationOptions;
  // @ts-expect-error the offer id comes first
  q.getOffer.queryOptions();
  // @ts-expect-error limit is a number
  q.listOffers.queryOptions({ limit: 'twenty' });
  // @ts-expect-error request options are the client's, without signal (TanStack's)
  q.getWallet.queryOptions({ signal: new AbortController().signal });
  // @ts-expect-error a server operation is not part of the member client
  q.exchangeToken;

  const redeem = new MutationObserver(new QueryClient(), q.createRedemption.mutationOptions());
  // @ts-expect-error offerId is required
  void redeem.mutate({});
  // @ts-expect-error the body is required
  void redeem.mutate();
  const ask = new MutationObserver(new QueryClient(), q.concierge.mutationOptions());
  // @ts-expect-error concierge is not idempotent: no Idempotency-Key to pass
  void ask.mutate({ message: 'hi', idempotencyKey: 'k' });
}

// Reads are exactly the GET operations of the generated table.
export const reads: QueryOperationId[] = ['getWallet', 'getOffer', 'checkEligibility', 'getRedemption', 'listOffers', 'listRedemptions', 'listWalletTransactions', 'getStamps', 'getCashback', 'getReferrals', 'getClaim', 'listStampHistory', 'listCashbackHistory', 'listClaims', 'listCards'];
