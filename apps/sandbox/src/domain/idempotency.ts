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
  const hash = requestHash(request);
  const expired = windowStart(request);

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
         ${TAKE_KEY.replace('$EXPIRED', '$8')}`,
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
  return storedAnswer(db, { ...request, key: request.key }, hash, refusal);
}

/** The answer stored with the request's key by another request (replayed), or why it cannot be. */
async function storedAnswer(db: Database, request: IdempotentRequest & { key: string }, hash: string, refusal?: ApiProblem): Promise<StoredAnswer> {
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

const requestHash = (request: IdempotentRequest) => sha256(JSON.stringify([request.operationId, request.fingerprint]));
/** Keys stored before this are past the window: a request with one is new. */
const windowStart = (request: IdempotentRequest) => new Date(request.now.getTime() - IDEMPOTENCY_WINDOW_MS);

// The key is taken, or taken over from an expired answer; a live one returns no row.
const TAKE_KEY = `ON CONFLICT (caller, key) DO UPDATE SET operation_id = EXCLUDED.operation_id, request_hash = EXCLUDED.request_hash,
           status = EXCLUDED.status, body = EXCLUDED.body, created_at = EXCLUDED.created_at
         WHERE idempotency_keys.created_at < $EXPIRED
         RETURNING key`;

/** What migration 0009's expys_idempotency_key_taken() raises. */
const KEY_TAKEN_SQLSTATE = 'EX409';

/**
 * The SQL of an idempotent write that is one statement, made once (at module load) from its CTEs:
 * they make the effect and end in a CTE `answer` of one row (`status` integer, `body` text,
 * `kick` boolean: whether it wrote webhook deliveries), or none when the write refuses (it then
 * wrote nothing). Their parameters are $1…$`params`.
 */
export interface WriteShape {
  /** Without an Idempotency-Key: the effect and its answer. */
  readonly plain: string;
  /** With one: the effect, its answer and the key's row. */
  readonly keyed: string;
  readonly params: number;
}

export function writeShape(ctes: string, params: number): WriteShape {
  const p = (i: number) => `$${params + i}`;
  return {
    plain: `WITH ${ctes} SELECT status, body, kick FROM answer`,
    keyed: `WITH ${ctes},
       stored AS (
         INSERT INTO idempotency_keys (caller, key, operation_id, request_hash, status, body, created_at)
         SELECT ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, status, body, ${p(5)} FROM answer
         ${TAKE_KEY.replace('$EXPIRED', p(6))})
       SELECT status, body, kick FROM answer WHERE CASE WHEN EXISTS (SELECT 1 FROM stored) THEN true ELSE expys_idempotency_key_taken() END`,
    params,
  };
}

/** One run of a WriteShape: its parameters, and the refusal when it answers nothing. */
export interface WriteStatement {
  shape: WriteShape;
  params: unknown[];
  /**
   * The refusal when `answer` has no row (e.g. an unknown member). Without one, a statement that
   * answers nothing leaves the request to the caller (runIdempotentStatement resolves undefined).
   */
  refusal?: () => ApiProblem;
}

/**
 * Runs `write` once per (caller, key), as runIdempotent does, in ONE statement and so one round
 * trip (one statement is one transaction): the effect, its answer and the key's row. When a
 * concurrent request holds the key, the key's insert waits for it, then finds the key live and
 * raises, which undoes the whole statement; the stored answer is then replayed. The hottest
 * write (creditPoints) runs this way: BEGIN, the effect, the key and COMMIT as separate
 * statements cost four round trips, which the sandbox and PostgreSQL spend most of their CPU on.
 */
export async function runIdempotentStatement(db: Database, request: IdempotentRequest, write: WriteStatement): Promise<(StoredAnswer & { kick: boolean }) | undefined> {
  if (write.params.length !== write.shape.params) throw new Error(`a write of ${write.shape.params} parameters was given ${write.params.length}`);
  type Row = { status: number; body: string; kick: boolean };
  const answer = (row: Row) => ({ status: row.status, body: JSON.parse(row.body), replayed: false, kick: row.kick });
  if (request.key === undefined) {
    const [row] = await db.query<Row>(write.shape.plain, write.params);
    if (row) return answer(row);
    if (!write.refusal) return undefined;
    throw write.refusal();
  }
  const hash = requestHash(request);
  const keyed = { ...request, key: request.key };
  try {
    const [row] = await db.query<Row>(write.shape.keyed, [...write.params, request.caller, request.key, request.operationId, hash, request.now, windowStart(request)]);
    if (row) return answer(row);
  } catch (error) {
    if ((error as { code?: string }).code !== KEY_TAKEN_SQLSTATE) throw error;
    return { ...(await storedAnswer(db, keyed, hash)), kick: false };
  }
  // Refused, nothing written: the caller's to run another way, or the key's stored answer if it
  // has one, else the refusal (unstored).
  if (!write.refusal) return undefined;
  return { ...(await storedAnswer(db, keyed, hash, write.refusal())), kick: false };
}
