import { createOperationClient, createRedactor, resolveEnvironment, type TransportOptions } from '@expys/client-core';
import type { Client } from 'openapi-fetch';
import { clientIdentity, environmentTable, operationTable, type Environment, type Methods } from './generated/operations.js';
import type { paths } from './generated/schema.js';
import { memberTokenSource, type TokenProvider } from './member-token.js';

export interface MemberClientOptions extends TransportOptions {
  environment: Environment;
  /**
   * The signed-in member's token, or an async function returning a fresh one from your backend.
   * With a function, a 401 `token_expired` asks it once for a new token and retries once.
   */
  token: string | TokenProvider;
}

/**
 * Every member operation as a method named by its operationId, and `fetchClient`: the
 * openapi-fetch client the methods run on, typed with the member `paths`, for openapi-fetch
 * middleware and openapi-react-query (`createQueryClient(expys.fetchClient)`). Its requests carry
 * the member token and pass the same guards and size cap; retries, deadlines and pagination are
 * the methods' own.
 */
export type MemberClient = Methods & { readonly fetchClient: Client<paths> };

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
    environments: environmentTable,
    environment: options.environment,
    describe: { name: 'ExpysMemberClient', summary: { environment: options.environment, baseUrl } },
  });
  return client as unknown as MemberClient;
}
