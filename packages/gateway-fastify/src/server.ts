// The Fastify host of the boundary (@expys/gateway), for the mock and the sandbox. The decisions
// are the core's: who is calling, what it may call, what is called, the body against the spec.
// What stays here is what only a Node server has: connections (a global cap, fairness per client
// address, idle keep-alive), reading bodies within a size and a time limit (and a cap on bodies in
// memory at once), the operation handler's deadline, HTTP the parser rejects, and control-plane
// routes. Every refusal and failure is the spec's problem+json, for that request alone.
import { BODY_LIMIT_BYTES, Boundary, KNOWN_SAMPLES, knownCredentials, type Answer, type BoundaryOptions, type OperationHandler, type RequestLogEntry, type RequestState } from '@expys/gateway';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import http from 'node:http';
import type { Socket } from 'node:net';
import { BodyError, hasBody, readBody } from './body-reader.js';

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
   * Open connections from one client address; more from it are closed on arrival (default 256, half
   * the global cap), so one client (slow connections, or keep-alive requests kept just under the
   * idle timeout) cannot take every connection. Behind a proxy every client shares its address: raise it there.
   */
  maxConnectionsPerAddress: number;
  /**
   * Idle keep-alive connections one address may keep once the server is half full; past that its
   * longest-idle ones are closed (default 32). Below half full nothing idle is closed early, so a
   * client reusing its pool is never cut off for nothing.
   */
  idleConnectionsPerAddress: number;
  /** Time for the request line and headers to arrive (default 10 s). */
  headersTimeoutMs: number;
  /** Idle keep-alive connections are closed after this (default 5 s). */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  bodyBytes: BODY_LIMIT_BYTES,
  bodyTimeoutMs: 10_000,
  bodyBytesInFlight: 32 * 1024 * 1024,
  handlerTimeoutMs: 15_000,
  maxConnections: 512,
  maxConnectionsPerAddress: 256,
  idleConnectionsPerAddress: 32,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
};

