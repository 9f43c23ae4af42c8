// @expys/sandbox/ci against a real sandbox server, on PGlite and on PostgreSQL: createSandbox gives
// a URL and credentials that @expys/server-client and @expys/member-client take as they are (the
// URL's /sandboxes/<id> path kept before /v1/…), a key of one sandbox is refused in another, delete()
// ends it, and no error text carries the admin token or a credential.
import { createMemberClient, getWallet } from '@expys/member-client/operations';
import { AuthenticationError as MemberAuthenticationError, initialize as memberClient } from '@expys/member-client';
import { AuthenticationError, NotFoundError, initialize as serverClient } from '@expys/server-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, deleteSandbox, SandboxServerError } from '../src/ci.js';
import type { RunningSandbox } from '../src/index.js';
import { freePort } from '../src/testing/postgres-server.js';
import { DATABASES, freshSandbox } from './support/databases.js';

const ADMIN_TOKEN = 'ci-helper-admin-token-0123456789abcdefghijkl';

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error) => error,
  );
}

describe.each(DATABASES)('@expys/sandbox/ci on %s', (kind) => {
  let server: RunningSandbox;
  beforeAll(async () => {
    server = await freshSandbox(kind, { adminToken: ADMIN_TOKEN, tenants: { refreshMs: 100, dropGraceMs: 200 } });
  });
  afterAll(() => server?.stop());
  const options = () => ({ url: server.url, adminToken: ADMIN_TOKEN });
  const live = async () => (await server.sandboxes.list()).map((s) => s.id);

  it('createSandbox → the server client and the member client use it as baseUrl → delete()', async () => {
    const sandbox = await createSandbox({ ...options(), label: 'ci job', ttlSeconds: 3600 });
    expect(sandbox).toMatchObject({
      id: expect.stringMatching(/^sbx_[a-z0-9]{20}$/),
      label: 'ci job',
      orgApiKey: expect.stringMatching(/^expys_test_[A-Za-z0-9]{32}$/),
      appId: expect.stringMatching(/^app_/),
      appSecret: expect.stringMatching(/^secret_/),
    });
    expect(sandbox.url).toBe(`${server.url}/sandboxes/${sandbox.id}`);
    expect(Date.parse(sandbox.expiresAt!) - Date.parse(sandbox.createdAt)).toBeCloseTo(3_600_000, -3);
    expect(await live()).toContain(sandbox.id);

    // The server client: /sandboxes/<id> + /v1/members/user_123.
    const backend = serverClient({ environment: 'sandbox', baseUrl: sandbox.url, token: sandbox.orgApiKey });
    const member = await backend.getMember('user_123');
    expect(member.externalUserID).toBe('user_123');
    const credited = await backend.creditPoints({ externalUserID: 'user_123', amount: 5, reason: 'ci' });
    expect(credited.balance).toBe(member.pointsBalance + 5);
    // Its application (HTTP Basic), with a trailing slash on the baseUrl too.
    const app = serverClient({ environment: 'sandbox', baseUrl: `${sandbox.url}/`, app: { appId: sandbox.appId, appSecret: sandbox.appSecret } });
    expect((await app.getApp()).appId).toBe(sandbox.appId);

    // The member client, both entries, with a token the sandbox minted.
    const { token } = await backend.exchangeToken({ externalUserID: 'user_123' });
    const wallet = await memberClient({ environment: 'sandbox', baseUrl: sandbox.url, token }).getWallet();
    expect(wallet.balance).toBe(credited.balance);
    expect((await getWallet(createMemberClient({ environment: 'sandbox', baseUrl: sandbox.url, token }))).balance).toBe(credited.balance);

    await sandbox.delete();
    expect(await live()).not.toContain(sandbox.id);
    const gone = await rejection(backend.getMember('user_123'));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.status).toBe(404);
    // delete() again does nothing; deleteSandbox on a sandbox no longer there says so.
    await sandbox.delete();
    expect(await deleteSandbox(sandbox.id, options())).toBe(false);
  });

  it("a sandbox's Org-API-Key and member token are refused (401) by another sandbox and by the default one", async () => {
    const [a, b] = await Promise.all([createSandbox(options()), createSandbox(options())]);
    try {
      const onB = serverClient({ environment: 'sandbox', baseUrl: b.url, token: a.orgApiKey });
      const refused = await rejection(onB.getMember('user_123'));
      expect(refused).toBeInstanceOf(AuthenticationError);
      expect([refused.status, refused.code]).toEqual([401, 'invalid_api_key']);
      const onDefault = await rejection(serverClient({ environment: 'sandbox', baseUrl: server.url, token: a.orgApiKey }).getMember('user_123'));
      expect(onDefault.status).toBe(401);
      expect((await serverClient({ environment: 'sandbox', baseUrl: b.url, token: b.orgApiKey }).getMember('user_123')).externalUserID).toBe('user_123');

      const { token } = await serverClient({ environment: 'sandbox', baseUrl: a.url, token: a.orgApiKey }).exchangeToken({ externalUserID: 'user_123' });
      const memberOnB = await rejection(memberClient({ environment: 'sandbox', baseUrl: b.url, token }).getWallet());
      expect(memberOnB).toBeInstanceOf(MemberAuthenticationError);
      expect(memberOnB.status).toBe(401);
    } finally {
      await Promise.all([a.delete(), b.delete()]);
    }
  });

  it('Symbol.asyncDispose deletes it (await using); deleteSandbox deletes by id', async () => {
    let id: string;
    {
      const sandbox = await createSandbox(options());
      id = sandbox.id;
      expect(await live()).toContain(id);
      await sandbox[Symbol.asyncDispose]();
    }
    expect(await live()).not.toContain(id);
    const other = await createSandbox(options());
    expect(await deleteSandbox(other.id, options())).toBe(true);
    expect(await live()).not.toContain(other.id);
  });

  it('takes the URL and the admin token from EXPYS_SANDBOX_URL and EXPYS_SANDBOX_ADMIN_TOKEN', async () => {
    const saved = { url: process.env.EXPYS_SANDBOX_URL, token: process.env.EXPYS_SANDBOX_ADMIN_TOKEN };
    process.env.EXPYS_SANDBOX_URL = server.url;
    process.env.EXPYS_SANDBOX_ADMIN_TOKEN = ADMIN_TOKEN;
    try {
      const sandbox = await createSandbox();
      expect(sandbox.url).toBe(`${server.url}/sandboxes/${sandbox.id}`);
      expect(await deleteSandbox(sandbox.id)).toBe(true);
    } finally {
      for (const [name, value] of [
        ['EXPYS_SANDBOX_URL', saved.url],
        ['EXPYS_SANDBOX_ADMIN_TOKEN', saved.token],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('behind a proxy with a path prefix: the sandbox URL keeps the prefix', async () => {
    // A proxy at http://proxy.test/expys/ in front of the server (as a fetch that forwards).
    const proxied: string[] = [];
    const viaProxy: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      proxied.push(url.href);
      expect(url.href.startsWith('http://proxy.test/expys/')).toBe(true);
      return fetch(`${server.url}${url.pathname.replace(/^\/expys/, '')}${url.search}`, init);
    };
    const sandbox = await createSandbox({ url: 'http://proxy.test/expys/', adminToken: ADMIN_TOKEN, fetch: viaProxy });
    expect(sandbox.url).toBe(`http://proxy.test/expys/sandboxes/${sandbox.id}`);
    expect(proxied).toEqual(['http://proxy.test/expys/_sandbox/sandboxes']);
    await sandbox.delete();
    expect(proxied[1]).toBe(`http://proxy.test/expys/_sandbox/sandboxes/${sandbox.id}`);
    expect(await live()).not.toContain(sandbox.id);
  });

  it('errors name the URL, the status and the server message, never the admin token or a credential', async () => {
    const before = await live();
    const wrongToken = `${ADMIN_TOKEN}-but-wrong`;
    const refused = await rejection(createSandbox({ url: server.url, adminToken: wrongToken }));
    expect(refused).toBeInstanceOf(SandboxServerError);
    expect(refused.status).toBe(401);
    expect(refused.url).toBe(`${server.url}/_sandbox/sandboxes`);
    expect(refused.message).toBe(`createSandbox: POST ${server.url}/_sandbox/sandboxes answered 401: Creating and deleting sandboxes takes the admin token: Authorization: Bearer <token>.`);
    expect(refused.message).not.toContain(wrongToken);
    expect(refused.message).not.toContain(ADMIN_TOKEN);
    expect(JSON.stringify(refused)).not.toContain(ADMIN_TOKEN);
    expect(await live()).toEqual(before);

    const tooShort = await rejection(createSandbox({ ...options(), ttlSeconds: 30 }));
    expect([tooShort.status, tooShort.message]).toEqual([422, expect.stringContaining('ttlSeconds must be a whole number from 60')]);

    // Given a sandbox's URL instead of the server's.
    const sandbox = await createSandbox(options());
    const nested = await rejection(createSandbox({ url: sandbox.url, adminToken: ADMIN_TOKEN }));
    expect([nested.status, nested.message]).toEqual([404, expect.stringContaining('server’s own URL')]);
    await sandbox.delete();

    // Nothing listening.
    const port = await freePort();
    const down = await rejection(createSandbox({ url: `http://127.0.0.1:${port}`, adminToken: ADMIN_TOKEN }));
    expect(down.status).toBe(0);
    expect(down.message).toContain(`nothing answered at http://127.0.0.1:${port}/_sandbox/sandboxes`);
    expect(down.message).not.toContain(ADMIN_TOKEN);

    // A server (or proxy) that echoes the token and a key back: scrubbed.
    const echo: typeof fetch = async (_input, init) =>
      new Response(JSON.stringify({ error: `bad token ${(init?.headers as Record<string, string>).authorization}; raw ${ADMIN_TOKEN}; key expys_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` }), { status: 401 });
    const echoed = await rejection(createSandbox({ url: 'http://echo.test', adminToken: ADMIN_TOKEN, fetch: echo }));
    expect(echoed.message).not.toContain(ADMIN_TOKEN);
    expect(echoed.message).not.toContain('AAAAAAAAAAAAAAAA');
    expect(echoed.message).toContain('answered 401: bad token Bearer [redacted] raw [admin token]; key expys_test_[redacted]');

    // A URL with a password (fetch would refuse it): refused, the password not printed.
    const secretUrl = new URL(server.url);
    secretUrl.username = 'ci';
    secretUrl.password = 'url-password-123';
    const withPassword = await rejection(createSandbox({ url: secretUrl.href, adminToken: ADMIN_TOKEN }));
    expect(withPassword).toBeInstanceOf(TypeError);
    expect(withPassword.message).toContain('must not carry a user name or password');
    expect(withPassword.message).not.toContain('url-password-123');

    // Missing settings: what to set.
    const saved = { url: process.env.EXPYS_SANDBOX_URL, token: process.env.EXPYS_SANDBOX_ADMIN_TOKEN };
    delete process.env.EXPYS_SANDBOX_URL;
    delete process.env.EXPYS_SANDBOX_ADMIN_TOKEN;
    try {
      const noToken = await rejection(createSandbox({ url: server.url }));
      expect(noToken).toBeInstanceOf(TypeError);
      expect(noToken.message).toContain('EXPYS_SANDBOX_ADMIN_TOKEN');
      const noUrl = await rejection(createSandbox({ adminToken: ADMIN_TOKEN }));
      expect(noUrl.message).toContain('EXPYS_SANDBOX_URL');
      expect(noUrl.message).not.toContain(ADMIN_TOKEN);
    } finally {
      if (saved.url !== undefined) process.env.EXPYS_SANDBOX_URL = saved.url;
      if (saved.token !== undefined) process.env.EXPYS_SANDBOX_ADMIN_TOKEN = saved.token;
    }
    expect(await live()).toEqual(before);
  });

  it('a server started without an admin token answers 403, and the error says how to turn it on', async () => {
    const off = await freshSandbox(kind);
    try {
      const error = await rejection(createSandbox({ url: off.url, adminToken: ADMIN_TOKEN }));
      expect(error.status).toBe(403);
      expect(error.message).toContain('--admin-token');
      expect(error.message).not.toContain(ADMIN_TOKEN);
    } finally {
      await off.stop();
    }
  }, 60_000);
});
