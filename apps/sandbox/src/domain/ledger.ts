// The points ledger. Every change to a balance is one transaction that locks the member's row,
// writes the movement and the new balance together, and can never take a balance below zero
// (the code refuses first; the database's CHECK is the backstop).
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import { emitEvent, eventCtes, newEvent } from './events.js';
import { writeShape, type WriteStatement } from './idempotency.js';
import { base62, newId, voucherCode } from './ids.js';
import { requireMember } from './members.js';
import { pageOf, type PageQuery } from './pages.js';
import { ApiProblem, notFound } from './problem.js';
import { iso, offer as offerView, redemption as redemptionView, TIERS, tierRank, walletTransaction } from './representations.js';

export interface Currency {
  code: string;
  symbol: string;
  name: string;
}

/**
 * creditPoints as one statement (runIdempotentStatement adds the Idempotency-Key's row to it): the
 * hottest write of the API. The balance moves (the row lock serialises credits to one member), the
 * movement is written with the balance it produced, the points.credited event and its deliveries
 * join the outbox, and the answer is made. An unknown member writes nothing and gets 404.
 * $1 event id, $2 its type, $3 now, $4 amount, $5 externalUserID, $6 transaction id, $7 reason,
 * $8 the event, $9 the balance's placeholder, $10 the answer.
 */
const CREDIT = writeShape(
  `member AS (UPDATE members SET balance = balance + $4, updated_at = $3 WHERE external_user_id = $5 RETURNING balance),
     movement AS (
       INSERT INTO wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at)
       SELECT $6, $5, 'credit', $4, balance, $7, NULL, $3 FROM member RETURNING balance_after),
     filled AS (SELECT replace($8, $9, balance_after::text) AS payload FROM movement),
     ${eventCtes('filled')},
     answer AS (SELECT 200 AS status, replace($10, $9, balance_after::text) AS body, EXISTS (SELECT 1 FROM deliveries) AS kick FROM movement)`,
  10,
);

export function creditStatement(clock: Clock, currency: Currency, input: { externalUserID: string; amount: number; reason: string }): WriteStatement {
  const now = clock.now();
  const transactionId = newId('txn');
  // Stands for the balance in the event and the answer until the database has computed it:
  // random per call, so no input (an externalUserID, a reason) can ever contain it. A parameter,
  // never part of the SQL text: one text for every credit, so PostgreSQL prepares it once per
  // connection (a text per call made it parse, plan and keep a new statement on every credit).
  const BALANCE = `__balance_${base62(24)}__`;
  const answer = { externalUserID: input.externalUserID, transactionId, amount: input.amount, balance: BALANCE, currency };
  const event = newEvent('points.credited', answer, now);
  return {
    shape: CREDIT,
    params: [event.id, event.type, now, input.amount, input.externalUserID, transactionId, input.reason, JSON.stringify(event), `"${BALANCE}"`, JSON.stringify(answer)],
    refusal: () => notFound(`The member ${JSON.stringify(input.externalUserID)}`),
  };
}

/** A member's points movements, newest first (listWalletTransactions, and the dashboard's ledger). */
export const walletTransactionsOf = (db: Queryable, externalUserID: string, query: PageQuery) =>
  pageOf(db, { table: 'wallet_transactions', where: 'external_user_id = $1', params: [externalUserID], order: 'desc', query, map: walletTransaction });

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
  const [row] = await db.query('SELECT * FROM offers WHERE id = $1', [offerId], { cacheable: true });
  if (!row) throw notFound(`The offer ${JSON.stringify(offerId)}`);
  return row;
}

export async function checkEligibility(db: Queryable, clock: Clock, externalUserID: string, offerId: string) {
  const offer = await requireOffer(db, offerId);
  const member = await requireMember(db, externalUserID);
  return eligibilityOf(offer, member, clock.now());
}

/**
 * createRedemption's one statement, for a redemption that goes through: the offer (not expired),
 * the member's balance moved if it covers the cost and its tier is high enough, the redemption,
 * the movement, the redemption.created event and its deliveries, and the answer. When any rule
 * refuses (or the offer or member is unknown) it writes nothing and answers nothing: the caller
 * then runs `redeem`, which names every reason (and stores the refusal with the key). The rules
 * here are redeem's (eligibilityOf), stated in SQL; the ledger tests hold both to the same cases.
 * $1 event id, $2 its type, $3 now, $4 offerId, $5 externalUserID, $6 redemption id, $7 voucher
 * code, $8 movement id, $9 the event, $10 the cost's placeholder, $11 the tiers in order, $12 the answer.
 */
