// The example backend's HTTP surface. The app (apps/example-web) talks to these routes for
// sign-in and member tokens, and to the Expys API directly with the member token:
//
//   POST   /api/session       sign in ({ userId, displayName? }); enrols the member at Expys on first sign-in
//   GET    /api/session       who is signed in
//   DELETE /api/session       sign out
//   POST   /api/expys-token   a fresh member token ({ externalUserID } the app shows → { token, expiresAt, externalUserID })
//   GET    /api/config        where the app finds the Expys API ({ environment, expysBaseUrl })
//   GET    /*                 the app's production build (when webRoot is set)
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { ExpysError, NotFoundError, type ServerClient } from '@expys/sdk';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { SessionStore, USER_ID_PATTERN, type Session } from './sessions.js';

const SESSION_COOKIE = 'example_session';

export interface TokenGrantSummary {
  externalUserID: string;
  expiresAt: string;
}

export interface ExampleBackendOptions {
  /** A server client built with the Org-API-Key (see start.ts). */
  expys: ServerClient;
  environment: 'sandbox' | 'production';
  /** The Expys API URL the app should call; undefined = the environment's default. */
  expysBaseUrl: string | undefined;
  /** The app's build folder (apps/example-web/dist), served at `/`. */
  webRoot?: string | undefined;
  /** Called after each member token is minted, with the member it was asked for (logs, metrics, tests). Never receives the token. */
  onMint?: (grant: TokenGrantSummary) => void;
  /** The Secure flag of the session cookie (default true; startExampleBackend passes the config's cookieSecure). */
  secureCookies?: boolean;
  /** Sign-ins (`POST /api/session`) allowed per client address and window (default 20 a minute). */
  signInRateLimit?: { max: number; timeWindowMs?: number };
  /** Fastify's logger: true for stdout, or pino options such as `{ stream }` to send the lines elsewhere. */
  logger?: FastifyServerOptions['logger'];
  /** Host names accepted in the `Host` header (default: the loopback names); see BackendConfig.allowedHosts. */
  allowedHosts?: readonly string[];
}

export async function createExampleBackend(options: ExampleBackendOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 });
  // DNS rebinding: a page on attacker.example, re-pointed at 127.0.0.1, is same-origin with
  // itself, so Origin checks pass; only the Host header still names the attacker's domain.
  const allowedHosts = new Set(options.allowedHosts ?? ['127.0.0.1', 'localhost', '[::1]']);
  app.addHook('onRequest', async (request, reply) => {
    if (!allowedHosts.has(hostnameOf(request.headers.host))) {
      return refuse(reply, 421, 'unknown_host', `This backend answers for ${[...allowedHosts].join(', ')} only.`);
    }
  });
  await app.register(fastifyCookie);
  // Set before the API plugin is registered: its routes take the handlers in force then.
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFound(options.webRoot !== undefined));
  await app.register(apiRoutes(options), { prefix: '/api' });
  if (options.webRoot) await serveApp(app, options.webRoot);
  return app;
}

const refuse = (reply: FastifyReply, status: number, error: string, message: string) => reply.code(status).send({ error, message });

/**
 * The API, in its own plugin: its hooks apply to exactly its routes, however the path was
 * spelled (find-my-way decodes `/%61pi/…` to the same route, but `request.url` keeps it raw).
 */
