// `npm run dev`: Vite's dev server with the app's own config, forwarding /api to the real
// backend. A browser's sign-in through it (same origin as the page) must pass the backend's
// Origin and Host checks.
import { SAMPLE_CREDENTIALS, startMock, type RunningMock } from '@expys/mock';
import { startExampleBackend, type RunningBackend } from '@expys/example-backend';
import { createServer, type ViteDevServer } from 'vite';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from './support/paths.js';

let mock: RunningMock;
let backend: RunningBackend;
let vite: ViteDevServer;
let url: string;

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  backend = await startExampleBackend({ orgApiKey: SAMPLE_CREDENTIALS.fullAccessKey, environment: 'sandbox', expysBaseUrl: mock.url, webRoot: undefined, host: '127.0.0.1', port: 0 });
  process.env.EXAMPLE_BACKEND_URL = backend.url; // read by vite.config.ts
  vite = await createServer({ root: APP_ROOT, configFile: path.join(APP_ROOT, 'vite.config.ts'), logLevel: 'error', server: { port: 0, strictPort: false } });
  await vite.listen();
  url = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
});
afterAll(async () => {
  await vite?.close();
  delete process.env.EXAMPLE_BACKEND_URL;
  await backend?.stop();
  await mock?.stop();
});

describe('the Vite dev server', () => {
  it('serves the app with hot reload', async () => {
    const html = await (await fetch(url)).text();
    expect(html).toContain('/@vite/client');
    expect(html).toContain('/src/main.tsx');
  });

  it('forwards a same-origin sign-in and token request to the backend, which accepts them', async () => {
    // What Chromium sends for the page's own fetch: Origin = the page's, Sec-Fetch-Site same-origin.
    const browser = { origin: url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };
    const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: browser, body: JSON.stringify({ userId: 'user_123' }) });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const token = await fetch(`${url}/api/expys-token`, { method: 'POST', headers: { ...browser, cookie }, body: JSON.stringify({ externalUserID: 'user_123' }) });
    expect(token.status).toBe(200);
    expect((await token.json()).token).toMatch(/^mt_test_/);
  });
});
