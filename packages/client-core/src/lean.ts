// The lean path: a client made once (`createCoreClient`) and one function per operation
// (`defineOperation`), which a client package generates and an app imports by name, so an app
// bundles only the operations it calls (`initialize()` returns every method: nothing of it can
// be left out). Every credential guard is here, always on: the baseUrl checks, path, query,
// Idempotency-Key and header checks, the last guard on the request as openapi-fetch and every
// middleware left it, redaction, the response size cap and the call's deadline. Retries,
// pagination and hooks are opt-in (`retries()`, `paginate()`, openapi-fetch middleware on
// `fetchClient`), so an app that does not use them does not ship them.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { AbortError, ConnectionError, CredentialError, errorFromResponse, ExpysConfigError, ExpysError, short, TimeoutError } from './errors.js';
import { ACCEPT, DEFAULT_MAX_RESPONSE_BYTES, tooLarge } from './fetch-client.js';
import { checkedBaseUrl, checkedHeaders, checkHeaders, checkUrl, credentialRefusal, refuseCredentialIn, type BaseUrlConfig } from './guard.js';
import { prepareCall } from './operation-client.js';
import { DEFAULT_MAX_PAGES, PagePromise, type ItemOf, type Page } from './pagination.js';
import type { Redact } from './redact.js';
import type { ApiResponse } from './response.js';
import { DEFAULT_MAX_RETRIES, isRetryableStatus, parseRetryAfter, retryDelay, retryDelaysWithDefaults, sleep } from './retry-policy.js';
import { asksForRefresh, DEFAULT_TIMEOUT_MS } from './send.js';
import type { CredentialSource, HttpMethod, OperationMeta, RequestOptions, RetryDelays } from './types.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

/** What a retry strategy is told about a failed attempt. */
export interface RetryContext {
  method: HttpMethod;
  /** Repeating it cannot do the action twice: an idempotent method, or an Idempotency-Key sent. */
  repeatable: boolean;
  /** The answer, when there was one (none: the API could not be reached, or the answer broke off). */
  response: Response | undefined;
  /** The call's signal: its deadline or the caller's abort. A wait must end when it aborts. */
  signal: AbortSignal;
  /** The call's own `maxRetries` option, if it gave one. */
  maxRetries: number | undefined;
}

/**
 * Decides whether a failed attempt is sent again (after waiting, if it likes): `retry` counts
 * from 0. Resolve `false` and the call fails with `error`. `retries()` is the clients' policy.
 */
export type RetryStrategy = (error: ExpysError, retry: number, context: RetryContext) => boolean | Promise<boolean>;

export interface CoreClientConfig extends BaseUrlConfig {
  /** Where the bearer credential comes from (checked by the client package before it is handed out). */
  credentials: CredentialSource;
  redact: Redact;
  /** `name/version` of the client package, sent as `Expys-Client`. */
  clientIdentity: string;
  fetch?: typeof fetch | undefined;
  headers?: Record<string, string> | undefined;
  timeout?: number | undefined;
  maxResponseBytes?: number | undefined;
  retry?: RetryStrategy | undefined;
}

/**
 * A lean client: the configured openapi-fetch client (with the credential, guards and size cap
 * in its way), and what the generated operation functions call through (not enumerable).
 */
export interface CoreClient<Paths extends {}> {
  /** openapi-fetch's client, typed with the audience's `paths`: for middleware and openapi-react-query. */
  readonly fetchClient: Client<Paths, `${string}/${string}`>;
  /**
   * Types only (never set): a client of `initialize()` (which has a `fetchClient` too) is not a
   * lean client. A string key, not a `unique symbol`: two builds of this file give the same type,
   * so the release gate compares one release's clients with the next's as equal.
   */
  readonly '~expysLeanClient': true;
}

type Call = (operationId: string, meta: OperationMeta, args: unknown[]) => Promise<unknown>;

// Each lean client's call function, found by the client object the operation function is given.
const calls = new WeakMap<object, Call>();

/** `work`, or the signal's reason as soon as it aborts (a hung token provider cannot outlive the deadline). */
const bounded = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
  Promise.race([work, new Promise<never>((_, reject) => (signal.aborted ? reject(signal.reason) : signal.addEventListener('abort', () => reject(signal.reason))))]);

