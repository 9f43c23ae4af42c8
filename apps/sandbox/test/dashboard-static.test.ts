// The dashboard's files under /_dashboard/: content types, the index for the app's pages, no
// directory listing, nothing outside the build folder (`..`, encoded dots and slashes,
// backslashes, a symbolic link), and a 503 that says how to build it when it is not built.
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { NOT_BUILT, resolveAsset } from '../src/dashboard/static.js';
import { freshSandbox } from './support/databases.js';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-BUILD';
const folder = mkdtempSync(path.join(tmpdir(), 'expys-dashboard-static-'));
const root = path.join(folder, 'dist');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(folder, 'secret.txt'), SECRET);
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Dashboard</title><script type="module" src="/_dashboard/assets/index-abc.js"></script>');
writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log("dashboard")');
writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{margin:0}');
writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
symlinkSync(path.join(folder, 'secret.txt'), path.join(root, 'assets', 'linked.txt'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A GET with the path sent exactly as written (fetch would normalise `..` and some escapes away). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the dashboard files', () => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  it('serves the build with content types, the index for the app’s pages and folders, and 404 for a missing asset', async () => {
    sandbox = await freshSandbox('pglite', { dashboardDir: root });
    const redirect = await rawGet(sandbox.url, '/_dashboard');
    expect([redirect.status, redirect.headers.location]).toEqual([308, '/_dashboard/']);

    const index = await rawGet(sandbox.url, '/_dashboard/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Dashboard</title>');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.headers['cache-control']).toBe('no-cache');

    const script = await rawGet(sandbox.url, '/_dashboard/assets/index-abc.js?v=1');
    expect([script.status, script.headers['content-type'], script.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log("dashboard")']);
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect(script.headers['cache-control']).toContain('immutable');
    expect((await rawGet(sandbox.url, '/_dashboard/assets/index-abc.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawGet(sandbox.url, '/_dashboard/assets/logo.svg')).headers['content-type']).toBe('image/svg+xml');

    // The app's pages are paths: each gets the index (a reload, a shared link).
    for (const page of ['/_dashboard/members', '/_dashboard/webhooks/we_1', '/_dashboard/index.html']) {
      const answer = await rawGet(sandbox.url, page);
      expect([answer.status, answer.headers['content-type']], page).toEqual([200, 'text/html; charset=utf-8']);
      expect(answer.body, page).toContain('<title>Dashboard</title>');
    }
    // A folder is never listed: the index instead.
    const folderAnswer = await rawGet(sandbox.url, '/_dashboard/assets/');
    expect(folderAnswer.body).toContain('<title>Dashboard</title>');
    expect(folderAnswer.body).not.toContain('index-abc.css');
    // A missing asset is a 404, not the page in its place.
    expect((await rawGet(sandbox.url, '/_dashboard/assets/missing.js')).status).toBe(404);
    // Only GET and HEAD.
    const post = await fetch(new URL('/_dashboard/', sandbox.url), { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('refuses every way out of the build folder', async () => {
    sandbox = await freshSandbox('pglite', { dashboardDir: root });
    const attempts = [
      '/_dashboard/../secret.txt',
      '/_dashboard/../../secret.txt',
      '/_dashboard/assets/../../secret.txt',
      '/_dashboard/%2e%2e/secret.txt',
      '/_dashboard/%2E%2E/%2e%2e/secret.txt',
      '/_dashboard/..%2fsecret.txt',
      '/_dashboard/%2e%2e%2fsecret.txt',
      '/_dashboard/assets/..%5c..%5csecret.txt',
      '/_dashboard/..\\secret.txt',
      '/_dashboard/%00/../secret.txt',
      '/_dashboard/%ff/secret.txt',
      '/_dashboard/assets/linked.txt',
      '/_dashboard//etc/passwd',
    ];
    for (const attempt of attempts) {
      const answer = await rawGet(sandbox.url, attempt);
      expect(answer.body, attempt).not.toContain(SECRET);
      expect(answer.body, attempt).not.toContain('root:');
      // Refused (400/401/404), or, for a path that stays inside, the app's page: never a file from outside.
      if (answer.status === 200) expect(answer.body, attempt).toContain('<title>Dashboard</title>');
      else expect(answer.status, attempt).toBeGreaterThanOrEqual(400);
    }
  });

  it('resolves paths inside the build folder only, whatever reached it', () => {
    expect(resolveAsset(root, 'assets/index-abc.js')).toEqual({ kind: 'file', file: path.join(root, 'assets', 'index-abc.js') });
    expect(resolveAsset(root, '')).toEqual({ kind: 'index' });
    expect(resolveAsset(root, 'clock')).toEqual({ kind: 'index' });
    expect(resolveAsset(root, 'assets')).toEqual({ kind: 'index' });
    for (const rest of ['..', '../secret.txt', 'assets/../../secret.txt', '%2e%2e/secret.txt', '..%2fsecret.txt', '..%5csecret.txt', 'a%00b', '%E0%A4%A', '.', 'assets/./index-abc.js']) {
      expect(resolveAsset(root, rest), rest).toEqual({ kind: 'refused', status: 400 });
    }
    expect(resolveAsset(root, 'assets/linked.txt')).toEqual({ kind: 'refused', status: 404 });
    expect(resolveAsset(root, 'assets/none.css')).toEqual({ kind: 'refused', status: 404 });
  });

  it('answers 503 saying how to build it when the dashboard is not built', async () => {
    sandbox = await freshSandbox('pglite', { dashboardDir: path.join(folder, 'not-built') });
    for (const page of ['/_dashboard/', '/_dashboard/members']) {
      const answer = await rawGet(sandbox.url, page);
      expect(answer.status).toBe(503);
      expect(answer.body.trim()).toBe(NOT_BUILT);
      expect(answer.body).toContain('sh scripts/pnpm.sh --filter @expys/sandbox-dashboard build');
    }
    await sandbox.stop();
    sandbox = await freshSandbox('pglite', { dashboardDir: null });
    expect((await rawGet(sandbox.url, '/_dashboard/')).status).toBe(503);
  });
});
