// Offers, page by page (infinite query over the API's cursor), each with a Redeem button.
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { ListOffersResult } from '@expys/member-client';
import type { ExpysQueries } from '../expys.js';
import { describeError } from '../messages.js';

type Offer = ListOffersResult['data'][number];

export function Offers({ queries }: { queries: ExpysQueries }) {
  const offers = useInfiniteQuery(queries.listOffers.infiniteQueryOptions({ limit: 10 }));
  const items = offers.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section aria-label="Offers">
      <h2>Offers</h2>
      {offers.isPending && <p aria-busy="true">Loading offers…</p>}
      {offers.isError && <p role="alert">{describeError(offers.error)}</p>}
      <ul>
        {items.map((offer) => (
          <OfferCard key={offer.id} offer={offer} queries={queries} />
        ))}
      </ul>
      {offers.hasNextPage && (
        <button type="button" onClick={() => void offers.fetchNextPage()} disabled={offers.isFetchingNextPage}>
          More offers
        </button>
      )}
    </section>
  );
}

function OfferCard({ offer, queries }: { offer: Offer; queries: ExpysQueries }) {
  // One Idempotency-Key per click: the client generates it and reuses it on its own retries.
  const redeem = useMutation(queries.createRedemption.mutationOptions());
  return (
    <li data-testid="offer" data-offer-id={offer.id}>
      <h3>{offer.title}</h3>
      <p>
        {offer.pointsCost} points · {offer.category}
      </p>
      <button type="button" onClick={() => redeem.mutate({ offerId: offer.id })} disabled={redeem.isPending}>
        Redeem {offer.title}
      </button>
      {redeem.isSuccess && (
        // What the member shows to claim the reward is `voucherCode` (null while `pending`), not the redemption's id.
        <p role="status">
          Redeemed!{' '}
          {redeem.data.voucherCode === null ? (
            'Your voucher code is being issued.'
          ) : (
            <>
              Voucher code <code data-testid="voucher-code">{redeem.data.voucherCode}</code>
            </>
          )}{' '}
          <small>
            Redemption <code data-testid="redemption-id">{redeem.data.id}</code>
          </small>
        </p>
      )}
      {redeem.isError && <p role="alert">{describeError(redeem.error)}</p>}
    </li>
  );
}
