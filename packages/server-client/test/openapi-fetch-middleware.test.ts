// Issue 23: the server client runs on openapi-fetch, and `client.fetchClient` is the configured
// openapi-fetch client. A middleware added with `client.fetchClient.use(...)` sees every request
// of the generated methods (with our auth on it: the key as a bearer, HTTP Basic for the
// application's operations) and every response; what it changes is what is sent.
import { readFileSync } from 'node:fs';
import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { APP_ID, APP_SECRET, SANDBOX_KEY, serverClient, startApiServer } from './support.js';

interface Seen {
  phase: 'request' | 'response';
  method: string;
  path: string;
  authorization: string | null;
  status?: number;
}

function watcher(seen: Seen[]): Middleware {
  return {
    onRequest({ request }) {
      seen.push({ phase: 'request', method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get('authorization') });
    },
    onResponse({ request, response }) {
      seen.push({ phase: 'response', method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get('authorization'), status: response.status });
    },
  };
}

const basic = `Basic ${Buffer.from(`${APP_ID}:${APP_SECRET}`).toString('base64')}`;

describe('@expys/server-client on openapi-fetch', () => {
  it('depends on openapi-fetch', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.dependencies ?? {})).toContain('openapi-fetch');
  });

  it('a middleware added with fetchClient.use sees the requests of the generated methods with our auth, and their responses', async () => {
    const api = await startApiServer(() => ({ json: { externalUserID: 'user_123', id: 'app_1' } }));
    const client = serverClient(api.baseUrl, { app: { appId: APP_ID, appSecret: APP_SECRET } });
    const seen: Seen[] = [];
    client.fetchClient.use(watcher(seen));
    await client.getMember('user_123');
    await client.getApp();
    expect(seen).toEqual([
      { phase: 'request', method: 'GET', path: '/v1/members/user_123', authorization: `Bearer ${SANDBOX_KEY}` },
      { phase: 'response', method: 'GET', path: '/v1/members/user_123', authorization: `Bearer ${SANDBOX_KEY}`, status: 200 },
      { phase: 'request', method: 'GET', path: '/v1/app', authorization: basic },
      { phase: 'response', method: 'GET', path: '/v1/app', authorization: basic, status: 200 },
    ]);
  });

  it('what a middleware changes is what is sent, through fetchClient.GET as through the methods', async () => {
    const api = await startApiServer(() => ({ json: { externalUserID: 'user_123' } }));
    const client = serverClient(api.baseUrl);
    client.fetchClient.use({
      onRequest({ request }) {
        request.headers.set('x-trace-id', 'trace-9');
        return request;
      },
    });
    await client.getMember('user_123');
    const { data } = await client.fetchClient.GET('/v1/members/{externalUserID}', { params: { path: { externalUserID: 'user_123' } } });
    expect(data).toMatchObject({ externalUserID: 'user_123' });
    expect(api.requests.map((r) => [r.url, r.headers['x-trace-id'], r.headers.authorization])).toEqual([
      ['/v1/members/user_123', 'trace-9', `Bearer ${SANDBOX_KEY}`],
      ['/v1/members/user_123', 'trace-9', `Bearer ${SANDBOX_KEY}`],
    ]);
  });
});
