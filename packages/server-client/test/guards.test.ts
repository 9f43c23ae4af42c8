// The server client refuses, before sending anything: member tokens, mixed environments, a
// missing key, and running where users can read the key (browsers, web workers).
import { afterEach, describe, expect, it } from 'vitest';
import { refusal as refuse } from '../../client-core/test/support/refusal.js';
import { CredentialError, initialize } from '../src/index.js';
import { isBrowserLike } from '../src/runtime.js';
import { LIVE_KEY, LIVE_MEMBER_TOKEN, MEMBER_TOKEN, SANDBOX_KEY, serverClient, startApiServer } from './support.js';

const refusal = (fn: () => unknown) => refuse<CredentialError>(fn);

describe('credentials', () => {
  it.each([MEMBER_TOKEN, LIVE_MEMBER_TOKEN])('refuses a member token (%#), sending nothing', async (token) => {
    const api = await startApiServer();
    const error = refusal(() => serverClient(api.baseUrl, { token }));
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.reason).toBe('wrong_credential');
    expect(error.message).toContain('member token');
    expect(error.message).toContain('EXPYS_ORG_API_KEY');
    expect(api.requests).toHaveLength(0);
  });

  it('refuses expys_live_ with the sandbox and expys_test_ with production', async () => {
    const api = await startApiServer();
    expect(refusal(() => serverClient(api.baseUrl, { token: LIVE_KEY, environment: 'sandbox' }))).toMatchObject({ reason: 'environment_mismatch' });
    const other = refusal(() => serverClient(api.baseUrl, { token: SANDBOX_KEY, environment: 'production' }));
    expect(other).toMatchObject({ reason: 'environment_mismatch' });
    expect(other.message).toContain('Use expys_live_… keys with production');
    expect(api.requests).toHaveLength(0);
  });

  it.each([undefined, ''])('says what to set, and that it belongs on a backend only, when the key is missing (%j)', async (token) => {
    const error = refusal(() => initialize({ environment: 'sandbox', token }));
    expect(error).toMatchObject({ reason: 'missing_credential' });
    expect(error.message).toContain('Set EXPYS_ORG_API_KEY');
    expect(error.message).toContain('belongs on your backend only');
  });

  it.each([`Bearer ${SANDBOX_KEY}`, `${SANDBOX_KEY} `, SANDBOX_KEY.slice(0, -2), 'sk_live_something'])('refuses a malformed key (%#)', (token) => {
    expect(refusal(() => serverClient('http://127.0.0.1:9', { token }))).toMatchObject({ reason: 'malformed_credential' });
  });

  it.each([
    ['one character mistyped', `${SANDBOX_KEY.slice(0, 20)}${SANDBOX_KEY[20] === 'x' ? 'y' : 'x'}${SANDBOX_KEY.slice(21)}`, 'sandbox'],
    ['the old format, 32 random characters without a checksum', `expys_test_${'Xk29d'.repeat(7).slice(0, 32)}`, 'sandbox'],
    ['a test key edited into a live one', SANDBOX_KEY.replace('expys_test_', 'expys_live_'), 'production'],
  ] as const)('refuses a key whose checksum does not match (%s), sending nothing', async (_, token, environment) => {
    const api = await startApiServer();
    const error = refusal(() => serverClient(api.baseUrl, { token, environment, dangerouslyAllowInsecureHttp: true }));
    expect(error).toMatchObject({ reason: 'malformed_credential' });
    expect(error.message).toContain('checksum of this Org-API-Key does not match');
    expect(error.message).toContain('mistyped');
    expect(error.message).not.toContain(token.slice(11));
    expect(api.requests).toHaveLength(0);
  });

  it('never puts the key in the refusal', () => {
    const error = refusal(() => serverClient('http://127.0.0.1:9', { token: LIVE_KEY }));
    expect(`${error.message}${error.stack}${JSON.stringify(error)}`).not.toContain(LIVE_KEY.slice(11));
  });
});

describe('browser-like environments', () => {
  const scope = globalThis as Record<string, unknown>;
  const added: string[] = [];
  const pretend = (globals: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(globals)) {
      scope[name] = value;
      added.push(name);
    }
  };
  afterEach(() => {
    for (const name of added.splice(0)) delete scope[name];
  });

  it('is not browser-like under Node', () => {
    expect(isBrowserLike()).toBe(false);
  });

  it.each([
    ['a page (window + document)', { window: {}, document: {} }],
    ['a web worker (WorkerGlobalScope + importScripts)', { WorkerGlobalScope: class {}, importScripts: () => {} }],
  ])('refuses to run in %s, sending nothing', async (_, globals) => {
    const api = await startApiServer();
    pretend(globals);
    const error = refusal(() => serverClient(api.baseUrl));
    expect(error).toMatchObject({ reason: 'browser_environment' });
    expect(error.message).toContain('dangerouslyAllowOrgApiKeyInBrowser');
    expect(api.requests).toHaveLength(0);
  });

  it('runs there with the explicit opt-in', async () => {
    const api = await startApiServer(() => ({ json: { memberCount: 3 } }));
    pretend({ window: {}, document: {} });
    const expys = serverClient(api.baseUrl, { dangerouslyAllowOrgApiKeyInBrowser: true });
    await expect(expys.analyticsSummary()).resolves.toEqual({ memberCount: 3 });
  });

  it('does not mistake a window without a document (Deno, some SSR shims) for a page', () => {
    pretend({ window: {} });
    expect(isBrowserLike()).toBe(false);
  });
});
