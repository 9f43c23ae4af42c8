// Idempotent POSTs as Stripe runs them. The first request with a key runs and its answer
// (status and body, errors included) is stored in the same transaction as its effect; a retry
// with the same key and the same request within 24 h gets that answer again; the same key with
// another request gets 409 idempotency_conflict. Concurrent requests with one key wait on the
// key's row (PostgreSQL) or the single connection (PGlite): exactly one effect is committed.
import type { Database, Queryable } from '../db/database.js';
import { sha256 } from './ids.js';
import { ApiProblem } from './problem.js';

export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;

/** Thrown inside the transaction to roll our effect back when another request holds the key. */
const KEY_TAKEN = Symbol('idempotency key taken');

/** Rolls back a transaction whose operation refused after it had written. */
class RefusedAfterWrite extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.message);
  }
}

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
 * before writing anything is stored too. Without a key, `act` simply runs in a transaction.
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

  let outcome: StoredAnswer | undefined;
  let refusal: ApiProblem | undefined;
  try {
    outcome = await db.transaction(async (tx) => {
      // Operations refuse before they write (checks first, then one write), so a refusal is
      // stored as the answer with nothing to undo. One that wrote and then refused would break
      // that: it fails the whole transaction instead of storing a half-done answer.
      let wrote = false;
      const tracked: Queryable = {
        query: (sql, params, options) => {
          if (!/^\s*SELECT\b/i.test(sql)) wrote = true;
          return tx.query(sql, params, options);
        },
      };
      let answer: { status: number; body: unknown };
      try {
        answer = await act(tracked);
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        // Refused after writing (a statement that wrote nothing still counts): undo it all and
        // answer with the stored result if the key has one, else with this refusal, unstored.
        if (wrote) throw new RefusedAfterWrite(error);
        answer = problemAnswer(error);
      }
      // The key is taken with the answer, last, in the same transaction as the effect. A
      // concurrent request with the key blocks on this row until we commit, then finds it taken
      // and rolls its own effect back: exactly one effect, whoever wins. A key older than the
      // window is taken over.
      const stored = await tx.query(
        `INSERT INTO idempotency_keys (caller, key, operation_id, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (caller, key) DO UPDATE SET operation_id = EXCLUDED.operation_id, request_hash = EXCLUDED.request_hash,
           status = EXCLUDED.status, body = EXCLUDED.body, created_at = EXCLUDED.created_at
         WHERE idempotency_keys.created_at < $8
         RETURNING key`,
        [request.caller, request.key, request.operationId, hash, answer.status, JSON.stringify(answer.body), request.now, expired],
      );
      if (stored.length === 0) throw KEY_TAKEN;
      return { ...answer, replayed: false };
    });
  } catch (error) {
    if (error instanceof RefusedAfterWrite) refusal = error.problem;
    else if (error !== KEY_TAKEN) throw error;
  }
  if (outcome) return outcome;

  const [row] = await db.query<{ request_hash: string; status: number; body: string }>('SELECT request_hash, status, body FROM idempotency_keys WHERE caller = $1 AND key = $2', [request.caller, request.key]);
  if (!row && refusal) throw refusal;
  if (!row) {
    // The key's row was taken over (expired) between our attempt and this read: retry.
    throw new ApiProblem('internal_error', 'The Idempotency-Key changed hands while this request ran. Retry with the same key.');
  }
  if (row.request_hash !== hash) {
    throw new ApiProblem('idempotency_conflict', `The Idempotency-Key ${JSON.stringify(request.key)} was already used within 24 h for a different request. Use a new key for a new action.`);
  }
  return { status: row.status, body: JSON.parse(row.body), replayed: true };
}
