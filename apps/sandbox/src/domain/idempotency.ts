// Idempotent POSTs as Stripe runs them. The first request with a key runs and its answer
// (status and body, errors included) is stored in the same transaction as its effect; a retry
// with the same key and the same request within 24 h gets that answer again; the same key with
// another request gets 409 idempotency_conflict. Concurrent requests with one key wait on the
// key's row (PostgreSQL) or the single connection (PGlite), so exactly one of them acts.
import type { Database, Queryable } from '../db/database.js';
import { sha256 } from './ids.js';
import { ApiProblem } from './problem.js';

export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

export interface StoredAnswer {
  status: number;
  body: unknown;
  /** The answer was replayed from an earlier request with this key. */
  replayed: boolean;
}

export interface IdempotentRequest {
  /** Who sent it: keys are scoped to the caller (an org key, or a member). */
  caller: string;
  key: string | undefined;
  operationId: string;
  /** The request as compared for "same request": operation, path and body. */
  fingerprint: unknown;
  now: Date;
}

/**
 * Runs `act` once per (caller, key). `act` returns the answer to store; an ApiProblem it throws
 * is stored too (its effects rolled back). Without a key, `act` simply runs in a transaction.
 */
export async function runIdempotent(
  db: Database,
  request: IdempotentRequest,
  act: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
  problemAnswer: (problem: ApiProblem) => { status: number; body: unknown },
): Promise<StoredAnswer> {
  if (request.key === undefined) {
    try {
      return { ...(await db.transaction(act)), replayed: false };
    } catch (error) {
      if (error instanceof ApiProblem) return { ...problemAnswer(error), replayed: false };
      throw error;
    }
  }
  const hash = sha256(JSON.stringify([request.operationId, request.fingerprint]));
  const expired = new Date(request.now.getTime() - IDEMPOTENCY_WINDOW_MS);

  const outcome = await db.transaction(async (tx) => {
    // A key older than the window is free again.
    await tx.query('DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND created_at < $3', [request.caller, request.key, expired]);
    // Claims the key; a concurrent claimant blocks here until this transaction ends.
    const claimed = await tx.query(
      "INSERT INTO idempotency_keys (caller, key, operation_id, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, 0, '', $5) ON CONFLICT (caller, key) DO NOTHING RETURNING key",
      [request.caller, request.key, request.operationId, hash, request.now],
    );
    if (claimed.length === 0) return undefined;
    await tx.query('SAVEPOINT idempotent_effect');
    let answer: { status: number; body: unknown };
    try {
      answer = await act(tx);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      // The refusal is the stored answer; whatever the attempt changed is undone.
      await tx.query('ROLLBACK TO SAVEPOINT idempotent_effect');
      answer = problemAnswer(error);
    }
    await tx.query('UPDATE idempotency_keys SET status = $3, body = $4 WHERE caller = $1 AND key = $2', [request.caller, request.key, answer.status, JSON.stringify(answer.body)]);
    return { ...answer, replayed: false };
  });
  if (outcome) return outcome;

  const [row] = await db.query<{ request_hash: string; status: number; body: string }>('SELECT request_hash, status, body FROM idempotency_keys WHERE caller = $1 AND key = $2', [request.caller, request.key]);
  if (!row || row.status === 0) {
    // Only possible when the first request's transaction failed without an answer: retry it then.
    throw new ApiProblem('internal_error', 'An earlier request with this Idempotency-Key did not finish. Retry with the same key.');
  }
  if (row.request_hash !== hash) {
    throw new ApiProblem('idempotency_conflict', `The Idempotency-Key ${JSON.stringify(request.key)} was already used within 24 h for a different request. Use a new key for a new action.`);
  }
  return { status: row.status, body: JSON.parse(row.body), replayed: true };
}
