// The clients' HTTP layer is openapi-fetch: one `createClient` per client, whose middleware sets
// the credential and caps the answer's size, and whose `fetch` is the last guard before the
// network. The client's methods (retries, deadlines, idempotency keys, pagination) call it; the
// same client is exposed as `fetchClient`, so openapi-fetch middleware and openapi-react-query
// run with the same credential, guards and cap.
import createClient, { createQuerySerializer, type Client, type Middleware } from 'openapi-fetch';
import { ConnectionError, ExpysError, ResponseTooLargeError, short } from './errors.js';
import { checkHeaders, checkUrl, credentialRefusal } from './guard.js';
import type { Observer, RequestEvent } from './observe.js';
import type { Redact } from './redact.js';
import type { HttpMethod, OperationMeta, OperationTable } from './types.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

/** openapi-fetch's client, as each client types it with its audience's `paths`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFetchClient = Client<any, `${string}/${string}`>;

/** Errors are problem+json: a server that negotiates on Accept (Prism does) must be allowed to send them. */
export const ACCEPT = 'application/json, application/problem+json';

/** The default of `maxResponseBytes`: 8 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** One attempt, as the guards and the hooks see it. */
export interface Attempt {
  operationId: string;
  method: HttpMethod;
  attempt: number;
  /** The Authorization value of a method call's attempt; a request made on `fetchClient` asks the credential source in the middleware. */
  auth?: string | undefined;
  /** What the onRequest hook saw, and when the request left: for the onResponse hook. */
  seen?: RequestEvent | undefined;
  started?: number | undefined;
  /** The answer, once its head arrived (openapi-fetch reads its body afterwards). */
  response?: Response | undefined;
  /** A method call's: the request openapi-fetch built, its JSON body, the call's deadline signal. */
  request?: Request | undefined;
  body?: string | undefined;
  /**
   * A method call's headers when no middleware sees its request: sent as they are (each was
   * checked when the call began), not copied into a Headers by openapi-fetch and out again by fetch.
   */
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Aborts the request under way with `reason` (the call's controller, or the request's own on
   * fetchClient): how the size cap stops an answer. Cancelling the body alone is not enough: on a
   * gzip answer Node's fetch then fails an internal assertion when the socket ends.
   */
  abort?: ((reason: unknown) => void) | undefined;
}

export interface RuntimeConfig {
  baseUrl: string;
  fetch: () => typeof fetch;
  operations: OperationTable;
  /** `Bearer …` or `Basic …` from the credential source, for a request made on `fetchClient`. */
  authorization(basic: boolean): Promise<string>;
  /** A 401 on `fetchClient`: the source may refresh, for the next request. */
  refused(authorization: string, response: Response): void;
  /** Every Authorization value the client handed out: the only ones that may be sent. */
  sent: ReadonlySet<string>;
  redact: Redact;
  observer: Observer | undefined;
  maxResponseBytes: number;
  clientIdentity: string;
}

export interface Exchange {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface Runtime {
  /** The configured openapi-fetch client, with the guards in every request's way. */
  fetchClient: AnyFetchClient;
  /** One attempt of a method call. */
  exchange(attempt: Attempt, meta: OperationMeta, init: ExchangeInit): Promise<Exchange>;
  /** The onResponse hook of an attempt, once its body is read (or failed to be). */
  answered(attempt: Attempt): void;
}

export interface ExchangeInit {
  params: { path: Record<string, string>; query?: Record<string, unknown> | undefined };
  body?: string | undefined;
  headers: Record<string, string>;
  signal: AbortSignal;
}

export const tooLarge = (max: number): ResponseTooLargeError =>
  new ResponseTooLargeError(
    process.env.NODE_ENV !== 'production'
      ? `The answer is larger than maxResponseBytes (${max} bytes), so reading stopped there. Nothing was retried: the same answer would come again. Raise maxResponseBytes in initialize if such answers are expected.`
      : short('E14'),
    max,
  );

/** The declared Content-Length; over `max`, the body is dropped unread and the call fails. */
function checkedLength(response: Response, max: number, abort: Attempt['abort']): string | null {
  const length = response.headers.get('content-length');
  if (Number(length) > max) throw stop(response.body, max, abort);
  return length;
}

/** Stops an answer at the cap: the request aborted (the body with it), the error to throw. */
function stop(body: ReadableStream<Uint8Array> | ReadableStreamDefaultReader<Uint8Array> | null | undefined, max: number, abort: Attempt['abort']): ResponseTooLargeError {
  const error = tooLarge(max);
  if (abort) abort(error);
  else body?.cancel(error).catch(() => undefined);
  return error;
}

const decoder = new TextDecoder();

/**
 * A 2xx body as JSON, read chunk by chunk and counted: past `max` bytes reading stops with a
 * ResponseTooLargeError. No body, or an empty one, is no data.
 */
async function readJson(body: ReadableStream<Uint8Array>, max: number, abort: Attempt['abort']): Promise<unknown> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    if ((total += read.value.byteLength) > max) throw stop(reader, max, abort);
    chunks.push(read.value);
  }
  if (!total) return undefined;
  let bytes = chunks[0];
  if (chunks.length > 1) {
    bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) bytes.set(chunk, (at += chunk.byteLength) - chunk.byteLength);
  }
  return JSON.parse(decoder.decode(bytes));
}

