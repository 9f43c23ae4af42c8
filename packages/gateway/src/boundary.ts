// The credential boundary as decisions on web-standard values: a request's head (method, URL,
// headers) in, then its body bytes, and at each step either "go on" or the answer to send. Every
// host drives the same steps in the same order (the Fastify host of the mock and the sandbox, the
// MSW handlers, the fetch handler); only reading bytes off a connection is theirs.
//   1. who is calling (401), before anything about the request is looked at;
//   2. the credential's rate-limit budget (429), keyed on the credential as parsed;
//   3. what it may call: the operation's mode and scope (403);
//   4. what is called: an operation, a path with other methods (405) or nothing (404);
//   5. what the client accepts (406) and whether the body is one this operation reads (400, 415, 413);
//   6. the body against the spec's schemas (422);
// then the operation handler, whose answer gets the boundary's headers.
import Negotiator from 'negotiator';
import { checkAccess, checkIdentity, type AccessContext } from './access.js';
import { decodeBody, formatBytes, jsonMediaType } from './body.js';
import { corsHeaders, isPreflight, preflightHeaders, type CorsOrigins } from './cors.js';
import { rateKey, type Authenticator, type Credential } from './credentials.js';
import { newRequestId, problemCatalog, type BoundaryCode, type Problem, type ProblemCatalog } from './problems.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { buildRoutes, canonicalPath, matchRoute, methodsForPath, pathParameters, type OpenApiDocument, type Route } from './routes.js';
import type { Answer, HeaderBag, OperationRequest, OperationResponse, RequestLogEntry } from './types.js';
import { RequestValidator } from './validation.js';

export interface BoundaryOptions {
  doc: OpenApiDocument;
  /**
   * Who the `Authorization` header (Bearer or Basic, as sent) says is calling (the mock:
   * `knownCredentials(KNOWN_SAMPLES)`; the sandbox: its key store). The boundary then decides
   * from the route what that credential may call.
   */
  authenticate: Authenticator;
  access: AccessContext;
  /** The problem bodies (default: read from `doc`'s examples). */
  problems?: ProblemCatalog;
  /** Browser origins allowed by CORS (default: any origin on this machine). */
  cors?: CorsOrigins;
  /** Response headers of the host's own that browsers may read (e.g. the sandbox's answer marker). */
  exposeHeaders?: readonly string[];
  /**
   * Per-credential rate limit (default 6,000 requests a minute; limit 0 turns it off). `false`:
   * nothing is counted and the boundary sets no RateLimit-* header (the MSW handlers serve the
   * spec's documented example headers instead, the same in every test).
   */
  rateLimit?: RateLimitOptions | false;
  /** The largest body the host reads, in bytes: a larger declared Content-Length is refused at once. */
  bodyBytes: number;
  /** Paths under this prefix are not API operations: the host answers them (the sandbox's control plane). */
  controlPlanePrefix?: string;
}

/** A request as far as the boundary needs it before its body: the host builds it from its own request. */
export interface RequestHead {
  method: string;
  /** Origin-form or absolute-form target: only the path and query are read. */
  url: string;
  headers: HeaderBag;
  /** Whether a body follows (Transfer-Encoding, or a Content-Length other than 0). */
  hasBody: boolean;
  /**
   * The tenant the host found in the URL and removed from `url` (the sandbox's `/sandboxes/<id>`
   * prefix): handed to `authenticate` and to the operation handler. Undefined on a host with one tenant.
   */
  tenant?: string;
}

/** What the boundary has learnt about one request, for the next step, the answer and the log line. */
export interface RequestState {
  started: number;
  /** Sent as `Request-Id` on every answer; the same value as a problem body's `requestId`. */
  requestId: string;
  method: string;
  url: string;
  /** The request's tenant (RequestHead.tenant). */
  tenant?: string;
  route?: Route;
  path?: string;
  credential?: Credential;
  rateHeaders: Record<string, string>;
  cors: Record<string, string>;
  /** The problem code of a refusal. */
  code?: string;
  answeredBy: RequestLogEntry['answeredBy'];
  /** The charset the body is declared in. */
  charset?: string;
  /** A body follows that the boundary has not read: a host closes the connection after refusing it. */
  bodyPending: boolean;
}

