// One logical call: attempts, retries, the token refresh on `token_expired`, and the typed
// error at the end. http.ts builds each request and parses each answer; this file decides what
// happens between attempts.
import { readAnswer, requestInit, urlFor } from './http.js';
import { AbortError, ConnectionError, errorFromResponse, ExpysConfigError, ExpysError, TimeoutError } from './errors.js';
import type { Observer } from './observe.js';
import type { Redact } from './redact.js';
import { rateLimitOf, requestIdOf, type ApiResponse } from './response.js';
import { isRetryableStatus, isSafeToRepeat, parseRetryAfter, retryDelay, sleep } from './retry-policy.js';
import type { CredentialSource, OperationMeta, RequestOptions, RetryDelays } from './types.js';

export interface SendContext {
  /** No trailing slash. */
  baseUrl: string;
  /** The fetch to use (the option, or the global one at call time). */
  fetch: () => typeof fetch;
  credentials: CredentialSource;
  /** For operations with `auth: "basic"`: the base64 of `user:password`. */
  basicCredentials?: CredentialSource | undefined;
  redact: Redact;
  maxRetries: number;
  delays: Required<RetryDelays>;
  headers: Record<string, string>;
  /** The client's default call deadline, in ms. */
  timeout: number;
  /** `name/version` of the client package, sent as `Expys-Client`. */
  clientIdentity: string;
  /** Present only when hooks or logging are on: otherwise a call pays nothing for them. */
  observer: Observer | undefined;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
// setTimeout's ceiling: a larger delay fires at once.
const MAX_TIMER_MS = 2_147_483_647;

export interface PreparedCall {
  operationId: string;
  meta: OperationMeta;
  path: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  options: RequestOptions;
}

type Outcome =
  | { ok: true; data: unknown; response: Response }
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
  if (typeof options.idempotencyKey !== 'string' || options.idempotencyKey.length === 0 || options.idempotencyKey.length > 255 || /[\r\n\0]/.test(options.idempotencyKey)) {
    throw new ExpysConfigError('idempotencyKey must be a string of 1 to 255 characters, without line breaks.');
  }
  return options.idempotencyKey;
}

function checkedMaxRetries(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new ExpysConfigError(`maxRetries must be a whole number ≥ 0 (got ${value}).`);
  return value;
}

/** A `Headers`, a Map or an array of pairs would spread to nothing (or to index keys): refuse them. */
export function plainHeaders(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  const proto = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new ExpysConfigError('headers must be a plain object of strings ({ "X-Trace": "abc" }), not a Headers, Map or array.');
  }
  return value as Record<string, unknown>;
}

function callerHeaders(ctx: SendContext, options: RequestOptions): Record<string, string> {
  const headers = { ...ctx.headers, ...plainHeaders(options.headers) } as Record<string, string>;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    // Guards check the token given to initialize; a header would go around them.
    if (lower === 'authorization') throw new ExpysConfigError('Do not set Authorization in headers: pass the credential as `token` to initialize.');
    if (lower === 'content-type') throw new ExpysConfigError('Do not set Content-Type in headers: the client sends JSON bodies as application/json.');
    if (lower === 'expys-client') throw new ExpysConfigError('Do not set Expys-Client in headers: the client sends its own name and version.');
    if (lower === 'idempotency-key') throw new ExpysConfigError('Do not set Idempotency-Key in headers: pass `idempotencyKey` in the call options.');
    if (typeof value !== 'string') throw new ExpysConfigError(`Header ${name} must be a string.`);
    // fetch would throw on these at send time, where it would look like a network failure.
    if (/[\r\n\0]/.test(value) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new ExpysConfigError(`Header ${JSON.stringify(name)} has a name or value HTTP cannot carry (a line break, or a character not allowed in a name).`);
    // A credential in any other header (X-Api-Key, Cookie…) would go around the guards too: an
    // Org-API-Key would leave an app that way. The value is never quoted back.
    if (ctx.redact(value) !== value) {
      throw new ExpysConfigError(`Header ${name} carries a credential (an Expys key or token, or "Bearer …"). Pass the credential as \`token\` to initialize; never in other headers.`);
    }
  }
  // Lower-case names, so the caller's `accept` replaces ours instead of sitting beside it.
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

export function checkedTimeout(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new ExpysConfigError(`${where} must be a number of milliseconds between 1 and ${MAX_TIMER_MS} (got ${String(value)}).`);
  }
  return value;
}