/**
 * The answer, its body counted while it streams in: past `max` bytes the stream fails with a
 * ResponseTooLargeError and the rest is never read. A declared Content-Length over `max` fails at
 * once; an answer whose length is declared and not compressed needs no counting (fetch holds it
 * to that length).
 */
export function capped(response: Response, max: number, abort?: Attempt['abort']): Response | undefined {
  const { body, headers } = response;
  const length = checkedLength(response, max, abort);
  if (!body || (length && !headers.has('content-encoding'))) return undefined;
  const reader = body.getReader();
  let total = 0;
  return new Response(
    new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else if ((total += value.byteLength) > max) controller.error(stop(reader, max, abort));
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    }),
    response,
  );
}

const asIs = (json: string) => json;

/** A fetchClient request's signal: the caller's, or the size cap's abort. */
function own(attempt: Attempt, callers: AbortSignal): AbortSignal {
  const controller = new AbortController();
  attempt.abort = (reason) => controller.abort(reason);
  if (AbortSignal.any) return AbortSignal.any([callers, controller.signal]);
  // Runtimes without AbortSignal.any: the caller's abort is passed on.
  const follow = () => controller.abort(callers.reason);
  if (callers.aborted) follow();
  else callers.addEventListener('abort', follow, { once: true });
  return controller.signal;
}

/**
 * What openapi-fetch builds for a method call when no middleware will see it (its `Request`
 * option): the parts of the request, which the last fetch sends, instead of a Request that fetch
 * would take apart and build again.
 */
class RequestParts {
  readonly method: string;
  readonly headers: Headers;
  readonly signal = undefined;
  constructor(
    readonly url: string,
    init: RequestInit,
  ) {
    this.method = init.method!;
    this.headers = init.headers as Headers;
  }
}

