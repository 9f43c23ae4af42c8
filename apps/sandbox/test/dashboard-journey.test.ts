// The dashboard's journey in a real headless Chromium against a real sandbox (the built CLI,
// --memory, a free port on 127.0.0.1): sign in with the sandbox's Org-API-Key, create an API key
// with a scope through the page, read it from the page, use it with @expys/server-client (200),
// revoke it through the page, and the same call gets 401 invalid_api_key. The page never keeps
// the Org-API-Key: not in localStorage, sessionStorage or a cookie it can read; its only cookie
// is the HttpOnly session, which holds a random id.
import { AuthenticationError, initialize } from '@expys/server-client';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../../../scripts/testing/chromium.js';
import { defaultDashboardDir } from '../src/dashboard/static.js';
import { startProcess, type SandboxProcess } from './support/process.js';

const dist = defaultDashboardDir();
if (!dist || !existsSync(path.join(dist, 'index.html'))) {
  throw new Error(`The dashboard is not built (${dist ?? '@expys/sandbox-dashboard not installed'}): run \`sh scripts/pnpm.sh --filter @expys/sandbox-dashboard build\` first (turbo builds it before the sandbox's tests).`);
}

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

let sandbox: SandboxProcess;
let browser: LaunchedChromium;
let orgApiKey: string;

beforeAll(async () => {
  sandbox = await startProcess(['--memory', '--host', '127.0.0.1']);
  expect(new URL(sandbox.url).hostname).toBe('127.0.0.1');
  // The first start prints its Org-API-Key once; that is what a developer pastes.
  orgApiKey = /^\s+(expys_test_[A-Za-z0-9]+)\s+full access/m.exec(sandbox.output())![1]!;
  expect(sandbox.output()).toContain(`Dashboard: ${sandbox.url}/_dashboard/`);
  browser = await launchChromium({ name: 'sandbox-dashboard' });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

/** What the page keeps where scripts can read it: web storage and the cookies it can see. */
const pageStorage = (page: Page) =>
  page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), cookie: document.cookie }));

