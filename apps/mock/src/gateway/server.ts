// The credential boundary as one HTTP server (Fastify), driven by the bundle. Every request is
// authenticated, rate-limited and authorised before anything else is read; then its method, Accept,
// body framing and media type are checked, the body is read within a size and time limit, and the
// request is validated against the spec's schemas. Only then does the operation handler run (Prism
// in the mock, real code in the sandbox), within a time limit. Every refusal and every failure is
// the spec's problem+json, for that request alone: nothing a client sends can stop the server.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkAccess, checkIdentity, type AccessContext } from './access.js';
import { BodyError, decodeBody, formatBytes, hasBody, jsonMediaType, readBody } from './body.js';
import { corsHeaders, isPreflight, preflightHeaders, type CorsOrigins } from './cors.js';
import { classifyCredential, readBearer, type Credential } from './credentials.js';
import { newRequestId, problemCatalog, type BoundaryCode, type Problem, type ProblemCatalog } from './problems.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { buildRoutes, canonicalPath, matchRoute, methodsForPath, pathParameters, type OpenApiDocument, type Route } from './routes.js';
import { RequestValidator } from './validation.js';

/** A request that passed every check, as the operation handler sees it. */
export interface OperationRequest {
  route: Route;
  method: string;
  /** The canonical (percent-decoded) path. */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, when the operation takes one and it was sent. */
  body: unknown;
  credential: Credential;
  /** Aborted when the client goes away or the handler's time is up. */
  signal: AbortSignal;
}

export interface OperationResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string or a Buffer. */
  body?: unknown;
}

export type OperationHandler = (request: OperationRequest) => Promise<OperationResponse>;

export interface RequestLogEntry {
  method: string;
  /** Path and query as sent. */
  url: string;
  status: number;
  /** Who answered: the gateway (a refusal or failure) or the operation handler. */
  answeredBy: 'gateway' | 'handler';
  operationId?: string;
  /** The problem code, when the gateway refused or failed the request. */
  code?: string;
  ms: number;
}

export interface GatewayLimits {
  /** Largest request body read, in bytes (default 1 MiB). */
  bodyBytes: number;
  /** Time for a whole request body to arrive (default 10 s). */
  bodyTimeoutMs: number;
  /** Request bodies held in memory at once, across all connections (default 32 MiB). */
  bodyBytesInFlight: number;
  /** Time the operation handler has to answer (default 15 s). */
  handlerTimeoutMs: number;
  /** Open connections at once; more are closed on arrival (default 512). */
  maxConnections: number;
  /**
   * Open connections from one client address; more from it are closed on arrival (default 64),
   * so one client (slow connections, or keep-alive requests kept just under the idle timeout)
   * cannot take every connection. Behind a proxy every client shares its address: raise it there.
   */
  maxConnectionsPerAddress: number;
  /** Idle keep-alive connections one address may keep; past that its oldest idle one is closed (default 32). */
  idleConnectionsPerAddress: number;
  /** Time for the request line and headers to arrive (default 10 s). */
  headersTimeoutMs: number;
  /** Idle keep-alive connections are closed after this (default 5 s). */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  bodyBytes: 1024 * 1024,
  bodyTimeoutMs: 10_000,
  bodyBytesInFlight: 32 * 1024 * 1024,
  handlerTimeoutMs: 15_000,
  maxConnections: 512,
  maxConnectionsPerAddress: 64,
  idleConnectionsPerAddress: 32,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
};