export interface GatewayOptions extends Omit<BoundaryOptions, 'bodyBytes' | 'authenticate'> {
  handler: OperationHandler;
  /** Who the Authorization header (Bearer or HTTP Basic) says is calling. Default: the credential formats and the mock's samples (`knownCredentials(KNOWN_SAMPLES)`). */
  authenticate?: BoundaryOptions['authenticate'];
  limits?: Partial<GatewayLimits>;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Several tenants on one server, each under its own URL prefix (the sandbox's `/sandboxes/<id>/`). */
  tenancy?: TenancyOptions;
}

/**
 * Tenants addressed by URL: `<prefix><tenant>/rest` is served as `/rest` for that tenant. The
 * prefix is removed before anything else looks at the URL (the boundary, the host's own routes),
 * and the tenant is handed to `authenticate` and the handler (`tenantOf(request)` in the host's
 * routes). A URL without the prefix is the host's default tenant (tenant undefined).
 */
export interface TenancyOptions {
  /** The path before the tenant, with its slashes: `/sandboxes/`. */
  prefix: string;
  /**
   * Whether the tenant exists now; an unknown one is answered 404 with `notFound(tenant)` as the
   * detail, before its credential is looked at (no store to look it up in).
   */
  exists(tenant: string): boolean | Promise<boolean>;
  notFound(tenant: string): string;
}

export interface Gateway {
  app: FastifyInstance;
  boundary: Boundary;
  routes: Boundary['routes'];
  problems: Boundary['problems'];
  /**
   * Sends this server's requests to another gateway's routes from now on (a reload: the new
   * gateway is built and never listens). Connections, and their fairness, stay this server's.
   */
  routeTo(next: Gateway): void;
}

interface HostState {
  boundary: RequestState;
  controlPlane?: boolean;
  /** Set once the body is checked: what the handler receives. */
  request?: Parameters<OperationHandler>[0] extends infer R ? Omit<R & object, 'signal'> : never;
}

const STATE = Symbol('expysGateway');
const TENANT = Symbol('expysTenant');
type WithTenant = http.IncomingMessage & { [TENANT]?: string };

/** The tenant of a request on a host with `tenancy` (undefined: the default tenant). */
export function tenantOf(request: FastifyRequest | http.IncomingMessage): string | undefined {
  const raw = 'raw' in request ? request.raw : request;
  return (raw as WithTenant)[TENANT];
}

/** A tenant is one path segment of these characters (anything else is no tenant of ours: 404). */
const TENANT_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
/** Answers sent with `connection: close`: their connection is not kept as an idle one. */
const closing = new WeakSet<http.ServerResponse>();
type WithState = FastifyRequest & { [STATE]: HostState };
const stateOf = (request: FastifyRequest) => (request as WithState)[STATE];

export function createGateway(options: GatewayOptions): Gateway {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const boundary = new Boundary({ ...options, authenticate: options.authenticate ?? knownCredentials(KNOWN_SAMPLES), bodyBytes: limits.bodyBytes });
  let bodyBytesInFlight = 0;
  let routing: http.RequestListener | undefined;

  const tenancy = options.tenancy;
  const headOf = (request: FastifyRequest) => {
    const tenant = (request.raw as WithTenant)[TENANT];
    return { method: request.method, url: request.url, headers: request.headers, hasBody: hasBody(request.raw), ...(tenant === undefined ? {} : { tenant }) };
  };
  // Every answer is written by the host itself, as the core made it: its status, its headers and
  // its content type exactly (Fastify's reply would add a charset to JSON), in one write of head
  // and body. Fastify's own reply lifecycle has nothing left to do for it.
  const send = (request: FastifyRequest, reply: FastifyReply, answer: Answer, { close = false } = {}) => {
    reply.hijack();
    const response = reply.raw;
    if (response.headersSent) return reply;
    const headers: http.OutgoingHttpHeaders = { ...answer.headers };
    // A body the gateway did not read is not left on the connection for the next request.
    if (close || stateOf(request)?.boundary.bodyPending) {
      headers.connection = 'close';
      closing.add(response);
    }
    const body = answer.body;
    if (body !== undefined) headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    response.writeHead(answer.status, headers);
    response.end(body);
    return reply;
  };

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyBytes,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.bodyTimeoutMs + limits.handlerTimeoutMs + limits.headersTimeoutMs,
    return503OnClosing: true,
    // Node checks header and request timeouts on this interval (30 s by default): check every second.
    serverFactory: (handler) => {
      routing = handler;
      return http.createServer({ connectionsCheckingInterval: 1000 }, handler);
    },
    exposeHeadRoutes: false,
    // A tenant's prefix comes off before routing: the boundary and the host's routes see `/rest`.
    ...(tenancy
      ? {
          rewriteUrl: (raw: http.IncomingMessage) => {
            const url = raw.url ?? '/';
            if (!url.startsWith(tenancy.prefix)) return url;
            const end = url.slice(tenancy.prefix.length).search(/[/?#]/);
            const segment = end === -1 ? url.slice(tenancy.prefix.length) : url.slice(tenancy.prefix.length, tenancy.prefix.length + end);
            // An empty or odd segment is still a tenant (an unknown one): 404, never the default tenant.
            (raw as WithTenant)[TENANT] = TENANT_SEGMENT.test(segment) ? segment : '';
            const rest = end === -1 ? '' : url.slice(tenancy.prefix.length + end);
            return rest.startsWith('/') ? rest : `/${rest}`;
          },
        }
      : {}),
    // A URL Fastify cannot route (a bad percent-escape) still meets the credential check first.
    frameworkErrors: (error, request, reply) => {
      const head = headOf(request);
      (request as unknown as WithState)[STATE] = { boundary: boundary.start(head) };
      void boundary.unroutable(head, error.message, stateOf(request).boundary).then(
        (answer) => send(request, reply, answer),
        () => send(request, reply, boundary.refuse(stateOf(request).boundary, 'internal_error', 'The credential could not be checked.')),
      );
    },
    // A request line or header Node cannot parse never reaches a hook: answer it here, as a problem.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      if (!socket.writable) return socket.destroy();
      const body = JSON.stringify(boundary.problems.create('bad_request', `The request could not be parsed as HTTP (${error.code ?? 'malformed'}). Nothing was done.`));
      socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    },
  });
  app.server.maxConnections = limits.maxConnections;
  app.server.headersTimeout = limits.headersTimeoutMs;
  shareConnectionsFairly(app.server, limits);

