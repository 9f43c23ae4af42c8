// `initialize` refuses a browser-like runtime at run time (the `browser` export condition covers
// bundlers; this covers a page that loads the Node build anyway), pointing to @expys/member-client.
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialError, initialize } from '../src/index.js';
import { SANDBOX_KEY, startApiServer } from './support.js';

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

const refusal = (fn: () => unknown): CredentialError => {
  try {
    fn();
  } catch (error) {
    return error as CredentialError;
  }
  throw new Error('expected a refusal');
};

describe('in a browser-like runtime', () => {
  it.each([
    ['a page (window + document)', { window: {}, document: {} }],
    ['a web worker (WorkerGlobalScope + importScripts)', { WorkerGlobalScope: class {}, importScripts: () => {} }],
  ])('initialize refuses %s, sending nothing, and says to use @expys/member-client and why', async (_, globals) => {
    const api = await startApiServer();
    pretend(globals);
    const error = refusal(() => initialize({ baseUrl: api.baseUrl, environment: 'sandbox', token: SANDBOX_KEY }));
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.reason).toBe('browser_environment');
    expect(error.message).toContain('@expys/sdk is for backends');
    expect(error.message).toContain('use @expys/member-client with a member token');
    expect(error.message).toContain('backend secrets');
    expect(error.message).not.toContain(SANDBOX_KEY.slice(11));
    expect(api.requests).toHaveLength(0);
  });

  it('refuses before looking at the options: no key at all is still "wrong place", not "missing key"', () => {
    pretend({ window: {}, document: {} });
    expect(refusal(() => initialize({ environment: 'sandbox' }))).toMatchObject({ reason: 'browser_environment' });
  });

  it('runs with the explicit opt-in for a server-side runtime that looks like a browser (jsdom)', async () => {
    const api = await startApiServer(() => ({ json: { memberCount: 2 } }));
    pretend({ window: {}, document: {} });
    const expys = initialize({ baseUrl: api.baseUrl, environment: 'sandbox', token: SANDBOX_KEY, dangerouslyAllowOrgApiKeyInBrowser: true });
    await expect(expys.analyticsSummary()).resolves.toEqual({ memberCount: 2 });
  });

  it('a window without a document (Deno, some SSR shims) is not a page', async () => {
    const api = await startApiServer(() => ({ json: { memberCount: 2 } }));
    pretend({ window: {} });
    await expect(initialize({ baseUrl: api.baseUrl, environment: 'sandbox', token: SANDBOX_KEY }).analyticsSummary()).resolves.toEqual({ memberCount: 2 });
  });
});

describe('on a backend', () => {
  it("is the server client: the documented calls with the key as the bearer", async () => {
    const api = await startApiServer(() => ({ json: { token: 'mt', expiresAt: '2026-03-14T09:45:00Z', enrolled: true } }));
    const expys = initialize({ baseUrl: api.baseUrl, environment: 'sandbox', token: SANDBOX_KEY });
    await expys.exchangeToken({ externalUserID: 'user_42' });
    expect(api.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([['POST', '/v1/auth/exchange', `Bearer ${SANDBOX_KEY}`]]);
    expect(api.requests[0].headers['expys-client']).toMatch(/^@expys\/server-client\//);
  });

  it("keeps the server client's guards: a member token is refused", () => {
    const memberToken = `mt_test_${'a'.repeat(40)}`;
    const error = refusal(() => initialize({ environment: 'sandbox', token: memberToken }));
    expect(error).toMatchObject({ reason: 'wrong_credential' });
    expect(error.message).toContain('member token');
  });
});
