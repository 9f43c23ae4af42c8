// The built docs in a real headless Chromium (Debian's, driven by playwright-core), served by
// the docs server: fully offline, every operation of the audience rendered with its samples,
// nothing of the other audience, the server page's security rules up front and its credentials
// section, and a member page that names no server credential.
// Run `npm run build` first (turbo does: test depends on build). Screenshots: artifacts/.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf, type OperationEntry } from '../../../scripts/bundle/walk.js';
import { launchChromium, type LaunchedChromium } from '../../../scripts/testing/chromium.js';
import { leaksIn } from '../src/boundary.js';
import { AUDIENCES, loadBundle, type Audience } from '../src/bundles.js';
import { CLIENT_PACKAGE, CREDENTIAL_ENV } from '../src/clients.js';
import { sampleLanguages } from '../src/code-samples.js';
import { serverAuthOf } from '../src/server-auth.js';
import { PAGE_TITLES } from '../src/docs-copy.js';
import { MOCK_URL } from '../src/landing.js';
import { APP_ROOT, DIST, PAGES } from '../src/paths.js';
import { startDocsServer, type DocsServer } from '../src/serve.js';

const ARTIFACTS = path.join(APP_ROOT, 'artifacts');

const full = loadBundle('full');
const bundles = { member: loadBundle('member'), server: loadBundle('server') };

let server: DocsServer;
let browser: LaunchedChromium;
let context: BrowserContext;

beforeAll(async () => {
  for (const file of ['index.html', PAGES.member, PAGES.server]) {
    if (!existsSync(path.join(DIST, file))) throw new Error(`dist/${file} is missing: run \`npm run build\` in apps/docs first`);
  }
  server = await startDocsServer({ port: 0 });
  browser = await launchChromium({ name: 'docs', viewport: { width: 1400, height: 900 } });
  context = browser.context;
  rmSync(ARTIFACTS, { recursive: true, force: true });
  for (const audience of AUDIENCES) mkdirSync(path.join(ARTIFACTS, audience), { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Problems {
  consoleErrors: string[];
  failedRequests: string[];
  /** Anything not served by the docs server: the pages must work offline. */
  externalRequests: string[];
}

async function open(pathname: string): Promise<{ page: Page; problems: Problems }> {
  const page = await context.newPage();
  const problems: Problems = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    if (!problems.externalRequests.includes(request.url())) problems.failedRequests.push(`${request.failure()?.errorText} ${request.url()}`);
  });
  // Nothing leaves the machine: requests elsewhere are recorded and aborted.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.url}/`)) return route.continue();
    problems.externalRequests.push(url);
    return route.abort();
  });
  await page.goto(`${server.url}${pathname}`, { waitUntil: 'load' });
  return { page, problems };
}

function expectNoProblems(problems: Problems): void {
  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(problems.failedRequests, 'failed requests').toEqual([]);
  expect(problems.externalRequests, 'requests leaving the docs server').toEqual([]);
}

// Redoc 3 routes with the hash: #/<tag>/<operationid>, one section per operation.
const sectionId = (entry: OperationEntry) => `/${String(entry.operation.tags[0]).toLowerCase()}/${String(entry.operation.operationId).toLowerCase()}`;

async function showOperation(page: Page, entry: OperationEntry) {
  const id = sectionId(entry);
  await page.evaluate((hash) => (window.location.hash = hash), `#${id}`);
  const section = page.locator(`[data-section-id="${id}"]`);
  await expect
    .poll(() => section.locator('h2').first().innerText().then((t) => t.split('\n')[0].trim(), () => ''), {
      message: `${entry.operation.operationId} is rendered`,
      timeout: 10_000,
    })
    .toBe(entry.operation.summary);
  // Painted, not only in the DOM: Redoc swaps content in while it routes.
  await section.locator('h2').first().waitFor({ state: 'visible' });
  return section;
}

/** The operation's sample panel, as shown (only the active tab is in the DOM). */
const shownSample = (section: Locator) => section.locator('[data-component-name="CodeBlock/CodeBlock"]').first().innerText().catch(() => '');

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Picks a sample tab. The choice is shared by every operation of the page (and remembered). */
async function selectSampleTab(page: Page, section: Locator, audience: Audience, label: string): Promise<void> {
  const tabs = sampleLanguages(audience).map((l) => l.label);
  const dropdown = section.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: new RegExp(tabs.map((t) => exactly(t).source).join('|')) }).first();
  if ((await dropdown.innerText()).trim() === label) return;
  await dropdown.click();
  await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]:visible').filter({ hasText: exactly(label) }).click();
  await expect.poll(() => dropdown.innerText().then((t) => t.trim())).toBe(label);
}

