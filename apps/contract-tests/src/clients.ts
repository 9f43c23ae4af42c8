// The generated clients, pointed at the target with a checked fetch: what the contract tests
// drive. Retries are off so that each call is exactly one exchange to validate.
import * as builtMember from '@expys/member-client';
import * as builtServer from '@expys/server-client';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Operation } from './spec.js';
import type { Target } from './target.js';

/**
 * The packages' clients, or the modules EXPYS_CONTRACT_MEMBER_CLIENT / EXPYS_CONTRACT_SERVER_CLIENT
 * name: clients generated from the EXPYS_CONTRACT_BUNDLE spec (the scale bench's synthetic one).
 */
async function clientModule<T>(file: string | undefined, built: T): Promise<T> {
  return file ? ((await import(pathToFileURL(path.resolve(file)).href)) as T) : built;
}
export const member = await clientModule(process.env.EXPYS_CONTRACT_MEMBER_CLIENT, builtMember);
export const server = await clientModule(process.env.EXPYS_CONTRACT_SERVER_CLIENT, builtServer);

export type AnyClient = Record<string, (...args: unknown[]) => Promise<unknown>>;

export function clientsFor(target: Target, fetchImpl: typeof fetch) {
  const common = { environment: target.environment, baseUrl: target.url, fetch: fetchImpl, maxRetries: 0 } as const;
  return {
    member: member.initialize({ ...common, token: target.credentials.memberToken }) as unknown as AnyClient,
    // The application's operations authenticate with its own credentials (HTTP Basic), the others with the Org-API-Key.
    server: server.initialize({ ...common, token: target.credentials.orgApiKey, ...(target.credentials.app ? { app: target.credentials.app } : {}) } as Parameters<typeof server.initialize>[0]) as unknown as AnyClient,
  };
}

/** The error class a client throws for an API answer with this status. */
export function errorClassFor(status: number) {
  if (status === 401) return member.AuthenticationError;
  if (status === 403) return member.PermissionError;
  if (status === 404) return member.NotFoundError;
  if (status === 409) return member.ConflictError;
  if (status === 400 || status === 422) return member.ValidationError;
  if (status === 429) return member.RateLimitError;
  if (status >= 500) return member.ServerError;
  return member.ApiError;
}

export function successStatusOf(op: Operation): number {
  return Number(op.statuses.find((s) => s.startsWith('2')));
}