export function createCoreClient<Paths extends {}>(config: CoreClientConfig): CoreClient<Paths> {
  // What the credential source handed out is remembered: messages are scrubbed of those exact
  // strings (and of their bodies without the prefix), and only their Authorization values may be sent.
  const known: string[] = [];
  const sent = new Set<string>();
  const base = config.redact;
  const redact: Redact = (text) => known.reduce((scrubbed, secret) => scrubbed.split(secret).join('[redacted]'), base(text));
  redact.find = (text) => known.find((secret) => text.includes(secret)) ?? base.find?.(text);
  const seen = (credential: string) => {
    const value = `Bearer ${credential}`;
    // The body without its prefix (`mt_test_…` → `…`): what a server or a log may echo.
    if (!sent.has(value)) sent.add(value) && known.push(credential, credential.replace(/^(?:[a-z]+_)+/, ''));
    return credential;
  };
  // A source that throws (a token provider's own failure): a CredentialError, its text redacted, the original not kept.
  const failed = (error: unknown): never => {
    if (error instanceof ExpysError) throw error;
    const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
    throw new CredentialError('credential_provider_failed', `The credential function failed: ${redact(text)}`);
  };
  const source = config.credentials;
  const credential = () => source.current().then(seen, failed);
  const refresh = source.refresh && ((refused: string) => source.refresh!(refused).then(seen, failed));

  checkedBaseUrl(config, redact);
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  // Every request's URL starts with the baseUrl as a URL writes it.
  const root = new URL(`${baseUrl}/`).href;
  const maxBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const headers = config.headers;
  // Development builds name the place of a credential at once; in every build the last guard refuses it.
  if (process.env.NODE_ENV !== 'production') checkedHeaders(redact, headers);

  /** The `fetch` openapi-fetch calls last: the guards on the request as every middleware left it, then the network, then the size cap. */
  const guarded =
    () =>
    async (request: Request): Promise<Response> => {
      checkUrl(redact, request.url, root);
      checkHeaders(redact, sent, request.headers);
      // The size cap stops an answer by aborting its request (cancelling the body alone is not enough on gzip answers).
      let abort: ((reason: unknown) => void) | undefined;
      let { signal } = request;
      if (AbortSignal.any) {
        const controller = new AbortController();
        abort = (reason) => controller.abort(reason);
        signal = AbortSignal.any([signal, controller.signal]);
      }
      let response: Response;
      try {
        response = await (config.fetch ?? globalThis.fetch)(request, { signal });
      } catch (cause) {
        if (request.signal.aborted) throw request.signal.reason;
        if (cause instanceof ExpysError) throw cause;
        throw new ConnectionError(redact(`${request.method} ${request.url}: ${(cause as { cause?: { code?: string } })?.cause?.code ?? cause}`), {}, { cause });
      }
      // The size cap, counted as the body streams in (after decompression): past it the request is
      // aborted and reading fails with a ResponseTooLargeError; a declared length over it fails at once.
      const { body } = response;
      const stop = (unread?: ReadableStream | null) => {
        const error = tooLarge(maxBytes);
        if (abort) abort(error);
        else unread?.cancel(error).catch(() => undefined);
        return error;
      };
      if (Number(response.headers.get('content-length')) > maxBytes) throw stop(body);
      if (!body) return response;
      let total = 0;
      return new Response(
        body.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              if ((total += chunk.byteLength) > maxBytes) controller.error(stop());
              else controller.enqueue(chunk);
            },
          }),
        ),
        response,
      );
    };

  const last = guarded();
  const fetchClient = createClient<Paths>({ baseUrl, fetch: last });
  // First in the chain: a middleware you add sees the credential set; the last guard (in fetch) sees what it left.
  const ours: Middleware = {
    async onRequest({ request, options }) {
      const { headers: sending } = request;
      // The client owns Authorization: a request that brings its own is refused, not silently overwritten;
      // a request's own `fetch` would go around the last guard: refused too (give `fetch` to the client).
      if (sending.has('authorization') || options.fetch !== last) {
        throw credentialRefusal(process.env.NODE_ENV !== 'production' ? 'a fetchClient request with its own Authorization header or its own fetch' : '');
      }
      sending.set('authorization', `Bearer ${await credential()}`);
      sending.set('expys-client', config.clientIdentity);
      if (!sending.has('accept')) sending.set('accept', ACCEPT);
    },
  };
  fetchClient.use(ours);

  const timeout = config.timeout ?? DEFAULT_TIMEOUT_MS;
  const client = { fetchClient } as unknown as CoreClient<Paths>;
  calls.set(client, async (operationId, meta, args) => {
    // Development builds check the arguments (and name the place of a credential in one) first.
    if (process.env.NODE_ENV !== 'production') prepareCall(operationId, meta, args, redact);
    const { pathParams, hasBody, hasQuery } = meta;
    const slot = args[pathParams.length];
    const options = (args[pathParams.length + (hasBody || hasQuery ? 1 : 0)] ?? {}) as RequestOptions;
    const path: Record<string, string> = {};
    for (const [i, name] of pathParams.entries()) {
      const text = String(args[i]);
      // "." and ".." survive percent-encoding and are resolved by URL parsing: /v1/offers/.. is /v1/.
      if (!text || text === '.' || text === '..') throw new ExpysConfigError(short(text ? 'E03' : 'E02'));
      path[name] = text;
    }
    // One signal for the whole call: the deadline's or the caller's, whichever comes first.
    const controller = new AbortController();
    const { signal } = controller;
    const ms = options.timeout ?? timeout;
    const timer = setTimeout(
      () => controller.abort(new TimeoutError(process.env.NODE_ENV !== 'production' ? `The call did not finish within ${ms} ms (timeout). Nothing more was sent.` : short('E08'))),
      ms,
    );
    const caller = options.signal;
    const onAbort = () => controller.abort(new AbortError(process.env.NODE_ENV !== 'production' ? 'The call was aborted by its signal.' : short('E09'), {}, { cause: caller!.reason }));
    if (caller?.aborted) onAbort();
    caller?.addEventListener('abort', onAbort);
    try {
      let key = options.idempotencyKey;
      // Programming mistakes, refused in development builds.
      if (process.env.NODE_ENV !== 'production') {
        if (!meta.idempotent && key !== undefined) throw new ExpysConfigError(`${operationId} is not idempotent: the API ignores an Idempotency-Key on it, so none is sent.`);
        if (key !== undefined && (typeof key !== 'string' || !key || key.length > 255 || /[\r\n\0]/.test(key))) {
          throw new ExpysConfigError('idempotencyKey must be a string of 1 to 255 characters, without line breaks.');
        }
      }
      // A credential in a header or the Idempotency-Key is refused by the last guard in every build;
      // development builds refuse it here, naming the place (and check the headers' shape).
      const sending: Record<string, string> =
        process.env.NODE_ENV !== 'production' ? { ...checkedHeaders(redact, headers), ...checkedHeaders(redact, options.headers) } : { ...headers, ...options.headers };
      if (!meta.idempotent) key = undefined;
      else if (key === undefined) key = crypto.randomUUID();
      else if (process.env.NODE_ENV !== 'production') refuseCredentialIn(redact, 'idempotencyKey (the Idempotency-Key header)', key);
      // Generated once per logical call: every retry replays the same key.
      if (key !== undefined) sending['idempotency-key'] = key;
      // A body JSON cannot carry (a BigInt, a cycle) is a programming mistake: named in development builds.
      if (process.env.NODE_ENV !== 'production') {
        try {
          JSON.stringify(slot);
        } catch (error) {
          throw new ExpysConfigError(`${operationId}: the body cannot be sent as JSON (${(error as Error).message}).`);
        }
      }
      // The token provider is bounded by the deadline too.
      let token = await bounded(credential(), signal);
      const repeatable = key !== undefined || !(meta.method === 'POST' || meta.method === 'PATCH');
      for (let retry = 0, refreshed = false; ; ) {
        let response: Response | undefined;
        let problem: unknown;
        let error: ExpysError;
        try {
          const result = await fetchClient.request(meta.method as 'get', meta.path as never, {
            params: { path, query: hasQuery ? slot : undefined },
            // openapi-fetch sends it as JSON.
            body: hasBody ? slot : undefined,
            headers: sending,
            signal,
          } as never);
          response = result.response as Response;
          if (response.ok) return result.data;
          problem = result.error === '' ? undefined : result.error;
          // On a 401 that asks for it (`token_expired`), a new credential, once per call, if it is another one.
          if (refresh && !refreshed && asksForRefresh(response.status, problem, source)) {
            refreshed = true;
            const fresh = await bounded(refresh(token), signal);
            if (fresh !== token) {
              token = fresh;
              continue;
            }
          }
          error = errorFromResponse(response, problem, redact);
        } catch (caught) {
          if (signal.aborted) throw signal.reason;
          // A guard's refusal or the size cap: final. An unreachable API or a broken answer: a ConnectionError.
          if (caught instanceof ExpysError && !(caught instanceof ConnectionError)) throw caught;
          // (The answer broke off, or a 2xx is not JSON: whether the action happened is unknown, so only what is safe to repeat is retried.)
          error = caught instanceof ConnectionError ? caught : new ConnectionError(redact(`${meta.method} ${meta.path}: ${caught}`), {}, { cause: caught });
        }
        if (!(config.retry && (await config.retry(error, retry++, { method: meta.method, repeatable, response, signal, maxRetries: options.maxRetries })))) throw error;
      }
    } catch (caught) {
      // Whatever surfaced while the call was being aborted, the abort is the answer.
      throw signal.aborted ? signal.reason : caught;
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    }
  });
  return client;
}

