// The member client runs on openapi-fetch (issue 23): its methods go through openapi-fetch's
// middleware chain, and `fetchClient` is that client, with the member token and the guards.
import { describe, expect, it, vi } from 'vitest';
import { CredentialError } from '../src/index.js';
import { memberClient, SANDBOX_ORG_KEY, SANDBOX_TOKEN, startApiServer } from './support.js';

describe("openapi-fetch's middleware chain", () => {
  it('sees every request of the methods, the member token already set, pages and retries included', async () => {
    const api = await startApiServer((r, i) =>
      i === 1 ? { status: 503, json: {} } : r.pathname === '/v1/offers' ? { json: r.query.get('cursor') ? { data: [], nextCursor: null, hasMore: false } : { data: [{ id: 'off_1' }], nextCursor: 'c2', hasMore: true } } : { json: { balance: 1 } },
    );
    const expys = memberClient(api.baseUrl);
    const seen: string[] = [];
    expys.fetchClient.use({ onRequest: ({ request, schemaPath }) => void seen.push(`${request.method} ${schemaPath} ${request.headers.get('authorization') === `Bearer ${SANDBOX_TOKEN}`}`) });
    await expys.getWallet();
    for await (const _ of expys.listOffers());
    expect(seen).toEqual(['GET /v1/wallet true', 'GET /v1/offers true', 'GET /v1/offers true', 'GET /v1/offers true']);
    expect(api.requests).toHaveLength(4);
  });

  it('refuses an Org-API-Key a middleware puts in a header, sending nothing', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const expys = memberClient(api.baseUrl);
    expys.fetchClient.use({ onRequest: ({ request }) => void request.headers.set('x-org-key', SANDBOX_ORG_KEY) });
    const error = await expys.getWallet().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as Error).message).not.toContain(SANDBOX_ORG_KEY.slice(11));
    expect(api.requests).toHaveLength(0);
  });
});

describe('fetchClient', () => {
  it("asks the token provider, sends the token, and gives openapi-fetch's { data, error, response }", async () => {
    const api = await startApiServer((r) => (r.pathname === '/v1/wallet' ? { json: { balance: 7 } } : { status: 404, json: { code: 'not_found', status: 404 } }));
    const provider = vi.fn(async () => SANDBOX_TOKEN);
    const expys = memberClient(api.baseUrl, { token: provider });
    const wallet = await expys.fetchClient.GET('/v1/wallet');
    expect(wallet.data).toEqual({ balance: 7 });
    const missing = await expys.fetchClient.GET('/v1/offers/{offerId}', { params: { path: { offerId: 'off_x' } } });
    expect([missing.data, missing.error?.code, missing.response.status]).toEqual([undefined, 'not_found', 404]);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${SANDBOX_TOKEN}`, `Bearer ${SANDBOX_TOKEN}`]);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('refuses a provider that hands out a backend secret, sending nothing', async () => {
    const api = await startApiServer(() => ({ json: {} }));
    const expys = memberClient(api.baseUrl, { token: async () => SANDBOX_ORG_KEY });
    await expect(expys.fetchClient.GET('/v1/wallet')).rejects.toMatchObject({ name: 'CredentialError', reason: 'wrong_credential' });
    expect(api.requests).toHaveLength(0);
  });
});
