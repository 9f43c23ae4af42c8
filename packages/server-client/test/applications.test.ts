// The application operations (getApp, rotateAppSecret, the API key methods) authenticate with
// HTTP Basic: `app: { appId, appSecret }`, never the bearer key; the App Secret may be a function.
import { describe, expect, it } from 'vitest';
import { refusal as refuse } from '../../client-core/test/support/refusal.js';
import { CredentialError, type ServerClient } from '../src/index.js';
import { API_KEY, APP_ID, APP_SECRET, NEXT_APP_SECRET, problem, rejection, SANDBOX_KEY, serverClient, startApiServer } from './support.js';

const refusal = (fn: () => unknown) => refuse<CredentialError>(fn);
const basic = (appId: string, secret: string) => `Basic ${Buffer.from(`${appId}:${secret}`).toString('base64')}`;
const keyRecord = { id: 'key_0123456789abcdef', name: 'job', scopes: ['member_read'], hint: 'test_sk_…AbCd', status: 'active' };

// Every application method, with arguments: the table is the spec's, so a method added there
// without auth "basic" fails here.
const calls: [string, (expys: ServerClient) => Promise<unknown>, string][] = [
  ['getApp', (e) => e.getApp(), 'GET /v1/app'],
  ['rotateAppSecret', (e) => e.rotateAppSecret({}), 'POST /v1/app/secret'],
  ['listApiKeys', (e) => e.listApiKeys({ limit: 10 }), 'GET /v1/app/keys?limit=10'],
  ['createApiKey', (e) => e.createApiKey({ name: 'job', scopes: ['member_read'] }), 'POST /v1/app/keys'],
  ['getApiKey', (e) => e.getApiKey('key_0123456789abcdef'), 'GET /v1/app/keys/key_0123456789abcdef'],
  ['revokeApiKey', (e) => e.revokeApiKey('key_0123456789abcdef', {}), 'POST /v1/app/keys/key_0123456789abcdef/revoke'],
];