describe('the developer dashboard in Chromium', () => {
  it('signs in with the Org-API-Key, creates an API key that works with the server client, revokes it: 401 invalid_api_key', async () => {
    const page = await browser.context.newPage();
    const requests: Recorded[] = [];
    const pending: Promise<unknown>[] = [];
    const errors: string[] = [];
    page.on('request', (request: Request) => {
      pending.push(request.allHeaders().then((headers) => requests.push({ method: request.method(), url: request.url(), headers, body: request.postData() })));
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${sandbox.url}/_dashboard/`);
    await page.getByLabel('Org-API-Key').fill(orgApiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('key-hint').textContent()).toBe(`${orgApiKey.slice(0, 'expys_test_'.length + 4)}…`);
    // The field is emptied: the key is no longer in the page.
    expect(await page.content()).not.toContain(orgApiKey);

    // The session cookie: HttpOnly, SameSite=Strict, for /_sandbox only, a random id (not the key).
    // (Listed for a URL under /_sandbox/: the browser sends it nowhere else, the page included.)
    expect(await browser.context.cookies(`${sandbox.url}/_dashboard/`)).toEqual([]);
    const cookies = await browser.context.cookies(`${sandbox.url}/_sandbox/`);
    expect(cookies.map((c) => [c.name, c.path, c.httpOnly, c.sameSite])).toEqual([['expys_dashboard_session', '/_sandbox', true, 'Strict']]);
    expect(cookies[0]!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookies[0]!.value).not.toContain(orgApiKey);

    // Applications: create an API key with one scope (the list of scopes comes from the sandbox).
    const form = page.getByRole('form', { name: 'Create API key' });
    await form.getByLabel('Name').fill('Journey key');
    await form.getByLabel('member_read').check();
    await form.getByRole('button', { name: 'Create API key' }).click();
    const revealed = page.getByTestId('revealed-secret');
    await revealed.waitFor();
    const apiKey = (await revealed.textContent())!.trim();
    expect(apiKey).toMatch(/^test_sk_[A-Za-z0-9]{32}$/);
    expect(await page.getByRole('button', { name: 'Copy', exact: true }).count()).toBe(1);
    const row = page.getByTestId('api-key').filter({ hasText: 'Journey key' });
    await expect.poll(() => row.getByTestId('key-status').textContent()).toBe('active');
    expect(await row.textContent()).toContain(`test_sk_…${apiKey.slice(-4)}`);
    expect(await row.textContent()).toContain('member_read');

    // Revealed once: dismissed, it is gone from the page (the list shows the hint only).
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect.poll(async () => (await page.content()).includes(apiKey)).toBe(false);

    // The key works with the server client, for what its scope allows.
    const backend = initialize({ environment: 'sandbox', baseUrl: sandbox.url, token: apiKey });
    const { data: member, response } = await backend.getMember('user_123').withResponse();
    expect(response.status).toBe(200);
    expect(member.externalUserID).toBe('user_123');

    // Revoked through the page: the same call is refused.
    await page.getByRole('button', { name: 'Revoke Journey key now' }).click();
    await expect.poll(() => row.getByTestId('key-status').textContent()).toBe('revoked');
    const refused = await backend.getMember('user_123').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused).toMatchObject({ status: 401, code: 'invalid_api_key' });

    // The page never stored the Org-API-Key (nor the API key) where a script could read it.
    const stored = await pageStorage(page);
    for (const secret of [orgApiKey, apiKey]) {
      expect(stored.local).not.toContain(secret);
      expect(stored.session).not.toContain(secret);
      expect(stored.cookie).not.toContain(secret);
    }
    expect(stored.cookie).toBe('');

    // On the wire: the Org-API-Key left the page once, in the sign-in body; no request carried an
    // Authorization header; every request that changed state carried X-Expys-Dashboard: 1.
    await Promise.all(pending);
    const controlPlane = requests.filter((r) => r.url.startsWith(`${sandbox.url}/_sandbox/`));
    expect(controlPlane.filter((r) => JSON.stringify(r).includes(orgApiKey)).map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${sandbox.url}/_sandbox/session`]);
    for (const request of requests) expect(request.headers.authorization, request.url).toBeUndefined();
    for (const request of controlPlane.filter((r) => r.method !== 'GET')) expect(request.headers['x-expys-dashboard'], request.url).toBe('1');
    expect(errors).toEqual([]);

    // Signing out ends the session: the sign-in form again, and the session no longer works.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Org-API-Key').waitFor();
    const session = await page.evaluate(async () => (await fetch('/_sandbox/session')).status);
    expect(session).toBe(401);
    await page.close();
  });

  it('every page works against the real sandbox, a reload stays on its page, and the page breaks none of its security headers', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // The only failed load the dashboard expects: GET /_sandbox/session before signing in (401).
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${sandbox.url}/_dashboard/members`);
    await page.getByLabel('Org-API-Key').fill(orgApiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Members: the seed's user_123 with its balance, and its ledger.
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    const user = page.getByTestId('member').filter({ hasText: 'user_123' });
    const points = (await user.getByTestId('points').textContent())!;
    await page.getByRole('button', { name: 'Ledger of user_123' }).click();
    await expect.poll(() => page.getByTestId('ledger-balance').textContent()).toBe(points);
    expect(await page.getByRole('table', { name: 'Ledger of user_123' }).getByRole('row').count()).toBeGreaterThan(1);

    // A reload of a page's path stays on it (the sandbox answers index.html; the session is the cookie's).
    await page.reload();
    await page.getByRole('heading', { name: 'Members' }).waitFor();

    // Clock: advanced by a duration.
    await page.getByRole('link', { name: 'Clock' }).click();
    const before = Date.parse(`${(await page.getByTestId('sandbox-now').textContent())!.replace(' UTC', 'Z').replace(' ', 'T')}`);
    await page.getByLabel('Advance by').fill('2d');
    await page.getByRole('button', { name: 'Advance', exact: true }).click();
    await expect
      .poll(async () => Date.parse(`${(await page.getByTestId('sandbox-now').textContent())!.replace(' UTC', 'Z').replace(' ', 'T')}`) - before)
      .toBeGreaterThanOrEqual(2 * 86_400_000);

    // Webhooks: the seed's example endpoints, and test deliveries to a loopback URL are refused
    // with the sandbox's reason (private targets are off by default): nothing is sent.
    await page.getByRole('link', { name: 'Webhooks' }).click();
    const endpoint = page.locator('article[aria-label^="Endpoint we_"]').first();
    await endpoint.waitFor();
    await endpoint.getByLabel(/To \(optional/).fill('http://127.0.0.1:9/webhooks');
    await endpoint.getByRole('button', { name: 'Send test deliveries' }).click();
    await expect.poll(() => endpoint.getByRole('alert').textContent()).toMatch(/private|loopback/i);
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    await page.close();
  });
});
