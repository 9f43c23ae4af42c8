// One logical call: the deadline, the credential, the attempts through openapi-fetch (see
// fetch-client.ts), retries, the token refresh on `token_expired`, and the typed error at the end.
import { AbortError, ConnectionError, errorFromResponse, ExpysConfigError, ExpysError, short, TimeoutError } from './errors.js';
import { ACCEPT, type Attempt, type Runtime } from './fetch-client.js';
import { checkedHeaders, refuseCredentialIn } from './guard.js';
import type { Observer } from './observe.js';
import type { Redact } from './redact.js';
import { rateLimitOf, requestIdOf, type ApiResponse, type RateLimit } from './response.js';
import { isRetryableStatus, isSafeToRepeat, parseRetryAfter, retryDelay, sleep } from './retry-policy.js';
import type { CheckedSource } from './operation-client.js';
import type { CredentialSource, OperationMeta, RequestOptions, RetryDelays } from './types.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

export interface SendContext {
  runtime: Runtime;
  credentials: CheckedSource;
  /** For operations with `auth: "basic"`: the base64 of `user:password`. */
  basicCredentials?: CheckedSource | undefined;
  /** `Bearer …`/`Basic …` for a credential, remembered as one the client may send. */
  authorization(basic: boolean, credential: string): string;
  redact: Redact;
  maxRetries: number;
  delays: Required<RetryDelays>;
  /** initialize's headers (their values are checked on each call). */
  headers: Record<string, string>;
  /** The client's default call deadline, in ms. */
  timeout: number;
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
  query?: Record<string, unknown> | undefined;
  body?: unknown;
  options: RequestOptions;
}

/** A timeout in ms. One setTimeout cannot wait for (it would fire at once) is refused in development builds. */
export function checkedTimeout(value: unknown, where: string): number {
  if (process.env.NODE_ENV !== 'production' && !((value as number) > 0 && (value as number) <= MAX_TIMER_MS && typeof value === 'number')) {
    throw new ExpysConfigError(`${where} must be a number of milliseconds between 1 and ${MAX_TIMER_MS} (got ${String(value)}).`);
  }
  return value as number;
}

const DEFAULT_REFRESH_ON: readonly string[] = ['token_expired'];

const codeOf = (body: unknown) => (body as { code?: unknown } | undefined)?.code;

/** A 401 the credential source may answer with a new credential (`token_expired` by default). */
export const asksForRefresh = (status: number, body: unknown, source: CredentialSource): boolean =>
  status === 401 && (source.refreshOn ?? DEFAULT_REFRESH_ON).includes(codeOf(body) as string);

/** Settles with `work`, or rejects as soon as the call is aborted (a hung token provider included). */
export function bounded<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort);
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A call's answer: one class for every call; `rateLimit` is read from the headers when asked for. */
class Answer implements ApiResponse<unknown> {
  readonly requestId: string | undefined;
  constructor(
    readonly data: unknown,
    readonly response: Response,
  ) {
    this.requestId = requestIdOf(response);
  }
  get rateLimit(): RateLimit | undefined {
    return rateLimitOf(this.response);
  }
}

/** A pending call's deadline: when it passes, the call's controller aborts with a TimeoutError. */
interface Deadline {
  at: number;
  ms: number;
  controller: AbortController;
}

// Every pending call's deadline, watched by one timer for them all: a call adds and removes an
// entry instead of setting and clearing a timer of its own. The timer is due at the earliest
// deadline, and holds the process open only while a call is pending (as a timer per call did).
const deadlines = new Set<Deadline>();
let sweeper: ReturnType<typeof setTimeout> | undefined;
let sweepAt = Infinity;
const hold = (on: boolean) => (sweeper as { ref?(): void; unref?(): void } | undefined)?.[on ? 'ref' : 'unref']?.();

function arm(at: number): void {
  if (at >= sweepAt) return;
  clearTimeout(sweeper);
  sweepAt = at;
  sweeper = setTimeout(sweep, Math.max(1, at - Date.now()));
}

function sweep(): void {
  sweeper = undefined;
  sweepAt = Infinity;
  const now = Date.now();
  let next = Infinity;
  for (const deadline of deadlines) {
    if (deadline.at <= now) {
      deadlines.delete(deadline);
      const { ms } = deadline;
      deadline.controller.abort(new TimeoutError(process.env.NODE_ENV !== 'production' ? `The call did not finish within ${ms} ms (timeout). Nothing more was sent.` : short('E08')));
    } else if (deadline.at < next) next = deadline.at;
  }
  if (next < Infinity) arm(next);
  else hold(false);
}

