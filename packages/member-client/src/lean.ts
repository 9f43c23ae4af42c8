// The lean member client: made once with `createMemberClient`, called through the operation
// functions of `@expys/member-client/operations`, imported by name, so an app bundles only the
// operations it calls. The member token passes the same checks as with `initialize`, and every
// credential guard of client-core is always on; retries and pagination are opt-in.
import { createCoreClient, redactorFor, resolveEnvironment, type RetryStrategy } from '@expys/client-core';
import { credentialPatterns } from './credential-patterns.js';
import type { LeanClient } from './generated/functions.js';
import { clientIdentity, environmentTable, type Environment } from './generated/operations.js';
import type { paths } from './generated/schema.js';
import { assertMemberTokenShape, tokenSource, type TokenProvider } from './member-token.js';

export type { LeanClient } from './generated/functions.js';

export interface CreateMemberClientOptions {
  environment: Environment;
  /**
   * The signed-in member's token, or an async function returning a fresh one from your backend.
   * With a function, a 401 `token_expired` asks it once for a new token and sends the call again, once.
   */
  token: string | TokenProvider;
  /** Defaults to the spec's server for the environment. */
  baseUrl?: string | undefined;
  /** A fetch implementation; defaults to the global `fetch` at call time. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every call (checked once, here: a credential in one is refused). */
  headers?: Record<string, string> | undefined;
  /** The deadline of each call in ms, token provider included (default 60,000); per call: `{ timeout }`. */
  timeout?: number | undefined;
  /** The largest answer read, counted while it streams in (default 8 MiB). */
  maxResponseBytes?: number | undefined;
  /** Send a production token to an `http://` baseUrl anyway: only for a proxy on your own machine that forwards over https. */
  dangerouslyAllowInsecureHttp?: boolean | undefined;
  /**
   * Opt-in: none by default, so an app that does not retry ships no retry code. `retry: retries()`
   * (from this entry) is `initialize`'s policy: 2 retries of what is safe to repeat, with backoff.
   */
  retry?: RetryStrategy | undefined;
}

/**
 * A lean member client, for the operation functions: `getWallet(client)`, `getOffer(client, id)`.
 * `client.fetchClient` is the openapi-fetch client they run on (for openapi-fetch middleware and
 * openapi-react-query), with the member token, the guards and the size cap in its way.
 */
export function createMemberClient(options: CreateMemberClientOptions): LeanClient {
  const env = resolveEnvironment(environmentTable, options?.environment);
  return createCoreClient<paths>({
    ...options,
    baseUrl: options.baseUrl ?? env.baseUrl,
    credentials: tokenSource(options.token, (token) => assertMemberTokenShape(token, options.environment, environmentTable, credentialPatterns)),
    // The same redactor as initialize's (createRedactor), from the same prefixes written out (see credential-patterns.ts).
    redact: redactorFor(credentialPatterns),
    clientIdentity,
    live: env.live,
    environments: environmentTable,
  });
}
