// The credential kinds the credentials page documents: API keys (test_sk_/prod_sk_), the App
// Secret (secret_, no environment), the App ID (public, no checksum), and HTTP Basic application
// credentials.
import { describe, expect, it } from 'vitest';
import {
  appIdFromEntropy,
  credentialFromEntropy,
  findCredentials,
  mintAppId,
  mintCredential,
  readAppCredentials,
  readBearer,
  SERVER_SECRET_KINDS,
  verifyCredential,
} from '../src/index.js';

const apiKey = credentialFromEntropy('api-key', 'sandbox', 'NightlyPointsJobKey0000000');
const liveApiKey = credentialFromEntropy('api-key', 'production', 'LiveApiKeyNotForTheMock000');
const appSecret = credentialFromEntropy('app-secret', 'sandbox', 'SandboxSampleAppSecret0000');
const appId = appIdFromEntropy('SandboxSampleApp');
const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

describe('API keys', () => {
  it('carry their environment in the prefix and a checksum', () => {
    expect(apiKey).toMatch(/^test_sk_[A-Za-z0-9]{32}$/);
    expect(liveApiKey).toMatch(/^prod_sk_[A-Za-z0-9]{32}$/);
    expect(verifyCredential(apiKey)).toEqual({ kind: 'api-key', environment: 'sandbox', wellFormed: true, checksumValid: true });
    expect(verifyCredential(liveApiKey)).toMatchObject({ kind: 'api-key', environment: 'production', checksumValid: true });
    expect(verifyCredential(`${apiKey.slice(0, -1)}${apiKey.endsWith('a') ? 'b' : 'a'}`)).toMatchObject({ checksumValid: false });
  });

  it('a test key edited into a live one fails its checksum', () => {
    expect(verifyCredential(apiKey.replace('test_sk_', 'prod_sk_'))).toMatchObject({ kind: 'api-key', environment: 'production', checksumValid: false });
  });

  it('are read from a bearer header and minted at random', () => {
    expect(readBearer(`Bearer ${apiKey}`)).toEqual({ kind: 'api-key', environment: 'sandbox', value: apiKey });
    const minted = mintCredential('api-key', 'production');
    expect(verifyCredential(minted)).toMatchObject({ kind: 'api-key', environment: 'production', checksumValid: true });
  });
});

describe('the App Secret', () => {
  it('names no environment, and is checksummed', () => {
    expect(appSecret).toMatch(/^secret_[A-Za-z0-9]{32}$/);
    expect(verifyCredential(appSecret)).toEqual({ kind: 'app-secret', wellFormed: true, checksumValid: true });
    expect(readBearer(`Bearer ${appSecret}`)).toEqual({ kind: 'app-secret', value: appSecret });
    expect(verifyCredential(mintCredential('app-secret', 'production'))).toEqual({ kind: 'app-secret', wellFormed: true, checksumValid: true });
  });

  it('is one of the server secrets, with the keys', () => {
    expect([...SERVER_SECRET_KINDS].sort()).toEqual(['api-key', 'app-secret', 'org-api-key']);
  });
});

describe('findCredentials', () => {
  it('finds API keys and App Secrets and tells look-alikes apart', () => {
    const text = `const a = "${apiKey}"; b = '${appSecret}'; c = "secret_sauce"; d = "test_sk_abc123def456ghi789"; e = "${liveApiKey.slice(0, -1)}x"`;
    const found = findCredentials(text).map(({ kind, environment, checksumValid }) => ({ kind, environment, checksumValid }));
    expect(found).toEqual([
      { kind: 'api-key', environment: 'sandbox', checksumValid: true },
      { kind: 'app-secret', environment: undefined, checksumValid: true },
      { kind: 'api-key', environment: 'production', checksumValid: liveApiKey.endsWith('x') },
    ]);
  });
});

describe('the App ID and Basic application credentials', () => {
  it('the App ID is app_ + 16 letters or digits', () => {
    expect(appId).toBe('app_SandboxSampleApp');
    expect(mintAppId()).toMatch(/^app_[A-Za-z0-9]{16}$/);
    expect(() => appIdFromEntropy('short')).toThrow(RangeError);
  });

  it('reads App ID:App Secret from HTTP Basic', () => {
    expect(readAppCredentials(basic(appId, appSecret))).toEqual({ kind: 'app-credentials', appId, appSecret });
    expect(readAppCredentials(`basic   ${btoa(`${appId}:${appSecret}`)}  `)).toEqual({ kind: 'app-credentials', appId, appSecret });
  });

  it('says what is wrong, never echoing the secret', () => {
    const cases: [string | undefined, RegExp][] = [
      [undefined, /missing/],
      [`Bearer ${apiKey}`, /not "Basic/],
      ['Basic !!!', /not "Basic/],
      [`Basic ${btoa('no-colon')}`, /no ":"/],
      [basic('app_short', appSecret), /not an App ID/],
      [basic(appId, apiKey), /not an App Secret/],
      [basic(appId, `${appSecret}0`), /exactly 32/],
      [basic(appId, `${appSecret.slice(0, -1)}${appSecret.endsWith('a') ? 'b' : 'a'}`), /checksum/],
    ];
    for (const [header, reason] of cases) {
      const result = readAppCredentials(header);
      const text = JSON.stringify(result);
      if (header === undefined) expect(result).toEqual({ kind: 'missing' });
      else expect(result.kind === 'malformed' && reason.test(result.reason), `${header}: ${text}`).toBe(true);
      expect(text.includes(appSecret.slice(7, 20))).toBe(false);
    }
  });
});
