// Runs an idempotent POST through the stored-answer table and answers with what it stored.
// Stored answers belong to the credential that made them (an answer can carry a secret: a minted
// member token, a webhook signing secret, a new API key or App Secret): an Org-API-Key's are its
// own, by key id, an API key's its own, an application's (HTTP Basic) its App ID's, whichever of
// its secrets sent them (a retry of a rotation with the previous secret replays the answer), and a
// member token's are its member's. Another credential sending the same Idempotency-Key is in
// another key space: its request runs afresh, and never sees, replays or conflicts with the first
// answer.
import type { Credential, OperationRequest, OperationResponse } from '@expys/gateway';
import type { Queryable } from '../db/database.js';
import { runIdempotent, runIdempotentStatement, type IdempotentRequest, type StoredAnswer, type WriteStatement } from '../domain/idempotency.js';
import { problemBody, type SandboxContext } from './context.js';

/** Whose key space an idempotent request is in: `key:<Org-API-Key id>`, `api-key:<API key id>`, `app:<App ID>` or `member:<externalUserID>`. */
export function idempotencyCaller(credential: Credential): string {
  if (credential.kind === 'org-api-key' && credential.keyId) return `key:${credential.keyId}`;
  if (credential.kind === 'api-key' && credential.keyId) return `api-key:${credential.keyId}`;
  if (credential.kind === 'app-credentials' && credential.valid) return `app:${credential.appId}`;
  if (credential.kind === 'member-token' && credential.externalUserID) return `member:${credential.externalUserID}`;
  // The gateway lets only stored keys and tokens through: never shared, even if that changed.
  throw new Error(`an idempotent operation ran for a credential the sandbox did not store (${credential.kind})`);
}

/** The stored-answer request of `request`: its caller's key space, its key and what "same request" compares. */
function idempotentRequest(request: OperationRequest, context: SandboxContext): IdempotentRequest {
  const header = request.headers['idempotency-key'];
  return {
    caller: idempotencyCaller(request.credential),
    key: Array.isArray(header) ? header[0] : header,
    operationId: request.route.operationId,
    fingerprint: { path: request.path, body: request.body },
    now: context.clock.now(),
  };
}

export async function idempotent(
  request: OperationRequest,
  context: SandboxContext,
  act: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
): Promise<OperationResponse> {
  const answer = await runIdempotent(context.db, idempotentRequest(request, context), act, (problem) => problemBody(context, problem));
  return answered(context, answer);
}

/**
 * An idempotent write that is one SQL statement (runIdempotentStatement): one round trip. When
 * the statement answers nothing and has no refusal of its own (a rule refused: it wrote nothing),
 * `otherwise` runs the request as `idempotent` does, which decides and stores the refusal.
 */
export async function idempotentStatement(
  request: OperationRequest,
  context: SandboxContext,
  write: WriteStatement,
  otherwise?: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
): Promise<OperationResponse> {
  const answer = await runIdempotentStatement(context.db, idempotentRequest(request, context), write);
  if (answer) return answered(context, answer, answer.kick);
  if (!otherwise) throw new Error(`${request.route.operationId}'s statement answered nothing and has no other way to run`);
  return idempotent(request, context, otherwise);
}

/** `kick`: the request may have written webhook deliveries (an answer replayed wrote none). */
function answered(context: SandboxContext, answer: StoredAnswer, kick = !answer.replayed): OperationResponse {
  if (kick) context.deliveries.kick();
  const headers = {
    'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json',
    // As Stripe does: tells a client that this answer is the stored one.
    ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}),
  };
  return { status: answer.status, headers, body: answer.body };
}
