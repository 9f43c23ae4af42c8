// The credentials of issue 21 in the shared runtime: API keys (test_sk_/prod_sk_) and App
// Secrets (secret_) recognised and redacted, HTTP Basic for the operations whose table entry
// says so, and a credential source that answers other 401 codes than token_expired.
import { checksum, credentialFromEntropy } from '@expys/credentials';
import { describe, expect, it } from 'vitest';
import { createRedactor, credentialShape, ExpysConfigError, type CredentialSource } from '../src/index.js';
import { startApiServer, problem } from './support/api-server.js';
import { environments, fakeClient, operations } from './support/fake-api.js';

const b62 = (n: number) => 'aZ09'.repeat(n).slice(0, n);
const API_KEY = credentialFromEntropy('api-key', 'sandbox', b62(26));
const LIVE_API_KEY = credentialFromEntropy('api-key', 'production', b62(26));
const APP_SECRET = credentialFromEntropy('app-secret', 'sandbox', b62(26));

describe('credentialShape', () => {
  it.each([
    [API_KEY, { kind: 'api-key', environment: 'sandbox', wellFormed: true, checksumMismatch: false }],
    // The environment of an API key follows the table's `live` flag: prod_sk_ is the live environment's.
    [LIVE_API_KEY, { kind: 'api-key', environment: 'production', wellFormed: true, checksumMismatch: false }],
    [API_KEY.replace('test_sk_', 'prod_sk_'), { kind: 'api-key', environment: 'production', wellFormed: false, checksumMismatch: true }],
    [API_KEY.slice(0, -1), { kind: 'api-key', environment: 'sandbox', wellFormed: false, checksumMismatch: false }],
    [APP_SECRET, { kind: 'app-secret', environment: undefined, wellFormed: true, checksumMismatch: false }],
    [`secret_${b62(26)}${checksum(`secret_${b62(25)}x`)}`, { kind: 'app-secret', wellFormed: false, checksumMismatch: true }],
    ['secret_abc', { kind: 'app-secret', wellFormed: false, checksumMismatch: false }],
  ])('%s', (token, shape) => {
    expect(credentialShape(token, environments)).toEqual(shape);
  });

  it('knows a prod_sk_ key even when the table has no live environment', () => {
    const sandboxOnly = { sandbox: environments.sandbox };
    expect(credentialShape(LIVE_API_KEY, sandboxOnly)).toEqual({ kind: 'api-key', environment: undefined, wellFormed: false, checksumMismatch: false });
  });
});

describe('redaction', () => {
  const redact = createRedactor(environments);
  it('covers API keys, App Secrets and HTTP Basic application credentials', () => {
    const basic = btoa(`app_SandboxSampleApp:${APP_SECRET}`);
    expect(redact(`keys ${API_KEY}, ${LIVE_API_KEY}; secret ${APP_SECRET}; Authorization: Basic ${basic}`)).toBe(
      'keys test_sk_[redacted], prod_sk_[redacted]; secret secret_[redacted]; Authorization: Basic [redacted]',
    );
  });
  it('leaves "basic" in prose alone', () => {
    expect(redact('use basic auth with the App ID')).toBe('use basic auth with the App ID');
  });
  it('a header carrying an API key or an App Secret is refused, never quoted', async () => {
    for (const value of [API_KEY, APP_SECRET]) {
      const error = await fakeClient('http://127.0.0.1:9', { headers: { 'x-api-key': value } }).getThing('a').catch((e: Error) => e);
      expect(error).toBeInstanceOf(ExpysConfigError);
      expect(error.message).not.toContain(value.slice(8));
    }
  });
});

describe('HTTP Basic operations', () => {
  const table = { ...operations, getApp: { method: 'GET', path: '/v1/app', pathParams: [], hasBody: false, hasQuery: false, idempotent: false, paginated: false, auth: 'basic' } } as const;
  const basicSource: CredentialSource = { current: async () => btoa(`app_SandboxSampleApp:${APP_SECRET}`) };

  it('send `Basic <basicCredentials>`; the others keep the bearer', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const client = fakeClient(api.baseUrl, { operations: table, basicCredentials: basicSource }) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await client.getApp();
    await client.getThing('a');
    expect(api.requests.map((r) => r.headers.authorization?.split(' ')[0])).toEqual(['Basic', 'Bearer']);
    expect(api.requests[0].headers.authorization).toBe(`Basic ${btoa(`app_SandboxSampleApp:${APP_SECRET}`)}`);
  });

  it('reject without basicCredentials, sending nothing', async () => {
    const api = await startApiServer();
    const client = fakeClient(api.baseUrl, { operations: table }) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await expect(client.getApp()).rejects.toThrow('getApp authenticates with HTTP Basic');
    expect(api.requests).toHaveLength(0);
  });
});

describe('refreshOn', () => {
  const rotating = (keys: string[], refreshOn?: string[]): CredentialSource => {
    const next = async () => keys[0]!;
    return { current: next, refresh: async () => (keys.length > 1 ? keys.shift()! && keys[0]! : keys[0]!), ...(refreshOn ? { refreshOn } : {}) };
  };

  it('a source names the 401 codes that ask it for a new credential', async () => {
    const api = await startApiServer((r) => (r.headers.authorization === 'Bearer old-key-0000' ? problem(401, 'invalid_api_key') : { json: { ok: true } }));
    const client = fakeClient(api.baseUrl, { credentials: rotating(['old-key-0000', 'new-key-0000'], ['invalid_api_key']) });
    await expect(client.createThing({})).resolves.toEqual({ ok: true });
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer old-key-0000', 'Bearer new-key-0000']);
  });

  it('by default only token_expired does', async () => {
    const api = await startApiServer(() => problem(401, 'invalid_api_key'));
    const client = fakeClient(api.baseUrl, { credentials: rotating(['old-key-0000', 'new-key-0000']) });
    await expect(client.getThing('a')).rejects.toMatchObject({ code: 'invalid_api_key' });
    expect(api.requests).toHaveLength(1);
  });

  it('the credential just refused is not sent again', async () => {
    const api = await startApiServer(() => problem(401, 'token_expired'));
    const client = fakeClient(api.baseUrl, { credentials: rotating(['same-token-00']) });
    await expect(client.getThing('a')).rejects.toMatchObject({ code: 'token_expired' });
    expect(api.requests).toHaveLength(1);
  });
});
