// The points ledger. Every change to a balance is one transaction that locks the member's row,
// writes the movement and the new balance together, and can never take a balance below zero
// (the code refuses first; the database's CHECK is the backstop).
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import { emitEvent } from './events.js';
import { newId, voucherCode } from './ids.js';
import { requireMember } from './members.js';
import { ApiProblem, notFound } from './problem.js';
import { offer as offerView, redemption as redemptionView, tierRank } from './representations.js';

export interface Currency {
  code: string;
  symbol: string;
  name: string;
}

export async function creditPoints(
  tx: Queryable,
  clock: Clock,
  currency: Currency,
  input: { externalUserID: string; amount: number; reason: string },
) {
  const now = clock.now();
  const member = await requireMember(tx, input.externalUserID, true);
  const balance = Number(member.balance) + input.amount;
  if (!Number.isSafeInteger(balance)) throw new ApiProblem('validation_failed', 'The balance would exceed the largest supported value. Nothing was credited.', [{ path: '/amount', message: 'would overflow the balance' }]);
  const transactionId = newId('txn');
  await tx.query('UPDATE members SET balance = $2, updated_at = $3 WHERE external_user_id = $1', [input.externalUserID, balance, now]);
  await tx.query(
    "INSERT INTO wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at) VALUES ($1, $2, 'credit', $3, $4, $5, NULL, $6)",
    [transactionId, input.externalUserID, input.amount, balance, input.reason, now],
  );
  const credit = { externalUserID: input.externalUserID, transactionId, amount: input.amount, balance, currency };
  await emitEvent(tx, 'points.credited', credit, now);
  return credit;
}

export interface EligibilityReason {
  code: 'insufficient_points' | 'tier_too_low' | 'offer_expired';
  message: string;
}

export function eligibilityOf(offer: any, member: any, now: Date) {
  const reasons: EligibilityReason[] = [];
  const cost = Number(offer.points_cost);
  const balance = Number(member.balance);
  if (offer.available_until !== null && new Date(offer.available_until).getTime() < now.getTime()) {
    reasons.push({ code: 'offer_expired', message: `This offer ended on ${new Date(offer.available_until).toISOString().slice(0, 10)}.` });
  }
  if (tierRank(member.tier) < tierRank(offer.minimum_tier)) {
    reasons.push({ code: 'tier_too_low', message: `This offer needs ${offer.minimum_tier} tier or above; you are ${member.tier}.` });
  }
  if (balance < cost) {
    reasons.push({ code: 'insufficient_points', message: `You need ${cost - balance} more points.` });
  }
  return { offerId: offer.id as string, eligible: reasons.length === 0, reasons, pointsRequired: cost, pointsAvailable: balance };
}

export async function requireOffer(db: Queryable, offerId: string): Promise<any> {
  const [row] = await db.query('SELECT * FROM offers WHERE id = $1', [offerId]);
  if (!row) throw notFound(`The offer ${JSON.stringify(offerId)}`);
  return row;
}

export async function checkEligibility(db: Queryable, clock: Clock, externalUserID: string, offerId: string) {
  const offer = await requireOffer(db, offerId);
  const member = await requireMember(db, externalUserID);
  return eligibilityOf(offer, member, clock.now());
}

export async function redeem(tx: Queryable, clock: Clock, externalUserID: string, offerId: string) {
  const now = clock.now();
  const offer = await requireOffer(tx, offerId);
  const member = await requireMember(tx, externalUserID, true);
  const eligibility = eligibilityOf(offer, member, now);
  const blocking = eligibility.reasons.filter((r) => r.code !== 'insufficient_points');
  if (blocking.length > 0) {
    throw new ApiProblem('not_eligible', `The member cannot redeem this offer: ${blocking.map((r) => r.message).join(' ')} Nothing was deducted.`);
  }
  if (!eligibility.eligible) {
    throw new ApiProblem('insufficient_points', `The balance is ${eligibility.pointsAvailable} points and the offer costs ${eligibility.pointsRequired}. Nothing was deducted.`);
  }
  const cost = Number(offer.points_cost);
  const balance = Number(member.balance) - cost;
  const id = newId('red');
  // The sandbox issues vouchers at once, so a redemption is fulfilled when it is created.
  const [row] = await tx.query(
    "INSERT INTO redemptions (id, offer_id, external_user_id, points_spent, status, voucher_code, created_at) VALUES ($1, $2, $3, $4, 'fulfilled', $5, $6) RETURNING *",
    [id, offer.id, externalUserID, cost, voucherCode(), now],
  );
  await tx.query('UPDATE members SET balance = $2, updated_at = $3 WHERE external_user_id = $1', [externalUserID, balance, now]);
  await tx.query(
    "INSERT INTO wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at) VALUES ($1, $2, 'redemption', $3, $4, $5, $6, $7)",
    [newId('txn'), externalUserID, -cost, balance, `Redeemed: ${offer.title}`, id, now],
  );
  const view = redemptionView(row);
  await emitEvent(tx, 'redemption.created', view, now);
  return view;
}

export { offerView };
