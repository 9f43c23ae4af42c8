// The points ledger adds up: for a member, each movement's balanceAfter is the one before plus its
// amount, never below zero, and the last is the balance on the member's row. Read straight from
// the database, so a credit written without its movement (or the reverse) cannot hide.
import { expect } from 'vitest';
import type { Queryable } from '../../src/db/database.js';

export async function expectPointsLedger(db: Queryable, externalUserID: string): Promise<number> {
  const rows = await db.query('SELECT amount, balance_after FROM wallet_transactions WHERE external_user_id = $1 ORDER BY seq', [externalUserID]);
  let running = 0;
  for (const row of rows) {
    running += Number(row.amount);
    expect(Number(row.balance_after), `${externalUserID}: a movement's balanceAfter`).toBe(running);
    expect(running).toBeGreaterThanOrEqual(0);
  }
  const [member] = await db.query('SELECT balance FROM members WHERE external_user_id = $1', [externalUserID]);
  expect(Number(member?.balance ?? 0), `${externalUserID}: the balance is the sum of its movements`).toBe(running);
  return running;
}

/** Every member's ledger adds up; returns how many members were checked. */
export async function expectEveryPointsLedger(db: Queryable): Promise<number> {
  const members = await db.query<{ external_user_id: string }>('SELECT external_user_id FROM members ORDER BY external_user_id');
  for (const { external_user_id } of members) await expectPointsLedger(db, external_user_id);
  return members.length;
}
