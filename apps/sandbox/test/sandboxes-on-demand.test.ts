// Sandboxes on demand, on PGlite and on PostgreSQL: the admin token creates an isolated sandbox
// (its own schema: org, keys, seed, clock, webhooks) served under /sandboxes/<id>/; a credential of
// one means nothing in another or in the default sandbox; a deleted or expired one answers 404 at
// once and its schema is dropped after the grace; its control plane and dashboard session are its own.
import { verifyCredential } from '@expys/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { DATABASES, freshSandbox, FULL_KEY, SAMPLE_APP, basic } from './support/databases.js';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdefABCDEF';
const SBX = /^sbx_[a-z0-9]{20}$/;

/** `path` joined onto `base`'s path (a sandbox's URL keeps its /sandboxes/<id>). */
const at = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function request(base: string, method: string, path: string, authorization?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(at(base, path), {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // HTML (the dashboard), kept as text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

const bearer = (key: string) => `Bearer ${key}`;

describe.each(DATABASES)('sandboxes on demand on %s', (kind) => {
  let server: RunningSandbox;
  const admin = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => request(server.url, method, `/_sandbox/sandboxes${path}`, bearer(token), body);
  const create = async (body: Record<string, unknown> = {}) => {
    const created = await admin('POST', '', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; label: string; url: string; createdAt: string; expiresAt: string; orgApiKey: string; appId: string; appSecret: string };
  };
  const liveIds = async () => ((await admin('GET', '')).body.data as { id: string }[]).map((s) => s.id);
  const schemaExists = async (id: string) => (await server.context.db.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [id])).length > 0;
  const registryRow = async (id: string) => (await server.context.db.query('SELECT * FROM expys_registry.sandboxes WHERE id = $1', [id]))[0];
  const balance = async (base: string, key: string, member = 'user_123') => {
    const answer = await request(base, 'GET', `/v1/members/${member}`, bearer(key));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.pointsBalance as number;
  };
  async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    server = await freshSandbox(kind, { adminToken: ADMIN_TOKEN, tenants: { refreshMs: 100, dropGraceMs: 200 } });
  });
  afterAll(() => server?.stop());

  it('creates a sandbox: 201 with its URL and credentials (shown once), listed and shown without them', async () => {
    const before = Date.now();
    const created = await create({ label: 'ci run 42' });
    expect(created).toEqual({
      id: expect.stringMatching(SBX),
      label: 'ci run 42',
      url: `${server.url}/sandboxes/${created.id}`,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      orgApiKey: expect.stringMatching(/^expys_test_[A-Za-z0-9]{32}$/),
      appId: expect.stringMatching(/^app_[A-Za-z0-9]{16}$/),
      appSecret: expect.stringMatching(/^secret_[A-Za-z0-9]{32}$/),
    });
    expect(verifyCredential(created.orgApiKey)?.checksumValid).toBe(true);
    expect(verifyCredential(created.appSecret)?.checksumValid).toBe(true);
    // Random credentials: never the mock's samples, which are the same everywhere.
    expect(created.orgApiKey).not.toBe(FULL_KEY);
    expect(created.appId).not.toBe(SAMPLE_APP.appId);
    // Default TTL: 24 h of real time.
    expect(Date.parse(created.createdAt)).toBeGreaterThanOrEqual(before - 5_000);
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBeCloseTo(24 * 3_600_000, -4);

    // Its API, control plane and dashboard, under its URL.
    expect(await balance(created.url, created.orgApiKey)).toBeGreaterThanOrEqual(0);
    expect((await request(created.url, 'GET', '/v1/app', basic(created))).status).toBe(200);
    const dashboard = await request(created.url, 'GET', '/_dashboard/');
    expect([dashboard.status, dashboard.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);

    const listed = await admin('GET', '');
    expect(listed.status).toBe(200);
    const entry = listed.body.data.find((s: any) => s.id === created.id);
    expect(entry).toEqual({ id: created.id, label: 'ci run 42', url: created.url, createdAt: created.createdAt, expiresAt: created.expiresAt });
    const one = await admin('GET', `/${created.id}`);
    expect([one.status, one.body]).toEqual([200, entry]);
    for (const secret of [created.orgApiKey, created.appSecret]) {
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      expect(JSON.stringify(one.body)).not.toContain(secret);
    }
  });

  it('keeps sandboxes apart: a credential of one is 401 in another and in the default sandbox; writes in one are not seen in another', async () => {
    const [a, b] = await Promise.all([create({ label: 'A' }), create({ label: 'B' })]);
    const seedBalance = await balance(b.url, b.orgApiKey);
    expect(await balance(a.url, a.orgApiKey)).toBe(seedBalance);
    const defaultBefore = await balance(server.url, FULL_KEY);

    // A's Org-API-Key: on B, on the default sandbox (API and control plane); the default's key on A.
    for (const [base, key] of [
      [b.url, a.orgApiKey],
      [server.url, a.orgApiKey],
      [a.url, FULL_KEY],
      [a.url, b.orgApiKey],
    ] as const) {
      const answer = await request(base, 'GET', '/v1/members/user_123', bearer(key));
      expect([answer.status, answer.body.code]).toEqual([401, 'invalid_api_key']);
      expect((await request(base, 'GET', '/_sandbox/status', bearer(key))).status).toBe(401);
    }
    // A's application (HTTP Basic) on B and on the default sandbox.
    expect((await request(b.url, 'GET', '/v1/app', basic(a))).status).toBe(401);
    expect((await request(server.url, 'GET', '/v1/app', basic(a))).status).toBe(401);

    // Written in A: a credit and a new member.
    const credit = await request(a.url, 'POST', '/v1/points/credit', bearer(a.orgApiKey), { externalUserID: 'user_123', amount: 777, reason: 'only in A' });
    expect([credit.status, credit.body.balance]).toEqual([200, seedBalance + 777]);
    expect((await request(a.url, 'POST', '/v1/auth/exchange', bearer(a.orgApiKey), { externalUserID: 'user_only_a' })).body.enrolled).toBe(true);
    expect((await request(a.url, 'POST', '/v1/points/credit', bearer(a.orgApiKey), { externalUserID: 'user_only_a', amount: 5, reason: 'new' })).status).toBe(200);
    expect(await balance(a.url, a.orgApiKey)).toBe(seedBalance + 777);
    // Not in B, whose seed is intact, nor in the default sandbox.
    expect(await balance(b.url, b.orgApiKey)).toBe(seedBalance);
    expect((await request(b.url, 'GET', '/v1/members/user_only_a', bearer(b.orgApiKey))).status).toBe(404);
    expect((await request(server.url, 'GET', '/v1/members/user_only_a', bearer(FULL_KEY))).status).toBe(404);
    expect(await balance(server.url, FULL_KEY)).toBe(defaultBefore);
    const statusB = await request(b.url, 'GET', '/_sandbox/status', bearer(b.orgApiKey));
    expect(statusB.body).toMatchObject({ sandbox: b.id, counts: { members: 3, offers: 3 } });
    const ledgerA = await request(a.url, 'GET', '/_sandbox/members/user_123/ledger', bearer(a.orgApiKey));
    const ledgerB = await request(b.url, 'GET', '/_sandbox/members/user_123/ledger', bearer(b.orgApiKey));
    expect([ledgerA.status, ledgerB.status]).toEqual([200, 200]);
    expect(JSON.stringify(ledgerA.body)).toContain('only in A');
    expect(JSON.stringify(ledgerB.body)).not.toContain('only in A');
    expect(statusB.body.counts.transactions + 2).toBe((await request(a.url, 'GET', '/_sandbox/status', bearer(a.orgApiKey))).body.counts.transactions);
  });

  it('creates 20 sandboxes in parallel: all distinct, each working with its own key only', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => create({ label: `parallel ${i}` })));
    expect(new Set(created.map((s) => s.id)).size).toBe(20);
    expect(new Set(created.map((s) => s.orgApiKey)).size).toBe(20);
    expect(new Set(created.map((s) => s.appId)).size).toBe(20);
    const live = await liveIds();
    for (const s of created) expect(live).toContain(s.id);
    // Each credits its own amount at once; each sees its own balance, and its neighbour's key is refused.
    const seed = await balance(created[0].url, created[0].orgApiKey);
    const credits = await Promise.all(created.map((s, i) => request(s.url, 'POST', '/v1/points/credit', bearer(s.orgApiKey), { externalUserID: 'user_123', amount: i + 1, reason: `parallel ${i}` })));
    expect(credits.map((c) => c.status)).toEqual(created.map(() => 200));
    const balances = await Promise.all(created.map((s) => balance(s.url, s.orgApiKey)));
    expect(balances).toEqual(created.map((_, i) => seed + i + 1));
    const crossed = await Promise.all(created.map((s, i) => request(s.url, 'GET', '/v1/members/user_123', bearer(created[(i + 1) % 20].orgApiKey))));
    expect(crossed.map((c) => c.status)).toEqual(created.map(() => 401));
  }, 180_000);

  it('refuses a missing or wrong admin token (401) and creates nothing; a server started without one answers 403 saying how to turn it on', async () => {
    const before = await liveIds();
    const refusals = [
      await request(server.url, 'POST', '/_sandbox/sandboxes', undefined, {}),
      await request(server.url, 'POST', '/_sandbox/sandboxes', bearer(`${ADMIN_TOKEN}x`), {}),
      await request(server.url, 'POST', '/_sandbox/sandboxes', bearer(ADMIN_TOKEN.slice(0, -1)), {}),
      await request(server.url, 'POST', '/_sandbox/sandboxes', bearer(FULL_KEY), {}),
      await request(server.url, 'POST', '/_sandbox/sandboxes', `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`, {}),
      await request(server.url, 'GET', '/_sandbox/sandboxes', bearer('x'.repeat(40))),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(401);
      expect(refused.body.error).toContain('admin token');
      expect(JSON.stringify(refused.body)).not.toContain(ADMIN_TOKEN);
    }
    expect(await liveIds()).toEqual(before);
    const tables = await server.context.db.query("SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name LIKE 'sbx\\_%'");
    expect(tables[0].n).toBe(before.length);

    const off = await freshSandbox(kind);
    try {
      const answer = await request(off.url, 'POST', '/_sandbox/sandboxes', bearer(ADMIN_TOKEN), {});
      expect(answer.status).toBe(403);
      expect(answer.body.error).toContain('--admin-token');
      expect(answer.body.error).toContain('EXPYS_SANDBOX_ADMIN_TOKEN');
      expect((await request(off.url, 'GET', '/_sandbox/sandboxes', bearer(ADMIN_TOKEN))).status).toBe(403);
    } finally {
      await off.stop();
    }
  }, 90_000);

  it('refuses bad bodies: ttlSeconds under 60 s or over 30 days, a label that is not a string', async () => {
    for (const body of [{ ttlSeconds: 59 }, { ttlSeconds: 30 * 86_400 + 1 }, { ttlSeconds: 60.5 }, { ttlSeconds: '3600' }, { label: 5 }, { label: 'x'.repeat(201) }]) {
      const answer = await admin('POST', '', body);
      expect([answer.status, JSON.stringify(body)]).toEqual([422, JSON.stringify(body)]);
    }
    const longest = await create({ ttlSeconds: 30 * 86_400 });
    expect(Date.parse(longest.expiresAt) - Date.parse(longest.createdAt)).toBeCloseTo(30 * 86_400_000, -4);
  });

  it('a sandbox route under a sandbox prefix is refused (404) and creates nothing', async () => {
    const a = await create();
    const before = await liveIds();
    const nested = await request(a.url, 'POST', '/_sandbox/sandboxes', bearer(ADMIN_TOKEN), {});
    expect(nested.status).toBe(404);
    expect(nested.body.error).toContain('server’s own URL');
    expect((await request(a.url, 'GET', '/_sandbox/sandboxes', bearer(ADMIN_TOKEN))).status).toBe(404);
    expect((await request(a.url, 'DELETE', `/_sandbox/sandboxes/${a.id}`, bearer(ADMIN_TOKEN))).status).toBe(404);
    expect(await liveIds()).toEqual(before);
    expect(await balance(a.url, a.orgApiKey)).toBeGreaterThanOrEqual(0);
  });

  it('delete: 404 problem at once (API, control plane, dashboard), gone from the list, its schema dropped after the grace', async () => {
    const a = await create();
    expect(await schemaExists(a.id)).toBe(true);
    // A member token minted before the delete.
    const grant = await request(a.url, 'POST', '/v1/auth/exchange', bearer(a.orgApiKey), { externalUserID: 'user_123' });
    expect(grant.status).toBe(200);

    const deleted = await admin('DELETE', `/${a.id}`);
    expect([deleted.status, deleted.body]).toEqual([200, { id: a.id, deleted: true }]);
    for (const [path, authorization] of [
      ['/v1/members/user_123', bearer(a.orgApiKey)],
      ['/v1/wallet', bearer(grant.body.token)],
      ['/_sandbox/status', bearer(a.orgApiKey)],
      ['/v1/members/user_123', undefined],
      ['/_dashboard/', undefined],
    ] as const) {
      const answer = await request(a.url, 'GET', path, authorization);
      expect([path, answer.status, answer.headers.get('content-type'), answer.body.code]).toEqual([path, 404, 'application/problem+json', 'not_found']);
      expect(answer.body.detail).toContain(a.id);
    }
    expect(await liveIds()).not.toContain(a.id);
    expect((await admin('GET', `/${a.id}`)).status).toBe(404);
    expect((await admin('DELETE', `/${a.id}`)).status).toBe(404);

    // dropGraceMs 200, refreshMs 100: the schema and its registry row go within moments.
    expect(await until(() => schemaExists(a.id), (exists) => !exists)).toBe(false);
    expect(await until(() => registryRow(a.id), (row) => row === undefined)).toBeUndefined();
    expect((await request(a.url, 'GET', '/v1/members/user_123', bearer(a.orgApiKey))).status).toBe(404);
  });

  it('TTL: a sandbox whose expiry has passed (its registry row says so, as any process reads it) answers 404 and is dropped', async () => {
    const a = await create({ ttlSeconds: 60 });
    expect(Date.parse(a.expiresAt) - Date.parse(a.createdAt)).toBeCloseTo(60_000, -3);
    expect(await balance(a.url, a.orgApiKey)).toBeGreaterThanOrEqual(0);
    expect((await registryRow(a.id)).expires_at).toBeTruthy();
    // 60 s is the shortest TTL: its end is brought forward in the registry, not waited for.
    await server.context.db.query("UPDATE expys_registry.sandboxes SET expires_at = clock_timestamp() - interval '1 second' WHERE id = $1", [a.id]);
    const answer = await until(
      () => request(a.url, 'GET', '/v1/members/user_123', bearer(a.orgApiKey)),
      (r) => r.status === 404,
      5_000,
    );
    expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
    expect(await liveIds()).not.toContain(a.id);
    expect(await until(() => schemaExists(a.id), (exists) => !exists)).toBe(false);
  });

  it('each sandbox has its own control plane: status counts, test clock, Org-API-Keys', async () => {
    const [a, b] = await Promise.all([create({ label: 'A' }), create({ label: 'B' })]);
    expect((await request(a.url, 'POST', '/v1/auth/exchange', bearer(a.orgApiKey), { externalUserID: 'user_new_in_a' })).status).toBe(200);
    const statusA = (await request(a.url, 'GET', '/_sandbox/status', bearer(a.orgApiKey))).body;
    const statusB = (await request(b.url, 'GET', '/_sandbox/status', bearer(b.orgApiKey))).body;
    expect(statusA).toMatchObject({ sandbox: a.id, counts: { members: 4 }, applications: [{ appId: a.appId }] });
    expect(statusB).toMatchObject({ sandbox: b.id, counts: { members: 3 }, applications: [{ appId: b.appId }] });
    expect((await request(server.url, 'GET', '/_sandbox/status', bearer(FULL_KEY))).body.sandbox).toBeUndefined();

    // Member tokens minted in both before A's clock moves: 15 minutes on their own sandbox's clock.
    const tokenA = (await request(a.url, 'POST', '/v1/auth/exchange', bearer(a.orgApiKey), { externalUserID: 'user_123' })).body.token;
    const tokenB = (await request(b.url, 'POST', '/v1/auth/exchange', bearer(b.orgApiKey), { externalUserID: 'user_123' })).body.token;
    const advanced = await request(a.url, 'POST', '/_sandbox/clock/advance', bearer(a.orgApiKey), { by: '2h' });
    expect(advanced.status).toBe(200);
    expect((await request(a.url, 'GET', '/v1/wallet', bearer(tokenA))).body.code).toBe('token_expired');
    expect((await request(b.url, 'GET', '/v1/wallet', bearer(tokenB))).status).toBe(200);
    // A's token means nothing in B either.
    expect((await request(b.url, 'GET', '/v1/wallet', bearer(tokenA))).status).toBe(401);
    expect((await request(a.url, 'GET', '/_sandbox/clock', bearer(a.orgApiKey))).body.offsetMs).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect((await request(b.url, 'GET', '/_sandbox/clock', bearer(b.orgApiKey))).body.offsetMs).toBe(0);
    expect((await request(b.url, 'GET', '/_sandbox/status', bearer(b.orgApiKey))).body.clockOffsetMs).toBe(0);
    expect((await request(server.url, 'GET', '/_sandbox/clock', bearer(FULL_KEY))).body.offsetMs).toBe(0);

    // An Org-API-Key made in A works in A only.
    const made = await request(a.url, 'POST', '/_sandbox/keys', bearer(a.orgApiKey), { description: 'second' });
    expect(made.status).toBe(200);
    expect((await request(a.url, 'GET', '/v1/members/user_123', bearer(made.body.key))).status).toBe(200);
    expect((await request(b.url, 'GET', '/v1/members/user_123', bearer(made.body.key))).status).toBe(401);
    expect((await request(b.url, 'GET', '/_sandbox/keys', bearer(b.orgApiKey))).body.data).toHaveLength(1);
  });

  it("a sandbox's dashboard session: its cookie's Path is /sandboxes/<id>/_sandbox, and it opens no other sandbox", async () => {
    const [a, b] = await Promise.all([create(), create()]);
    const signIn = await request(a.url, 'POST', '/_sandbox/session', undefined, { orgApiKey: a.orgApiKey }, { 'x-expys-dashboard': '1' });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie.split(';').map((p) => p.trim())).toContain(`Path=/sandboxes/${a.id}/_sandbox`);
    const cookie = setCookie.split(';')[0];
    expect((await request(a.url, 'GET', '/_sandbox/status', undefined, undefined, { cookie })).body.sandbox).toBe(a.id);
    // Were the browser to send it elsewhere anyway: the session lives in A's schema only.
    expect((await request(b.url, 'GET', '/_sandbox/status', undefined, undefined, { cookie })).status).toBe(401);
    expect((await request(server.url, 'GET', '/_sandbox/status', undefined, undefined, { cookie })).status).toBe(401);
    // Another sandbox's key does not sign in to A.
    expect((await request(a.url, 'POST', '/_sandbox/session', undefined, { orgApiKey: b.orgApiKey }, { 'x-expys-dashboard': '1' })).status).toBe(401);
    // Signing out clears the cookie on the same path.
    const out = await request(a.url, 'DELETE', '/_sandbox/session', undefined, undefined, { cookie, 'x-expys-dashboard': '1' });
    expect(out.headers.get('set-cookie')).toContain(`Path=/sandboxes/${a.id}/_sandbox`);
  });

  it('one database connection, many schemas: concurrent queries and writes interleaved across 5 sandboxes each see their own rows', async () => {
    const five = await Promise.all(Array.from({ length: 5 }, (_, i) => create({ label: `interleave ${i}` })));
    const tenants = await Promise.all(five.map((s) => server.sandboxes.get(s.id)));
    // Each schema gets a member of its own: user_<i>, with 1000 × (i + 1) points.
    for (const [i, s] of five.entries()) {
      expect((await request(s.url, 'POST', '/v1/auth/exchange', bearer(s.orgApiKey), { externalUserID: `user_${i}` })).status).toBe(200);
      expect((await request(s.url, 'POST', '/v1/points/credit', bearer(s.orgApiKey), { externalUserID: `user_${i}`, amount: 1000 * (i + 1), reason: s.id })).status).toBe(200);
    }

    // At most 32 HTTP requests in flight (the gateway holds 256 connections per client address);
    // the database queries below all at once.
    let inFlight = 0;
    const waiting: (() => void)[] = [];
    const http = async (method: string, base: string, path: string, key: string, body?: unknown) => {
      while (inFlight >= 32) await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight++;
      try {
        return await request(base, method, path, bearer(key), body);
      } finally {
        inFlight--;
        waiting.shift()?.();
      }
    };
    const work: Promise<void>[] = [];
    for (let round = 0; round < 40; round++) {
      five.forEach((s, i) => {
        const db = tenants[i]!.db;
        // Straight on the Database: the schema in effect when the query runs.
        work.push(
          db.query('SELECT current_schema() AS schema, (SELECT count(*)::int FROM members) AS members').then(([row]) => {
            expect(row).toEqual({ schema: s.id, members: 4 });
          }),
        );
        // A transaction and a cacheable read, queued between the others.
        work.push(
          db.transaction(async (tx) => {
            const [row] = await tx.query('SELECT current_schema() AS schema');
            expect(row.schema).toBe(s.id);
          }),
        );
        work.push(
          db.query('SELECT external_user_id FROM members WHERE external_user_id = $1', [`user_${i}`], { cacheable: true }).then((rows) => {
            expect(rows).toHaveLength(1);
          }),
        );
        // Through the HTTP API: a write, then a read of the balance it must include.
        if (round % 4 === 0) {
          work.push(
            http('POST', s.url, '/v1/points/credit', s.orgApiKey, { externalUserID: `user_${i}`, amount: 1, reason: `round ${round}` }).then((credit) => {
              expect(credit.status).toBe(200);
            }),
          );
        }
        work.push(
          http('GET', s.url, `/v1/members/user_${i}`, s.orgApiKey).then((member) => {
            expect(member.status).toBe(200);
            expect(member.body.pointsBalance - 1000 * (i + 1)).toBeGreaterThanOrEqual(0);
            expect(member.body.pointsBalance - 1000 * (i + 1)).toBeLessThanOrEqual(10);
          }),
        );
        // Another sandbox's member is not here.
        work.push(
          http('GET', s.url, `/v1/members/user_${(i + 1) % 5}`, s.orgApiKey).then((other) => {
            expect(other.status).toBe(404);
          }),
        );
      });
    }
    await Promise.all(work);
    const finals = await Promise.all(five.map((s, i) => balance(s.url, s.orgApiKey, `user_${i}`)));
    expect(finals).toEqual(five.map((_, i) => 1000 * (i + 1) + 10));
    // And the default sandbox, on the same connection, still sees its own (public) tables.
    const [row] = await server.context.db.query("SELECT current_schema() AS schema, (SELECT count(*)::int FROM members WHERE external_user_id IN ('user_0', 'user_1', 'user_2', 'user_3', 'user_4')) AS n");
    expect(row).toEqual({ schema: 'public', n: 0 });
  }, 120_000);
});
