// The ledgers add up: each movement's balance after it is the one before plus its change, never
// below zero, and the last is the balance held now. Points are read straight from the database,
// so a credit written without its movement (or the reverse) cannot hide.
import { expect } from 'vitest';
import type { Queryable } from '../../src/db/database.js';

/** Rows oldest first; `balance` is what is held now (0 with no rows). `what` names the ledger in a failure. */
export function expectAddsUp(rows: { change: number; after: number }[], balance: number, what?: string): void {
  let running = 0;
  for (const row of rows) {
    running += row.change;
    expect(row.after, what).toBe(running);
    expect(row.after, what).toBeGreaterThanOrEqual(0);
  }
  expect(running, what).toBe(balance);
}

/** A member's points ledger (wallet_transactions) adds up to the balance on its row; returns that balance. */
export async function expectPointsLedger(db: Queryable, externalUserID: string): Promise<number> {
  const rows = await db.query('SELECT amount, balance_after FROM wallet_transactions WHERE external_user_id = $1 ORDER BY seq', [externalUserID]);
  const [member] = await db.query('SELECT balance FROM members WHERE external_user_id = $1', [externalUserID]);
  const balance = Number(member?.balance ?? 0);
  expectAddsUp(rows.map((row) => ({ change: Number(row.amount), after: Number(row.balance_after) })), balance, `${externalUserID}: points`);
  return balance;
}

/** Every member's ledger adds up; returns how many members were checked. */
export async function expectEveryPointsLedger(db: Queryable): Promise<number> {
  const members = await db.query<{ external_user_id: string }>('SELECT external_user_id FROM members ORDER BY external_user_id');
  for (const { external_user_id } of members) await expectPointsLedger(db, external_user_id);
  return members.length;
}