/** The operation labels the sidebar lists under each tag, every group opened in turn. */
async function sidebarOperations(page: Page, tags: string[]): Promise<string[]> {
  const labels = new Set<string>();
  for (const tag of tags) {
    await page.locator(`[data-component-name="Menu/MenuItem"] a[href="/${tag.toLowerCase()}"]`).click();
    const items = page.locator(`[data-component-name="Menu/MenuItem"] a[href^="#/${tag.toLowerCase()}/"]`);
    await expect.poll(() => items.count(), { message: `the ${tag} group opens` }).toBeGreaterThan(0);
    // An operation's item carries its method badge; the tag's own sections have none.
    for (const text of await items.allInnerTexts()) {
      const [label, badge] = text.split('\n').map((line) => line.trim());
      if (badge && /^[A-Z]+$/.test(badge)) labels.add(label);
    }
  }
  return [...labels].sort();
}

describe('landing page', () => {
  it('links both references, explains the credentials, points at the mock', async () => {
    const { page, problems } = await open('/');
    await expect.poll(() => page.title()).toBe('Expys API docs');
    const text = await page.locator('body').innerText();
    for (const needle of ['member token', 'Org-API-Key', 'API key', 'App Secret', MOCK_URL, `$${CREDENTIAL_ENV.member}`, `$${CREDENTIAL_ENV.server}`, 'never goes into an app']) {
      expect(text).toContain(needle);
    }
    expect(await page.locator('#member-link').getAttribute('href')).toBe(PAGES.member);
    expect(await page.locator('#server-link').getAttribute('href')).toBe(PAGES.server);
    await page.screenshot({ path: path.join(ARTIFACTS, 'landing.png'), fullPage: true });

    await page.locator('#server-link').click();
    await page.waitForURL(`**/${PAGES.server}`);
    await expect.poll(() => page.locator('h1').first().innerText()).toContain(PAGE_TITLES.server);
    expectNoProblems(problems);
    await page.close();
  });
});

describe.each(AUDIENCES)('%s page', (audience) => {
  const other = AUDIENCES.find((a) => a !== audience)!;
  const entries = operationsOf(bundles[audience]);
  const calls = entries.filter((e) => e.section === 'paths');
  let page: Page;
  let problems: Problems;

  beforeAll(async () => {
    ({ page, problems } = await open(`/${PAGES[audience]}`));
    await page.locator('h1', { hasText: PAGE_TITLES[audience] }).first().waitFor();
  });
  afterAll(() => page?.close());

  it('names nothing of the other side anywhere in the page', async () => {
    const html = await page.content();
    expect(leaksIn(html, audience, full)).toEqual([]);
    expect(html).not.toContain(CLIENT_PACKAGE[other]);
    expect(html).not.toContain(`$${CREDENTIAL_ENV[other]}`);
    // The check itself works on a rendered page: the other page, checked the same way, leaks.
    expect(leaksIn(html, other, full).length).toBeGreaterThan(0);
    if (audience === 'member') {
      // What a reader sees: no server credential, scope or application named anywhere.
      const text = await page.locator('body').innerText();
      // (`Org-API-Key` is not an API key: the member page may warn that it never goes into an app.)
      expect(text).not.toMatch(/(?<![\w-])API[ -]keys?\b|(?<![\w-])App[ -](?:Secret|ID)s?\b|\bApplications\b|(?<![\w-])(?:test_sk_|prod_sk_|secret_)/i);
      // Every scope of the spec (issue 22's card_read, stamps_write… included), none on this page.
      const scopes: string[] = full.components.schemas.ApiKeyScope.enum;
      expect(scopes).toEqual(expect.arrayContaining(['card_read', 'stamps_write', 'cashback_write']));
      expect(scopes.filter((scope) => new RegExp(`\\b${scope}\\b`).test(text))).toEqual([]);
      expect(text).toContain('The app holds member tokens only');
    }
  });

  it('the sidebar lists exactly the operations of this audience', async () => {
    const tags = [...new Set(entries.map((e) => String(e.operation.tags[0])))];
    const listed = await sidebarOperations(page, tags);
    expect(listed).toEqual(entries.map((e) => String(e.operation.summary)).sort());
  });

  it(`every operation shows the ${CLIENT_PACKAGE[audience]} call`, async () => {
    await selectSampleTab(page, await showOperation(page, calls[0]), audience, CLIENT_PACKAGE[audience]);
    for (const entry of calls) {
      const id = entry.operation.operationId;
      const section = await showOperation(page, entry);
      await expect.poll(() => shownSample(section), { message: id }).toContain(`expys.${id}(`);
      expect(await shownSample(section)).toContain(`import { initialize } from "${CLIENT_PACKAGE[audience]}";`);
      if (audience === 'server') {
        const note = await section.locator('[data-component-name="Markdown/Markdown"]').first().innerText();
        const auth = serverAuthOf(entry.operation);
        if (auth.kind === 'application') {
          expect(note, id).toContain("Backend only: the application's App ID and App Secret.");
          expect(note, id).toContain('403 app_credentials_required');
        } else {
          expect(note, id).toContain(`Backend only: the Org-API-Key, or an API key with ${auth.scope}.`);
          expect(note, id).toContain('403 member_token_not_allowed');
        }
      }
      await section.locator('h2').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, audience, `${id}.png`) });
    }
  });

  it(`every operation shows a curl command with $${CREDENTIAL_ENV[audience]}`, async () => {
    await selectSampleTab(page, await showOperation(page, calls[0]), audience, 'curl');
    for (const entry of calls) {
      const id = entry.operation.operationId;
      const section = await showOperation(page, entry);
      const credential =
        audience === 'server' && serverAuthOf(entry.operation).kind === 'application' ? '-u "$EXPYS_APP_ID:$EXPYS_APP_SECRET"' : `-H "Authorization: Bearer $${CREDENTIAL_ENV[audience]}"`;
      await expect.poll(() => shownSample(section), { message: id }).toContain(credential);
      const path = String(entry.key).replace(/\{[^}]+\}/g, '[^/"?]+');
      expect(await shownSample(section), id).toMatch(new RegExp(`^curl .*"https://sandbox\\.api\\.expys\\.com${path}[?"]`, 'm'));
    }
  });

  it('loaded with no console error and no request leaving the server', () => {
    expectNoProblems(problems);
  });
});

