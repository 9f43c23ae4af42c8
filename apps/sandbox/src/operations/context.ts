// What every operation works with, and the two ways it answers: the spec's JSON, or the spec's
// problem+json for a refusal decided by the sandbox's rules.
import type { OperationRequest, OperationResponse, ProblemCatalog } from '@expys/gateway';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import type { Credentials } from '../domain/credentials.js';
import type { Currency } from '../domain/ledger.js';
import type { ApiProblem } from '../domain/problem.js';
import type { DeliveryWorker } from '../webhooks/deliveries.js';

export interface SandboxContext {
  db: Database;
  clock: Clock;
  credentials: Credentials;
  currency: Currency;
  problems: ProblemCatalog;
  deliveries: DeliveryWorker;
  /** The scopes an API key may have (the bundle's ApiKeyScope). */
  scopes: readonly string[];
}

export type Operation = (request: OperationRequest, context: SandboxContext) => Promise<OperationResponse>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): OperationResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

export function problemBody(context: SandboxContext, problem: ApiProblem) {
  const body = context.problems.createDocumented(problem.code, problem.detail, problem.errors);
  return { status: body.status, body };
}

/** One query value: the gateway validated it; a repeated name keeps its first value. */
export function queryValue(request: OperationRequest, name: string): string | undefined {
  const value = request.query[name];
  return Array.isArray(value) ? value[0] : value;
}

export function pageQuery(request: OperationRequest) {
  const limit = queryValue(request, 'limit');
  const cursor = queryValue(request, 'cursor');
  return { ...(limit === undefined ? {} : { limit: Number(limit) }), ...(cursor === undefined ? {} : { cursor }) };
}

/** The member a member token was minted for (the gateway has let only member tokens through). */
export function memberOf(request: OperationRequest): string {
  const credential = request.credential;
  if (credential.kind !== 'member-token' || !credential.externalUserID) throw new Error('a member operation ran without a member token');
  return credential.externalUserID;
}
