// Credentials as the real API has them: the test clock expires a member token and the member
// client's provider recovers; API keys get insufficient_scope outside their scopes; revoked keys
// get invalid_api_key; the control plane takes an Org-API-Key only.
import { initialize as memberClient } from '@expys/member-client';
import { initialize as serverClient } from '@expys/server-client';
import { mintCredential, verifyCredential } from '@expys/credentials';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, callApp, freshSandbox, FULL_KEY, SAMPLE_APP } from './support/databases.js';

describe('member tokens, keys and the test clock', () => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  it('the test clock expires a token: 401 token_expired, then the member client asks its provider again and succeeds', async () => {
    sandbox = await freshSandbox('pglite');
    const wire: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      const code = response.status >= 400 ? ` ${(await response.clone().json()).code}` : '';
      wire.push(`${url.pathname} ${response.status}${code}`);
      return response;
    };
    const backend = serverClient({ environment: 'sandbox', baseUrl: sandbox.url, token: FULL_KEY, fetch: recording });
    let minted = 0;
    const app = memberClient({
      environment: 'sandbox',
      baseUrl: sandbox.url,
      fetch: recording,
      token: async () => {
        minted++;
        return (await backend.exchangeToken({ externalUserID: 'user_123' })).token;
      },
    });
    const before = await app.getWallet();
    expect(minted).toBe(1);

    const advanced = await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: '16m' });
    expect(advanced.status).toBe(200);
    const after = await app.getWallet();
    expect(after.balance).toBe(before.balance);
    expect(minted).toBe(2);
    expect(wire).toEqual(['/v1/auth/exchange 200', '/v1/wallet 200', '/v1/wallet 401 token_expired', '/v1/auth/exchange 200', '/v1/wallet 200']);
  });

  it('a token lives 15 minutes of sandbox time, and expiresAt says so', async () => {
    sandbox = await freshSandbox('pglite');
    const grant = (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' })).body;
    expect(Date.parse(grant.expiresAt) - sandbox.context.clock.now().getTime()).toBeGreaterThan(14 * 60_000);
    await sandbox.context.clock.advance(14 * 60_000);
    expect((await call(sandbox, 'GET', '/v1/wallet', grant.token)).status).toBe(200);
    await sandbox.context.clock.advance(61_000);
    const expired = await call(sandbox, 'GET', '/v1/wallet', grant.token);
    expect([expired.status, expired.body.code]).toEqual([401, 'token_expired']);
    expect(expired.body.detail).toContain(grant.expiresAt.slice(0, 16));
    // Well formed, checksum valid, never minted by this sandbox.
    const unknown = await call(sandbox, 'GET', '/v1/wallet', mintCredential('member-token', 'sandbox'));
    expect([unknown.status, unknown.body.code]).toEqual([401, 'unauthenticated']);
    expect(unknown.body.detail).not.toContain('checksum');
    const mistyped = await call(sandbox, 'GET', '/v1/wallet', `${grant.token.slice(0, -1)}${grant.token.endsWith('a') ? 'b' : 'a'}`);
    expect([mistyped.status, mistyped.body.code]).toEqual([401, 'unauthenticated']);
    expect(mistyped.body.detail).toContain('checksum');
  });

  it('an API key calls its scopes only; a revoked key is refused at once; neither API keys nor scopes reach the control plane', async () => {
    sandbox = await freshSandbox('pglite');
    const created = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'CRM sync', scopes: ['member_read'] });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^test_sk_[A-Za-z0-9]{32}$/);
    expect(verifyCredential(created.body.key)?.checksumValid).toBe(true);
    // An Org-API-Key the gateway would refuse as malformed is never stored.
    await expect(sandbox.context.credentials.createOrgKey({ key: `expys_test_${'q'.repeat(32)}` })).rejects.toThrow(/valid checksum/);
    const crm = created.body.key;
    expect((await call(sandbox, 'GET', '/v1/members/user_123', crm)).body.externalUserID).toBe('user_123');
    const refused = await call(sandbox, 'POST', '/v1/points/credit', crm, { externalUserID: 'user_123', amount: 5, reason: 'no' });
    expect([refused.status, refused.body.code]).toEqual([403, 'insufficient_scope']);
    expect(refused.body.detail).toContain('points_write');
    // An API key cannot use the control plane, and cannot mint itself an Org-API-Key there.
    expect((await call(sandbox, 'POST', '/_sandbox/keys', crm, {})).status).toBe(403);
    // An Org-API-Key has no scopes: asking for one is refused, pointing at API keys.
    const scoped = await call(sandbox, 'POST', '/_sandbox/keys', FULL_KEY, { scopes: ['member_read'] });
    expect(scoped.status).toBe(422);
    expect(scoped.body.error).toContain('keys create');

    expect((await callApp(sandbox, 'POST', `/v1/app/keys/${created.body.id}/revoke`, SAMPLE_APP)).status).toBe(200);
    const revoked = await call(sandbox, 'GET', '/v1/members/user_123', crm);
    expect([revoked.status, revoked.body.code]).toEqual([401, 'invalid_api_key']);
    const listed = (await callApp(sandbox, 'GET', '/v1/app/keys', SAMPLE_APP)).body.data;
    expect(listed.find((k: any) => k.id === created.body.id)).toMatchObject({ scopes: ['member_read'], name: 'CRM sync', status: 'revoked' });
    expect(JSON.stringify(listed)).not.toContain(crm);
    // Keys are stored as hashes: the database never holds one.
    expect(JSON.stringify(await sandbox.context.db.query('SELECT * FROM api_keys'))).not.toContain(crm);
  });

  it('refuses the control plane without an Org-API-Key of this sandbox', async () => {
    sandbox = await freshSandbox('pglite');
    const grant = (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' })).body;
    expect((await call(sandbox, 'POST', '/_sandbox/clock/advance', grant.token, { by: '1d' })).status).toBe(401);
    expect((await call(sandbox, 'POST', '/_sandbox/reset', 'expys_test_RevokedSandboxKey0000000000iPnj3')).status).toBe(401);
    expect((await call(sandbox, 'GET', '/_sandbox/status', mintCredential('org-api-key', 'sandbox'))).status).toBe(401);
    // The seed's members: user_123, and user_456 and user_789 whom the referral examples name.
    expect((await call(sandbox, 'GET', '/_sandbox/status', FULL_KEY)).body.counts.members).toBe(3);
    expect((await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: 'soon' })).status).toBe(422);
  });
});
