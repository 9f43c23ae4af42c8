// Sandboxes on demand over HTTP, on the server's own URL (never under a sandbox's prefix):
//   POST   /_sandbox/sandboxes        { label?, ttlSeconds? } → 201 the sandbox, its URL and its credentials (shown once)
//   GET    /_sandbox/sandboxes        the live sandboxes (no credential in them)
//   GET    /_sandbox/sandboxes/:id
//   DELETE /_sandbox/sandboxes/:id    404 on every process at once; its data dropped seconds later
// with `Authorization: Bearer <admin token>`, the token the server was started with. Without one
// configured, every call answers 403 saying how to set it.
import { tenantOf } from '@expys/gateway-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SANDBOXES_PREFIX } from './paths.js';
import type { Tenants } from './tenants.js';

export const ADMIN_TOKEN_MIN_LENGTH = 32;

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A token fit to be the admin credential: long, and nothing a header would mangle. */
export function checkAdminToken(token: string): void {
  if (token.length < ADMIN_TOKEN_MIN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) {
    throw new RangeError(`The admin token must be at least ${ADMIN_TOKEN_MIN_LENGTH} printable characters without spaces (e.g. \`openssl rand -hex 32\`).`);
  }
}

export function registerSandboxAdmin(app: FastifyInstance, sandboxes: Tenants, adminToken: string | undefined): void {
  if (adminToken !== undefined) checkAdminToken(adminToken);
  const expected = adminToken === undefined ? undefined : digest(adminToken);

  const guard = (request: FastifyRequest) => {
    if (tenantOf(request) !== undefined) throw new AdminError(404, 'Sandboxes are created and deleted on the server’s own URL, not under a sandbox’s.');
    if (!expected) {
      throw new AdminError(403, 'Sandboxes on demand are off: start the sandbox with an admin token (--admin-token, or EXPYS_SANDBOX_ADMIN_TOKEN) and send it as Authorization: Bearer <token>.');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    // Compared as digests of equal length, in constant time.
    if (!match || !timingSafeEqual(digest(match[1]), expected)) throw new AdminError(401, 'Creating and deleting sandboxes takes the admin token: Authorization: Bearer <token>.');
  };

  const route = (method: 'GET' | 'POST' | 'DELETE', url: string, handle: (request: FastifyRequest, reply: FastifyReply) => Promise<{ status?: number; body: unknown }>) =>
    app.route({
      method,
      url: `/_sandbox/${url}`,
      handler: async (request, reply) => {
        let status = 200;
        let body: unknown;
        try {
          guard(request);
          const result = await handle(request, reply);
          status = result.status ?? 200;
          body = result.body;
        } catch (error) {
          status = error instanceof AdminError ? error.status : error instanceof RangeError ? 422 : 500;
          body = { error: (error as Error).message };
        }
        return reply.code(status).header('content-type', 'application/json').header('cache-control', 'no-store').send(JSON.stringify(body));
      },
    });

  const base = (request: FastifyRequest) => `${request.protocol}://${request.headers.host ?? request.hostname}`;
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  route('POST', 'sandboxes', async (request) => {
    const body = jsonObject(request.body);
    if (body.ttlSeconds !== undefined && (typeof body.ttlSeconds !== 'number' || !Number.isInteger(body.ttlSeconds))) throw new RangeError('ttlSeconds must be a whole number of seconds.');
    if (body.label !== undefined && typeof body.label !== 'string') throw new RangeError('label must be a string.');
    const created = await sandboxes.create({ ...(body.label === undefined ? {} : { label: body.label }), ...(body.ttlSeconds === undefined ? {} : { ttlMs: body.ttlSeconds * 1000 }) });
    return {
      status: 201,
      body: {
        id: created.id,
        label: created.label,
        url: `${base(request)}${SANDBOXES_PREFIX}${created.id}`,
        createdAt: created.createdAt,
        expiresAt: created.expiresAt,
        orgApiKey: created.orgApiKey.key,
        appId: created.application.application.appId,
        appSecret: created.application.appSecret,
      },
    };
  });
  route('GET', 'sandboxes', async (request) => ({ body: { data: (await sandboxes.list()).map((r) => ({ ...r, url: `${base(request)}${SANDBOXES_PREFIX}${r.id}` })) } }));
  route('GET', 'sandboxes/:id', async (request) => {
    const record = (await sandboxes.list()).find((r) => r.id === idOf(request));
    if (!record) throw new AdminError(404, `No live sandbox ${JSON.stringify(idOf(request))}.`);
    return { body: { ...record, url: `${base(request)}${SANDBOXES_PREFIX}${record.id}` } };
  });
  route('DELETE', 'sandboxes/:id', async (request) => {
    if (!(await sandboxes.delete(idOf(request)))) throw new AdminError(404, `No live sandbox ${JSON.stringify(idOf(request))}.`);
    return { body: { id: idOf(request), deleted: true } };
  });
}

function jsonObject(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null || (Buffer.isBuffer(raw) && raw.length === 0)) return {};
  try {
    const value = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // falls through
  }
  throw new RangeError('The body must be a JSON object.');
}
