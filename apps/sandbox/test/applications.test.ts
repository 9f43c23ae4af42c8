// The application's own operations on both databases: HTTP Basic with the App ID and App Secret,
// the App Secret's rotation with an overlap on the test clock, API keys created with scopes and an
// expiry, listed by cursor, revoked now or at a later time (brought forward, never pushed back),
// and each credential refused with its documented code.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { mintCredential } from '@expys/credentials';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { createApplication } from '../src/domain/applications.js';
import { basic, call, callApp, DATABASES, freshSandbox, FULL_KEY, SAMPLE_APP } from './support/databases.js';

const HOUR = 3_600_000;

describe.each(DATABASES)('applications and API keys on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  /** The sandbox clock, `ms` from now, as the API writes times. */
  const later = (ms: number) => new Date(sandbox.context.clock.now().getTime() + ms).toISOString();

  it('getApp answers the application its credentials name; every other credential is refused with its code', async () => {
    sandbox = await freshSandbox(kind);
    const app = await callApp(sandbox, 'GET', '/v1/app', SAMPLE_APP);
    expect(app.status).toBe(200);
    expect(app.body).toMatchObject({ appId: SAMPLE_APP.appId, name: 'Sample backend', environment: 'sandbox', secretRotatedAt: null, previousSecretExpiresAt: null });

    const wrong = await callApp(sandbox, 'GET', '/v1/app', { appId: SAMPLE_APP.appId, appSecret: mintCredential('app-secret', 'sandbox') });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'invalid_app_credentials']);
    const unknownApp = await callApp(sandbox, 'GET', '/v1/app', { appId: 'app_NoSuchAppAtAll00', appSecret: SAMPLE_APP.appSecret });
    expect([unknownApp.status, unknownApp.body.code]).toEqual([401, 'invalid_app_credentials']);
    // Bearer credentials never manage the application, the Org-API-Key included.
    for (const bearer of [FULL_KEY, SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key, SAMPLE_APP.appSecret]) {
      const refused = await call(sandbox, 'GET', '/v1/app', bearer);
      expect([refused.status, refused.body.code]).toEqual([403, 'app_credentials_required']);
    }
    // The App Secret is for Basic only: as a bearer on a server operation, 403 app_secret_not_allowed.
    const asBearer = await call(sandbox, 'GET', '/v1/members/user_123', SAMPLE_APP.appSecret);
    expect([asBearer.status, asBearer.body.code]).toEqual([403, 'app_secret_not_allowed']);
    // Basic on a bearer operation: 401, whatever the pair.
    const basicElsewhere = await fetch(new URL('/v1/members/user_123', sandbox.url), { headers: { authorization: basic(SAMPLE_APP) } });
    expect(basicElsewhere.status).toBe(401);
  });

  it('rotateAppSecret: the new secret at once, the old one until previousSecretExpiresAt on the test clock, a retry replays', async () => {
    sandbox = await freshSandbox(kind);
    const rotate = (app: { appId: string; appSecret: string }, body?: unknown, key = 'rotate-1') => callApp(sandbox, 'POST', '/v1/app/secret', app, body, { 'idempotency-key': key });
    const first = await rotate(SAMPLE_APP);
    expect(first.status).toBe(200);
    expect(first.body.appSecret).toMatch(/^secret_[A-Za-z0-9]{32}$/);
    // Default overlap: one hour.
    expect(Date.parse(first.body.previousSecretExpiresAt) - Date.parse(first.body.rotatedAt)).toBe(HOUR);
    const rotated = { appId: SAMPLE_APP.appId, appSecret: first.body.appSecret as string };

    // A retry with the old secret (the answer was lost) replays the same new secret.
    const retry = await rotate(SAMPLE_APP);
    expect([retry.body.appSecret, retry.headers.get('idempotent-replayed')]).toEqual([rotated.appSecret, 'true']);
    // Both work during the overlap; getApp says until when.
    expect((await callApp(sandbox, 'GET', '/v1/app', rotated)).body).toMatchObject({ secretRotatedAt: first.body.rotatedAt, previousSecretExpiresAt: first.body.previousSecretExpiresAt });
    expect((await callApp(sandbox, 'GET', '/v1/app', SAMPLE_APP)).status).toBe(200);

    await sandbox.context.clock.advance(HOUR + 1000);
    const expired = await callApp(sandbox, 'GET', '/v1/app', SAMPLE_APP);
    expect([expired.status, expired.body.code]).toEqual([401, 'invalid_app_credentials']);
    expect(expired.body.detail).toContain(first.body.previousSecretExpiresAt.slice(0, 16));
    expect((await callApp(sandbox, 'GET', '/v1/app', rotated)).body.previousSecretExpiresAt).toBeNull();

    // At most 7 days of overlap: 422 on the field.
    const tooLong = await rotate(rotated, { previousSecretExpiresAt: later(8 * 24 * HOUR) }, 'rotate-2');
    expect([tooLong.status, tooLong.body.code, tooLong.body.errors?.[0]?.path]).toEqual([422, 'validation_failed', '/body/previousSecretExpiresAt']);
    // "Now" (a time already past on the sandbox clock) ends the old secret at once.
    const atOnce = await rotate(rotated, { previousSecretExpiresAt: new Date(Date.now() - 60_000).toISOString() }, 'rotate-3');
    expect(atOnce.status).toBe(200);
    expect((await callApp(sandbox, 'GET', '/v1/app', rotated)).status).toBe(401);
    expect((await callApp(sandbox, 'GET', '/v1/app', { appId: SAMPLE_APP.appId, appSecret: atOnce.body.appSecret })).status).toBe(200);
    // The database holds no secret, old or new.
    const rows = JSON.stringify(await sandbox.context.db.query('SELECT * FROM applications'));
    for (const secret of [SAMPLE_APP.appSecret, rotated.appSecret, atOnce.body.appSecret]) expect(rows).not.toContain(secret);
  });

  it('a second rotation ends the first one\'s overlap: one previous secret works at a time', async () => {
    sandbox = await freshSandbox(kind);
    const first = await callApp(sandbox, 'POST', '/v1/app/secret', SAMPLE_APP, { previousSecretExpiresAt: later(2 * HOUR) });
    const second = await callApp(sandbox, 'POST', '/v1/app/secret', { appId: SAMPLE_APP.appId, appSecret: first.body.appSecret });
    expect(second.status).toBe(200);
    expect((await callApp(sandbox, 'GET', '/v1/app', SAMPLE_APP)).status).toBe(401);
    expect((await callApp(sandbox, 'GET', '/v1/app', { appId: SAMPLE_APP.appId, appSecret: first.body.appSecret })).status).toBe(200);
    expect((await callApp(sandbox, 'GET', '/v1/app', { appId: SAMPLE_APP.appId, appSecret: second.body.appSecret })).status).toBe(200);
  });

  it('createApiKey: shown once, stored as a hash, idempotent; scopes and expiresAt checked with a field pointer', async () => {
    sandbox = await freshSandbox(kind);
    const input = { name: 'Nightly points job', scopes: ['member_read', 'points_write'] };
    const created = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, input, { 'idempotency-key': 'key-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ appId: SAMPLE_APP.appId, name: input.name, scopes: input.scopes, environment: 'sandbox', status: 'active', expiresAt: null, revokedAt: null });
    expect(created.body.id).toMatch(/^key_[A-Za-z0-9]{16}$/);
    expect(created.body.hint).toBe(`test_sk_…${created.body.key.slice(-4)}`);
    const again = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, input, { 'idempotency-key': 'key-1' });
    expect([again.body.key, again.headers.get('idempotent-replayed')]).toEqual([created.body.key, 'true']);
    const [{ n }] = await sandbox.context.db.query('SELECT count(*)::int AS n FROM api_keys WHERE name = $1', [input.name]);
    expect(n).toBe(1);
    expect(JSON.stringify(await sandbox.context.db.query('SELECT * FROM api_keys'))).not.toContain(created.body.key);
    // It works at once, within its scopes.
    expect((await call(sandbox, 'GET', '/v1/members/user_123', created.body.key)).status).toBe(200);
    expect((await call(sandbox, 'POST', '/v1/points/credit', created.body.key, { externalUserID: 'user_123', amount: 1, reason: 'ok' })).status).toBe(200);
    const outside = await call(sandbox, 'GET', '/v1/webhooks', created.body.key);
    expect([outside.status, outside.body.code]).toEqual([403, 'insufficient_scope']);
    expect(outside.body.detail).toMatch(/webhook_read.*member_read, points_write/);
    // Never on a member operation.
    expect((await call(sandbox, 'GET', '/v1/wallet', created.body.key)).body.code).toBe('api_key_not_allowed');

    const past = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { ...input, expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect([past.status, past.body.code, past.body.errors?.[0]?.path]).toEqual([422, 'validation_failed', '/body/expiresAt']);
    const badScope = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'x', scopes: ['member_read', 'members:read'] });
    expect([badScope.status, badScope.body.code]).toEqual([422, 'validation_failed']);
    expect(badScope.body.errors.map((e: any) => e.path)).toContain('/body/scopes/1');
    const noScope = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'x', scopes: [] });
    expect([noScope.status, noScope.body.errors?.[0]?.path]).toEqual([422, '/body/scopes']);
    // Refusals created nothing.
    const [{ total }] = await sandbox.context.db.query("SELECT count(*)::int AS total FROM api_keys WHERE name = 'x'");
    expect(total).toBe(0);
  });

  it('listApiKeys pages newest first by cursor; getApiKey reads one; keys of another application are absent', async () => {
    sandbox = await freshSandbox(kind);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: `job ${i}`, scopes: ['member_read'] })).body.id);
    const seen: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await callApp(sandbox, 'GET', `/v1/app/keys?limit=3${cursor ? `&cursor=${cursor}` : ''}`, SAMPLE_APP);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.data);
      cursor = page.body.hasMore ? page.body.nextCursor : undefined;
    } while (cursor);
    // Newest first: the five just made, then the samples (expired and revoked included).
    expect(seen.slice(0, 5).map((k) => k.id)).toEqual([...ids].reverse());
    expect(seen.map((k) => k.status)).toEqual(expect.arrayContaining(['active', 'expired', 'revoked']));
    expect(new Set(seen.map((k) => k.id)).size).toBe(seen.length);
    expect(seen.every((k) => !('key' in k))).toBe(true);
    const one = await callApp(sandbox, 'GET', `/v1/app/keys/${ids[2]}`, SAMPLE_APP);
    expect([one.status, one.body.name]).toEqual([200, 'job 2']);
    expect((await callApp(sandbox, 'GET', '/v1/app/keys/key_NoSuchKeyAtAll00', SAMPLE_APP)).status).toBe(404);
    const foreignCursor = await callApp(sandbox, 'GET', `/v1/app/keys?cursor=${Buffer.from(JSON.stringify({ id: 'off_7Hq2LmN4pX9rT1vB' })).toString('base64url')}`, SAMPLE_APP);
    expect([foreignCursor.status, foreignCursor.body.errors?.[0]?.path]).toEqual([422, '/query/cursor']);

    // A second application sees none of them, and cannot read or revoke them.
    const other = await sandbox.context.db.transaction((tx) => createApplication(tx, sandbox.context.clock, { name: 'Other backend' }));
    const otherApp = { appId: other.application.appId, appSecret: other.appSecret };
    expect((await callApp(sandbox, 'GET', '/v1/app/keys', otherApp)).body).toEqual({ data: [], nextCursor: null, hasMore: false });
    expect((await callApp(sandbox, 'GET', `/v1/app/keys/${ids[0]}`, otherApp)).status).toBe(404);
    expect((await callApp(sandbox, 'POST', `/v1/app/keys/${ids[0]}/revoke`, otherApp)).status).toBe(404);
    expect((await callApp(sandbox, 'GET', `/v1/app/keys/${ids[0]}`, SAMPLE_APP)).body.status).toBe('active');
  });

  it('idempotent answers carry secrets, so they stay with the application that made them', async () => {
    sandbox = await freshSandbox(kind);
    const other = await sandbox.context.db.transaction((tx) => createApplication(tx, sandbox.context.clock, { name: 'Other backend' }));
    const otherApp = { appId: other.application.appId, appSecret: other.appSecret };
    const input = { name: 'same request', scopes: ['member_read'] };
    const mine = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, input, { 'idempotency-key': 'shared' });
    const theirs = await callApp(sandbox, 'POST', '/v1/app/keys', otherApp, input, { 'idempotency-key': 'shared' });
    expect([theirs.status, theirs.headers.get('idempotent-replayed')]).toEqual([201, null]);
    expect(theirs.body.key).not.toBe(mine.body.key);
    expect(theirs.body.appId).toBe(otherApp.appId);
    // Each application replays its own answer...
    const mineAgain = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, input, { 'idempotency-key': 'shared' });
    expect([mineAgain.body.key, mineAgain.headers.get('idempotent-replayed')]).toEqual([mine.body.key, 'true']);
    // ...and within one application the key is taken: another request with it is a conflict.
    const rotation = await callApp(sandbox, 'POST', '/v1/app/secret', otherApp, undefined, { 'idempotency-key': 'shared' });
    expect([rotation.status, rotation.body.code]).toEqual([409, 'idempotency_conflict']);
  });

  it('expiry and scheduled revocation follow the test clock; revoking again brings the time forward, never back', async () => {
    sandbox = await freshSandbox(kind);
    const expiring = (await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'expiring', scopes: ['member_read'], expiresAt: later(HOUR) })).body;
    const scheduled = (await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'scheduled', scopes: ['member_read'] })).body;
    const revokeAt = later(2 * HOUR);
    const first = await callApp(sandbox, 'POST', `/v1/app/keys/${scheduled.id}/revoke`, SAMPLE_APP, { at: revokeAt });
    expect(first.body).toMatchObject({ status: 'active', revokedAt: revokeAt.replace('.000Z', 'Z') });
    // Later than the scheduled time: kept.
    const pushed = await callApp(sandbox, 'POST', `/v1/app/keys/${scheduled.id}/revoke`, SAMPLE_APP, { at: later(3 * HOUR) });
    expect(Date.parse(pushed.body.revokedAt)).toBe(Date.parse(revokeAt));
    // Earlier: brought forward.
    const forward = later(90 * 60_000);
    const brought = await callApp(sandbox, 'POST', `/v1/app/keys/${scheduled.id}/revoke`, SAMPLE_APP, { at: forward });
    expect(Date.parse(brought.body.revokedAt)).toBe(Date.parse(forward));

    const member = (key: string) => call(sandbox, 'GET', '/v1/members/user_123', key);
    expect((await member(expiring.key)).status).toBe(200);
    expect((await member(scheduled.key)).status).toBe(200);
    await sandbox.context.clock.advance(HOUR + 1000);
    const expired = await member(expiring.key);
    expect([expired.status, expired.body.code]).toEqual([401, 'api_key_expired']);
    expect(expired.body.detail).toContain(expiring.expiresAt.slice(0, 16));
    expect((await callApp(sandbox, 'GET', `/v1/app/keys/${expiring.id}`, SAMPLE_APP)).body.status).toBe('expired');
    expect((await member(scheduled.key)).status).toBe(200);
    await sandbox.context.clock.advance(HOUR);
    const revoked = await member(scheduled.key);
    expect([revoked.status, revoked.body.code]).toEqual([401, 'invalid_api_key']);
    expect((await callApp(sandbox, 'GET', `/v1/app/keys/${scheduled.id}`, SAMPLE_APP)).body.status).toBe('revoked');
    // Revoked is final: a later time changes nothing.
    const afterwards = await callApp(sandbox, 'POST', `/v1/app/keys/${scheduled.id}/revoke`, SAMPLE_APP, { at: later(HOUR) });
    expect(Date.parse(afterwards.body.revokedAt)).toBe(Date.parse(forward));
  });

  it('the sample API keys behave as in the mock', async () => {
    sandbox = await freshSandbox(kind);
    const { apiKeys, expiredApiKey, revokedApiKey, liveApiKey } = SAMPLE_CREDENTIALS;
    expect((await call(sandbox, 'POST', '/v1/auth/exchange', apiKeys.tokenMinter.key, { externalUserID: 'user_123' })).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/members/user_123', apiKeys.tokenMinter.key)).body.code).toBe('insufficient_scope');
    expect((await call(sandbox, 'GET', '/v1/members/user_123', apiKeys.membersReader.key)).status).toBe(200);
    expect((await call(sandbox, 'PUT', '/v1/members/user_9', apiKeys.loyaltyJob.key, { displayName: 'Nine', tier: 'silver' })).status).toBe(200);
    const expired = await call(sandbox, 'GET', '/v1/members/user_123', expiredApiKey);
    expect([expired.status, expired.body.code]).toEqual([401, 'api_key_expired']);
    expect(expired.body.detail).toContain(SAMPLE_CREDENTIALS.expiredApiKeyExpiresAt.slice(0, 16));
    expect((await call(sandbox, 'GET', '/v1/members/user_123', revokedApiKey)).body.code).toBe('invalid_api_key');
    expect((await call(sandbox, 'GET', '/v1/members/user_123', liveApiKey)).body.code).toBe('environment_mismatch');
    // A well-formed key this sandbox never issued.
    expect((await call(sandbox, 'GET', '/v1/members/user_123', mintCredential('api-key', 'sandbox'))).body.code).toBe('invalid_api_key');
    // The revoked sample Org-API-Key.
    expect((await call(sandbox, 'GET', '/v1/members/user_123', SAMPLE_CREDENTIALS.revokedKey)).body.code).toBe('invalid_api_key');
  });
});