export interface GatewayOptions {
  doc: OpenApiDocument;
  handler: OperationHandler;
  /** Who the bearer credential is. Default: the sandbox credential formats and sample keys. */
  authenticate?: (authorization: string | undefined) => Credential | Promise<Credential>;
  access: AccessContext;
  /** Browser origins allowed by CORS (default: any origin on this machine). */
  cors?: CorsOrigins;
  /** Per-credential rate limit (default 6,000 requests a minute; limit 0 turns it off). */
  rateLimit?: RateLimitOptions;
  limits?: Partial<GatewayLimits>;
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Paths under this prefix (e.g. `/_sandbox/`) are not API operations: the gateway's checks
   * skip them and routes the caller registers on `app` answer them (the sandbox's control plane).
   */
  controlPlanePrefix?: string;
  /**
   * Response headers of the handler's own that browsers may read, beyond the gateway's
   * (`Request-Id`, `RateLimit-*`, `Retry-After`, `Allow`): e.g. the sandbox's `Expys-Sandbox-Answer`.
   */
  exposeHeaders?: readonly string[];
}

export interface Gateway {
  app: FastifyInstance;
  routes: Route[];
  problems: ProblemCatalog;
}

const SUPPORTED_ACCEPT = ['application/json', 'application/problem+json'];

function newState(cors: Record<string, string>): State {
  return { started: performance.now(), requestId: newRequestId(), rateHeaders: {}, cors, answeredBy: 'gateway' };
}

/** A handler's problem body names its request: the header then carries the same id. */
function requestIdOf(body: unknown): string | undefined {
  const id = body !== null && typeof body === 'object' && !Buffer.isBuffer(body) ? (body as { requestId?: unknown }).requestId : undefined;
  return typeof id === 'string' && /^req_[A-Za-z0-9]{1,60}$/.test(id) ? id : undefined;
}

/** What the hooks learn about a request, kept for the next hook and the log line. */
interface State {
  started: number;
  /** Sent as `Request-Id` on every answer; the same value as a problem body's `requestId`. */
  requestId: string;
  route?: Route;
  path?: string;
  credential?: Credential;
  rateHeaders: Record<string, string>;
  cors: Record<string, string>;
  code?: string;
  answeredBy: RequestLogEntry['answeredBy'];
  charset?: string;
  body?: unknown;
  /** A control-plane request: the caller's own route answers it. */
  controlPlane?: boolean;
  /** Set once the request is validated: what the handler receives. */
  pathParams?: Record<string, string>;
  query?: Record<string, string | string[]>;
}

const STATE = Symbol('expysGateway');
type WithState = FastifyRequest & { [STATE]: State };
const stateOf = (request: FastifyRequest) => (request as WithState)[STATE];

export function createGateway(options: GatewayOptions): Gateway {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const routes = buildRoutes(options.doc);
  const problems = problemCatalog(options.doc);
  const validator = new RequestValidator(options.doc);
  validator.prepare(routes);
  const authenticate = options.authenticate ?? classifyCredential;
  const allowedOrigins = options.cors ?? 'local';
  const exposeHeaders = options.exposeHeaders ?? [];
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  let bodyBytesInFlight = 0;
  // "The mock failed …" / "The sandbox failed …": refusals name the server the developer started.
  const serviceLabel = options.access.serviceName ?? 'the mock';
  const serviceName = serviceLabel.replace(/^the /, 'The ');

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyBytes,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.bodyTimeoutMs + limits.handlerTimeoutMs + limits.headersTimeoutMs,
    return503OnClosing: true,
    // Node checks header and request timeouts on this interval (30 s by default): check every second.
    serverFactory: (handler) => http.createServer({ connectionsCheckingInterval: 1000 }, handler),
    exposeHeadRoutes: false,
    // A URL Fastify cannot route (a bad percent-escape) still meets the credential check first.
    frameworkErrors: (error, request, reply) => {
      (request as unknown as WithState)[STATE] = newState(corsHeaders(request.headers.origin, allowedOrigins, exposeHeaders));
      void Promise.resolve(authenticate(headerValue(request.headers.authorization))).then(
        (credential) => {
          const unknown = checkIdentity(credential, options.access);
          if (unknown) return refuse(request, reply, unknown.code, unknown.detail);
          return refuse(request, reply, 'bad_request', `The request cannot be routed (${error.message}). Nothing was done.`);
        },
        () => refuse(request, reply, 'internal_error', 'The credential could not be checked.'),
      );
    },
    // A request line or header Node cannot parse never reaches a hook: answer it here, as a problem.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      if (!socket.writable) return socket.destroy();
      const problem = problems.create('bad_request', `The request could not be parsed as HTTP (${error.code ?? 'malformed'}). Nothing was done.`);
      const body = JSON.stringify(problem);
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    },
  });
  app.server.maxConnections = limits.maxConnections;
  app.server.headersTimeout = limits.headersTimeoutMs;
  shareConnectionsFairly(app.server, limits);

  const refuse = (request: FastifyRequest, reply: FastifyReply, code: BoundaryCode, detail?: string, errors?: Problem['errors']) => {
    const state = stateOf(request);
    state.code = code;
    state.answeredBy = 'gateway';
    const problem = { ...problems.create(code, detail, errors), requestId: state.requestId };
    // A body the gateway did not read is not left on the connection for the next request.
    if (hasBody(request.raw) && state.body === undefined) reply.header('connection', 'close');
    return reply
      .code(problem.status)
      .headers({ ...state.cors, ...state.rateHeaders, 'request-id': state.requestId, 'content-type': 'application/problem+json', 'cache-control': 'no-store' })
      .headers(problem.status === 401 ? { 'www-authenticate': 'Bearer' } : {})
      .send(Buffer.from(JSON.stringify(problem)));
  };

  app.decorateRequest(STATE, null);
  app.addHook('onRequest', async (request, reply) => {
    const state = newState(corsHeaders(request.headers.origin, allowedOrigins, exposeHeaders));
    (request as WithState)[STATE] = state;
    reply.raw.on('finish', () => {
      options.onRequest?.({
        method: request.method,
        url: request.url,
        status: reply.raw.statusCode,
        answeredBy: state.answeredBy,
        operationId: state.route?.operationId,
        code: state.code,
        ms: performance.now() - state.started,
      });
    });

    let pathname: string | undefined;
    try {
      // Origin-form and absolute-form request targets alike: only the path and query matter.
      pathname = canonicalPath(new URL(request.url, 'http://gateway.invalid').pathname);
    } catch {
      pathname = undefined;
    }

    if (options.controlPlanePrefix && pathname?.startsWith(options.controlPlanePrefix)) {
      state.controlPlane = true;
      return;
    }

    // A CORS preflight carries no credential by design; it reveals only which methods a path has.
    if (isPreflight(request.method, request.headers)) {
      const methods = pathname ? methodsForPath(routes, pathname) : [];
      return reply
        .code(204)
        .headers(preflightHeaders(request.headers.origin, allowedOrigins, methods, request.headers['access-control-request-headers']))
        .send();
    }

    // 1. Who is calling, before anything about the request is looked at.
    const route = pathname === undefined ? undefined : matchRoute(routes, request.method, pathname);
    if (!route?.isPublic) {
      const credential = await authenticate(headerValue(request.headers.authorization));
      state.credential = credential;
      const unknown = checkIdentity(credential, options.access);
      if (unknown) return refuse(request, reply, unknown.code, unknown.detail);
      // 2. Every authenticated request counts against its credential's budget.
      const rate = limiter.take(rateKey(credential, request.headers.authorization));
      state.rateHeaders = rate.headers;
      if (!rate.allowed) return refuse(request, reply, 'rate_limited', `Rate limit exceeded for this credential. Retry after ${rate.headers['retry-after']} seconds.`);
      // 3. What this credential may call: the operation's mode and scope.
      const denial = route && checkAccess(route, credential, options.access);
      if (denial) return refuse(request, reply, denial.code, denial.detail);
    }
    if (pathname === undefined) {
      return refuse(request, reply, 'bad_request', 'The request path cannot be decoded (a bad percent-escape, an encoded "/" or a dot segment). Nothing was done.');
    }

    // 4. What is being called: an operation, or a path with other methods (405), or nothing (404).
    if (!route) {
      const methods = methodsForPath(routes, pathname);
      if (methods.length === 0) {
        return refuse(request, reply, 'not_found', `No operation of the Expys API is at ${request.method} ${pathname}. Check the path against the docs.`);
      }
      // The spec documents 405 for a method the path does not have (ErrorCode), whoever asks:
      // the credential was checked above (401s), and the path's methods are public in the docs.
      reply.header('allow', methods.join(', '));
      return refuse(request, reply, 'method_not_allowed', `${pathname} has ${methods.join(', ')}, not ${request.method}.`);
    }
    state.route = route;
    state.path = pathname;

    // 5. What the client accepts, and whether the body is one this operation reads.
    if (request.headers.accept !== undefined && !new Negotiator(request.raw).mediaType(SUPPORTED_ACCEPT)) {
      return refuse(request, reply, 'not_acceptable');
    }
    if (hasBody(request.raw)) {
      if (!route.acceptsBody) {
        return refuse(request, reply, 'bad_request', `${request.method} ${route.template} takes no request body; send parameters in the path or query. Nothing was done.`);
      }
      const media = jsonMediaType(headerValue(request.headers['content-type']));
      if (!media.ok) return refuse(request, reply, 'unsupported_media_type', `The body cannot be read: ${media.reason}. Nothing was done.`);
      state.charset = media.charset;
      const declared = Number(request.headers['content-length']);
      if (declared > limits.bodyBytes) {
        return refuse(request, reply, 'payload_too_large', `The request body is over the ${formatBytes(limits.bodyBytes)} limit. Nothing was done.`);
      }
    }
  });

  // Bodies are read by us, raw, within the limits; decoding follows the declared charset.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, payload, done) => {
    const reserved = Math.min(Number(request.headers['content-length']) || limits.bodyBytes, limits.bodyBytes);
    if (bodyBytesInFlight + reserved > limits.bodyBytesInFlight) {
      return done(new BodyError('busy', 'The server is receiving too many request bodies at once. Retry after 1 second.'), undefined);
    }
    bodyBytesInFlight += reserved;
    readBody(payload, limits.bodyBytes, limits.bodyTimeoutMs).then(
      (bytes) => {
        bodyBytesInFlight -= reserved;
        done(null, bytes);
      },
      (error: BodyError) => {
        bodyBytesInFlight -= reserved;
        done(error, undefined);
      },
    );
  });

  app.addHook('preValidation', async (request, reply) => {
    const state = stateOf(request);
    if (state.controlPlane) return;
    const route = state.route!;
    let body: unknown;
    if (Buffer.isBuffer(request.body) && request.body.length > 0) {
      try {
        body = JSON.parse(decodeBody(request.body, state.charset ?? 'utf-8'));
      } catch (error) {
        state.body = null;
        return refuse(request, reply, 'validation_failed', 'The request body is not valid JSON; see errors. Nothing was done.', [
          { path: '/body', message: (error as Error).message.slice(0, 200) },
        ]);
      }
    }
    state.body = body;
    state.pathParams = pathParameters(route, state.path!);
    state.query = queryOf(request.url);
    const errors = validator.validate(route, { pathParams: state.pathParams, query: state.query, headers: request.headers, body });
    if (errors.length > 0) {
      return refuse(request, reply, 'validation_failed', `The request failed validation: ${errors.map((e) => `${e.path} ${e.message}`).join('; ').slice(0, 500)}. Nothing was done.`, errors);
    }
  });

  app.all('*', async (request, reply) => {
    const state = stateOf(request);
    if (state.controlPlane) return refuse(request, reply, 'not_found', `Nothing is at ${request.method} ${state.path ?? request.url}.`);
    const route = state.route!;
    const controller = new AbortController();
    // The answer's stream closing before it was written means the client went away.
    const onClose = () => {
      if (!reply.raw.writableFinished) controller.abort(new Error('the client closed the connection'));
    };
    reply.raw.once('close', onClose);
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        options.handler({
          route,
          method: request.method,
          path: state.path!,
          pathParams: state.pathParams!,
          query: state.query!,
          headers: request.headers,
          body: state.body,
          credential: state.credential!,
          signal: controller.signal,
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort(new Error('timeout'));
            reject(new Error(`the operation did not answer within ${limits.handlerTimeoutMs / 1000} s`));
          }, limits.handlerTimeoutMs);
        }),
      ]);
      state.answeredBy = 'handler';
      // Sent as bytes, so the content type is exactly the one the handler chose.
      const body =
        answer.body === undefined || Buffer.isBuffer(answer.body)
          ? answer.body
          : Buffer.from(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
      reply.code(answer.status).headers({ ...answer.headers, ...state.cors, ...state.rateHeaders, 'request-id': requestIdOf(answer.body) ?? state.requestId });
      return reply.send(body);
    } catch (error) {
      return refuse(request, reply, 'internal_error', `${serviceName} failed on ${route.operationId}: ${(error as Error).message}. Retry; if it persists, restart ${serviceLabel}.`);
    } finally {
      clearTimeout(timer);
      reply.raw.removeListener('close', onClose);
    }
  });

  app.setErrorHandler((error: FastifyError | BodyError, request, reply) => {
    if (!stateOf(request)) (request as WithState)[STATE] = newState({});
    stateOf(request).body = null;
    reply.header('connection', 'close');
    if (error instanceof BodyError) {
      if (error.kind === 'busy') {
        reply.header('retry-after', '1');
        return refuse(request, reply, 'rate_limited', error.message);
      }
      return error.kind === 'too_large'
        ? refuse(request, reply, 'payload_too_large', error.message)
        : refuse(request, reply, 'bad_request', error.message);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return refuse(request, reply, 'payload_too_large', `The request body is over the ${formatBytes(limits.bodyBytes)} limit. Nothing was done.`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return refuse(request, reply, 'bad_request', `The request body cannot be read (${error.message}). Nothing was done.`);
      default:
        return (error.statusCode ?? 500) < 500
          ? refuse(request, reply, 'bad_request', `The request cannot be read (${error.message}). Nothing was done.`)
          : refuse(request, reply, 'internal_error', `${serviceName} failed: ${error.message}. Retry; if it persists, restart ${serviceLabel}.`);
    }
  });

  return { app, routes, problems };
}


