// The sandbox's control plane, under /_sandbox/: what a developer needs that the API does not
// have (the test clock, Org-API-Keys, the applications and their API keys, members with their
// balances and ledgers, webhook endpoints, member tokens on demand, the webhook delivery log,
// redelivery, test deliveries, reset). It takes an Org-API-Key of this sandbox (full authority
// over the org, as the dashboard has), or the dashboard's session: API keys and member tokens
// cannot use it. The CLI's commands are thin calls to it; its `apps` and `keys` commands use the
// API itself. The dashboard (/_dashboard/, apps/sandbox-dashboard) calls it with its session.
//
// The dashboard's session: POST /_sandbox/session with an Org-API-Key (pasted once) sets an
// HttpOnly, SameSite=Strict cookie for /_sandbox holding a random session id (dashboard/sessions.ts;
// the key itself is never in the cookie nor kept by the page). A request with that cookie and no
// Authorization header is the session's; one that changes state (any method but GET and HEAD) also
// needs `X-Expys-Dashboard: 1`, which no other site's form can send and no other site's script
// can send without a CORS preflight, which the control plane never grants (and a Sec-Fetch-Site
// or Origin naming another site is refused).
import { tenantOf } from '@expys/gateway-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SANDBOXES_PREFIX } from './tenancy/paths.js';
import { parseDuration } from './domain/clock.js';
import { createApiKey, getApplication, listApiKeys, listApplications, rotateAppSecret, revokeApiKey } from './domain/applications.js';
import { walletTransactionsOf } from './domain/ledger.js';
import { listMembers, requireMember } from './domain/members.js';
import { passcodesOf } from './domain/passcodes.js';
import { ApiProblem } from './domain/problem.js';
import { member } from './domain/representations.js';
import { clearedCookie, COOKIE_PATH, DASHBOARD_HEADER, readCookie, SESSION_COOKIE, sessionCookie } from './dashboard/cookie.js';
import { SESSION_TTL_MS } from './dashboard/sessions.js';
import type { Tenant } from './tenancy/tenant.js';
import { listEndpoints } from './webhooks/endpoints.js';
import { sendTestDeliveries, TargetRefused } from './webhooks/test-deliveries.js';

export const CONTROL_PLANE_PREFIX = '/_sandbox/';

/** The sandbox a control-plane request is for (the default one, or /sandboxes/<id>/'s). */
export type TenantResolver = (request: FastifyRequest) => Promise<Tenant>;

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function bodyOf(request: FastifyRequest): Record<string, any> {
  const raw = request.body;
  if (raw === undefined || raw === null || (Buffer.isBuffer(raw) && raw.length === 0)) return {};
  try {
    const value = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // falls through
  }
  throw new ControlError(400, 'The body must be a JSON object.');
}

const paramOf = (request: FastifyRequest, name: string) => (request.params as Record<string, string>)[name]!;

function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  const query = request.query as Record<string, string | string[] | undefined>;
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
}

/** `limit` of the query: a whole number from 1 to `max`, or undefined. */
function limitOf(query: Record<string, string | undefined>, max: number): number | undefined {
  if (query.limit === undefined) return undefined;
  const limit = Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new ControlError(422, `limit must be a whole number from 1 to ${max}.`);
  return limit;
}

const pageQueryOf = (request: FastifyRequest, max = 100) => {
  const query = queryOf(request);
  const limit = limitOf(query, max);
  return { ...(limit === undefined ? {} : { limit }), ...(query.cursor === undefined ? {} : { cursor: query.cursor }) };
};

/**
 * A state-changing request made with the dashboard's session (or signing in): it must carry
 * `X-Expys-Dashboard: 1` and must not say it comes from another site.
 */
function requireDashboardRequest(request: FastifyRequest): void {
  if (request.headers[DASHBOARD_HEADER] !== '1') {
    throw new ControlError(403, `The dashboard session changes nothing without the header X-Expys-Dashboard: 1 (against cross-site request forgery). Scripts and the CLI send Authorization: Bearer <Org-API-Key> instead.`);
  }
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const host = request.headers.host;
  if ((typeof site === 'string' && site !== 'same-origin' && site !== 'none') || (typeof origin === 'string' && origin !== 'null' && host !== undefined && originHost(origin) !== host)) {
    throw new ControlError(403, 'The dashboard session is used from the dashboard only: this request comes from another site.');
  }
}

