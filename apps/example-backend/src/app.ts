// The example backend's HTTP surface. The app (apps/example-web) talks to these routes for
// sign-in and member tokens, and to the Expys API directly with the member token:
//
//   POST   /api/session       sign in ({ userId, displayName? }); enrols the member at Expys on first sign-in
//   GET    /api/session       who is signed in
//   DELETE /api/session       sign out
//   POST   /api/expys-token   a fresh member token for the signed-in user ({ token, expiresAt })
//   GET    /api/config        where the app finds the Expys API ({ environment, expysBaseUrl })
//   GET    /*                 the app's production build (when webRoot is set)
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { ExpysError, NotFoundError, type ServerClient } from '@expys/server-client';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SessionStore, USER_ID_PATTERN, type Session } from './sessions.js';

const SESSION_COOKIE = 'example_session';

export interface TokenGrantSummary {
  externalUserID: string;
  expiresAt: string;
}

export interface ExampleBackendOptions {
  /** A server client built with the Org-API-Key (see main.ts). */
  expys: ServerClient;
  environment: 'sandbox' | 'production';
  /** The Expys API URL the app should call; undefined = the environment's default. */
  expysBaseUrl: string | undefined;
  /** The app's build folder (apps/example-web/dist), served at `/`. */
  webRoot?: string | undefined;
  /** Called after each member token is minted (logs, metrics, tests). Never receives the token. */
  onMint?: (grant: TokenGrantSummary) => void;
  /** Set the Secure flag on the session cookie (on by default outside loopback development). */
  secureCookies?: boolean;
  logger?: boolean;
}

export async function createExampleBackend(options: ExampleBackendOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 });
  const sessions = new SessionStore();
  await app.register(fastifyCookie);

  // Nothing under /api may be cached: a member token in a shared cache is a leaked token.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  const signedIn = (request: FastifyRequest): Session | undefined => sessions.get(request.cookies[SESSION_COOKIE]);
  const refuse = (reply: FastifyReply, status: number, error: string, message: string) => reply.code(status).send({ error, message });

  app.get('/api/config', async () => ({ environment: options.environment, expysBaseUrl: options.expysBaseUrl ?? null }));

  app.get('/api/session', async (request, reply) => {
    const session = signedIn(request);
    return session ?? refuse(reply, 401, 'signed_out', 'Nobody is signed in.');
  });

  app.post('/api/session', async (request, reply) => {
    const body = (request.body ?? {}) as { userId?: unknown; displayName?: unknown };
    const userId = typeof body.userId === 'string' ? body.userId.trim() : '';
    if (!USER_ID_PATTERN.test(userId)) {
      return refuse(reply, 400, 'invalid_user_id', 'userId must be 1–128 characters from A–Z a–z 0–9 _ . : -');
    }
    const displayName = typeof body.displayName === 'string' && body.displayName.trim() ? body.displayName.trim().slice(0, 100) : userId;
    const member = await enrol(options.expys, userId, displayName);
    const session: Session = { externalUserID: member.externalUserID, displayName: member.displayName };
    reply.setCookie(SESSION_COOKIE, sessions.create(session), {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookies ?? false,
    });
    return session;
  });

  app.delete('/api/session', async (request, reply) => {
    sessions.delete(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  // The one place the Org-API-Key is used on the app's behalf: mint a member token for the
  // signed-in user, and hand the app only that token and its expiry.
  app.post('/api/expys-token', async (request, reply) => {
    const session = signedIn(request);
    if (!session) return refuse(reply, 401, 'signed_out', 'Sign in first: member tokens are minted for the signed-in user only.');
    const grant = await options.expys.exchangeToken({ externalUserID: session.externalUserID });
    options.onMint?.({ externalUserID: grant.externalUserID, expiresAt: grant.expiresAt });
    return { token: grant.token, expiresAt: grant.expiresAt };
  });

  // An Expys failure is logged here and summarised for the app: its detail may name the org.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ExpysError) {
      request.log.error({ err: error }, 'Expys API call failed');
      return refuse(reply, 502, 'expys_unavailable', 'The loyalty service could not be reached. Try again.');
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) return refuse(reply, status, 'bad_request', (error as Error).message);
    request.log.error({ err: error }, 'unexpected error');
    return refuse(reply, 500, 'internal_error', 'Something went wrong.');
  });

  if (options.webRoot) await serveApp(app, options.webRoot);
  return app;
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

async function serveApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const root = path.resolve(webRoot);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root} has no index.html: build the app first (npm run build in apps/example-web).`);
  }
  await app.register(fastifyStatic, { root, index: 'index.html' });
  // A client-side route (a reload on /offers) gets the app; an unknown /api route stays a 404.
  app.setNotFoundHandler((request, reply) =>
    request.method === 'GET' && !request.url.startsWith('/api/') ? reply.sendFile('index.html') : reply.code(404).send({ error: 'not_found', message: `${request.method} ${request.url} does not exist.` }),
  );
}