export async function send(ctx: SendContext, call: PreparedCall): Promise<ApiResponse<unknown>> {
  const { options, operationId, meta } = call;
  const { observer } = ctx;
  let attempts = 0;
  // One signal for the whole call: the caller's or the deadline's, whichever comes first; its
  // reason is what the call rejects with (TimeoutError, AbortError).
  const controller = new AbortController();
  const { signal } = controller;
  const callerSignal = options.signal;
  // How the size cap stops an answer: the whole call ends with the ResponseTooLargeError.
  const abort = (reason: unknown) => controller.abort(reason);
  const onCallerAbort = () => controller.abort(new AbortError(process.env.NODE_ENV !== 'production' ? 'The call was aborted by its signal.' : short('E09'), {}, { cause: callerSignal!.reason }));
  let deadline: Deadline | undefined;
  try {
    const ms = options.timeout === undefined ? ctx.timeout : checkedTimeout(options.timeout, 'timeout');
    deadlines.add((deadline = { at: Date.now() + ms, ms, controller }));
    if (deadlines.size === 1) hold(true);
    arm(deadline.at);
    if (callerSignal?.aborted) onCallerAbort();
    callerSignal?.addEventListener('abort', onCallerAbort);

    let idempotencyKey = options.idempotencyKey;
    const maxRetries = options.maxRetries ?? ctx.maxRetries;
    // Programming mistakes, refused in development builds.
    if (process.env.NODE_ENV !== 'production') {
      if (!meta.idempotent && idempotencyKey !== undefined) throw new ExpysConfigError(`${operationId} is not idempotent: the API ignores an Idempotency-Key on it, so none is sent.`);
      if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !idempotencyKey || idempotencyKey.length > 255 || /[\r\n\0]/.test(idempotencyKey))) {
        throw new ExpysConfigError('idempotencyKey must be a string of 1 to 255 characters, without line breaks.');
      }
      if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new ExpysConfigError(`maxRetries must be a whole number ≥ 0 (got ${maxRetries}).`);
    }
    if (!meta.idempotent) idempotencyKey = undefined;
    else if (idempotencyKey === undefined) idempotencyKey = crypto.randomUUID();
    else refuseCredentialIn(ctx.redact, process.env.NODE_ENV !== 'production' ? 'idempotencyKey (the Idempotency-Key header)' : '', idempotencyKey);
    // A repeat cannot do the action twice: an idempotent method, or a key the API deduplicates on.
    const repeatable = isSafeToRepeat(meta.method, idempotencyKey !== undefined);
    const headers: Record<string, string> = { accept: ACCEPT };
    if (ctx.headers) Object.assign(headers, checkedHeaders(ctx.redact, ctx.headers));
    if (options.headers) Object.assign(headers, checkedHeaders(ctx.redact, options.headers));
    // Generated once per logical call: every retry replays the same key.
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    let body: string | undefined;
    try {
      body = call.body === undefined ? undefined : JSON.stringify(call.body);
    } catch (error) {
      throw new ExpysConfigError(process.env.NODE_ENV !== 'production' ? `${operationId}: the body cannot be sent as JSON (${(error as Error).message}).` : short('E07'));
    }
    if (body !== undefined) headers['content-type'] = 'application/json';

    const basic = meta.auth === 'basic';
    const source = basic ? ctx.basicCredentials : ctx.credentials;
    if (!source) {
      throw new ExpysConfigError(process.env.NODE_ENV !== 'production' ? `${operationId} authenticates with HTTP Basic, and this client has no credentials for it.` : short('E10'));
    }
    // The token provider is bounded by the deadline too: a backend that never answers cannot hang the app.
    const known = source.now();
    let token: string = typeof known === 'string' ? known : await bounded(known, signal);
    let refreshed = false;
    for (let retry = 0; ; ) {
      const attempt: Attempt = { operationId, method: meta.method, attempt: ++attempts, auth: ctx.authorization(basic, token), abort };
      let response: Response | undefined;
      let problem: unknown;
      let error: ExpysError | undefined;
      try {
        const result = await ctx.runtime.exchange(attempt, meta, { params: { path: call.path, query: call.query }, body, headers, signal });
        response = result.response;
        if (response.ok) return new Answer(result.data, response);
        problem = result.error === '' ? undefined : result.error;
      } catch (caught) {
        if (signal.aborted) throw signal.reason;
        // A guard's refusal or the size cap: final. An unreachable API: a ConnectionError, retried.
        if (caught instanceof ConnectionError) error = caught;
        else if (caught instanceof ExpysError) throw caught;
        else {
          // The answer arrived broken: a body cut off mid-way, or a 2xx that is not JSON. Nothing
          // tells whether the action happened, so it is retried only when repeating it is safe.
          const path = meta.path.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(call.path[name]));
          const reason = caught instanceof SyntaxError ? 'the answer is not valid JSON' : `the answer broke off (${(caught as Error)?.message ?? String(caught)})`;
          error = new ConnectionError(ctx.redact(`${meta.method} ${path}: ${reason}.`), {}, { cause: caught });
        }
      } finally {
        if (observer) ctx.runtime.answered(attempt);
      }

      // The API rejected the credential before doing anything, so even a POST without a key is
      // safe to send again; the refresh happens once per call, whatever maxRetries says, and only
      // when it brings a credential other than the one refused.
      if (response && source.refresh && !refreshed && asksForRefresh(response.status, problem, source)) {
        refreshed = true;
        const fresh: string = await bounded(source.refresh(token), signal);
        if (fresh !== token) {
          token = fresh;
          continue;
        }
      }

      const retryAfterMs = parseRetryAfter(response?.headers.get('retry-after') ?? null);
      // The spec's 409 idempotency_conflict: the key was used with another body. The same request
      // fails the same way every time, so it is final (other 409s, such as one still in flight, are retried).
      const retryable = !response || (isRetryableStatus(response.status) && codeOf(problem) !== 'idempotency_conflict');
      error ??= errorFromResponse(response!, problem, ctx.redact, retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000));
      if (!(retryable && repeatable && retry < maxRetries)) throw error;
      observer?.error({ operationId, method: meta.method, error, attempt: attempts, willRetry: true });
      await sleep(retryDelay(retry++, retryAfterMs, ctx.delays), signal);
    }
  } catch (caught) {
    // Whatever surfaced while the call was being aborted, the abort is the answer.
    const error = signal.aborted ? signal.reason : caught;
    if (error instanceof ExpysError) observer?.error({ operationId, method: meta.method, error, attempt: attempts, willRetry: false });
    throw error;
  } finally {
    if (deadline && deadlines.delete(deadline) && !deadlines.size) hold(false);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}
