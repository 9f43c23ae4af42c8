// Stamp cards. The org's cards are definitions (migration 0004): a name, a threshold and a reward.
// A member holds stamps on each; every `threshold` stamps make one reward. addStamps adds (and
// says how many rewards the addition completed), redeemStampReward spends exactly one reward's
// stamps. Each change locks the member's balance row and writes the change with the balance it
// produced, so the history always adds up to the balance, and stamps the member does not hold are
// never spent, however many redemptions run at once (the CHECK on the row is the backstop).
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import type { DateRange } from './analytics.js';
import { emitEvent } from './events.js';
import { newId } from './ids.js';
import { requireMember } from './members.js';
import { ApiProblem, notFound } from './problem.js';
import { iso } from './representations.js';

/** The spec's StampCard: a card with the member's stamps on it. */
export interface StampCardView {
  id: string;
  name: string;
  stamps: number;
  threshold: number;
  rewardsAvailable: number;
  rewardDescription: string;
}

/** StampBalance lists at most this many cards. */
const MAX_CARDS = 20;

export function stampCard(definition: Record<string, any>, stamps: number): StampCardView {
  const threshold = Number(definition.threshold);
  return { id: definition.id, name: definition.name, stamps, threshold, rewardsAvailable: Math.floor(stamps / threshold), rewardDescription: definition.reward_description };
}

export const stampTransaction = (row: any) => ({
  id: row.id,
  stampCardId: row.stamp_card_id,
  type: row.type,
  stamps: Number(row.stamps),
  stampsAfter: Number(row.stamps_after),
  reason: row.reason,
  createdAt: iso(row.created_at),
});

async function requireCard(db: Queryable, stampCardId: string): Promise<any> {
  const [card] = await db.query('SELECT * FROM stamp_cards WHERE id = $1', [stampCardId], { cacheable: true });
  if (!card) throw notFound(`The stamp card ${JSON.stringify(stampCardId)}`);
  return card;
}

/**
 * Every card of the org with the member's stamps on it (0 where it has none), in the cards'
 * order. Exported for the membership card, whose rewards are the stamp rewards ready to redeem.
 */
export async function stampCardsOf(db: Queryable, externalUserID: string): Promise<StampCardView[]> {
  const rows = await db.query(
    `SELECT c.id, c.name, c.threshold, c.reward_description, COALESCE(b.stamps, 0) AS stamps
       FROM stamp_cards c LEFT JOIN stamp_balances b ON b.stamp_card_id = c.id AND b.external_user_id = $1
      ORDER BY c.seq LIMIT ${MAX_CARDS}`,
    [externalUserID],
    { cacheable: true },
  );
  return rows.map((row) => stampCard(row, Number(row.stamps)));
}

/** The spec's StampBalance of a member; 404 when no member has this id. */
export async function stampBalance(db: Queryable, externalUserID: string) {
  await requireMember(db, externalUserID);
  return { externalUserID, cards: await stampCardsOf(db, externalUserID) };
}

/** Rewards an addition completed: thresholds crossed going from `before` to `after` stamps. */
export const rewardsCrossed = (before: number, after: number, threshold: number) => Math.floor(after / threshold) - Math.floor(before / threshold);

export async function addStamps(tx: Queryable, clock: Clock, externalUserID: string, input: { stampCardId: string; stamps: number; reason: string }) {
  const now = clock.now();
  // Checks first (the idempotency store keeps a refusal only when nothing was written). The
  // member's row is held against removal until commit: its balance row references it.
  const [member] = await tx.query('SELECT external_user_id FROM members WHERE external_user_id = $1 FOR KEY SHARE', [externalUserID]);
  if (!member) throw notFound(`The member ${JSON.stringify(externalUserID)}`);
  const card = await requireCard(tx, input.stampCardId);
  // One statement adds to the balance (creating it at the first stamp); concurrent additions to
  // one balance wait on its row, each one adding to what the one before left.
  const [balance] = await tx.query<{ stamps: number }>(
    `INSERT INTO stamp_balances (external_user_id, stamp_card_id, stamps, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (external_user_id, stamp_card_id) DO UPDATE SET stamps = stamp_balances.stamps + EXCLUDED.stamps, updated_at = EXCLUDED.updated_at
     RETURNING stamps`,
    [externalUserID, card.id, input.stamps, now],
  );
  const after = Number(balance.stamps);
  const transactionId = newId('stx');
  await tx.query(
    "INSERT INTO stamp_transactions (id, external_user_id, stamp_card_id, type, stamps, stamps_after, reason, created_at) VALUES ($1, $2, $3, 'added', $4, $5, $6, $7)",
    [transactionId, externalUserID, card.id, input.stamps, after, input.reason, now],
  );
  const rewardsEarned = rewardsCrossed(after - input.stamps, after, Number(card.threshold));
  const body = { externalUserID, transactionId, stampsAdded: input.stamps, rewardsEarned, card: stampCard(card, after) };
  // The backend reacts to a completed reward (tell the member, print the voucher): only then.
  if (rewardsEarned > 0) await emitEvent(tx, 'stamps.reward_earned', body, now);
  return body;
}

