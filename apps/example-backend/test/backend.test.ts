// The example backend against the real mock: sign-in, minting, and the Org-API-Key never in
// anything the backend sends to a browser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SAMPLE_CREDENTIALS, startMock, type RunningMock } from '@expys/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig, startExampleBackend, type RunningBackend, type TokenGrantSummary } from '../src/index.js';

const ORG_API_KEY = SAMPLE_CREDENTIALS.fullAccessKey;
const MEMBER_TOKEN = /^mt_test_[A-Za-z0-9]{40}$/;

let mock: RunningMock;
let backend: RunningBackend;
let webRoot: string;
const mints: TokenGrantSummary[] = [];
/** Every body and header value the backend sent in this file, to prove the key is in none. */
const sent: string[] = [];

async function call(pathname: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.body) headers.set('content-type', 'application/json');
  const response = await fetch(new URL(pathname, backend.url), { ...init, headers });
  const text = await response.text();
  sent.push(text, ...[...response.headers].map(([name, value]) => `${name}: ${value}`));
  return { response, text, json: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

async function signIn(userId = 'user_123'): Promise<string> {
  const { response } = await call('/api/session', { method: 'POST', body: JSON.stringify({ userId }) });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  return cookie.split(';')[0]!;
}

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  webRoot = mkdtempSync(path.join(tmpdir(), 'example-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
  backend = await startExampleBackend(
    { orgApiKey: ORG_API_KEY, environment: 'sandbox', expysBaseUrl: mock.url, webRoot, host: '127.0.0.1', port: 0 },
    { onMint: (grant) => mints.push(grant) },
  );
});

afterAll(async () => {
  await backend?.stop();
  await mock?.stop();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('sign-in and member tokens', () => {
  it('mints a member token for the signed-in user, and nothing else', async () => {
    const cookie = await signIn();
    const session = await call('/api/session', { cookie });
    expect(session.json).toMatchObject({ externalUserID: 'user_123' });

    const before = mints.length;
    const { response, json } = await call('/api/expys-token', { method: 'POST', cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(json).sort()).toEqual(['expiresAt', 'token']);
    expect(json.token).toMatch(MEMBER_TOKEN);
    expect(Number.isNaN(Date.parse(json.expiresAt))).toBe(false);
    expect(mints.slice(before)).toEqual([{ externalUserID: 'user_123', expiresAt: json.expiresAt }]);
  });

  it('refuses to mint without a session, and after sign-out', async () => {
    const anonymous = await call('/api/expys-token', { method: 'POST' });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.json.error).toBe('signed_out');

    const cookie = await signIn();
    expect((await call('/api/session', { method: 'DELETE', cookie })).response.status).toBe(204);
    expect((await call('/api/expys-token', { method: 'POST', cookie })).response.status).toBe(401);
    expect((await call('/api/session', { cookie })).response.status).toBe(401);
  });

  it('refuses a user id Expys would refuse, before calling it', async () => {
    for (const userId of ['', 'has space', 'x'.repeat(129), 42]) {
      const { response, json } = await call('/api/session', { method: 'POST', body: JSON.stringify({ userId }) });
      expect(response.status, String(userId)).toBe(400);
      expect(json.error).toBe('invalid_user_id');
    }
  });

  it('tells the app where the Expys API is, without any credential', async () => {
    const { json } = await call('/api/config');
    expect(json).toEqual({ environment: 'sandbox', expysBaseUrl: mock.url });
  });

  it('serves the app, with client-side routes falling back to index.html and unknown API routes a 404', async () => {
    expect((await call('/')).text).toContain('<title>app</title>');
    expect((await call('/offers/deep/link')).text).toContain('<title>app</title>');
    expect((await call('/api/nope')).response.status).toBe(404);
  });
});

describe('when Expys fails', () => {
  it('answers 502 with a generic message and stops the failure at the backend', async () => {
    const down = await startExampleBackend(
      // A closed port: connections are refused at once.
      { orgApiKey: ORG_API_KEY, environment: 'sandbox', expysBaseUrl: 'http://127.0.0.1:9', webRoot: undefined, host: '127.0.0.1', port: 0 },
    );
    try {
      const response = await fetch(new URL('/api/session', down.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'user_123' }) });
      const text = await response.text();
      sent.push(text);
      expect(response.status).toBe(502);
      expect(JSON.parse(text).error).toBe('expys_unavailable');
    } finally {
      await down.stop();
    }
  });
});

describe('configuration', () => {
  it('says which variable to set when the Org-API-Key is missing, and where it belongs', () => {
    expect(() => readConfig({})).toThrow(ConfigError);
    expect(() => readConfig({})).toThrow(/EXPYS_ORG_API_KEY.*never be given to the app/);
    expect(() => readConfig({ EXPYS_ORG_API_KEY: ORG_API_KEY, EXPYS_ENVIRONMENT: 'staging' })).toThrow(/sandbox.*production/);
  });
});

describe('the boundary', () => {
  it('never sent the Org-API-Key in any body or header', () => {
    expect(sent.length).toBeGreaterThan(20);
    for (const text of sent) expect(text).not.toContain(ORG_API_KEY);
    expect(sent.join('\n')).not.toMatch(/expys_(test|live)_/);
  });
});