/**
 * One signal for the whole call: the caller's signal or the deadline, whichever comes first.
 * `failure()` turns the abort into the ExpysError the call rejects with.
 */
function callDeadline(ms: number, callerSignal: AbortSignal | undefined) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(`The call did not finish within ${ms} ms (timeout). Nothing more was sent.`)), ms);
  const onCallerAbort = () => controller.abort(new AbortError('The call was aborted by its signal.', {}, { cause: callerSignal!.reason }));
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    failure: () => controller.signal.reason as TimeoutError | AbortError,
    /** Settles with `work`, or rejects as soon as the call is aborted (a hung token provider included). */
    race<T>(work: Promise<T>): Promise<T> {
      if (controller.signal.aborted) return Promise.reject(controller.signal.reason);
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(controller.signal.reason);
        controller.signal.addEventListener('abort', onAbort, { once: true });
        work.then(
          (value) => {
            controller.signal.removeEventListener('abort', onAbort);
            resolve(value);
          },
          (error) => {
            controller.signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

async function attempt(ctx: SendContext, call: PreparedCall, headers: Record<string, string>, signal: AbortSignal, attemptNumber: number): Promise<Outcome> {
  const url = urlFor(ctx.baseUrl, call.meta.path, call.path, call.query);
  // Built before sending: a body that is not JSON is the caller's mistake, never a network failure.
  const init = requestInit(call.meta.method, headers, checkedBody(call), signal);
  const started = ctx.observer ? performance.now() : 0;
  const seen = { operationId: call.operationId, method: call.meta.method, url, attempt: attemptNumber, headers };
  ctx.observer?.request(seen);
  let response: Response;
  try {
    response = await ctx.fetch()(url, init);
  } catch (cause) {
    // An abort (deadline or caller) is the call's end, never a retryable network failure.
    if (signal.aborted) throw signal.reason;
    const reason = (cause as { cause?: { code?: string } })?.cause?.code ?? (cause as Error)?.message ?? String(cause);
    return { ok: false, error: new ConnectionError(ctx.redact(`Could not reach ${ctx.baseUrl} (${call.meta.method} ${pathOf(url)}): ${reason}.`), {}, { cause }) };
  }
  // The body is read before the hooks see the response: a hook reading it cannot break the call.
  let outcome: Outcome;
  try {
    outcome = await readAnswer(response);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    // The answer arrived broken: a body cut off mid-way, or a 2xx that is not JSON. Nothing
    // tells whether the action happened, so it is retried only when repeating it is safe.
    const reason = error instanceof SyntaxError ? 'the answer is not valid JSON' : `the answer broke off (${(error as Error)?.message ?? String(error)})`;
    outcome = { ok: false, error: new ConnectionError(ctx.redact(`${call.meta.method} ${pathOf(url)}: ${reason}.`), {}, { cause: error }) };
  }
  ctx.observer?.response({ ...seen, status: response.status, requestId: requestIdOf(response), durationMs: performance.now() - started, response });
  return outcome;
}

/** The JSON text of the body, or an ExpysConfigError naming the operation (a BigInt, a cycle…). */
function checkedBody(call: PreparedCall): string | undefined {
  if (call.body === undefined) return undefined;
  try {
    return JSON.stringify(call.body);
  } catch (error) {
    throw new ExpysConfigError(`${call.operationId}: the body cannot be sent as JSON (${(error as Error).message}).`);
  }
}

const pathOf = (url: string) => new URL(url).pathname;

const DEFAULT_REFRESH_ON: readonly string[] = ['token_expired'];

/** A 401 the credential source may answer with a new credential (`token_expired` by default). */
const asksForRefresh = (outcome: Outcome, source: CredentialSource) => {
  if (!('body' in outcome) || outcome.response.status !== 401) return false;
  const code = (outcome.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (source.refreshOn ?? DEFAULT_REFRESH_ON).includes(code);
};

// The spec's 409: the key was used with another body. Nothing was done and the same request
// fails the same way every time, so it is final (other 409s, such as a request still in flight, are retried).
const isIdempotencyConflict = (outcome: Outcome) =>
  'body' in outcome &&
  outcome.response.status === 409 &&
  (outcome.body as { code?: unknown } | undefined)?.code === 'idempotency_conflict';

export async function send(ctx: SendContext, call: PreparedCall): Promise<ApiResponse<unknown>> {
  const { options } = call;
  let deadline: ReturnType<typeof callDeadline> | undefined;
  const progress = { attempt: 0 };
  try {
    const timeout = options.timeout === undefined ? ctx.timeout : checkedTimeout(options.timeout, 'timeout');
    deadline = callDeadline(timeout, options.signal);
    return await sendWithin(ctx, call, deadline, progress);
  } catch (caught) {
    // Whatever surfaced while the call was being aborted, the abort is the answer.
    const error = deadline?.signal.aborted ? deadline.failure() : caught;
    if (error instanceof ExpysError) ctx.observer?.error({ operationId: call.operationId, method: call.meta.method, error, attempt: progress.attempt, willRetry: false });
    throw error;
  } finally {
    deadline?.dispose();
  }
}

async function sendWithin(ctx: SendContext, call: PreparedCall, deadline: ReturnType<typeof callDeadline>, progress: { attempt: number }): Promise<ApiResponse<unknown>> {
  const { meta, options } = call;
  const idempotencyKey = idempotencyKeyFor(call);
  const maxRetries = checkedMaxRetries(options.maxRetries ?? ctx.maxRetries);
  const repeatable = isSafeToRepeat(meta.method, idempotencyKey !== undefined);
  const baseHeaders = callerHeaders(ctx, options);

  const basic = meta.auth === 'basic';
  const source = basic ? ctx.basicCredentials : ctx.credentials;
  if (!source) throw new ExpysConfigError(`${call.operationId} authenticates with HTTP Basic, and this client has no credentials for it.`);
  // The token provider is bounded by the deadline too: a backend that never answers cannot hang the app.
  let token = await deadline.race(source.current());
  let refreshed = false;
  for (let retry = 0; ; ) {
    // Errors are problem+json: a server that negotiates on Accept (Prism does) must be allowed to send them.
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...baseHeaders,
      'expys-client': ctx.clientIdentity,
      authorization: `${basic ? 'Basic' : 'Bearer'} ${token}`,
    };
    // Generated once per logical call, above the loop: every retry replays the same key.
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;

    progress.attempt += 1;
    const outcome = await attempt(ctx, call, headers, deadline.signal, progress.attempt);
    if (outcome.ok) {
      const { response } = outcome;
      return { data: outcome.data, response, requestId: requestIdOf(response), rateLimit: rateLimitOf(response) };
    }

    // The API rejected the credential before doing anything, so even a POST without a key is
    // safe to send again; the refresh happens once per call, whatever maxRetries says, and only
    // when it brings a credential other than the one refused.
    if (source.refresh && !refreshed && asksForRefresh(outcome, source)) {
      refreshed = true;
      const fresh = await deadline.race(source.refresh(token));
      if (fresh !== token) {
        token = fresh;
        continue;
      }
    }

    const response = 'body' in outcome ? outcome.response : undefined;
    const retryAfterMs = response ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    const retryable = response === undefined || (isRetryableStatus(response.status) && !isIdempotencyConflict(outcome));
    const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    const error = 'error' in outcome ? outcome.error : errorFromResponse(outcome.response, outcome.body, ctx.redact, retryAfterSeconds);
    if (retryable && repeatable && retry < maxRetries) {
      ctx.observer?.error({ operationId: call.operationId, method: meta.method, error, attempt: progress.attempt, willRetry: true });
      await sleep(retryDelay(retry, retryAfterMs, ctx.delays), deadline.signal);
      retry += 1;
      continue;
    }
    throw error;
  }
}