const originHost = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
};

const STATE_CHANGING = (method: string) => method !== 'GET' && method !== 'HEAD';

export function registerControlPlane(app: FastifyInstance, tenantFor: TenantResolver): void {
  const secure = (request: FastifyRequest) => request.protocol === 'https';
  // A sandbox's cookie is sent to its own control plane only: /_sandbox, or /sandboxes/<id>/_sandbox.
  const cookiePath = (request: FastifyRequest) => {
    const id = tenantOf(request);
    return id === undefined ? COOKIE_PATH : `${SANDBOXES_PREFIX}${id}${COOKIE_PATH}`;
  };

  // An Authorization header decides alone (the CLI, scripts); without one, the dashboard's session.
  const guard = async (request: FastifyRequest, { context, sessions }: Tenant) => {
    if (request.headers.authorization === undefined) {
      const id = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (id !== undefined) {
        if (!(await sessions.find(id))) throw new ControlError(401, 'The dashboard session has ended (signed out, expired, or its Org-API-Key was revoked): sign in again.');
        if (STATE_CHANGING(request.method)) requireDashboardRequest(request);
        return;
      }
    }
    const credential = await context.credentials.authenticate(request.headers.authorization);
    if (credential.kind === 'api-key' && credential.environment === 'sandbox' && !credential.revoked && !credential.expiredAt) {
      throw new ControlError(403, 'This is an API key, restricted to scopes; the control plane needs an Org-API-Key of this sandbox (expys_test_…).');
    }
    if (credential.kind !== 'org-api-key' || credential.environment !== 'sandbox' || credential.revoked) {
      throw new ControlError(401, 'The sandbox control plane takes an Org-API-Key of this sandbox: Authorization: Bearer expys_test_…');
    }
  };

  const route = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    handle: (request: FastifyRequest, reply: FastifyReply, tenant: Tenant) => Promise<unknown>,
    { guarded = true }: { guarded?: boolean } = {},
  ) => {
    app.route({
      method,
      url: `${CONTROL_PLANE_PREFIX}${url}`,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          const tenant = await tenantFor(request);
          // Another process may have moved the clock or revoked a key (a sandbox made on demand
          // was refreshed when the host checked that it exists).
          if (tenantOf(request) === undefined) await tenant.refresh();
          if (guarded) await guard(request, tenant);
          const result = await handle(request, reply, tenant);
          return reply.code(200).header('content-type', 'application/json').header('cache-control', 'no-store').send(JSON.stringify(result));
        } catch (error) {
          const status =
            error instanceof ControlError ? error.status : error instanceof ApiProblem ? (error.code === 'not_found' ? 404 : 422) : error instanceof RangeError || error instanceof TargetRefused ? 422 : 500;
          return reply.code(status).header('content-type', 'application/json').header('cache-control', 'no-store').send(JSON.stringify({ error: (error as Error).message }));
        }
      },
    });
  };

  // The dashboard's session: sign in with an Org-API-Key (in the body, once), who is signed in, sign out.
  route(
    'POST',
    'session',
    async (request, reply, { context, sessions }) => {
      requireDashboardRequest(request);
      const { orgApiKey } = bodyOf(request);
      if (typeof orgApiKey !== 'string' || orgApiKey.length === 0) throw new ControlError(422, 'orgApiKey is required: an Org-API-Key of this sandbox (expys_test_…).');
      const credential = await context.credentials.authenticate(`Bearer ${orgApiKey.trim()}`);
      if (credential.kind !== 'org-api-key' || credential.environment !== 'sandbox' || credential.revoked || !credential.keyId) {
        throw new ControlError(401, 'This is not a working Org-API-Key of this sandbox (expys_test_…): an unknown or revoked key, an API key or a member token cannot sign in.');
      }
      const { id, session } = await sessions.create(credential.keyId);
      reply.header('set-cookie', sessionCookie(id, SESSION_TTL_MS / 1000, secure(request), cookiePath(request)));
      return { keyHint: session.keyHint, expiresAt: session.expiresAt };
    },
    { guarded: false },
  );
  route(
    'GET',
    'session',
    async (request, reply, { context, sessions }) => {
      const id = readCookie(request.headers.cookie, SESSION_COOKIE);
      const session = id === undefined ? undefined : await sessions.find(id);
      if (!session) {
        if (id !== undefined) reply.header('set-cookie', clearedCookie(secure(request), cookiePath(request)));
        throw new ControlError(401, 'Not signed in to the dashboard (or the session has ended).');
      }
      return { keyHint: session.keyHint, expiresAt: session.expiresAt };
    },
    { guarded: false },
  );
  route(
    'DELETE',
    'session',
    async (request, reply, { context, sessions }) => {
      requireDashboardRequest(request);
      const id = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (id !== undefined) await sessions.revoke(id);
      reply.header('set-cookie', clearedCookie(secure(request), cookiePath(request)));
      return { signedOut: true };
    },
    { guarded: false },
  );

  route('GET', 'status', (_request, _reply, tenant) => tenant.status());

  route('GET', 'clock', async (_request, _reply, { context }) => ({ now: context.clock.now().toISOString(), offsetMs: context.clock.offset }));
  route('POST', 'clock/advance', async (request, _reply, { context }) => {
    const body = bodyOf(request);
    const ms = typeof body.by === 'string' ? parseDuration(body.by) : Number(body.ms);
    const now = await context.clock.advance(ms);
    context.deliveries.kick();
    return { now: now.toISOString(), offsetMs: context.clock.offset };
  });

  // Org-API-Keys (the API's own key management is the application's API keys: createApiKey…).
  route('GET', 'keys', async (_request, _reply, { context }) => ({ data: await context.credentials.listOrgKeys() }));
  route('POST', 'keys', async (request, _reply, { context }) => {
    const body = bodyOf(request);
    if (body.scopes !== undefined) {
      throw new ControlError(
        422,
        'An Org-API-Key has full authority and no scopes. For a key restricted to scopes, create an API key of the application: expys-sandbox keys create --name … --scope … (createApiKey).',
      );
    }
    return context.credentials.createOrgKey({ description: typeof body.description === 'string' ? body.description : '' });
  });
  route('POST', 'keys/:id/revoke', async (request, _reply, { context, sessions }) => {
    const id = (request.params as { id: string }).id;
    const active = (await context.credentials.listOrgKeys()).filter((k) => !k.revokedAt);
    if (active.length === 1 && active[0].id === id) {
      throw new ControlError(409, 'This is the last Org-API-Key that works: revoking it would lock the control plane. Create another one first (org-keys create).');
    }
    const key = await context.credentials.revokeOrgKey(id);
    if (!key) throw new ControlError(404, 'No Org-API-Key has this id (see GET /_sandbox/keys).');
    // Its dashboard sessions end with it (a session also checks its key on every request).
    await sessions.revokeForKey(id);
    return key;
  });

  // The applications (App IDs are public), and a new App Secret for one whose secret was lost:
  // the Org-API-Key has authority over the org's applications, as the dashboard does.
  route('GET', 'apps', async (_request, _reply, { context }) => ({ data: await listApplications(context.db, context.clock) }));
  route('POST', 'apps/:appId/secret', async (request, _reply, { context }) => {
    const body = bodyOf(request);
    if (body.previousSecretExpiresAt !== undefined && typeof body.previousSecretExpiresAt !== 'string') throw new ControlError(422, 'previousSecretExpiresAt must be a date-time.');
    const rotation = await context.db.transaction((tx) => rotateAppSecret(tx, context.clock, (request.params as { appId: string }).appId, body));
    context.credentials.forget();
    return rotation;
  });

  // An application's API keys, with the Org-API-Key's authority (the API's own key management
  // takes the application's App ID and App Secret): the same code as listApiKeys, createApiKey
  // and revokeApiKey. The scopes a key may have are the bundle's ApiKeyScope.
  route('GET', 'scopes', async (_request, _reply, { context }) => ({ data: context.scopes }));
  route('GET', 'apps/:appId/keys', async (request, _reply, { context }) => {
    const appId = paramOf(request, 'appId');
    await getApplication(context.db, context.clock, appId);
    return listApiKeys(context.db, context.clock, appId, pageQueryOf(request));
  });
  route('POST', 'apps/:appId/keys', async (request, _reply, { context }) => {
    const appId = paramOf(request, 'appId');
    const body = bodyOf(request);
    await getApplication(context.db, context.clock, appId);
    // The key is in this answer only: it is stored as a hash.
    return context.db.transaction((tx) =>
      createApiKey(tx, context.clock, appId, { name: body.name, scopes: body.scopes, ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }) }, context.scopes),
    );
  });
  route('POST', 'apps/:appId/keys/:keyId/revoke', async (request, _reply, { context }) => {
    const body = bodyOf(request);
    if (body.at !== undefined && typeof body.at !== 'string') throw new ControlError(422, 'at must be a date-time.');
    const key = await context.db.transaction((tx) => revokeApiKey(tx, context.clock, paramOf(request, 'appId'), paramOf(request, 'keyId'), body.at === undefined ? {} : { at: body.at }));
    // After the commit, so no lookup in between caches the key as it was.
    context.credentials.forget();
    return key;
  });

  // Members with their balances, and a member's points ledger (newest first).
  route('GET', 'members', async (request, _reply, { context }) => {
    const query = queryOf(request);
    const limit = limitOf(query, 500);
    return listMembers(context.db, { ...(limit === undefined ? {} : { limit }), ...(query.after === undefined ? {} : { after: query.after }) });
  });
  route('GET', 'members/:externalUserID/ledger', async (request, _reply, { context }) => {
    const row = await requireMember(context.db, paramOf(request, 'externalUserID'));
    return { member: { ...member(row), cashbackBalance: Number(row.cashback_balance) }, ...(await walletTransactionsOf(context.db, row.external_user_id, pageQueryOf(request))) };
  });

  // The webhook endpoints (their signing secrets are never listed), newest first.
  route('GET', 'webhooks', async (request, _reply, { context }) => listEndpoints(context.db, pageQueryOf(request)));

  // A member token without a backend: for a frontend developer, or an expired one for a test.
  route('POST', 'tokens', async (request, _reply, { context }) => {
    const body = bodyOf(request);
    if (typeof body.externalUserID !== 'string') throw new ControlError(422, 'externalUserID is required.');
    const [member] = await context.db.query('SELECT 1 FROM members WHERE external_user_id = $1', [body.externalUserID]);
    if (!member) throw new ControlError(404, `No member ${JSON.stringify(body.externalUserID)}: create it with setMember first.`);
    const expiresAt = body.expiresAt === undefined ? undefined : new Date(body.expiresAt);
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new ControlError(422, 'expiresAt must be a date-time.');
    const minted = await context.credentials.mintToken(body.externalUserID, context.db, expiresAt);
    return { token: minted.token, externalUserID: minted.externalUserID, expiresAt: minted.expiresAt.toISOString() };
  });

  // The member's passcodes, newest first, each code shown only while it can be verified: the
  // sandbox delivers them nowhere (`expys-sandbox otp <member>`).
  route('GET', 'members/:externalUserID/passcodes', async (request, _reply, { context }) => ({
    data: await passcodesOf(context.db, context.clock, (request.params as { externalUserID: string }).externalUserID),
  }));

  route('GET', 'deliveries', async (request, _reply, { context }) => {
    const query = request.query as Record<string, string | undefined>;
    const limit = query.limit === undefined ? undefined : Number(query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new ControlError(422, 'limit must be a whole number ≥ 1.');
    return { data: await context.deliveries.list({ webhookId: query.webhookId, eventId: query.eventId, ...(limit ? { limit } : {}) }) };
  });
  route('POST', 'deliveries/:id/redeliver', async (request, _reply, { context }) => {
    const result = await context.deliveries.redeliver((request.params as { id: string }).id);
    if (!result) throw new ControlError(404, 'No delivery has this id, or it is being sent right now.');
    return result;
  });
  route('POST', 'webhooks/:id/test-deliveries', async (request, _reply, { context }) => {
    const body = bodyOf(request);
    // Without a target, they go where real deliveries go: the forward URL when there is one.
    const url = typeof body.url === 'string' ? body.url : context.deliveries.forwardTo;
    // Only to addresses real deliveries may go to: a private one is refused (422) unless allowed.
    const results = await sendTestDeliveries(context.db, context.clock, (request.params as { id: string }).id, { url, currency: context.currency, targets: context.deliveries.targets });
    return { passed: results.every((r) => r.passed), results };
  });

  route('POST', 'reset', async (_request, _reply, tenant) => {
    await tenant.reset();
    return tenant.status();
  });
}