export function createRuntime(config: RuntimeConfig): Runtime {
  const { redact, observer } = config;
  // The baseUrl as a URL writes it (`https://API.example.com` → `https://api.example.com/`):
  // every request's URL starts with it.
  const base = new URL(`${config.baseUrl}/`).href;
  const routes: Record<string, [string, OperationMeta]> = {};
  for (const [operationId, meta] of Object.entries(config.operations)) routes[`${meta.method} ${meta.path}`] = [operationId, meta];
  // A method call's attempt, found by the `params` object openapi-fetch hands its middleware.
  const attempts = new WeakMap<object, Attempt>();

  // openapi-fetch's default query serializer, made once instead of on every request.
  const raw = createClient({ baseUrl: config.baseUrl, querySerializer: createQuerySerializer() }) as AnyFetchClient;
  // The client's own middleware, first in the chain once there is one: a user's middleware (or a
  // request on fetchClient) registers it, so a user's middleware sees the credential set. A
  // method call with no middleware at all skips openapi-fetch's middleware machinery.
  let registered = false;
  const register = () => {
    if (!registered) raw.use(ours);
    registered = true;
  };
  const ours: Middleware = {
    async onRequest({ request, schemaPath, params }) {
      // A method call's request already carries its credential and Expys-Client (exchange puts
      // them in the request openapi-fetch builds); a request on fetchClient gets them here, with
      // what a method call would send.
      const attempt = attempts.get(params);
      if (attempt) return void (attempt.request = request);
      const { headers } = request;
      // The client owns Authorization: a request that brings its own (a backend secret in an
      // app, say) is refused, not silently overwritten.
      if (headers.has('authorization')) throw credentialRefusal(process.env.NODE_ENV !== 'production' ? 'the Authorization header given to a fetchClient request' : '');
      const meta = routes[`${request.method} ${schemaPath}`]?.[1];
      headers.set('authorization', await config.authorization(meta?.auth === 'basic'));
      headers.set('expys-client', config.clientIdentity);
      if (!headers.has('accept')) headers.set('accept', ACCEPT);
      if (meta?.idempotent && !headers.has('idempotency-key')) headers.set('idempotency-key', crypto.randomUUID());
    },
  };

  /** The `fetch` openapi-fetch calls last: the guards, the onRequest hook, then the network. */
  const guarded = (attempt: Attempt, custom?: typeof fetch) => async (request: Request, init?: RequestInit) => {
    // A method call's request that no middleware saw carries the call's own headers, each checked
    // when the call began; any other request is checked header by header here.
    const parts = request instanceof RequestParts;
    checkUrl(redact, request.url, base);
    if (!parts) checkHeaders(redact, config.sent, request.headers);
    if (observer) {
      attempt.started = performance.now();
      const headers = parts ? { ...attempt.headers } : Object.fromEntries(request.headers);
      observer.request((attempt.seen = { operationId: attempt.operationId, method: attempt.method, url: request.url, attempt: attempt.attempt, headers }));
    }
    const { auth } = attempt;
    const signal = (attempt.signal ?? request.signal)!;
    let response: Response;
    try {
      const send = custom ?? config.fetch();
      // A method call's request as openapi-fetch built it, no middleware having replaced it, is
      // sent as its parts (fetch would copy the Request otherwise); with the call's deadline.
      response =
        parts || request === attempt.request
          ? await send(request.url, { method: request.method, headers: parts ? attempt.headers : request.headers, body: attempt.body, signal })
          : await send(request, attempt.signal ? { signal } : { ...init, signal: own(attempt, request.signal) });
    } catch (cause) {
      // An abort (deadline or caller) is the call's end, never a retryable network failure.
      if (signal.aborted) throw signal.reason;
      if (cause instanceof ExpysError) throw cause;
      const reason = (cause as { cause?: { code?: string } })?.cause?.code ?? (cause as Error)?.message ?? String(cause);
      throw new ConnectionError(redact(`Could not reach ${config.baseUrl} (${request.method} ${new URL(request.url).pathname}): ${reason}.`), {}, { cause });
    }
    // A request on fetchClient refused with a 401: the source may refresh for the next one.
    if (!auth && response.status === 401) config.refused(request.headers.get('authorization') ?? '', response);
    // A method call reads a 2xx body itself, counting as it goes (exchange); any other body is
    // read by openapi-fetch (and the middleware after this), through a counting stream.
    if (auth && response.ok) checkedLength(response, config.maxResponseBytes, attempt.abort);
    else response = capped(response, config.maxResponseBytes, attempt.abort) ?? response;
    return (attempt.response = response);
  };

  const answered = (attempt: Attempt) => {
    const { seen, response } = attempt;
    if (seen && response) {
      const requestId = response.headers.get('request-id') ?? undefined;
      observer!.response({ ...seen, status: response.status, requestId, durationMs: performance.now() - attempt.started!, response });
    }
  };

  const fetchClient: Record<string, unknown> = {
    use(...middleware: Middleware[]) {
      register();
      raw.use(...middleware);
    },
    eject: raw.eject,
  };
  for (const name of ['request', 'GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']) {
    fetchClient[name] = async (...args: [string, string, { fetch?: typeof fetch }?]) => {
      if (name !== 'request') args.unshift(name);
      const [method, path, init] = args;
      const upper = method.toUpperCase();
      const attempt: Attempt = { operationId: routes[`${upper} ${path}`]?.[0] ?? path, method: upper as HttpMethod, attempt: 1 };
      register();
      const result = await raw.request(upper as 'get', path as never, { ...init, fetch: guarded(attempt, init?.fetch) } as never);
      attempt.response = result.response;
      answered(attempt);
      return result;
    };
  }

  return {
    fetchClient: fetchClient as unknown as AnyFetchClient,
    async exchange(attempt, { method, path }, { params, body, headers, signal }) {
      attempt.body = body;
      // The deadline goes to fetch itself, not into the Request openapi-fetch builds (it would be
      // linked twice).
      attempt.signal = signal;
      // The call's own headers object (fetch and openapi-fetch copy it when the attempt starts).
      const sent = headers;
      sent.authorization = attempt.auth!;
      sent['expys-client'] = config.clientIdentity;
      // With no middleware (openapi-fetch takes its list when the request starts, so this holds for
      // the whole attempt), openapi-fetch builds the request as its parts and the headers go to
      // fetch as they are; with one, they are in the Request every middleware sees.
      const direct = !registered;
      if (direct) attempt.headers = sent;
      else attempts.set(params, attempt);
      const result = (await raw.request(method as 'get', path as never, {
        params,
        body,
        headers: direct ? undefined : sent,
        // The body is serialised (and checked) once per call, before the first attempt.
        bodySerializer: asIs,
        // A 2xx body comes back unread, to be read and counted here.
        parseAs: 'stream',
        Request: direct ? RequestParts : undefined,
        fetch: guarded(attempt),
      } as never)) as Exchange;
      // The answer as the middleware left it, for the onResponse hook.
      attempt.response = result.response;
      const { response } = result;
      if (response.ok && result.data) {
        // A declared length, not compressed: fetch holds the body to it and the last fetch checked
        // it against the cap, so the body is read whole; otherwise it is counted as it streams in.
        result.data =
          response.headers.has('content-length') && !response.headers.has('content-encoding')
            ? await response.json()
            : await readJson(result.data as ReadableStream<Uint8Array>, config.maxResponseBytes, attempt.abort);
      }
      return result;
    },
    answered,
  };
}
