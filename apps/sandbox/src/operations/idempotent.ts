// Runs an idempotent POST through the stored-answer table and answers with what it stored.
import type { OperationRequest, OperationResponse } from '@expys/mock/gateway';
import type { Queryable } from '../db/database.js';
import { runIdempotent } from '../domain/idempotency.js';
import { problemBody, type SandboxContext } from './context.js';

export async function idempotent(
  request: OperationRequest,
  context: SandboxContext,
  caller: string,
  act: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
): Promise<OperationResponse> {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  const answer = await runIdempotent(
    context.db,
    { caller, key, operationId: request.route.operationId, fingerprint: { path: request.path, body: request.body }, now: context.clock.now() },
    act,
    (problem) => problemBody(context, problem),
  );
  // New events may be waiting in the outbox.
  if (!answer.replayed) context.deliveries.kick();
  const headers = {
    'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json',
    // As Stripe does: tells a client that this answer is the stored one.
    ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}),
  };
  return { status: answer.status, headers, body: answer.body };
}
