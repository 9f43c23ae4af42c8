// One logical call: attempts, retries, the token refresh on `token_expired`, and the typed
// error at the end. openapi-fetch builds each request (URL, path and query serialisation, JSON
// body) and parses each answer; this file decides what happens between attempts.
import type { Client } from 'openapi-fetch';
import { ConnectionError, errorFromResponse, ExpysConfigError } from './errors.js';
import type { Redact } from './redact.js';
import { isRetryableStatus, isSafeToRepeat, parseRetryAfter, retryDelay, sleep } from './retry-policy.js';
import type { CredentialSource, OperationMeta, RequestOptions, RetryDelays } from './types.js';

export interface SendContext {
  // The runtime is spec-agnostic; the generated Methods interface carries the types.
  http: Client<any>;
  credentials: CredentialSource;
  redact: Redact;
  maxRetries: number;
  delays: Required<RetryDelays>;
  headers: Record<string, string>;
}

export interface PreparedCall {
  operationId: string;
  meta: OperationMeta;
  path: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  options: RequestOptions;
}

type Outcome =
  | { ok: true; data: unknown }
  | { ok: false; error: ConnectionError }
  | { ok: false; response: Response; body: unknown };

function idempotencyKeyFor({ operationId, meta, options }: PreparedCall): string | undefined {
  if (!meta.idempotent) {
    if (options.idempotencyKey !== undefined) {
      throw new ExpysConfigError(`${operationId} is not idempotent: the API ignores an Idempotency-Key on it, so none is sent.`);
    }
    return undefined;
  }
  if (options.idempotencyKey === undefined) return crypto.randomUUID();
  if (typeof options.idempotencyKey !== 'string' || options.idempotencyKey.length === 0 || options.idempotencyKey.length > 255) {
    throw new ExpysConfigError('idempotencyKey must be a string of 1 to 255 characters.');
  }
  return options.idempotencyKey;
}

function checkedMaxRetries(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new ExpysConfigError(`maxRetries must be a whole number ≥ 0 (got ${value}).`);
  return value;
}

function callerHeaders(ctx: SendContext, options: RequestOptions): Record<string, string> {
  const headers = { ...ctx.headers, ...options.headers };
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    // Guards check the token given to initialize; a header would go around them.
    if (lower === 'authorization') throw new ExpysConfigError('Do not set Authorization in headers: pass the credential as `token` to initialize.');
    if (lower === 'idempotency-key') throw new ExpysConfigError('Do not set Idempotency-Key in headers: pass `idempotencyKey` in the call options.');
  }
  return headers;
}

async function attempt(ctx: SendContext, call: PreparedCall, headers: Record<string, string>): Promise<Outcome> {
  try {
    const { data, error, response } = await ctx.http.request(call.meta.method.toLowerCase() as 'get', call.meta.path, {
      params: { path: call.path, query: call.query },
      body: call.body,
      headers,
      signal: call.options.signal,
    });
    return response.ok ? { ok: true, data } : { ok: false, response, body: error };
  } catch (error) {
    if (error instanceof ConnectionError) return { ok: false, error };
    throw error;
  }
}

const isTokenExpired = (outcome: Outcome) =>
  'response' in outcome &&
  outcome.response.status === 401 &&
  (outcome.body as { code?: unknown } | undefined)?.code === 'token_expired';

// The spec's 409: the key was used with another body. Nothing was done and the same request
// fails the same way every time, so it is final (other 409s, such as a request still in flight, are retried).
const isIdempotencyConflict = (outcome: Outcome) =>
  'response' in outcome &&
  outcome.response.status === 409 &&
  (outcome.body as { code?: unknown } | undefined)?.code === 'idempotency_conflict';

export async function send(ctx: SendContext, call: PreparedCall): Promise<unknown> {
  const { meta, options } = call;
  const idempotencyKey = idempotencyKeyFor(call);
  const maxRetries = checkedMaxRetries(options.maxRetries ?? ctx.maxRetries);
  const repeatable = isSafeToRepeat(meta.method, idempotencyKey !== undefined);
  const baseHeaders = callerHeaders(ctx, options);

  let token = await ctx.credentials.current();
  let refreshed = false;
  for (let retry = 0; ; ) {
    // Errors are problem+json: a server that negotiates on Accept (Prism does) must be allowed to send them.
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...baseHeaders, Authorization: `Bearer ${token}` };
    // Generated once per logical call, above the loop: every retry replays the same key.
    if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;

    const outcome = await attempt(ctx, call, headers);
    if (outcome.ok) return outcome.data;

    // The API rejected the token before doing anything, so even a POST without a key is safe
    // to send again; the refresh happens once per call, whatever maxRetries says.
    if (isTokenExpired(outcome) && ctx.credentials.refresh && !refreshed) {
      refreshed = true;
      token = await ctx.credentials.refresh(token);
      continue;
    }

    const response = 'response' in outcome ? outcome.response : undefined;
    const retryAfterMs = response ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    const retryable = response === undefined || (isRetryableStatus(response.status) && !isIdempotencyConflict(outcome));
    if (retryable && repeatable && retry < maxRetries) {
      await sleep(retryDelay(retry, retryAfterMs, ctx.delays), options.signal);
      retry += 1;
      continue;
    }

    if ('error' in outcome) throw outcome.error;
    const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    throw errorFromResponse(outcome.response, outcome.body, ctx.redact, retryAfterSeconds);
  }
}