describe('application methods', () => {
  it.each(calls)('%s sends the App ID and App Secret as HTTP Basic, not the key', async (_, call, request) => {
    const api = await startApiServer(() => ({ json: { data: [keyRecord], hasMore: false, nextCursor: null, ...keyRecord } }));
    const expys = serverClient(api.baseUrl, { token: SANDBOX_KEY, app: { appId: APP_ID, appSecret: APP_SECRET } });
    await call(expys);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([request]);
    expect(api.requests[0].headers.authorization).toBe(basic(APP_ID, APP_SECRET));
  });

  it('the bearer methods keep the key', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    await serverClient(api.baseUrl, { token: API_KEY, app: { appId: APP_ID, appSecret: APP_SECRET } }).analyticsSummary();
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('createApiKey and rotateAppSecret send an Idempotency-Key; revokeApiKey does not', async () => {
    const api = await startApiServer(() => ({ json: keyRecord }));
    const expys = serverClient(api.baseUrl, { app: { appId: APP_ID, appSecret: APP_SECRET } });
    await expys.createApiKey({ name: 'job', scopes: ['member_read'] });
    await expys.rotateAppSecret();
    await expys.revokeApiKey('key_0123456789abcdef', {});
    expect(api.requests.map((r) => Boolean(r.headers['idempotency-key']))).toEqual([true, true, false]);
  });

  it('without app: the call rejects naming the option, sending nothing', async () => {
    const api = await startApiServer();
    const error = await rejection(serverClient(api.baseUrl).listApiKeys());
    expect(error).toBeInstanceOf(CredentialError);
    expect(error).toMatchObject({ reason: 'missing_credential' });
    expect(error.message).toContain('app: { appId: process.env.EXPYS_APP_ID, appSecret: process.env.EXPYS_APP_SECRET }');
    expect(error.message).toContain('HTTP Basic');
    expect(api.requests).toHaveLength(0);
  });

  it('refuses a malformed App ID or App Secret at initialize, never quoting the secret', () => {
    expect(refusal(() => serverClient('http://127.0.0.1:9', { app: { appId: 'app_short', appSecret: APP_SECRET } })).message).toContain('app.appId is not an App ID');
    const typo = `${APP_SECRET.slice(0, 12)}${APP_SECRET[12] === 'x' ? 'y' : 'x'}${APP_SECRET.slice(13)}`;
    const bad = refusal(() => serverClient('http://127.0.0.1:9', { app: { appId: APP_ID, appSecret: typo } }));
    expect(bad).toMatchObject({ reason: 'malformed_credential' });
    expect(bad.message).toContain('checksum of this App Secret does not match');
    expect(bad.message).not.toContain(typo.slice(7));
    const key = refusal(() => serverClient('http://127.0.0.1:9', { app: { appId: APP_ID, appSecret: API_KEY } }));
    expect(key).toMatchObject({ reason: 'wrong_credential' });
    expect(key.message).toContain('app.appSecret is an API key, not the App Secret');
  });

  describe('app credentials read from an unset environment variable (string | undefined)', () => {
    const unset: string | undefined = process.env.EXPYS_TEST_VARIABLE_THAT_IS_NEVER_SET;

    it.each([
      ['the App ID undefined', { appId: unset, appSecret: APP_SECRET }, 'No App ID in app.appId', 'EXPYS_APP_ID'],
      ['the App ID empty', { appId: '', appSecret: APP_SECRET }, 'No App ID in app.appId', 'EXPYS_APP_ID'],
      ['the App Secret undefined', { appId: APP_ID, appSecret: unset }, 'No App Secret in app.appSecret', 'EXPYS_APP_SECRET'],
      ['the App Secret empty', { appId: APP_ID, appSecret: '' }, 'No App Secret in app.appSecret', 'EXPYS_APP_SECRET'],
      ['both undefined', { appId: unset, appSecret: unset }, 'No App ID in app.appId', 'EXPYS_APP_SECRET'],
    ])('%s: initialize passes, the bearer methods work, an application method rejects naming the option, sending nothing', async (_, app, says, variable) => {
      const api = await startApiServer(() => ({ json: {} }));
      const expys = serverClient(api.baseUrl, { token: API_KEY, app });
      await expys.analyticsSummary();
      expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${API_KEY}`]);
      for (const call of [() => expys.getApp(), () => expys.listApiKeys(), () => expys.rotateAppSecret({})]) {
        const error = await rejection(call());
        expect(error).toBeInstanceOf(CredentialError);
        expect(error).toMatchObject({ reason: 'missing_credential' });
        expect(error.message).toContain(says);
        expect(error.message).toContain(variable);
        expect(error.message).not.toContain(APP_SECRET);
      }
      expect(api.requests).toHaveLength(1);
    });

    it('without a token either, initialize passes and each kind of method says what it misses', async () => {
      const api = await startApiServer();
      const expys = serverClient(api.baseUrl, { token: undefined, app: { appId: unset, appSecret: unset } });
      expect(await rejection(expys.getApp())).toMatchObject({ reason: 'missing_credential', message: expect.stringContaining('No App ID in app.appId') });
      expect(await rejection(expys.analyticsSummary())).toMatchObject({ reason: 'missing_credential', message: expect.stringContaining('No server key') });
      expect(api.requests).toHaveLength(0);
    });

    it('a value that is there but wrong still fails at initialize', () => {
      expect(refusal(() => serverClient('http://127.0.0.1:9', { app: { appId: 'app_short', appSecret: unset } }))).toMatchObject({ reason: 'malformed_credential' });
      expect(refusal(() => serverClient('http://127.0.0.1:9', { app: { appId: unset, appSecret: API_KEY } }))).toMatchObject({ reason: 'wrong_credential' });
    });
  });

  it('a secret provider is asked on every call: after rotateAppSecret, the new secret is used by the same client', async () => {
    const api = await startApiServer((r) => (r.pathname === '/v1/app/secret' ? { json: { appId: APP_ID, appSecret: NEXT_APP_SECRET } } : { json: { appId: APP_ID } }));
    let secret = APP_SECRET;
    const expys = serverClient(api.baseUrl, { app: { appId: APP_ID, appSecret: async () => secret } });
    const rotated = (await expys.rotateAppSecret({})) as { appSecret: string };
    secret = rotated.appSecret;
    await expys.getApp();
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([basic(APP_ID, APP_SECRET), basic(APP_ID, NEXT_APP_SECRET)]);
  });

  it('after a 401 invalid_app_credentials, a secret provider is asked once more', async () => {
    const api = await startApiServer((r) => (r.headers.authorization === basic(APP_ID, APP_SECRET) ? problem(401, 'invalid_app_credentials') : { json: { appId: APP_ID } }));
    const secrets = [APP_SECRET, NEXT_APP_SECRET];
    const expys = serverClient(api.baseUrl, { app: { appId: APP_ID, appSecret: () => secrets.shift() ?? NEXT_APP_SECRET } });
    await expect(expys.getApp()).resolves.toEqual({ appId: APP_ID });
    expect(api.requests).toHaveLength(2);
  });

  it('a throwing secret provider: redacted message, sending nothing', async () => {
    const expys = serverClient('http://127.0.0.1:9', {
      app: {
        appId: APP_ID,
        appSecret: () => {
          throw new Error(`bad secret ${APP_SECRET}`);
        },
      },
    });
    const error = await rejection(expys.getApp());
    expect(error).toMatchObject({ reason: 'credential_provider_failed', message: 'The appSecret function threw: bad secret secret_[redacted]' });
  });

  it('hooks and logs show Basic [redacted], and the App Secret never appears in them or in errors', async () => {
    const api = await startApiServer(() => problem(403, 'app_credentials_required', `echo Basic ${Buffer.from(`${APP_ID}:${APP_SECRET}`).toString('base64')} and ${APP_SECRET}`));
    const lines: string[] = [];
    const seen: unknown[] = [];
    const log = (line: string) => lines.push(line);
    const expys = serverClient(api.baseUrl, {
      app: { appId: APP_ID, appSecret: APP_SECRET },
      hooks: { onRequest: (e) => void seen.push(e.headers) },
      logger: { debug: log, info: log, warn: log, error: log },
      logLevel: 'debug',
    });
    const error = await rejection<Error>(expys.getApp());
    expect(seen).toEqual([expect.objectContaining({ authorization: 'Basic [redacted]' })]);
    const everything = `${lines.join('\n')}${JSON.stringify(seen)}${error.message}${JSON.stringify(error)}`;
    expect(everything).not.toContain(APP_SECRET.slice(7));
    expect(everything).not.toContain(Buffer.from(`${APP_ID}:${APP_SECRET}`).toString('base64'));
    expect(error.message).toContain('echo Basic [redacted] and secret_[redacted]');
  });
});
