// Cashback: a second ledger, in minor units of one currency (USD cents), on the member's row.
// Like the points ledger, a change locks the member's row, moves the balance and writes the
// movement with the balance it produced, in one transaction: the history adds up to the balance,
// and the balance never goes below zero (the code refuses first; the CHECK is the backstop).
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import type { DateRange } from './analytics.js';
import { emitEvent } from './events.js';
import { newId } from './ids.js';
import { requireMember } from './members.js';
import { ApiProblem } from './problem.js';
import { iso } from './representations.js';

/** ISO 4217 code of the cashback currency: amounts are its minor units (cents). */
export const CASHBACK_CURRENCY = 'USD';

/** What a redemption says in the history when the app gives no reason (the spec's default). */
export const DEFAULT_REDEMPTION_REASON = 'Redeemed in the app';

export const cashbackTransaction = (row: any) => ({
  id: row.id,
  type: row.type,
  amount: Number(row.amount),
  balanceAfter: Number(row.balance_after),
  reason: row.reason,
  createdAt: iso(row.created_at),
});

/** The spec's CashbackBalance of a member; 404 when no member has this id. */
export async function cashbackBalance(db: Queryable, externalUserID: string) {
  const member = await requireMember(db, externalUserID);
  return { externalUserID, balance: Number(member.cashback_balance), currency: CASHBACK_CURRENCY };
}

/** Moves the balance by `amount` (the member's row is locked by the caller) and writes the movement. */
async function move(tx: Queryable, externalUserID: string, type: 'credit' | 'redemption', amount: number, reason: string, now: Date) {
  // Conditional: whatever the caller checked, a balance below zero is never written.
  const [row] = await tx.query<{ cashback_balance: number }>(
    'UPDATE members SET cashback_balance = cashback_balance + $2 WHERE external_user_id = $1 AND cashback_balance + $2 >= 0 RETURNING cashback_balance',
    [externalUserID, amount],
  );
  if (!row) throw new ApiProblem('insufficient_cashback', `The member no longer has ${-amount} in cashback. Nothing was redeemed.`);
  const balance = Number(row.cashback_balance);
  const transactionId = newId('cbt');
  await tx.query('INSERT INTO cashback_transactions (id, external_user_id, type, amount, balance_after, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    transactionId,
    externalUserID,
    type,
    amount,
    balance,
    reason,
    now,
  ]);
  return { externalUserID, transactionId, amount, balance, currency: CASHBACK_CURRENCY };
}

export async function creditCashback(tx: Queryable, clock: Clock, externalUserID: string, input: { amount: number; reason: string }) {
  const now = clock.now();
  // Locked before anything is written: an unknown member is a 404 with nothing to undo.
  await requireMember(tx, externalUserID, true);
  const change = await move(tx, externalUserID, 'credit', input.amount, input.reason, now);
  await emitEvent(tx, 'cashback.credited', change, now);
  return change;
}

export async function redeemCashback(tx: Queryable, clock: Clock, externalUserID: string, input: { amount: number; reason?: string }) {
  const now = clock.now();
  // The row is locked before its balance is read: a concurrent redemption waits here and then
  // reads what this one left, so two of them can never both spend the same cents.
  const member = await requireMember(tx, externalUserID, true);
  const balance = Number(member.cashback_balance);
  if (balance < input.amount) {
    const message = `The member has ${balance} in cashback; ${input.amount} was asked.`;
    throw new ApiProblem('insufficient_cashback', `${message} Nothing was redeemed.`, [{ path: '/amount', message }]);
  }
  return move(tx, externalUserID, 'redemption', -input.amount, input.reason ?? DEFAULT_REDEMPTION_REASON, now);
}

/** Cashback credited and redeemed in the range (minor units), for the analytics summary. */
export async function cashbackAnalytics(db: Queryable, range: DateRange) {
  const [row] = await db.query(
    `SELECT COALESCE(sum(amount) FILTER (WHERE type = 'credit'), 0)::bigint AS credited, COALESCE(sum(-amount) FILTER (WHERE type = 'redemption'), 0)::bigint AS redeemed
       FROM cashback_transactions WHERE created_at >= $1 AND created_at < $2`,
    [range.start, range.end],
    { cacheable: true },
  );
  return { cashbackCredited: Number(row.credited), cashbackRedeemed: Number(row.redeemed) };
}

/**
 * The seed's cashback, as the spec's examples tell it for `user_123`: a welcome credit of 1000,
 * then the creditCashback example's 250 ("2% back on order 1043") make the getCashback example's
 * 1250, from which the redeemCashback example's 500 can be redeemed. Only when the seed has that
 * member.
 */
export async function seedCashback(tx: Queryable, now: Date): Promise<void> {
  const [member] = await tx.query("SELECT external_user_id, created_at FROM members WHERE external_user_id = 'user_123'");
  if (!member) return;
  const joined = new Date(member.created_at).getTime();
  const at = (share: number) => new Date(joined + (now.getTime() - joined) * share);
  let balance = 0;
  for (const [amount, reason, share] of [
    [1000, 'Welcome cashback', 0.4],
    [250, '2% back on order 1043', 0.8],
  ] as const) {
    balance += amount;
    await tx.query("INSERT INTO cashback_transactions (id, external_user_id, type, amount, balance_after, reason, created_at) VALUES ($1, $2, 'credit', $3, $4, $5, $6)", [
      newId('cbt'),
      member.external_user_id,
      amount,
      balance,
      reason,
      at(share),
    ]);
  }
  await tx.query('UPDATE members SET cashback_balance = $2 WHERE external_user_id = $1', [member.external_user_id, balance]);
}
