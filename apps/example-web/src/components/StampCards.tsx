// The member's stamp cards: the stamps toward the next reward, the rewards ready, and a Redeem
// button per card that spends one reward's worth of stamps (the API refuses stamps not held).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { GetStampsResult } from '@expys/member-client';
import type { ExpysQueries } from '../expys.js';
import { describeError } from '../messages.js';

type StampCard = GetStampsResult['cards'][number];

export function StampCards({ queries }: { queries: ExpysQueries }) {
  const stamps = useQuery(queries.getStamps.queryOptions());
  return (
    <section aria-label="Stamp cards">
      <h2>Stamp cards</h2>
      {stamps.isPending && <p aria-busy="true">Loading your stamp cards…</p>}
      {stamps.isError && <p role="alert">{describeError(stamps.error)}</p>}
      {stamps.data?.cards.length === 0 && <p>No stamp cards yet.</p>}
      <ul>
        {stamps.data?.cards.map((card) => (
          <StampCardItem key={card.id} card={card} queries={queries} />
        ))}
      </ul>
    </section>
  );
}

function StampCardItem({ card, queries }: { card: StampCard; queries: ExpysQueries }) {
  // One Idempotency-Key per click; on success every member query refetches (the card, the wallet).
  const redeem = useMutation(queries.redeemStampReward.mutationOptions());
  // Every `threshold` stamps make one reward: the rest is the progress toward the next one.
  const toNext = card.stamps % card.threshold;
  const ready = card.rewardsAvailable > 0;
  return (
    <li data-testid="stamp-card" data-card-id={card.id}>
      <h3>{card.name}</h3>
      <p>
        <progress max={card.threshold} value={ready ? card.threshold : toNext} aria-label={`${card.name} progress`} />{' '}
        <span data-testid="stamp-progress">
          {ready ? card.threshold : toNext}/{card.threshold}
        </span>{' '}
        stamps ·{' '}
        {ready ? (
          <span data-testid="rewards-available">
            {card.rewardsAvailable} {card.rewardsAvailable === 1 ? 'reward' : 'rewards'} ready: {card.rewardDescription}
          </span>
        ) : (
          <span>
            {card.threshold - toNext} more for {card.rewardDescription.charAt(0).toLowerCase()}
            {card.rewardDescription.slice(1)}
          </span>
        )}
      </p>
      <button type="button" onClick={() => redeem.mutate({ args: [card.id] })} disabled={!ready || redeem.isPending}>
        Redeem {card.name} reward
      </button>
      {redeem.isSuccess && (
        <p role="status">
          Enjoy: <span data-testid="stamp-reward">{redeem.data.rewardDescription}</span> ({redeem.data.stampsUsed} stamps used)
        </p>
      )}
      {redeem.isError && <p role="alert">{describeError(redeem.error, { not_found: 'This stamp card no longer exists.' })}</p>}
    </li>
  );
}
