// `token` is the Org-API-Key or an API key, as a value or a function asked on every call: a
// rotated key is used by the same client. Other credentials are refused, saying what to pass.
import { describe, expect, it } from 'vitest';
import { refusal as refuse } from '../../client-core/test/support/refusal.js';
import { AuthenticationError, CredentialError, initialize } from '../src/index.js';
import { API_KEY, APP_ID, APP_SECRET, LIVE_API_KEY, MEMBER_TOKEN, NEXT_API_KEY, problem, rejection, SANDBOX_KEY, serverClient, startApiServer } from './support.js';

const refusal = (fn: () => unknown) => refuse<CredentialError>(fn);
const summary = () => ({ json: { memberCount: 1, pointsMinted: 0 } });

describe('API keys', () => {
  it('sends an API key (test_sk_) as the bearer, like the Org-API-Key', async () => {
    const api = await startApiServer(summary);
    await serverClient(api.baseUrl, { token: API_KEY }).analyticsSummary();
    await serverClient(api.baseUrl, { token: SANDBOX_KEY }).analyticsSummary();
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${API_KEY}`, `Bearer ${SANDBOX_KEY}`]);
  });

  it('refuses prod_sk_ with the sandbox and test_sk_ with production, sending nothing', async () => {
    const api = await startApiServer();
    const live = refusal(() => serverClient(api.baseUrl, { token: LIVE_API_KEY }));
    expect(live).toMatchObject({ reason: 'environment_mismatch' });
    expect(live.message).toContain('this API key is for production');
    expect(live.message).toContain('Use test_sk_… keys with sandbox');
    const test = refusal(() => serverClient(api.baseUrl, { token: API_KEY, environment: 'production', dangerouslyAllowInsecureHttp: true }));
    expect(test.message).toContain('Use prod_sk_… keys with production');
    expect(api.requests).toHaveLength(0);
  });

  it('refuses an API key whose checksum does not match, or of the wrong length, never quoting it', () => {
    const typo = `${API_KEY.slice(0, 15)}${API_KEY[15] === 'x' ? 'y' : 'x'}${API_KEY.slice(16)}`;
    const bad = refusal(() => serverClient('http://127.0.0.1:9', { token: typo }));
    expect(bad).toMatchObject({ reason: 'malformed_credential' });
    expect(bad.message).toContain('checksum of this API key does not match');
    expect(bad.message).not.toContain(typo.slice(8));
    const short = refusal(() => serverClient('http://127.0.0.1:9', { token: API_KEY.slice(0, -1) }));
    expect(short.message).toContain('expected test_sk_ followed by 32 letters and digits');
  });

  it('refuses an App Secret as the token, saying to pass it as app with the App ID', () => {
    const error = refusal(() => serverClient('http://127.0.0.1:9', { token: APP_SECRET }));
    expect(error).toMatchObject({ reason: 'wrong_credential' });
    expect(error.message).toContain('App Secret');
    expect(error.message).toContain('app: { appId, appSecret }');
    expect(error.message).toContain('Org-API-Key (expys_test_…) or an API key (test_sk_…)');
    expect(`${error.message}${error.stack}`).not.toContain(APP_SECRET.slice(7));
  });

  it('refuses a member token, naming both server keys', () => {
    const error = refusal(() => serverClient('http://127.0.0.1:9', { token: MEMBER_TOKEN }));
    expect(error.message).toContain('Org-API-Key (expys_test_…) or an API key (test_sk_…)');
    expect(error.message).toContain('@expys/member-client');
  });
});

describe('a key provider', () => {
  it('is asked on every call: a rotated key is used without a new client', async () => {
    const api = await startApiServer(summary);
    let current = API_KEY;
    let asked = 0;
    const expys = serverClient(api.baseUrl, {
      token: async () => {
        asked += 1;
        return current;
      },
    });
    expect(asked).toBe(0); // nothing asked before the first call
    await expys.analyticsSummary();
    current = NEXT_API_KEY; // the rotation: the new key is deployed
    await expys.analyticsSummary();
    await expys.analyticsSummary();
    expect(asked).toBe(3);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${API_KEY}`, `Bearer ${NEXT_API_KEY}`, `Bearer ${NEXT_API_KEY}`]);
  });

  it('may be synchronous', async () => {
    const api = await startApiServer(summary);
    await serverClient(api.baseUrl, { token: () => SANDBOX_KEY }).analyticsSummary();
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${SANDBOX_KEY}`);
  });

  it('after a 401 invalid_api_key, is asked once more and the call sent again with the new key (a POST too: nothing was done)', async () => {
    // The old key was revoked between the provider's answer and the request: the call survives the rotation.
    const api = await startApiServer((r) => (r.headers.authorization === `Bearer ${API_KEY}` ? problem(401, 'invalid_api_key') : { json: { balance: 100 } }));
    const keys = [API_KEY, NEXT_API_KEY];
    const expys = serverClient(api.baseUrl, { token: () => keys.shift() ?? NEXT_API_KEY });
    await expect(expys.creditPoints({ amount: 100, externalUserID: 'user_42', reason: 'welcome bonus' })).resolves.toEqual({ balance: 100 });
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${API_KEY}`, `Bearer ${NEXT_API_KEY}`]);
    // The same call, same Idempotency-Key.
    expect(api.requests[0].headers['idempotency-key']).toBe(api.requests[1].headers['idempotency-key']);
  });

  it('does not send the refused key again: the 401 stands', async () => {
    const api = await startApiServer(() => problem(401, 'invalid_api_key'));
    const error = await serverClient(api.baseUrl, { token: () => API_KEY }).analyticsSummary().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'invalid_api_key' });
    expect(api.requests).toHaveLength(1);
  });

  it('a fixed key is not asked again after a 401', async () => {
    const api = await startApiServer(() => problem(401, 'invalid_api_key'));
    await expect(serverClient(api.baseUrl, { token: API_KEY }).analyticsSummary()).rejects.toMatchObject({ code: 'invalid_api_key' });
    expect(api.requests).toHaveLength(1);
  });

  it('what it returns passes the same guards, per call, sending nothing when refused', async () => {
    const api = await startApiServer(summary);
    let value = MEMBER_TOKEN;
    const expys = serverClient(api.baseUrl, { token: () => value });
    await expect(expys.analyticsSummary()).rejects.toMatchObject({ reason: 'wrong_credential' });
    value = '';
    const empty = await rejection(expys.analyticsSummary());
    expect(empty).toMatchObject({ reason: 'missing_credential' });
    expect(empty.message).toContain('The token function returned an empty string');
    value = LIVE_API_KEY;
    await expect(expys.analyticsSummary()).rejects.toMatchObject({ reason: 'environment_mismatch' });
    expect(api.requests).toHaveLength(0);
    value = API_KEY;
    await expect(expys.analyticsSummary()).resolves.toMatchObject({ memberCount: 1 });
  });

  it('throwing: the call rejects with a CredentialError whose message has the key redacted, and no cause or stack of the original', async () => {
    const api = await startApiServer(summary);
    const secretManagerError = new Error(`could not parse ${API_KEY}, nor ${SANDBOX_KEY} (secret ${APP_SECRET})`);
    const expys = serverClient(api.baseUrl, {
      token: async () => {
        throw secretManagerError;
      },
    });
    const error = await rejection(expys.analyticsSummary());
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.reason).toBe('credential_provider_failed');
    expect(error.message).toBe('The token function threw: could not parse test_sk_[redacted], nor expys_test_[redacted] (secret secret_[redacted])');
    expect(error.cause).toBeUndefined();
    const everything = `${error.message}${error.stack}${JSON.stringify(error)}${String(error)}`;
    for (const secret of [API_KEY, SANDBOX_KEY, APP_SECRET]) expect(everything).not.toContain(secret.slice(-20));
    expect(api.requests).toHaveLength(0);
  });

  it('a thrown non-Error and a named error are reported too', async () => {
    const expys = serverClient('http://127.0.0.1:9', {
      token: () => {
        throw `vault sealed ${SANDBOX_KEY}`;
      },
    });
    await expect(expys.analyticsSummary()).rejects.toThrow('The token function threw: vault sealed expys_test_[redacted]');
    class VaultError extends Error {
      override name = 'VaultError';
    }
    const named = serverClient('http://127.0.0.1:9', {
      token: () => {
        throw new VaultError('sealed');
      },
    });
    await expect(named.analyticsSummary()).rejects.toThrow('The token function threw: VaultError: sealed');
  });

  it("is bounded by the call's timeout", async () => {
    const expys = serverClient('http://127.0.0.1:9', { token: () => new Promise<string>(() => {}), timeout: 50 });
    await expect(expys.analyticsSummary()).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('without a token', () => {
  it('is refused at initialize when app is not given either', () => {
    const error = refusal(() => initialize({ environment: 'sandbox' }));
    expect(error).toMatchObject({ reason: 'missing_credential' });
    expect(error.message).toContain('Set EXPYS_ORG_API_KEY');
  });

  it('with app only, the application methods work and the bearer methods reject saying what to set', async () => {
    const api = await startApiServer(() => ({ json: { appId: APP_ID } }));
    const expys = initialize({ baseUrl: api.baseUrl, environment: 'sandbox', app: { appId: APP_ID, appSecret: APP_SECRET } });
    await expect(expys.getApp()).resolves.toEqual({ appId: APP_ID });
    const error = await rejection(expys.analyticsSummary());
    expect(error).toMatchObject({ reason: 'missing_credential' });
    expect(error.message).toContain('Set EXPYS_ORG_API_KEY');
    expect(api.requests).toHaveLength(1);
  });
});