const REDEEM = writeShape(
  `offer AS (SELECT id, title, points_cost, minimum_tier FROM offers WHERE id = $4 AND (available_until IS NULL OR available_until >= $3)),
     member AS (
       UPDATE members m SET balance = m.balance - o.points_cost, updated_at = $3 FROM offer o
        WHERE m.external_user_id = $5 AND m.balance >= o.points_cost
          AND array_position($11::text[], m.tier) >= array_position($11::text[], o.minimum_tier)
        RETURNING m.balance, o.id AS offer_id, o.title, o.points_cost),
     redemption AS (
       INSERT INTO redemptions (id, offer_id, external_user_id, points_spent, status, voucher_code, created_at)
       SELECT $6, offer_id, $5, points_cost, 'fulfilled', $7, $3 FROM member RETURNING points_spent),
     movement AS (
       INSERT INTO wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at)
       SELECT $8, $5, 'redemption', -points_cost, balance, 'Redeemed: ' || title, $6, $3 FROM member),
     filled AS (SELECT replace($9, $10, points_spent::text) AS payload FROM redemption),
     ${eventCtes('filled')},
     answer AS (SELECT 201 AS status, replace($12, $10, points_spent::text) AS body, EXISTS (SELECT 1 FROM deliveries) AS kick FROM redemption)`,
  12,
);

export function redeemStatement(clock: Clock, externalUserID: string, offerId: string): WriteStatement {
  const now = clock.now();
  const id = newId('red');
  // The cost is the offer's, read by the statement: a placeholder in the event and the answer until then.
  const COST = `__cost_${base62(24)}__`;
  const view = { id, offerId, externalUserID, pointsSpent: COST, status: 'fulfilled', voucherCode: voucherCode(), createdAt: iso(now) };
  const event = newEvent('redemption.created', view, now);
  return {
    shape: REDEEM,
    params: [event.id, event.type, now, offerId, externalUserID, id, view.voucherCode, newId('txn'), JSON.stringify(event), `"${COST}"`, TIERS, JSON.stringify(view)],
  };
}

export async function redeem(tx: Queryable, clock: Clock, externalUserID: string, offerId: string) {
  const now = clock.now();
  const offer = await requireOffer(tx, offerId);
  const member = await requireMember(tx, externalUserID, true);
  const eligibility = eligibilityOf(offer, member, now);
  const blocking = eligibility.reasons.filter((r) => r.code !== 'insufficient_points');
  if (blocking.length > 0) {
    throw new ApiProblem(
      'not_eligible',
      `The member cannot redeem this offer: ${blocking.map((r) => r.message).join(' ')} Nothing was deducted; checkEligibility lists the reasons.`,
      blocking.map((r) => ({ path: '/offerId', message: r.message })),
    );
  }
  if (!eligibility.eligible) {
    throw new ApiProblem('insufficient_points', `The offer costs ${eligibility.pointsRequired} points; the balance is ${eligibility.pointsAvailable}. Nothing was deducted.`, [
      { path: '/offerId', message: `costs ${eligibility.pointsRequired} points; ${eligibility.pointsAvailable} available` },
    ]);
  }
  const cost = Number(offer.points_cost);
  const balance = Number(member.balance) - cost;
  const id = newId('red');
  // The sandbox issues vouchers at once, so a redemption is fulfilled when it is created.
  // One statement: the redemption, the new balance and the movement (the member row is locked above).
  const [row] = await tx.query(
    `WITH redemption AS (
       INSERT INTO redemptions (id, offer_id, external_user_id, points_spent, status, voucher_code, created_at)
       VALUES ($1, $2, $3, $4, 'fulfilled', $5, $6) RETURNING *),
     member AS (UPDATE members SET balance = $7, updated_at = $6 WHERE external_user_id = $3),
     movement AS (
       INSERT INTO wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at)
       VALUES ($8, $3, 'redemption', -$4::bigint, $7, $9, $1, $6))
     SELECT * FROM redemption`,
    [id, offer.id, externalUserID, cost, voucherCode(), now, balance, newId('txn'), `Redeemed: ${offer.title}`],
  );
  const view = redemptionView(row);
  await emitEvent(tx, 'redemption.created', view, now);
  return view;
}

export { offerView };