/**
 * One operation as a function of a lean client: `(client, ...path parameters, body | query,
 * options?)`. The client package generates one per operation, typed from the spec.
 */
export function defineOperation(operationId: string, meta: OperationMeta): (client: object, ...args: unknown[]) => Promise<unknown> {
  return (client, ...args) => {
    const call = calls.get(client);
    // Another object than a lean client is a programming mistake: named in development builds.
    if (process.env.NODE_ENV !== 'production' && !call) {
      return Promise.reject(new ExpysConfigError(`${operationId} takes the client made by createMemberClient as its first argument (not the one of initialize).`));
    }
    return call!(operationId, meta, args);
  };
}

/**
 * The clients' retry policy, for a lean client's `retry` option: network errors, 408, 409 (not
 * the final `idempotency_conflict`), 429 and 5xx, when repeating cannot do the action twice;
 * exponential backoff with jitter, `Retry-After` honoured; `maxRetries` (default 2) per client,
 * or per call in its options.
 */
export function retries({ maxRetries = DEFAULT_MAX_RETRIES, ...delays }: { maxRetries?: number | undefined } & RetryDelays = {}): RetryStrategy {
  const checked = retryDelaysWithDefaults(delays);
  return async (error, retry, { repeatable, response, signal, maxRetries: perCall }) => {
    const retryable = !response || (isRetryableStatus(response.status) && error.code !== 'idempotency_conflict');
    if (!(retryable && repeatable && retry < (perCall ?? maxRetries))) return false;
    await sleep(retryDelay(retry, parseRetryAfter(response?.headers.get('retry-after') ?? null), checked), signal);
    return true;
  };
}

/**
 * Every item of every page of a list operation function, for `for await`: `nextCursor` followed
 * while `hasMore`, at most `maxPages` pages (default 1,000, `Infinity` for no cap; past it an
 * ExpysError names `maxPages`), a cursor seen twice refused.
 */
export async function* paginate<C, Q extends object, P extends Page>(
  operation: (client: C, query?: Q, options?: RequestOptions) => Promise<P>,
  client: C,
  query?: Q,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<P>, void, undefined> {
  yield* new PagePromise<P>(
    (cursor) => operation(client, (cursor === undefined ? query : { ...query, cursor }) as Q, options).then((data) => ({ data }) as ApiResponse<P>),
    { maxPages: options?.maxPages ?? DEFAULT_MAX_PAGES },
  );
}
