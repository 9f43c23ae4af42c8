// The member handlers in a real browser: Debian's headless Chromium (driven by playwright-core)
// loads a page bundled here with esbuild from dist/ (test/browser/page.ts), which starts
// `setupWorker(...memberHandlers)` with MSW's own mockServiceWorker.js and calls the API with the
// real @expys/member-client. A static server on 127.0.0.1 (a secure context, as service workers
// need) serves the page and the worker; every API request must be answered by the worker.
// Run `npm run build` first (turbo does: test depends on build).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignNames } from '../../../scripts/bundle/audit.js';
import { launchChromium, type LaunchedChromium } from '../../../scripts/testing/chromium.js';
import { memberOperations, memberSamples } from '../src/member.js';
import { serverSamples } from '../src/server.js';
import type { ExpysTestPage } from './browser/page.js';
import { PACKAGE } from './pack.js';
import { bundle } from './support.js';

const API = 'https://sandbox.api.expys.com';
const require = createRequire(path.join(PACKAGE, 'package.json'));

let pageBundle: { text: string; inputs: string[] };
let server: http.Server;
let origin: string;
let browser: LaunchedChromium;
let page: Page;
const consoleErrors: string[] = [];
/** Every API response the page got, and whether the service worker produced it. */
const apiResponses: { url: string; fromServiceWorker: boolean }[] = [];

beforeAll(async () => {
  // The built package, as an app's bundler resolves it (self-reference through `exports`); the
  // tsconfig without `paths`, which would point esbuild at the sources.
  const result = await build({
    entryPoints: [path.join(PACKAGE, 'test/browser/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    tsconfig: path.join(PACKAGE, 'tsconfig.build.json'),
    logLevel: 'error',
  });
  pageBundle = { text: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', '<!doctype html><meta charset="utf-8"><title>msw-handlers</title><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript; charset=utf-8', pageBundle.text],
    // The worker of the msw copy the page bundles (its integrity checksum must match).
    '/mockServiceWorker.js': ['text/javascript; charset=utf-8', readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8')],
    '/favicon.ico': ['image/x-icon', ''],
  };
  server = http.createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://x').pathname];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain', 'cache-control': 'no-store' }).end(file?.[1] ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  browser = await launchChromium({ name: 'msw' });
  page = await browser.context.newPage();
  page.on('console', (message) => {
    // Chromium logs each 4xx/5xx answer as "Failed to load resource"; the API's are the tests' own.
    if (message.type() === 'error' && !message.location().url.startsWith(`${API}/`)) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.url().startsWith(`${API}/`)) apiResponses.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
  });
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => 'expysTest' in window);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** Runs one of the page's functions (page.evaluate: the arguments and result cross as JSON). */
function inPage<K extends keyof ExpysTestPage>(name: K, ...args: Parameters<ExpysTestPage[K]>): Promise<Awaited<ReturnType<ExpysTestPage[K]>>> {
  return page.evaluate(
    ([fn, fnArgs]) => {
      const api = (window as unknown as { expysTest: Record<string, (...a: unknown[]) => unknown> }).expysTest;
      return api[fn](...fnArgs);
    },
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<ExpysTestPage[K]>>>;
}

const answerOf = (operationId: string, name?: string) => {
  const op = memberOperations.find((o) => o.operationId === operationId)!;
  const answer = op.answers[String(op.successStatus)];
  // The first named example, as the mock serves it; the schema's own only when the answer names none.
  if (name === undefined && Object.keys(answer.examples).length === 0) return answer.schemaExample;
  return answer.examples[name ?? Object.keys(answer.examples)[0]];
};

describe('the member handlers in headless Chromium, through MSW’s service worker', () => {
  it('the page was bundled from the built member entry, with no server operation in it', () => {
    expect(pageBundle.inputs).toEqual(expect.arrayContaining(['dist/member.js', 'dist/generated/member.js']));
    expect(pageBundle.inputs.filter((file) => file.startsWith('src/') || file.includes('generated/server'))).toEqual([]);
    const { operationIds, paths } = foreignNames(bundle('full'), 'member');
    // Whole names, not substrings: Ajv's own getApplicator is no getApp. The server schemes too.
    const names = [...operationIds, ...paths, 'orgApiKey', 'apiKey', 'appCredentials'];
    expect(names).toEqual(expect.arrayContaining(['getApp', '/v1/app/keys', 'exchangeToken']));
    const named = (name: string) => new RegExp(`(?<![A-Za-z0-9_$])${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![A-Za-z0-9_$])`).test(pageBundle.text);
    expect(names.filter(named)).toEqual([]);
    expect(named('getApplicator')).toBe(true); // the check sees the bundle's text
  });

  it('the worker is active and controls the page', async () => {
    expect(await inPage('ready')).toEqual({ controlled: true, scriptURL: `${origin}/mockServiceWorker.js` });
  });

  it('listOffers (the real member client) returns the spec example; for await reads both pages', async () => {
    const { page: first, titles } = await inPage('listOffers');
    expect(first).toEqual(answerOf('listOffers'));
    const pages = [answerOf('listOffers', 'firstPage'), answerOf('listOffers', 'lastPage')] as { data: { title: string }[] }[];
    expect(titles).toEqual(pages.flatMap((p) => p.data.map((offer) => offer.title)));
  });

  it('the client refuses an Org-API-Key before sending anything', async () => {
    const before = await inPage('sent');
    expect(await inPage('initializeWith', serverSamples.fullAccessKey)).toEqual({ name: 'CredentialError', reason: expect.any(String) });
    expect(await inPage('sent')).toBe(before);
  });

  it('a raw fetch with an Org-API-Key gets the spec’s 403 org_api_key_not_allowed, its headers readable', async () => {
    const answer = await inPage('fetch', '/v1/offers', { authorization: `Bearer ${serverSamples.fullAccessKey}` });
    expect(answer).toMatchObject({ status: 403, contentType: 'application/problem+json', body: { code: 'org_api_key_not_allowed', status: 403 } });
    expect(answer.requestId).toBe(answer.body.requestId);
  });

  it('a bad body gets 422 validation_failed naming the field, through the client and raw', async () => {
    expect(await inPage('createRedemption', 'not-an-offer')).toEqual({
      name: 'ValidationError',
      status: 422,
      code: 'validation_failed',
      errors: [{ path: '/body/offerId', message: 'must match pattern "^off_[A-Za-z0-9]+$"' }],
    });
    const raw = await inPage('fetch', '/v1/redemptions', { method: 'POST', authorization: `Bearer ${memberSamples.memberToken}`, contentType: 'application/json', body: '{"offerId": ' });
    expect(raw).toMatchObject({ status: 422, contentType: 'application/problem+json', body: { code: 'validation_failed', errors: [{ path: '/body', message: expect.any(String) }] } });
    expect(await inPage('createRedemption', 'off_7Hq2LmN4pX9rT1vB')).toEqual({ data: answerOf('createRedemption') });
  });

  it('handlers at a relative base URL (/api) answer the page’s own origin', async () => {
    expect(await inPage('relativeBase')).toEqual({ status: 200, body: answerOf('getWallet') });
  });

  it('every API request was answered by the service worker, and the page logged no error', () => {
    expect(apiResponses.length).toBeGreaterThanOrEqual(6);
    expect(apiResponses.filter((r) => !r.fromServiceWorker)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