function apiRoutes(options: ExampleBackendOptions) {
  return async (api: FastifyInstance) => {
    const sessions = new SessionStore();
    const signedIn = (request: FastifyRequest): Session | undefined => sessions.get(request.cookies[SESSION_COOKIE]);

    // Nothing under /api may be cached: a member token in a shared cache is a leaked token.
    api.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    // CSRF: SameSite=Strict is per site, and every port of 127.0.0.1 is the same site, so a
    // page on another port could still post here with the cookie. Checked before the body is
    // parsed. Only the host is compared with Origin: behind a TLS-terminating proxy the request
    // arrives over http; browsers that send Sec-Fetch-Site also catch a scheme mismatch.
    api.addHook('onRequest', async (request, reply) => {
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
      if (isCrossOrigin(request)) return refuse(reply, 403, 'cross_origin', 'Requests that change state must come from this app\'s own pages.');
      // A JSON content type cannot be sent cross-origin without a CORS preflight (which this backend never allows).
      if (request.method === 'POST' && request.mediaType !== 'application/json') {
        return refuse(reply, 415, 'unsupported_media_type', 'Send a JSON body with content-type: application/json.');
      }
    });

    // Per client address (the socket's, not X-Forwarded-For): the demo sign-in takes any user id.
    await api.register(fastifyRateLimit, { global: false });
    const signInLimit = { max: options.signInRateLimit?.max ?? 20, timeWindow: options.signInRateLimit?.timeWindowMs ?? 60_000 };

    api.get('/config', async () => ({ environment: options.environment, expysBaseUrl: options.expysBaseUrl ?? null }));

    api.get('/session', async (request, reply) => {
      const session = signedIn(request);
      return session ?? refuse(reply, 401, 'signed_out', 'Nobody is signed in.');
    });

    api.post('/session', { config: { rateLimit: signInLimit } }, async (request, reply) => {
      const body = (request.body ?? {}) as { userId?: unknown; displayName?: unknown };
      const userId = typeof body.userId === 'string' ? body.userId.trim() : '';
      if (!USER_ID_PATTERN.test(userId)) {
        return refuse(reply, 400, 'invalid_user_id', 'userId must be 1–128 characters from A–Z a–z 0–9 _ . : -');
      }
      const requested = typeof body.displayName === 'string' && body.displayName.trim() ? body.displayName.trim().slice(0, 100) : userId;
      const member = await enrol(options.expys, userId, requested);
      // Who signed in is decided by the sign-in, never by what Expys answered; the member's name
      // is used only when the member is that user.
      const session: Session = { externalUserID: userId, displayName: member.externalUserID === userId && member.displayName ? member.displayName : requested };
      // One session per browser: signing in again ends the one the cookie had.
      sessions.delete(request.cookies[SESSION_COOKIE]);
      reply.setCookie(SESSION_COOKIE, sessions.create(session), {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies ?? true,
        maxAge: Math.floor(sessions.ttlMs / 1000),
      });
      return session;
    });

    api.delete('/session', async (request, reply) => {
      sessions.delete(request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    });

    // The one place the Org-API-Key is used on the app's behalf: mint a member token for the
    // signed-in user, and hand the app only that token and its expiry.
    api.post('/expys-token', async (request, reply) => {
      const session = signedIn(request);
      if (!session) return refuse(reply, 401, 'signed_out', 'Sign in first: member tokens are minted for the signed-in user only.');
      const shown = (request.body as { externalUserID?: unknown } | null)?.externalUserID;
      if (typeof shown !== 'string' || !USER_ID_PATTERN.test(shown)) {
        return refuse(reply, 400, 'invalid_body', 'Send { "externalUserID": "<the member the app shows>" }.');
      }
      // The cookie is shared by every tab: another tab may have signed in as someone else since
      // this page loaded. A token for that member must never reach this page.
      if (shown !== session.externalUserID) {
        return refuse(reply, 409, 'session_changed', 'Another member signed in on this browser since this page loaded: sign in again.');
      }
      const grant = await options.expys.exchangeToken({ externalUserID: session.externalUserID });
      options.onMint?.({ externalUserID: session.externalUserID, expiresAt: grant.expiresAt });
      return { token: grant.token, expiresAt: grant.expiresAt, externalUserID: session.externalUserID };
    });
  };
}

/** The Host header's name, port aside (`[::1]:3000` → `[::1]`); '' when absent or unreadable. */
function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

function isCrossOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false; // not a browser (curl, server to server): no ambient cookie to abuse
  try {
    return new URL(origin).host !== request.host.toLowerCase();
  } catch {
    return true; // `Origin: null` (sandboxed frames, some redirects) or garbage
  }
}

/** Makes sure the user is a member at Expys: read it, or create it on first sign-in. */
async function enrol(expys: ServerClient, externalUserID: string, displayName: string) {
  try {
    return await expys.getMember(externalUserID);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return expys.setMember(externalUserID, { displayName, tier: 'bronze' });
  }
}

// An Expys failure is logged here and summarised for the app: its detail may name the org.
function handleError(error: Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ExpysError) {
    request.log.error({ err: error }, 'Expys API call failed');
    return refuse(reply, 502, 'expys_unavailable', 'The loyalty service could not be reached. Try again.');
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 429) return refuse(reply, 429, 'rate_limited', `Too many sign-ins from this address. ${error.message}.`);
  if (status === 415) return refuse(reply, 415, 'unsupported_media_type', error.message);
  if (status && status < 500) return refuse(reply, status, 'bad_request', error.message);
  request.log.error({ err: error }, 'unexpected error');
  return refuse(reply, 500, 'internal_error', 'Something went wrong.');
}

/** The request's path, percent-decoded as the router sees it; undefined when it cannot be decoded. */
function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?', 1)[0]!);
  } catch {
    return undefined;
  }
}

function notFound(servesApp: boolean) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = decodedPath(request.url);
    const isApi = pathname === undefined || pathname === '/api' || pathname.startsWith('/api/');
    // A client-side route (a reload on /offers) gets the app. A missing file (an old build's
    // /assets/…js) or a fetch() does not: index.html there would hide the 404.
    const isPage =
      pathname !== undefined && !isApi && (request.method === 'GET' || request.method === 'HEAD') && path.posix.extname(pathname) === '' && /\btext\/html\b/i.test(request.headers.accept ?? '');
    if (servesApp && isPage) return reply.sendFile('index.html');
    if (isApi) reply.header('cache-control', 'no-store');
    return refuse(reply, 404, 'not_found', `${request.method} ${pathname ?? request.url} does not exist.`);
  };
}

async function serveApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const root = path.resolve(webRoot);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root} has no index.html: build the app first (npm run build in apps/example-web).`);
  }
  await app.register(fastifyStatic, { root, index: 'index.html' });
}
