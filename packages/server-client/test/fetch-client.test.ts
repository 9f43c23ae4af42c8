// The server client runs on openapi-fetch (issue 23): its methods go through openapi-fetch's
// middleware chain, and `fetchClient` sends the key, or the App ID and App Secret for the
// application's operations, with the same guards.
import { describe, expect, it } from 'vitest';
import { CredentialError } from '../src/index.js';
import { APP_ID, APP_SECRET, MEMBER_TOKEN, SANDBOX_KEY, serverClient, startApiServer } from './support.js';

const basic = `Basic ${Buffer.from(`${APP_ID}:${APP_SECRET}`).toString('base64')}`;

describe("openapi-fetch's middleware chain", () => {
  it("sees every method's request with its credential already set: Bearer for the key, Basic for the application's operations", async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const expys = serverClient(api.baseUrl, { app: { appId: APP_ID, appSecret: APP_SECRET } });
    const seen: string[] = [];
    expys.fetchClient.use({ onRequest: ({ request, schemaPath }) => void seen.push(`${request.method} ${schemaPath} ${request.headers.get('authorization')}`) });
    await expys.getMember('user_42');
    await expys.getApp();
    expect(seen).toEqual([`GET /v1/members/{externalUserID} Bearer ${SANDBOX_KEY}`, `GET /v1/app ${basic}`]);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${SANDBOX_KEY}`, basic]);
  });

  it('refuses a middleware that sends the key somewhere else, with nothing sent', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const expys = serverClient(api.baseUrl);
    expys.fetchClient.use({ onRequest: ({ request }) => new Request(`${request.url}?api_key=${SANDBOX_KEY}`, request) });
    await expect(expys.getMember('user_42')).rejects.toMatchObject({ name: 'CredentialError', reason: 'credential_in_request' });
    expect(api.requests).toHaveLength(0);
  });
});

describe('fetchClient', () => {
  it("sends the key on a server path, and the App ID and App Secret on an application's", async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const expys = serverClient(api.baseUrl, { app: { appId: APP_ID, appSecret: APP_SECRET } });
    await expys.fetchClient.GET('/v1/members/{externalUserID}', { params: { path: { externalUserID: 'user_42' } } });
    await expys.fetchClient.GET('/v1/app');
    expect(api.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/v1/members/user_42', `Bearer ${SANDBOX_KEY}`],
      ['/v1/app', basic],
    ]);
  });

  it('without app credentials, an application path rejects before sending', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    await expect(serverClient(api.baseUrl).fetchClient.GET('/v1/app')).rejects.toBeInstanceOf(CredentialError);
    expect(api.requests).toHaveLength(0);
  });

  it('a member token in a header is refused', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const error = await serverClient(api.baseUrl)
      .fetchClient.GET('/v1/members/{externalUserID}', { params: { path: { externalUserID: 'user_42' } }, headers: { 'x-member': MEMBER_TOKEN } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CredentialError', reason: 'credential_in_request' });
    expect(api.requests).toHaveLength(0);
  });
});
