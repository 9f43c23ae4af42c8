// The control-plane routes the dashboard's pages read, on both databases, with the Org-API-Key
// (the dashboard's session reaches the same routes: dashboard-session.test.ts): the scopes of the
// bundle, an application's API keys (created, listed by hint, revoked now or at a time, the same
// rules as the API's createApiKey), members with balances, a member's ledger, webhook endpoints.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, DATABASES, freshSandbox, FULL_KEY, SAMPLE_APP } from './support/databases.js';
import { controlCall, DASHBOARD_HEADERS, signIn } from './support/dashboard.js';

const bundle = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/full.json'), 'utf8'));
const SPEC_SCOPES: string[] = bundle.components.schemas.ApiKeyScope.enum;

describe.each(DATABASES)('the dashboard routes of the control plane on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  const keysOf = (appId: string) => `/_sandbox/apps/${appId}/keys`;

  it("serves the bundle's scopes, and an API key created with the Org-API-Key works within them until it is revoked", async () => {
    sandbox = await freshSandbox(kind);
    const scopes = await call(sandbox, 'GET', '/_sandbox/scopes', FULL_KEY);
    expect(scopes.body.data).toEqual(SPEC_SCOPES);

    const created = await call(sandbox, 'POST', keysOf(SAMPLE_APP.appId), FULL_KEY, { name: 'Dashboard key', scopes: ['member_read'] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ appId: SAMPLE_APP.appId, name: 'Dashboard key', scopes: ['member_read'], status: 'active', expiresAt: null, revokedAt: null });
    const key: string = created.body.key;
    expect(key).toMatch(/^test_sk_[A-Za-z0-9]{32}$/);
    expect(created.body.hint).toBe(`test_sk_…${key.slice(-4)}`);

    // The key is shown once: the list has its hint, never the key.
    const listed = await call(sandbox, 'GET', keysOf(SAMPLE_APP.appId), FULL_KEY);
    expect(listed.status).toBe(200);
    expect(listed.body.data[0]).toMatchObject({ id: created.body.id, hint: created.body.hint, status: 'active' });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    // The application's own API (HTTP Basic) sees the same key.
    const own = await fetch(new URL('/v1/app/keys', sandbox.url), { headers: { authorization: `Basic ${Buffer.from(`${SAMPLE_APP.appId}:${SAMPLE_APP.appSecret}`).toString('base64')}` } });
    expect(((await own.json()) as any).data.map((k: any) => k.id)).toContain(created.body.id);

    expect((await call(sandbox, 'GET', '/v1/members/user_123', key)).status).toBe(200);
    const outside = await call(sandbox, 'POST', '/v1/points/credit', key, { externalUserID: 'user_123', amount: 1, reason: 'no' });
    expect([outside.status, outside.body.code]).toEqual([403, 'insufficient_scope']);

    const revoked = await call(sandbox, 'POST', `${keysOf(SAMPLE_APP.appId)}/${created.body.id}/revoke`, FULL_KEY);
    expect([revoked.status, revoked.body.status]).toEqual([200, 'revoked']);
    const refused = await call(sandbox, 'GET', '/v1/members/user_123', key);
    expect([refused.status, refused.body.code]).toEqual([401, 'invalid_api_key']);
  });

  it('refuses what createApiKey refuses, and an application or key that does not exist', async () => {
    sandbox = await freshSandbox(kind);
    const create = (body: unknown, appId: string = SAMPLE_APP.appId) => call(sandbox, 'POST', keysOf(appId), FULL_KEY, body);
    const unknownScope = await create({ name: 'x', scopes: ['everything'] });
    expect(unknownScope.status).toBe(422);
    expect(unknownScope.body.error).toContain('/body/scopes/0');
    expect((await create({ name: 'x', scopes: [] })).status).toBe(422);
    expect((await create({ scopes: ['member_read'] })).status).toBe(422);
    const past = await create({ name: 'x', scopes: ['member_read'], expiresAt: '2000-01-01T00:00:00Z' });
    expect([past.status, past.body.error]).toEqual([422, expect.stringContaining('must be in the future')]);
    expect((await create({ name: 'x', scopes: ['member_read'] }, 'app_NoSuchAppAtAll00')).status).toBe(404);
    expect((await call(sandbox, 'GET', keysOf('app_NoSuchAppAtAll00'), FULL_KEY)).status).toBe(404);
    expect((await call(sandbox, 'POST', `${keysOf(SAMPLE_APP.appId)}/key_NoSuchKey0000000/revoke`, FULL_KEY)).status).toBe(404);
    expect((await call(sandbox, 'POST', `${keysOf(SAMPLE_APP.appId)}/key_x/revoke`, FULL_KEY, { at: 5 })).status).toBe(422);
    expect((await call(sandbox, 'GET', `${keysOf(SAMPLE_APP.appId)}?limit=0`, FULL_KEY)).status).toBe(422);
    expect((await call(sandbox, 'GET', `${keysOf(SAMPLE_APP.appId)}?cursor=nope`, FULL_KEY)).status).toBe(422);
    // Nothing was written by the refusals.
    const keys = await call(sandbox, 'GET', keysOf(SAMPLE_APP.appId), FULL_KEY);
    expect(keys.body.data.filter((k: any) => k.name === 'x')).toEqual([]);
    // An API key cannot manage keys through the control plane.
    expect((await call(sandbox, 'GET', keysOf(SAMPLE_APP.appId), (await create({ name: 'y', scopes: ['member_read'] })).body.key)).status).toBe(403);
  });

  it('revokes at a later time on the sandbox clock, and an expiry is kept; with the session as with the key', async () => {
    sandbox = await freshSandbox(kind);
    const { cookie } = await signIn(sandbox, FULL_KEY);
    const later = (ms: number) => new Date(sandbox.context.clock.now().getTime() + ms).toISOString();
    const created = await controlCall(sandbox, 'POST', keysOf(SAMPLE_APP.appId), {
      cookie,
      headers: DASHBOARD_HEADERS,
      body: { name: 'Rotating', scopes: ['member_read', 'points_write'], expiresAt: later(7 * 86_400_000) },
    });
    expect(created.status).toBe(200);
    expect(created.body.expiresAt).not.toBeNull();
    const at = later(3_600_000);
    const scheduled = await controlCall(sandbox, 'POST', `${keysOf(SAMPLE_APP.appId)}/${created.body.id}/revoke`, { cookie, headers: DASHBOARD_HEADERS, body: { at } });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'active', revokedAt: at });
    expect((await call(sandbox, 'GET', '/v1/members/user_123', created.body.key)).status).toBe(200);
    await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: '61m' });
    const listed = await controlCall(sandbox, 'GET', keysOf(SAMPLE_APP.appId), { cookie });
    expect(listed.body.data.find((k: any) => k.id === created.body.id).status).toBe('revoked');
    expect((await call(sandbox, 'GET', '/v1/members/user_123', created.body.key)).status).toBe(401);
  });

  it('lists members with their balances by externalUserID, page by page, and a member’s ledger newest first', async () => {
    sandbox = await freshSandbox(kind);
    const start = (await call(sandbox, 'GET', '/v1/members/user_123', FULL_KEY)).body.pointsBalance as number;
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 40, reason: 'Order 1' });
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 2, reason: 'Order 2' });
    await call(sandbox, 'PUT', '/v1/members/user_zz', FULL_KEY, { displayName: 'Zed', tier: 'gold' });

    const all = await call(sandbox, 'GET', '/_sandbox/members', FULL_KEY);
    expect(all.status).toBe(200);
    const ids = all.body.data.map((m: any) => m.externalUserID);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['user_123', 'user_zz']));
    expect(all.body.data.find((m: any) => m.externalUserID === 'user_123')).toMatchObject({ pointsBalance: start + 42, cashbackBalance: expect.any(Number) });
    expect(all.body.data.find((m: any) => m.externalUserID === 'user_zz')).toMatchObject({ displayName: 'Zed', tier: 'gold', pointsBalance: 0 });
    expect(all.body.nextAfter).toBeNull();

    // Page by page: every member once, in order.
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await call(sandbox, 'GET', `/_sandbox/members?limit=2${after ? `&after=${after}` : ''}`, FULL_KEY);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.data.map((m: any) => m.externalUserID));
      after = page.body.nextAfter;
    } while (after);
    expect(paged).toEqual(ids);
    expect((await call(sandbox, 'GET', '/_sandbox/members?limit=501', FULL_KEY)).status).toBe(422);

    const ledger = await call(sandbox, 'GET', '/_sandbox/members/user_123/ledger?limit=1', FULL_KEY);
    expect(ledger.status).toBe(200);
    expect(ledger.body.member).toMatchObject({ externalUserID: 'user_123', pointsBalance: start + 42 });
    expect(ledger.body.data).toEqual([expect.objectContaining({ type: 'credit', amount: 2, balanceAfter: start + 42, description: 'Order 2' })]);
    expect(ledger.body.hasMore).toBe(true);
    const next = await call(sandbox, 'GET', `/_sandbox/members/user_123/ledger?limit=1&cursor=${ledger.body.nextCursor}`, FULL_KEY);
    expect(next.body.data[0]).toMatchObject({ amount: 40, balanceAfter: start + 40 });
    // The same movements the member sees with its own token (listWalletTransactions).
    const token = (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' })).body.token;
    const own = await call(sandbox, 'GET', '/v1/wallet/transactions?limit=2', token);
    expect(own.body.data.map((t: any) => t.id)).toEqual([ledger.body.data[0].id, next.body.data[0].id]);

    expect((await call(sandbox, 'GET', '/_sandbox/members/nobody_here/ledger', FULL_KEY)).status).toBe(404);
  });

  it('lists the webhook endpoints, newest first, without their signing secrets', async () => {
    sandbox = await freshSandbox(kind);
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/hooks', events: ['points.credited'] });
    expect(created.status).toBe(201);
    const listed = await call(sandbox, 'GET', '/_sandbox/webhooks', FULL_KEY);
    expect(listed.status).toBe(200);
    expect(listed.body.data[0]).toMatchObject({ id: created.body.id, url: 'https://backend.example.com/hooks', events: ['points.credited'] });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.signingSecret);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    // Deleted endpoints are not listed.
    await call(sandbox, 'DELETE', `/v1/webhooks/${created.body.id}`, FULL_KEY);
    expect((await call(sandbox, 'GET', '/_sandbox/webhooks', FULL_KEY)).body.data.map((w: any) => w.id)).not.toContain(created.body.id);
  });
});