export type HeadDecision =
  /** Go on: read the body (if any), then `body()`. */
  | { kind: 'continue'; state: RequestState }
  /** Send this answer: a refusal or a CORS preflight. */
  | { kind: 'answer'; state: RequestState; answer: Answer }
  /** A control-plane path: the host's own routes answer it. */
  | { kind: 'control-plane'; state: RequestState };

export type BodyDecision = { kind: 'continue'; request: Omit<OperationRequest, 'signal'> } | { kind: 'answer'; answer: Answer };

const SUPPORTED_ACCEPT = ['application/json', 'application/problem+json'];
const encoder = new TextEncoder();

/** One value of a header that may arrive repeated. */
export function headerValue(value: string | readonly string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : (value as string | undefined);
}

/** The query string as a record; a repeated name gives an array. */
export function queryOf(url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  const search = url.indexOf('?') === -1 ? '' : url.slice(url.indexOf('?') + 1);
  for (const [name, value] of new URLSearchParams(search)) {
    const existing = query[name];
    query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/** A handler's problem body names its request: the header then carries the same id. */
function requestIdOf(body: unknown): string | undefined {
  const id = body !== null && typeof body === 'object' && !(body instanceof Uint8Array) ? (body as { requestId?: unknown }).requestId : undefined;
  return typeof id === 'string' && /^req_[A-Za-z0-9]{1,60}$/.test(id) ? id : undefined;
}

export class Boundary {
  readonly routes: Route[];
  readonly problems: ProblemCatalog;
  readonly limiter: RateLimiter | undefined;
  readonly #validator: RequestValidator;
  readonly #options: BoundaryOptions;
  /** "the mock" / "the sandbox": how failures name the server the developer started. */
  readonly serviceLabel: string;

  constructor(options: BoundaryOptions) {
    this.#options = options;
    this.routes = buildRoutes(options.doc);
    this.problems = options.problems ?? problemCatalog(options.doc);
    this.#validator = new RequestValidator(options.doc);
    // Every schema compiles now, so one Ajv cannot compile fails at start-up, not per request.
    this.#validator.prepare(this.routes);
    this.limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
    this.serviceLabel = options.access.serviceName ?? 'the mock';
  }

  /** A fresh state for a request (its Request-Id and CORS headers). */
  start(head: Pick<RequestHead, 'method' | 'url' | 'headers' | 'hasBody' | 'tenant'>): RequestState {
    return {
      started: performance.now(),
      requestId: newRequestId(),
      method: head.method,
      url: head.url,
      ...(head.tenant === undefined ? {} : { tenant: head.tenant }),
      rateHeaders: {},
      cors: corsHeaders(headerValue(head.headers.origin), this.#options.cors ?? 'local', this.#options.exposeHeaders),
      answeredBy: 'gateway',
      bodyPending: head.hasBody,
    };
  }

  /** Steps 1 to 5, on the request's head. */
  async head(head: RequestHead, state = this.start(head)): Promise<HeadDecision> {
    const { headers } = head;
    const refuse = (code: BoundaryCode, detail?: string, extra?: Record<string, string>): HeadDecision => ({ kind: 'answer', state, answer: this.refuse(state, code, detail, undefined, extra) });

    const pathname = pathnameOf(head.url);
    if (this.#options.controlPlanePrefix && pathname?.startsWith(this.#options.controlPlanePrefix)) return { kind: 'control-plane', state };

    // A CORS preflight carries no credential by design; it reveals only which methods a path has.
    if (isPreflight(head.method, headers)) {
      const methods = pathname ? methodsForPath(this.routes, pathname) : [];
      const preflight = preflightHeaders(headerValue(headers.origin), this.#options.cors ?? 'local', methods, headerValue(headers['access-control-request-headers']));
      return { kind: 'answer', state, answer: { status: 204, headers: preflight } };
    }

    // 1. Who is calling. 2. Its budget. 3. What it may call.
    const route = pathname === undefined ? undefined : matchRoute(this.routes, head.method, pathname);
    if (!route?.isPublic) {
      const authorization = headerValue(headers.authorization);
      const credential = await this.#options.authenticate(authorization, state.tenant);
      state.credential = credential;
      const unknown = checkIdentity(credential, this.#options.access, route);
      // The challenge names the scheme this operation takes (RFC 9110 §11.6.1).
      if (unknown) return refuse(unknown.code, unknown.detail, { 'www-authenticate': challengeFor(route) });
      const rate = this.limiter?.take(rateKey(credential, authorization));
      if (rate) state.rateHeaders = rate.headers;
      if (rate && !rate.allowed) return refuse('rate_limited', `Rate limit exceeded for this credential. Retry after ${rate.headers['retry-after']} seconds.`);
      const denial = route && checkAccess(route, credential, this.#options.access);
      if (denial) return refuse(denial.code, denial.detail);
    }
    if (pathname === undefined) {
      return refuse('bad_request', 'The request path cannot be decoded (a bad percent-escape, an encoded "/" or a dot segment). Nothing was done.');
    }

    // 4. What is being called.
    if (!route) {
      const methods = methodsForPath(this.routes, pathname);
      if (methods.length === 0) return refuse('not_found', `No operation of the Expys API is at ${head.method} ${pathname}. Check the path against the docs.`);
      // The spec documents 405 for a method the path does not have (ErrorCode), whoever asks:
      // the credential was checked above (401s), and the path's methods are public in the docs.
      return refuse('method_not_allowed', `${pathname} has ${methods.join(', ')}, not ${head.method}.`, { allow: methods.join(', ') });
    }
    state.route = route;
    state.path = pathname;

    // 5. What the client accepts, and whether the body is one this operation reads.
    if (headers.accept !== undefined && !new Negotiator({ headers: { accept: headerValue(headers.accept) } }).mediaType(SUPPORTED_ACCEPT)) {
      return refuse('not_acceptable');
    }
    if (head.hasBody) {
      if (!route.acceptsBody) return refuse('bad_request', `${head.method} ${route.template} takes no request body; send parameters in the path or query. Nothing was done.`);
      const media = jsonMediaType(headerValue(headers['content-type']));
      if (!media.ok) return refuse('unsupported_media_type', `The body cannot be read: ${media.reason}. Nothing was done.`);
      state.charset = media.charset;
      if (Number(headerValue(headers['content-length'])) > this.#options.bodyBytes) return refuse('payload_too_large', this.tooLarge());
    }
    return { kind: 'continue', state };
  }

  /** A request the host cannot route (a malformed target): who is calling, then 400. */
  async unroutable(head: RequestHead, reason: string, state = this.start(head)): Promise<Answer> {
    const credential = await this.#options.authenticate(headerValue(head.headers.authorization), state.tenant);
    const unknown = checkIdentity(credential, this.#options.access);
    if (unknown) return this.refuse(state, unknown.code, unknown.detail);
    return this.refuse(state, 'bad_request', `The request cannot be routed (${reason}). Nothing was done.`);
  }

  /** Step 6: the body (bytes as received; none when the request has none) against the spec. */
  body(state: RequestState, bytes: Uint8Array | undefined, headers: HeaderBag): BodyDecision {
    const route = state.route!;
    state.bodyPending = false;
    let body: unknown;
    if (bytes !== undefined && bytes.length > 0) {
      try {
        body = JSON.parse(decodeBody(bytes, state.charset ?? 'utf-8'));
      } catch (error) {
        return {
          kind: 'answer',
          answer: this.refuse(state, 'validation_failed', 'The request body is not valid JSON; see errors. Nothing was done.', [{ path: '/body', message: (error as Error).message.slice(0, 200) }]),
        };
      }
    }
    const pathParams = pathParameters(route, state.path!);
    const query = queryOf(state.url);
    const errors = this.#validator.validate(route, { pathParams, query, headers, body });
    if (errors.length > 0) {
      const summary = errors.map((e) => `${e.path} ${e.message}`).join('; ').slice(0, 500);
      return { kind: 'answer', answer: this.refuse(state, 'validation_failed', `The request failed validation: ${summary}. Nothing was done.`, errors) };
    }
    const request = { route, method: state.method, path: state.path!, pathParams, query, headers, body, credential: state.credential! };
    return { kind: 'continue', request: state.tenant === undefined ? request : { ...request, tenant: state.tenant } };
  }

  /** A problem answer for this request, with the boundary's headers. */
  refuse(state: RequestState, code: BoundaryCode, detail?: string, errors?: Problem['errors'], extra: Record<string, string> = {}): Answer {
    state.code = code;
    state.answeredBy = 'gateway';
    const problem = { ...this.problems.create(code, detail, errors), requestId: state.requestId };
    return {
      status: problem.status,
      headers: {
        ...state.cors,
        ...state.rateHeaders,
        ...(problem.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
        ...extra,
        'request-id': state.requestId,
        'content-type': 'application/problem+json',
        'cache-control': 'no-store',
      },
      body: JSON.stringify(problem),
    };
  }

  /** The operation's failure (it threw, or did not answer in time) as a 500 naming it. */
  failed(state: RequestState, reason: string, { inOperation = true } = {}): Answer {
    const name = this.serviceLabel.replace(/^the /, 'The ');
    const where = inOperation && state.route ? ` on ${state.route.operationId}` : '';
    return this.refuse(state, 'internal_error', `${name} failed${where}: ${reason}. Retry; if it persists, restart ${this.serviceLabel}.`);
  }

  /** The text of a 413 (the body limit in words). */
  tooLarge(): string {
    return `The request body is over the ${formatBytes(this.#options.bodyBytes)} limit. Nothing was done.`;
  }

  /** The operation handler's answer, with the boundary's headers; its body as bytes or text. */
  respond(state: RequestState, response: OperationResponse): Answer {
    state.answeredBy = 'handler';
    const body =
      response.body === undefined || response.body instanceof Uint8Array || typeof response.body === 'string' ? (response.body as Uint8Array | string | undefined) : JSON.stringify(response.body);
    return { status: response.status, headers: { ...response.headers, ...state.cors, ...state.rateHeaders, 'request-id': requestIdOf(response.body) ?? state.requestId }, body };
  }

  /** The log line of a finished request. */
  logEntry(state: RequestState, status: number): RequestLogEntry {
    return { method: state.method, url: state.url, ...(state.tenant === undefined ? {} : { tenant: state.tenant }), status, answeredBy: state.answeredBy, operationId: state.route?.operationId, code: state.code, ms: performance.now() - state.started };
  }
}

/** A path of plain characters only: the URL parser would give it back as it is. */
const PLAIN_PATH = /^\/[A-Za-z0-9_~/-]*$/;

/**
 * The request target's canonical path (`canonicalPath`), undefined when it cannot be decoded.
 * Almost every target is a plain path with perhaps a query: that one is read as it is, without
 * the cost of a URL parse (dots, escapes, fragments and absolute forms still get the parser).
 */
export function pathnameOf(url: string): string | undefined {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (PLAIN_PATH.test(path)) return path;
  try {
    return canonicalPath(new URL(url, 'http://gateway.invalid').pathname);
  } catch {
    return undefined;
  }
}

/** The 401 challenge of an operation: Basic for the application's own operations, Bearer for the rest. */
function challengeFor(route: Route | undefined): string {
  return route?.application ? 'Basic realm="Expys application", charset="UTF-8"' : 'Bearer';
}

/** An answer's body as bytes (hosts that write bytes). */
export function bodyBytes(answer: Answer): Uint8Array | undefined {
  return typeof answer.body === 'string' ? encoder.encode(answer.body) : answer.body;
}
