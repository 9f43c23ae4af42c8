// Claims: a member asks for points (createClaim); the backend decides once. pending → approved
// (the points are credited through the points ledger, once) | rejected (nothing moves). Deciding
// locks the claim's row first: two approvals at once run one after the other, and the second
// finds the claim approved and answers it unchanged, crediting nothing. Deciding the other way
// is 409 claim_already_decided.
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import { emitEvent } from './events.js';
import { newId } from './ids.js';
import { rewardPoints } from './point-rewards.js';
import { ApiProblem, notFound } from './problem.js';
import { iso } from './representations.js';

export type ClaimType = 'missing_points' | 'receipt' | 'other';

export interface ClaimInput {
  type: ClaimType;
  description: string;
  points: number;
  reference?: string;
}

/** The spec's Claim. */
export const claimView = (row: any) => ({
  id: row.id as string,
  externalUserID: row.external_user_id as string,
  type: row.type as ClaimType,
  description: row.description as string,
  points: Number(row.points),
  reference: (row.reference ?? null) as string | null,
  status: row.status as 'pending' | 'approved' | 'rejected',
  decision:
    row.status === 'pending'
      ? null
      : { decidedAt: iso(row.decided_at), pointsCredited: Number(row.points_credited ?? 0), reason: (row.decision_reason ?? null) as string | null },
  createdAt: iso(row.created_at),
});

export async function createClaim(tx: Queryable, clock: Clock, externalUserID: string, input: ClaimInput) {
  const now = clock.now();
  const [row] = await tx.query(
    `INSERT INTO claims (id, external_user_id, type, description, points, reference, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING *`,
    [newId('clm'), externalUserID, input.type, input.description, input.points, input.reference ?? null, now],
  );
  const view = claimView(row);
  await emitEvent(tx, 'claim.submitted', view, now);
  return view;
}

/** One of the member's claims; another member's is as absent as a missing one. */
export async function memberClaim(db: Queryable, externalUserID: string, claimId: string) {
  const [row] = await db.query('SELECT * FROM claims WHERE id = $1 AND external_user_id = $2', [claimId, externalUserID], { cacheable: true });
  if (!row) throw notFound(`The claim ${JSON.stringify(claimId)}`);
  return claimView(row);
}

async function lockClaim(tx: Queryable, claimId: string): Promise<any> {
  // A SELECT: the idempotency store sees no write before a refusal.
  const [row] = await tx.query('SELECT * FROM claims WHERE id = $1 FOR UPDATE', [claimId]);
  if (!row) throw notFound(`The claim ${JSON.stringify(claimId)}`);
  return row;
}

const alreadyDecided = (row: any) =>
  new ApiProblem('claim_already_decided', `The claim ${row.id} was ${row.status} on ${iso(row.decided_at).slice(0, 10)}; a claim is decided once.`);

/**
 * Approves a pending claim and credits `points` (default: the claim's) once. An approved claim is
 * answered unchanged; a rejected one is refused.
 */
export async function approveClaim(tx: Queryable, clock: Clock, claimId: string, input: { points?: number; reason?: string }) {
  const claim = await lockClaim(tx, claimId);
  if (claim.status === 'approved') return claimView(claim);
  if (claim.status === 'rejected') throw alreadyDecided(claim);
  const now = clock.now();
  const points = input.points ?? Number(claim.points);
  // The claim's member exists: claims go with their member (ON DELETE CASCADE), and the claim's
  // row lock is held. The credit locks the member's row as every credit does.
  const credit = await rewardPoints(tx, now, claim.external_user_id, points, `Claim approved: ${claim.description}`.slice(0, 500));
  const [row] = await tx.query(
    `UPDATE claims SET status = 'approved', decided_at = $2, points_credited = $3, decision_reason = $4, transaction_id = $5 WHERE id = $1 RETURNING *`,
    [claimId, now, points, input.reason ?? null, credit.transactionId],
  );
  const view = claimView(row);
  await emitEvent(tx, 'claim.approved', view, now);
  return view;
}

/** Rejects a pending claim; nothing moves. A rejected claim is answered unchanged; an approved one is refused. */
export async function rejectClaim(tx: Queryable, clock: Clock, claimId: string, input: { reason: string }) {
  const claim = await lockClaim(tx, claimId);
  if (claim.status === 'rejected') return claimView(claim);
  if (claim.status === 'approved') throw alreadyDecided(claim);
  const now = clock.now();
  const [row] = await tx.query(`UPDATE claims SET status = 'rejected', decided_at = $2, points_credited = 0, decision_reason = $3 WHERE id = $1 RETURNING *`, [claimId, now, input.reason]);
  const view = claimView(row);
  await emitEvent(tx, 'claim.rejected', view, now);
  return view;
}
