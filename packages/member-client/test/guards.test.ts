// Credential guards run before anything is sent: each case counts the requests that reached
// the server, and the answer must be zero.
import { describe, expect, it } from 'vitest';
import { refusal as refuse } from '../../client-core/test/support/refusal.js';
import { CredentialError, ExpysConfigError, initialize } from '../src/index.js';
import { APP_SECRET, LIVE_API_KEY, LIVE_ORG_KEY, LIVE_TOKEN, memberClient, SANDBOX_API_KEY, SANDBOX_ORG_KEY, SANDBOX_TOKEN, startApiServer } from './support.js';

const refusal = (fn: () => unknown) => refuse<CredentialError>(fn);

describe('at initialize', () => {
  it.each([
    ['a sandbox Org-API-Key', SANDBOX_ORG_KEY],
    ['a live Org-API-Key', LIVE_ORG_KEY],
    ['an Org-API-Key of an unknown environment', `expys_staging_${'a'.repeat(32)}`],
    // Whatever its checksum says: a key-looking value is never sent from an app.
    ['an Org-API-Key look-alike with a bad checksum', `expys_test_${'a'.repeat(32)}`],
    ['an Org-API-Key with one character mistyped', `${SANDBOX_ORG_KEY.slice(0, -1)}${SANDBOX_ORG_KEY.endsWith('x') ? 'y' : 'x'}`],
  ])('refuses %s, saying the secret key must never ship in an app', async (_, key) => {
    const api = await startApiServer();
    const error = refusal(() => memberClient(api.baseUrl, { token: key }));
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.reason).toBe('wrong_credential');
    expect(error.message).toMatch(/Org-API-Key/);
    expect(error.message).toMatch(/must never ship in an app/);
    expect(error.message).toMatch(/Your backend mints member tokens with @expys\/server-client/);
    expect(error.message).not.toContain(key.slice(-32));
    expect(api.requests).toHaveLength(0);
  });

  // Every backend secret of @expys/credentials' SERVER_SECRET_KINDS, not only the Org-API-Key.
  it.each([
    ['a sandbox API key', SANDBOX_API_KEY, 'API key', 'create a new key and revoke this one'],
    ['a live API key', LIVE_API_KEY, 'API key', 'create a new key and revoke this one'],
    ['an API key look-alike with a bad checksum', `test_sk_${'a'.repeat(32)}`, 'API key', 'revoke'],
    ['an App Secret', APP_SECRET, 'App Secret', 'rotate the App Secret'],
    ['an App Secret look-alike of the documented length', `secret_${'a'.repeat(16)}`, 'App Secret', 'rotate the App Secret'],
  ])('refuses %s, saying what it is and that it must never ship in an app', async (_, secret, label, repair) => {
    const api = await startApiServer();
    const error = refusal(() => memberClient(api.baseUrl, { token: secret }));
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.reason).toBe('wrong_credential');
    expect(error.message).toContain(`this is an ${label}`);
    expect(error.message).toMatch(/must never ship in an app/);
    expect(error.message).toContain(repair);
    expect(error.message).not.toContain(secret.slice(-16));
    expect(api.requests).toHaveLength(0);
  });

  it('refuses a live member token with the sandbox, and a test one with production', async () => {
    const api = await startApiServer();
    const live = refusal(() => memberClient(api.baseUrl, { token: LIVE_TOKEN, environment: 'sandbox' }));
    expect(live).toMatchObject({ reason: 'environment_mismatch' });
    expect(live.message).toContain('for production but the client is set to sandbox');
    const test = refusal(() => memberClient(api.baseUrl, { token: SANDBOX_TOKEN, environment: 'production' }));
    expect(test).toMatchObject({ reason: 'environment_mismatch' });
    expect(test.message).toContain('mt_live_');
    expect(api.requests).toHaveLength(0);
  });

  it.each([
    ['no token', undefined, 'missing_credential'],
    ['an empty token', '', 'missing_credential'],
    ['"Bearer " in front', `Bearer ${SANDBOX_TOKEN}`, 'malformed_credential'],
    ['a trailing newline', `${SANDBOX_TOKEN}\n`, 'malformed_credential'],
    ['a truncated token', SANDBOX_TOKEN.slice(0, -1), 'malformed_credential'],
    ['something else entirely', 'hunter2', 'malformed_credential'],
  ])('refuses %s', (_, token, reason) => {
    expect(refusal(() => memberClient('http://127.0.0.1:9', { token: token as string }))).toMatchObject({ reason });
  });

  it.each([
    ['one character mistyped', `${SANDBOX_TOKEN.slice(0, 20)}${SANDBOX_TOKEN[20] === 'x' ? 'y' : 'x'}${SANDBOX_TOKEN.slice(21)}`],
    ['a made-up token of the right shape', `mt_test_${'a'.repeat(40)}`],
    ['a live token edited into a test one', LIVE_TOKEN.replace('mt_live_', 'mt_test_')],
  ])('refuses a member token whose checksum does not match (%s), before sending, without echoing it', async (_, token) => {
    const api = await startApiServer();
    const error = refusal(() => memberClient(api.baseUrl, { token }));
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.reason).toBe('malformed_credential');
    expect(error.message).toContain('checksum of this member token does not match');
    expect(error.message).toContain('mistyped');
    expect(error.message).not.toContain(token.slice(8));
    expect(api.requests).toHaveLength(0);
  });

  it('refuses an unknown environment', () => {
    const error = refusal(() => initialize({ environment: 'staging' as 'sandbox', token: SANDBOX_TOKEN }));
    expect(error).toBeInstanceOf(ExpysConfigError);
    expect(error.message).toContain('"production", "sandbox"');
  });

  it('accepts a well-formed sandbox member token', () => {
    expect(() => memberClient('http://127.0.0.1:9')).not.toThrow();
  });
});

describe('tokens from a provider pass the same guards, before each request', () => {
  it.each([
    ['an Org-API-Key', SANDBOX_ORG_KEY, 'wrong_credential'],
    ['an API key', SANDBOX_API_KEY, 'wrong_credential'],
    ['an App Secret', APP_SECRET, 'wrong_credential'],
    ['a live token for the sandbox', LIVE_TOKEN, 'environment_mismatch'],
    ['a token with a bad checksum', `${SANDBOX_TOKEN.slice(0, -1)}${SANDBOX_TOKEN.endsWith('x') ? 'y' : 'x'}`, 'malformed_credential'],
    ['nothing', '', 'missing_credential'],
  ])('refuses %s from the provider, sending nothing', async (_, provided, reason) => {
    const api = await startApiServer();
    const client = memberClient(api.baseUrl, { token: async () => provided });
    await expect(client.getWallet()).rejects.toMatchObject({ name: 'CredentialError', reason });
    expect(api.requests).toHaveLength(0);
  });

  it('asks again on the next call after a refused token', async () => {
    const api = await startApiServer(() => ({ json: { balance: 1 } }));
    const tokens = [SANDBOX_ORG_KEY, SANDBOX_TOKEN];
    const client = memberClient(api.baseUrl, { token: async () => tokens.shift()! });
    await expect(client.getWallet()).rejects.toBeInstanceOf(CredentialError);
    await expect(client.getWallet()).resolves.toEqual({ balance: 1 });
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${SANDBOX_TOKEN}`]);
  });
});