/**
 * Per-address fairness: each client address holds at most `maxConnectionsPerAddress` connections
 * (more are closed on arrival) and keeps at most `idleConnectionsPerAddress` idle keep-alive ones
 * (past that its longest-idle one is closed), so the global cap is shared instead of taken.
 */
function shareConnectionsFairly(server: http.Server, limits: GatewayLimits): void {
  const byAddress = new Map<string, { open: number; idle: Set<Socket> }>();
  const entryOf = (socket: Socket) => byAddress.get(socket.remoteAddress ?? '');
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    let entry = byAddress.get(address);
    if (!entry) byAddress.set(address, (entry = { open: 0, idle: new Set() }));
    if (entry.open >= limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    entry.open++;
    const own = entry;
    socket.once('close', () => {
      own.open--;
      own.idle.delete(socket);
      if (own.open === 0 && byAddress.get(address) === own) byAddress.delete(address);
    });
  });
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const socket = request.socket;
    const entry = entryOf(socket);
    entry?.idle.delete(socket);
    response.once('finish', () => {
      if (!entry || socket.destroyed || response.getHeader('connection') === 'close') return;
      entry.idle.add(socket);
      for (const oldest of entry.idle) {
        if (entry.idle.size <= limits.idleConnectionsPerAddress) break;
        entry.idle.delete(oldest);
        oldest.destroySoon();
      }
    });
  });
}

/** One value of a header that may arrive repeated (Node joins most, but not all). */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The budget a request counts against: the credential itself, as parsed. Keyed on the raw header,
 * `bearer …`, `BEARER …`, an extra space or a trailing tab each got a fresh budget.
 */
function rateKey(credential: Credential, authorization: string | string[] | undefined): string {
  const bearer = readBearer(headerValue(authorization));
  return `${credential.kind}:${'value' in bearer ? bearer.value : ''}`;
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