  app.decorateRequest(STATE, null);
  app.addHook('onRequest', async (request, reply) => {
    const head = headOf(request);
    const state: HostState = { boundary: boundary.start(head) };
    (request as WithState)[STATE] = state;
    const log = options.onRequest;
    if (log) reply.raw.once('finish', () => log(boundary.logEntry(state.boundary, reply.raw.statusCode)));
    if (head.tenant !== undefined && !(head.tenant !== '' && (await tenancy!.exists(head.tenant)))) {
      // No store to look a credential up in: the tenant is unknown whoever asks.
      return send(request, reply, boundary.refuse(state.boundary, 'not_found', tenancy!.notFound(head.tenant)));
    }
    const decision = await boundary.head(head, state.boundary);
    if (decision.kind === 'control-plane') state.controlPlane = true;
    else if (decision.kind === 'answer') return send(request, reply, decision.answer);
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
    const bytes = Buffer.isBuffer(request.body) && request.body.length > 0 ? new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.length) : undefined;
    const checked = boundary.body(state.boundary, bytes, request.headers);
    if (checked.kind === 'answer') return send(request, reply, checked.answer);
    state.request = checked.request;
  });

  app.all('*', async (request, reply) => {
    const state = stateOf(request);
    if (state.controlPlane) return send(request, reply, boundary.refuse(state.boundary, 'not_found', `Nothing is at ${request.method} ${request.url}.`));
    const controller = new AbortController();
    // The answer's stream closing before it was written means the client went away.
    const onClose = () => {
      if (!reply.raw.writableFinished) controller.abort(new Error('the client closed the connection'));
    };
    reply.raw.once('close', onClose);
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        options.handler({ ...state.request!, signal: controller.signal }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort(new Error('timeout'));
            reject(new Error(`the operation did not answer within ${limits.handlerTimeoutMs / 1000} s`));
          }, limits.handlerTimeoutMs);
        }),
      ]);
      return send(request, reply, boundary.respond(state.boundary, answer));
    } catch (error) {
      return send(request, reply, boundary.failed(state.boundary, (error as Error).message));
    } finally {
      clearTimeout(timer);
      reply.raw.removeListener('close', onClose);
    }
  });

  app.setErrorHandler((error: FastifyError | BodyError, request, reply) => {
    if (!stateOf(request)) (request as WithState)[STATE] = { boundary: boundary.start(headOf(request)) };
    const state = stateOf(request).boundary;
    state.bodyPending = false;
    // What is left of a body that failed to be read is not read as the next request.
    const close = { close: true };
    if (error instanceof BodyError) {
      if (error.kind === 'busy') return send(request, reply, boundary.refuse(state, 'rate_limited', error.message, undefined, { 'retry-after': '1' }), close);
      return send(request, reply, boundary.refuse(state, error.kind === 'too_large' ? 'payload_too_large' : 'bad_request', error.message), close);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(request, reply, boundary.refuse(state, 'payload_too_large', boundary.tooLarge()), close);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(request, reply, boundary.refuse(state, 'bad_request', `The request body cannot be read (${error.message}). Nothing was done.`), close);
      default:
        return (error.statusCode ?? 500) < 500
          ? send(request, reply, boundary.refuse(state, 'bad_request', `The request cannot be read (${error.message}). Nothing was done.`), close)
          : send(request, reply, boundary.failed(state, error.message, { inOperation: false }), close);
    }
  });

  return {
    app,
    boundary,
    routes: boundary.routes,
    problems: boundary.problems,
    routeTo(next) {
      if (routing) app.server.removeListener('request', routing);
      routing = (request, response) => next.app.routing(request, response);
      app.server.on('request', routing);
    },
  };
}

/**
 * Per-address fairness: each client address holds at most `maxConnectionsPerAddress` connections
 * (more are closed on arrival), and once the server is half full an address keeps at most
 * `idleConnectionsPerAddress` idle keep-alive ones (its longest-idle ones are closed first), so the
 * global cap is shared instead of taken.
 */
function shareConnectionsFairly(server: http.Server, limits: GatewayLimits): void {
  const byAddress = new Map<string, { open: number; idle: Set<Socket> }>();
  let open = 0;
  const trim = (entry: { idle: Set<Socket> }) => {
    if (open < limits.maxConnections / 2) return;
    for (const oldest of entry.idle) {
      if (entry.idle.size <= limits.idleConnectionsPerAddress) break;
      entry.idle.delete(oldest);
      oldest.destroySoon();
    }
  };
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    let entry = byAddress.get(address);
    if (!entry) byAddress.set(address, (entry = { open: 0, idle: new Set() }));
    if (entry.open >= limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    entry.open++;
    open++;
    const own = entry;
    trim(own);
    socket.once('close', () => {
      own.open--;
      open--;
      own.idle.delete(socket);
      if (own.open === 0 && byAddress.get(address) === own) byAddress.delete(address);
    });
  });
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const socket = request.socket;
    const entry = byAddress.get(socket.remoteAddress ?? '');
    entry?.idle.delete(socket);
    response.once('finish', () => {
      if (!entry || socket.destroyed || closing.has(response)) return;
      entry.idle.add(socket);
      trim(entry);
    });
  });
}