export async function redeemStampReward(tx: Queryable, clock: Clock, externalUserID: string, stampCardId: string) {
  const now = clock.now();
  const card = await requireCard(tx, stampCardId);
  const threshold = Number(card.threshold);
  // The balance row is locked before it is read: a concurrent redemption waits here and then
  // reads what this one left, so two of them can never both spend the same stamps.
  const [held] = await tx.query<{ stamps: number }>('SELECT stamps FROM stamp_balances WHERE external_user_id = $1 AND stamp_card_id = $2 FOR UPDATE', [externalUserID, card.id]);
  const stamps = Number(held?.stamps ?? 0);
  if (stamps < threshold) {
    const message = `A reward on this card costs ${threshold} stamps; the member holds ${stamps}.`;
    throw new ApiProblem('insufficient_stamps', `${message} Nothing was redeemed and no stamps were spent.`, [{ path: '/stampCardId', message }]);
  }
  // Conditional as well: even if the row were not locked, stamps not held could not be spent.
  const [spent] = await tx.query<{ stamps: number }>(
    'UPDATE stamp_balances SET stamps = stamps - $3, updated_at = $4 WHERE external_user_id = $1 AND stamp_card_id = $2 AND stamps >= $3 RETURNING stamps',
    [externalUserID, card.id, threshold, now],
  );
  if (!spent) throw new ApiProblem('insufficient_stamps', `A reward on this card costs ${threshold} stamps; the member no longer holds them. Nothing was redeemed.`);
  const after = Number(spent.stamps);
  const transactionId = newId('stx');
  await tx.query(
    "INSERT INTO stamp_transactions (id, external_user_id, stamp_card_id, type, stamps, stamps_after, reason, created_at) VALUES ($1, $2, $3, 'redeemed', $4, $5, $6, $7)",
    [transactionId, externalUserID, card.id, -threshold, after, card.reward_description, now],
  );
  return { transactionId, rewardDescription: card.reward_description as string, stampsUsed: threshold, card: stampCard(card, after), redeemedAt: iso(now) };
}

/** Stamps added and rewards redeemed in the range, for the analytics summary. */
export async function stampAnalytics(db: Queryable, range: DateRange) {
  const [row] = await db.query(
    `SELECT COALESCE(sum(stamps) FILTER (WHERE type = 'added'), 0)::bigint AS issued, count(*) FILTER (WHERE type = 'redeemed')::bigint AS redeemed
       FROM stamp_transactions WHERE created_at >= $1 AND created_at < $2`,
    [range.start, range.end],
    { cacheable: true },
  );
  return { stampsIssued: Number(row.issued), stampRewardsRedeemed: Number(row.redeemed) };
}

/**
 * The seed's stamps, as the spec's examples tell them for `user_123`: 7 stamps on the Coffee card
 * (getStamps), then the addStamps example's 3 (reason "Coffee at Bean & Co. Main St") bring it to
 * 10, one reward ready, which the redeemStampReward example spends. Written only when the seed has
 * that member; its history adds up to its balance like every other.
 */
export async function seedStamps(tx: Queryable, now: Date): Promise<void> {
  const [member] = await tx.query("SELECT external_user_id, created_at FROM members WHERE external_user_id = 'user_123'");
  const [card] = await tx.query("SELECT id FROM stamp_cards WHERE id = 'stc_Coffee10Card0001'");
  if (!member || !card) return;
  const joined = new Date(member.created_at).getTime();
  // Between the member's enrolment and now, in order.
  const at = (share: number) => new Date(joined + (now.getTime() - joined) * share);
  let stamps = 0;
  for (const [added, reason, share] of [
    [7, 'Welcome stamps', 0.5],
    [3, 'Coffee at Bean & Co. Main St', 0.9],
  ] as const) {
    stamps += added;
    await tx.query(
      "INSERT INTO stamp_transactions (id, external_user_id, stamp_card_id, type, stamps, stamps_after, reason, created_at) VALUES ($1, $2, $3, 'added', $4, $5, $6, $7)",
      [newId('stx'), member.external_user_id, card.id, added, stamps, reason, at(share)],
    );
  }
  await tx.query('INSERT INTO stamp_balances (external_user_id, stamp_card_id, stamps, updated_at) VALUES ($1, $2, $3, $4)', [member.external_user_id, card.id, stamps, at(0.9)]);
}
