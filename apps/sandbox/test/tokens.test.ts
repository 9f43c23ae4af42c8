// Credentials as the real API has them: the test clock expires a member token and the member
// client's provider recovers; restricted keys get insufficient_scope; revoked keys get
// invalid_api_key; keys come from the control plane, which only a full-access key may use.
import { initialize as memberClient } from '@expys/member-client';
import { initialize as serverClient, PermissionError } from '@expys/server-client';
import { mintCredential, verifyCredential } from '@expys/credentials';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, freshSandbox, FULL_KEY } from './support/databases.js';

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

  it('a restricted key calls its scopes only; a revoked key is refused at once', async () => {
    sandbox = await freshSandbox('pglite');
    const created = await call(sandbox, 'POST', '/_sandbox/keys', FULL_KEY, { scopes: ['members:read'], description: 'CRM sync' });
    expect(created.status).toBe(200);
    expect(created.body.key).toMatch(/^expys_test_[A-Za-z0-9]{32}$/);
    expect(verifyCredential(created.body.key)?.checksumValid).toBe(true);
    // A key the gateway would refuse as malformed is never stored.
    await expect(sandbox.context.credentials.createKey({ key: `expys_test_${'q'.repeat(32)}` })).rejects.toThrow(/valid checksum/);
    const crm = serverClient({ environment: 'sandbox', baseUrl: sandbox.url, token: created.body.key });
    expect((await crm.getMember('user_123')).externalUserID).toBe('user_123');
    const refused = await crm.creditPoints({ externalUserID: 'user_123', amount: 5, reason: 'no' }).catch((e) => e);
    expect(refused).toBeInstanceOf(PermissionError);
    expect(refused.code).toBe('insufficient_scope');
    // The restricted key cannot use the control plane, and cannot mint itself a better key.
    expect((await call(sandbox, 'POST', '/_sandbox/keys', created.body.key, {})).status).toBe(403);

    expect((await call(sandbox, 'POST', `/_sandbox/keys/${created.body.id}/revoke`, FULL_KEY)).status).toBe(200);
    const revoked = await call(sandbox, 'GET', '/v1/members/user_123', created.body.key);
    expect([revoked.status, revoked.body.code]).toEqual([401, 'invalid_api_key']);
    const listed = (await call(sandbox, 'GET', '/_sandbox/keys', FULL_KEY)).body.data;
    expect(listed.find((k: any) => k.id === created.body.id)).toMatchObject({ scopes: ['members:read'], description: 'CRM sync' });
    expect(JSON.stringify(listed)).not.toContain(created.body.key);
    // Keys are stored as hashes: the database never holds one.
    expect(JSON.stringify(await sandbox.context.db.query('SELECT * FROM api_keys'))).not.toContain(created.body.key);
  });

  it('refuses the control plane without a full-access key of this sandbox', async () => {
    sandbox = await freshSandbox('pglite');
    const grant = (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' })).body;
    expect((await call(sandbox, 'POST', '/_sandbox/clock/advance', grant.token, { by: '1d' })).status).toBe(401);
    expect((await call(sandbox, 'POST', '/_sandbox/reset', 'expys_test_RevokedSandboxKey0000000000iPnj3')).status).toBe(401);
    expect((await call(sandbox, 'GET', '/_sandbox/status', mintCredential('org-api-key', 'sandbox'))).status).toBe(401);
    expect((await call(sandbox, 'GET', '/_sandbox/status', FULL_KEY)).body.counts.members).toBe(1);
    expect((await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: 'soon' })).status).toBe(422);
  });
});