describe('server page security', () => {
  let page: Page;
  let problems: Problems;
  beforeAll(async () => {
    ({ page, problems } = await open(`/${PAGES.server}`));
    await page.locator('h1', { hasText: PAGE_TITLES.server }).first().waitFor();
  });
  afterAll(() => page?.close());

  it('opens with the backend-only warning and the security rules before anything else', async () => {
    const warning = page.locator('blockquote', { hasText: 'Backend only.' }).first();
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect((await warning.boundingBox())!.y).toBeLessThan(900); // on the first screen
    expect(await warning.innerText()).toContain('403 member_token_not_allowed');

    const headings = (await page.locator('#api-content h2').allInnerTexts()).map((h) => h.trim());
    expect(headings[0]).toBe('Security rules (read first)');
    expect(headings[1]).toBe('Credentials');
    const intro = await page.locator('#api-content').innerText();
    for (const rule of ['Why the split exists.', 'Security checklist', 'Key rotation', 'The webhook signing secret is shown only once', 'rotated immediately']) {
      expect(intro).toContain(rule);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-security.png') });
  });

  it('has a Credentials section: the three kinds, the scopes with their meanings and operations, the rotation recipe', async () => {
    const sectionText = async (id: string, needle: string) => {
      await page.evaluate((hash) => (window.location.hash = hash), `#${id}`);
      const section = page.locator(`[data-section-id="${id}"]`);
      await expect.poll(() => section.innerText().catch(() => ''), { message: id, timeout: 10_000 }).toContain(needle);
      return { section, text: await section.innerText() };
    };
    const kinds = await sectionText('/section/credentials', 'three kinds of credentials');
    for (const needle of ['Org-API-Key', 'API keys', "application's App ID and App Secret"]) expect(kinds.text).toContain(needle);
    const scopes = await sectionText('/section/scopes', 'read member data, validation');
    for (const needle of ['apply referral codes', 'credit and redeem cashback', 'analyticsSummary']) expect(scopes.text).toContain(needle);
    // One row per scope of ApiKeyScope, each with its meaning and the operations that need it.
    expect(await scopes.section.locator('table tbody tr').count()).toBe(bundles.server.components.schemas.ApiKeyScope.enum.length);
    const operations = await sectionText('/section/which-operation-needs-which-scope', 'member_read');
    expect(operations.text).toContain('GET /v1/members/{externalUserID}');
    const rotation = await sectionText('/section/rotation', 'token: () => currentKey()');
    for (const needle of ['create a new key', 'revoke the old key', 'app.createApiKey(', 'app.revokeApiKey(old.id, { at })']) expect(rotation.text).toContain(needle);
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-credentials.png') });
    expectNoProblems(problems);
  });

  it('documents the webhook events with the verification recipe', async () => {
    const sectionText = async (id: string) => {
      await page.evaluate((hash) => (window.location.hash = hash), `#${id}`);
      const section = page.locator(`[data-section-id="${id}"]`);
      await expect.poll(() => section.innerText().catch(() => ''), { message: id, timeout: 10_000 }).not.toBe('');
      return section.innerText();
    };
    const scheme = await sectionText('/webhooks');
    for (const needle of ['Standard Webhooks', 'webhook-signature: v1,<base64 HMAC-SHA256>', '<webhook-id>.<webhook-timestamp>.<raw body>', 'several space-separated entries', '300 s', 'constant time', 'shown only once']) {
      expect(scheme).toContain(needle);
    }
    const recipe = await sectionText('/webhooks/verifying-a-delivery');
    for (const needle of [`from "${CLIENT_PACKAGE.server}"`, 'await expys.webhooks.verify(rawBody, req.headers,', '${id}.${timestamp}.${rawBody}', 'timingSafeEqual']) {
      expect(recipe).toContain(needle);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'server-webhooks.png') });

    for (const entry of operationsOf(bundles.server).filter((e) => e.section === 'webhooks')) {
      const section = await showOperation(page, entry);
      const text = await section.innerText();
      expect(text).toContain('webhook-signature: v1,$sig');
      // The three Standard Webhooks headers, documented as header parameters of every event.
      for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) expect(text).toContain(header);
    }
    expectNoProblems(problems);
  });
});
