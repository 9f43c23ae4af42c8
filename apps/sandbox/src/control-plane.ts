// The sandbox's control plane, under /_sandbox/: what a developer needs that the API does not
// have (the test clock, Org-API-Keys, the applications, member tokens on demand, the webhook
// delivery log, redelivery, test deliveries, reset). It takes an Org-API-Key of this sandbox
// (full authority over the org, as the dashboard has); API keys and member tokens cannot use it.
// The CLI's commands are thin calls to it; its `apps` and `keys` commands use the API itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDuration } from './domain/clock.js';
import { listApplications, rotateAppSecret } from './domain/applications.js';
import { passcodesOf } from './domain/passcodes.js';
import { ApiProblem } from './domain/problem.js';
import type { SandboxContext } from './operations/context.js';
import { sendTestDeliveries, TargetRefused } from './webhooks/test-deliveries.js';

export const CONTROL_PLANE_PREFIX = '/_sandbox/';

export interface ControlPlaneHooks {
  /** Empties the data and seeds it again from the spec (keys and the clock stay). */
  reset(): Promise<void>;
  status(): Promise<Record<string, unknown>>;
}

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

export function registerControlPlane(app: FastifyInstance, context: SandboxContext, hooks: ControlPlaneHooks): void {
  const guard = async (request: FastifyRequest) => {
    const credential = await context.credentials.authenticate(request.headers.authorization);
    if (credential.kind === 'api-key' && credential.environment === 'sandbox' && !credential.revoked && !credential.expiredAt) {
      throw new ControlError(403, 'This is an API key, restricted to scopes; the control plane needs an Org-API-Key of this sandbox (expys_test_…).');
    }
    if (credential.kind !== 'org-api-key' || credential.environment !== 'sandbox' || credential.revoked) {
      throw new ControlError(401, 'The sandbox control plane takes an Org-API-Key of this sandbox: Authorization: Bearer expys_test_…');
    }
  };

  const route = (method: 'GET' | 'POST', url: string, handle: (request: FastifyRequest) => Promise<unknown>) => {
    app.route({
      method,
      url: `${CONTROL_PLANE_PREFIX}${url}`,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          await guard(request);
          const result = await handle(request);
          return reply.code(200).header('content-type', 'application/json').header('cache-control', 'no-store').send(JSON.stringify(result));
        } catch (error) {
          const status =
            error instanceof ControlError ? error.status : error instanceof ApiProblem ? (error.code === 'not_found' ? 404 : 422) : error instanceof RangeError || error instanceof TargetRefused ? 422 : 500;
          return reply.code(status).header('content-type', 'application/json').send(JSON.stringify({ error: (error as Error).message }));
        }
      },
    });
  };

  route('GET', 'status', () => hooks.status());

  route('GET', 'clock', async () => ({ now: context.clock.now().toISOString(), offsetMs: context.clock.offset }));
  route('POST', 'clock/advance', async (request) => {
    const body = bodyOf(request);
    const ms = typeof body.by === 'string' ? parseDuration(body.by) : Number(body.ms);
    const now = await context.clock.advance(ms);
    context.deliveries.kick();
    return { now: now.toISOString(), offsetMs: context.clock.offset };
  });

  // Org-API-Keys (the API's own key management is the application's API keys: createApiKey…).
  route('GET', 'keys', async () => ({ data: await context.credentials.listOrgKeys() }));
  route('POST', 'keys', async (request) => {
    const body = bodyOf(request);
    if (body.scopes !== undefined) {
      throw new ControlError(
        422,
        'An Org-API-Key has full authority and no scopes. For a key restricted to scopes, create an API key of the application: expys-sandbox keys create --name … --scope … (createApiKey).',
      );
    }
    return context.credentials.createOrgKey({ description: typeof body.description === 'string' ? body.description : '' });
  });
  route('POST', 'keys/:id/revoke', async (request) => {
    const id = (request.params as { id: string }).id;
    const active = (await context.credentials.listOrgKeys()).filter((k) => !k.revokedAt);
    if (active.length === 1 && active[0].id === id) {
      throw new ControlError(409, 'This is the last Org-API-Key that works: revoking it would lock the control plane. Create another one first (org-keys create).');
    }
    const key = await context.credentials.revokeOrgKey(id);
    if (!key) throw new ControlError(404, 'No Org-API-Key has this id (see GET /_sandbox/keys).');
    return key;
  });

  // The applications (App IDs are public), and a new App Secret for one whose secret was lost:
  // the Org-API-Key has authority over the org's applications, as the dashboard does.
  route('GET', 'apps', async () => ({ data: await listApplications(context.db, context.clock) }));
  route('POST', 'apps/:appId/secret', async (request) => {
    const body = bodyOf(request);
    if (body.previousSecretExpiresAt !== undefined && typeof body.previousSecretExpiresAt !== 'string') throw new ControlError(422, 'previousSecretExpiresAt must be a date-time.');
    const rotation = await context.db.transaction((tx) => rotateAppSecret(tx, context.clock, (request.params as { appId: string }).appId, body));
    context.credentials.forget();
    return rotation;
  });

  // A member token without a backend: for a frontend developer, or an expired one for a test.
  route('POST', 'tokens', async (request) => {
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
  route('GET', 'members/:externalUserID/passcodes', async (request) => ({
    data: await passcodesOf(context.db, context.clock, (request.params as { externalUserID: string }).externalUserID),
  }));

  route('GET', 'deliveries', async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const limit = query.limit === undefined ? undefined : Number(query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new ControlError(422, 'limit must be a whole number ≥ 1.');
    return { data: await context.deliveries.list({ webhookId: query.webhookId, eventId: query.eventId, ...(limit ? { limit } : {}) }) };
  });
  route('POST', 'deliveries/:id/redeliver', async (request) => {
    const result = await context.deliveries.redeliver((request.params as { id: string }).id);
    if (!result) throw new ControlError(404, 'No delivery has this id, or it is being sent right now.');
    return result;
  });
  route('POST', 'webhooks/:id/test-deliveries', async (request) => {
    const body = bodyOf(request);
    // Without a target, they go where real deliveries go: the forward URL when there is one.
    const url = typeof body.url === 'string' ? body.url : context.deliveries.forwardTo;
    // Only to addresses real deliveries may go to: a private one is refused (422) unless allowed.
    const results = await sendTestDeliveries(context.db, context.clock, (request.params as { id: string }).id, { url, currency: context.currency, targets: context.deliveries.targets });
    return { passed: results.every((r) => r.passed), results };
  });

  route('POST', 'reset', async () => {
    await hooks.reset();
    return hooks.status();
  });
}
