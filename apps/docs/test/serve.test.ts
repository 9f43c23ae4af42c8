// The static server: serves dist/ on 127.0.0.1, nothing outside it.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsServer, type DocsServer } from '../src/serve.js';

let server: DocsServer;
beforeAll(async () => {
  server = await startDocsServer({ port: 0 });
});
afterAll(() => server?.close());

// A raw request, so the path is sent exactly as written (fetch would normalize `..`).
function get(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${path}`, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      })
      .on('error', reject);
  });
}

describe('docs server', () => {
  it('listens on 127.0.0.1 and serves the three pages as HTML', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const path of ['/', '/index.html', '/member.html', '/server.html', '/member']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.type).toMatch(/^text\/html/);
    }
  });

  it('answers 404 outside dist/ and for unknown files', async () => {
    expect((await get('/../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/nope.html')).status).toBe(404);
  });
});
