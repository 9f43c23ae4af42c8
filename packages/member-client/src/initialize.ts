import { createOperationClient, createRedactor, resolveEnvironment, type TransportOptions } from '@expys/client-core';
import { clientIdentity, environmentTable, operationTable, type Environment, type Methods } from './generated/operations.js';
import { memberTokenSource, type TokenProvider } from './member-token.js';

export interface MemberClientOptions extends TransportOptions {
  environment: Environment;
  /**
   * The signed-in member's token, or an async function returning a fresh one from your backend.
   * With a function, a 401 `token_expired` asks it once for a new token and retries once.
   */
  token: string | TokenProvider;
}

/** Every member operation as a method named by its operationId. */
export type MemberClient = Methods;

export function initialize(options: MemberClientOptions): MemberClient {
  const env = resolveEnvironment(environmentTable, options?.environment);
  const baseUrl = options.baseUrl ?? env.baseUrl;
  const client = createOperationClient({
    ...options,
    operations: operationTable,
    baseUrl,
    credentials: memberTokenSource(options.token, options.environment, environmentTable),
    redact: createRedactor(environmentTable),
    clientIdentity,
    live: env.live,
    describe: { name: 'ExpysMemberClient', summary: { environment: options.environment, baseUrl } },
  });
  return client as unknown as MemberClient;
}
