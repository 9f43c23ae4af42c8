// Points that referrals and approved claims credit. They go through the points ledger as any
// credit does (the balance moves and a `credit` movement is written with the balance it produced,
// in one statement), so the member's wallet history shows them and the ledger still adds up. No
// points.credited event: the spec sends that one for creditPoints; these have their own events
// (referral.applied, claim.approved), written by their callers in the same transaction.
import type { Queryable } from '../db/database.js';
import { newId } from './ids.js';

export interface Reward {
  transactionId: string;
  balance: number;
}

/**
 * Credits `amount` points to the member, in the caller's transaction. The caller has checked (and
 * locked) the member: an unknown member here is a bug, not a refusal.
 */
export async function rewardPoints(tx: Queryable, now: Date, externalUserID: string, amount: number, description: string): Promise<Reward> {
  const transactionId = newId('txn');
  const [row] = await tx.query<{ balance_after: number }>(
    `WITH member AS (UPDATE members SET balance = balance + $1, updated_at = $2 WHERE external_user_id = $3 RETURNING balance)
     INSERT INTO wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at)
     SELECT $4, $3, 'credit', $1, balance, $5, NULL, $2 FROM member RETURNING balance_after`,
    [amount, now, externalUserID, transactionId, description],
  );
  if (!row) throw new Error(`rewardPoints: no member ${JSON.stringify(externalUserID)} (the caller must check it first)`);
  return { transactionId, balance: Number(row.balance_after) };
}
