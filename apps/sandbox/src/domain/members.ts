// Members: enrolled by their first token (exchangeToken), created or replaced by setMember, read by getMember and getWallet, removed by
// removeMember. Removal deletes the member, its tokens and its idempotency keys, and unlinks
// its history: redemptions and transactions stay (analytics count what happened) under a
// tombstone id, so a member created again later with the same externalUserID starts clean.
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import { emitEvent } from './events.js';
import { notFound } from './problem.js';
import { unlinkReferrals } from './referrals.js';
import { iso, member, TIERS } from './representations.js';

export type MemberView = ReturnType<typeof member>;

/** A page of members by externalUserID, with their balances (the dashboard's list): `after` is the previous page's last externalUserID. */
export async function listMembers(db: Queryable, query: { limit?: number; after?: string } = {}) {
  const limit = query.limit ?? 50;
  // Byte order (COLLATE "C"), the same on every database whatever its locale.
  const rows = await db.query('SELECT * FROM members WHERE ($1::text IS NULL OR external_user_id COLLATE "C" > $1) ORDER BY external_user_id COLLATE "C" LIMIT $2', [
    query.after ?? null,
    limit + 1,
  ]);
  const data = rows.slice(0, limit).map((row) => ({ ...member(row), cashbackBalance: Number(row.cashback_balance) }));
  return { data, nextAfter: rows.length > limit ? data[data.length - 1]!.externalUserID : null };
}

export async function findMember(db: Queryable, externalUserID: string, lock = false): Promise<any | undefined> {
  const [row] = await db.query(`SELECT * FROM members WHERE external_user_id = $1${lock ? ' FOR UPDATE' : ''}`, [externalUserID], { cacheable: !lock });
  return row;
}

export async function requireMember(db: Queryable, externalUserID: string, lock = false): Promise<any> {
  const row = await findMember(db, externalUserID, lock);
  if (!row) throw notFound(`The member ${JSON.stringify(externalUserID)}`);
  return row;
}

/**
 * Enrols the member if it does not exist yet (the first token for an externalUserID creates it):
 * an empty wallet, the lowest tier, and its externalUserID (its first 100 characters: the longest displayName) as the display name until setMember
 * fills in the profile. True when this call created it. Concurrent first exchanges for one id
 * enrol it once: the losers wait on the row and find it taken.
 */
export async function enrolMember(tx: Queryable, clock: Clock, externalUserID: string): Promise<boolean> {
  const now = clock.now();
  const rows = await tx.query(
    `INSERT INTO members (external_user_id, display_name, tier, balance, created_at, updated_at) VALUES ($1, left($1, 100), $2, 0, $3, $3)
     ON CONFLICT (external_user_id) DO NOTHING RETURNING external_user_id`,
    [externalUserID, TIERS[0], now],
  );
  return rows.length > 0;
}

export async function setMember(tx: Queryable, clock: Clock, externalUserID: string, input: { displayName: string; tier: string }): Promise<MemberView> {
  const now = clock.now();
  const [row] = await tx.query(
    `INSERT INTO members (external_user_id, display_name, tier, balance, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4)
     ON CONFLICT (external_user_id) DO UPDATE SET display_name = EXCLUDED.display_name, tier = EXCLUDED.tier, updated_at = EXCLUDED.updated_at
     RETURNING *`,
    [externalUserID, input.displayName, input.tier, now],
  );
  const view = member(row);
  await emitEvent(tx, 'member.updated', view, now);
  return view;
}

export async function removeMember(tx: Queryable, clock: Clock, externalUserID: string): Promise<void> {
  const now = clock.now();
  const [row] = await tx.query('DELETE FROM members WHERE external_user_id = $1 RETURNING external_user_id', [externalUserID]);
  if (!row) throw notFound(`The member ${JSON.stringify(externalUserID)}`);
  // "/" is outside ExternalUserID's pattern: no member created later can ever own this history.
  const tombstone = `removed/${externalUserID}/${now.getTime()}`;
  // Its idempotency keys go too: a new member with this id must not get the old one's answers.
  await tx.query('DELETE FROM idempotency_keys WHERE caller = $1', [`member:${externalUserID}`]);
  await tx.query('UPDATE redemptions SET external_user_id = $2 WHERE external_user_id = $1', [externalUserID, tombstone]);
  await tx.query('UPDATE wallet_transactions SET external_user_id = $2 WHERE external_user_id = $1', [externalUserID, tombstone]);
  // Its stamp balances went with its row (ON DELETE CASCADE), its cashback balance is on it.
  await tx.query('UPDATE stamp_transactions SET external_user_id = $2 WHERE external_user_id = $1', [externalUserID, tombstone]);
  await tx.query('UPDATE cashback_transactions SET external_user_id = $2 WHERE external_user_id = $1', [externalUserID, tombstone]);
  // Its referral code, claims, passcodes and card went with its row; the referrals it made or received stay for analytics.
  await unlinkReferrals(tx, externalUserID, tombstone);
  await emitEvent(tx, 'member.removed', { externalUserID, removedAt: iso(now) }, now);
}
