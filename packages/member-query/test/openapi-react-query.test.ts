// Issue 23: openapi-react-query runs on the member client's exposed openapi-fetch client
// (`client.fetchClient`) against the real mock, with our auth and guards in place: a query
// carries the member token; a backend secret put into the query, its headers or its path by
// openapi-react-query's own parameters is refused before anything reaches the mock.
import { CredentialError, ExpysError } from '@expys/member-client';
import { QueryClient } from '@tanstack/react-query';
import createQueryHooks from 'openapi-react-query';
import { describe, expect, it } from 'vitest';
import { memberClient, SAMPLE_CREDENTIALS, useMock } from './support.js';

const mock = useMock();
const OFFER_ID = 'off_7Hq2LmN4pX9rT1vB';
const ORG_KEY = SAMPLE_CREDENTIALS.fullAccessKey;
const API_KEY = SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key;
const APP_SECRET = SAMPLE_CREDENTIALS.app.appSecret;

const queries = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
const hooksOn = (options: Parameters<typeof memberClient>[1] = {}) => createQueryHooks(memberClient(mock.url, { maxRetries: 0, ...options }).fetchClient);

describe('openapi-react-query on client.fetchClient', () => {
  it('runs a query against the mock with the member token', async () => {
    const $api = hooksOn();
    const wallet = await queries().fetchQuery($api.queryOptions('get', '/v1/wallet'));
    expect(wallet).toMatchObject({ balance: expect.any(Number) });
    expect(mock.log).toMatchObject([{ method: 'GET', url: '/v1/wallet', status: 200, answeredBy: 'handler', operationId: 'getWallet' }]);
  });

  it('takes query and path parameters, and caches under its own keys', async () => {
    const $api = hooksOn();
    const client = queries();
    const list = $api.queryOptions('get', '/v1/offers', { params: { query: { limit: 2 } } });
    const offers = await client.fetchQuery(list);
    expect(Array.isArray(offers.data)).toBe(true);
    expect(client.getQueryData(list.queryKey)).toBe(offers);
    const offer = await client.fetchQuery($api.queryOptions('get', '/v1/offers/{offerId}', { params: { path: { offerId: OFFER_ID } } }));
    expect(offer).toMatchObject({ id: expect.any(String) });
    expect(mock.log.map((e) => [e.url, e.status])).toEqual([
      ['/v1/offers?limit=2', 200],
      [`/v1/offers/${OFFER_ID}`, 200],
    ]);
  });

  it('throws the problem body of a refusal by the mock, as openapi-react-query does', async () => {
    const $api = hooksOn({ token: SAMPLE_CREDENTIALS.expiredMemberToken });
    const error = await queries()
      .fetchQuery($api.queryOptions('get', '/v1/wallet'))
      .catch((e: unknown) => e);
    // The expired token was sent (it is a member token) and the mock answered 401.
    expect(mock.log).toMatchObject([{ url: '/v1/wallet', status: 401 }]);
    expect(JSON.stringify(error)).toContain('token_expired');
  });

  describe.each([
    ['an Org-API-Key', ORG_KEY],
    ['an API key', API_KEY],
    ['an App Secret', APP_SECRET],
  ])('refuses %s before sending', (_, secret) => {
    const body = secret.replace(/^(expys_test_|test_sk_|secret_)/, '');
    it.each([
      ['as the Authorization header', { headers: { Authorization: `Bearer ${secret}` } }, '/v1/wallet'],
      ['in another header', { headers: { 'X-Trace': secret } }, '/v1/wallet'],
      ['as a query parameter', { params: { query: { cursor: secret } } }, '/v1/offers'],
      ['as a path parameter', { params: { path: { offerId: secret } } }, '/v1/offers/{offerId}'],
    ] as const)('%s', async (_, init, path) => {
      const $api = hooksOn();
      const error = await queries()
        .fetchQuery($api.queryOptions('get', path as '/v1/wallet', init as never))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(mock.log, 'a request reached the mock').toEqual([]);
      expect(error).toBeInstanceOf(ExpysError);
      expect(['CredentialError', 'ExpysConfigError']).toContain((error as Error).name);
      const text = `${String(error)}\n${(error as Error).stack}\n${JSON.stringify(error)}`;
      expect(text).not.toContain(secret);
      expect(text).not.toContain(body);
    });
  });

  it('refuses the key itself as the client token, at initialize', () => {
    expect(() => hooksOn({ token: ORG_KEY })).toThrow(CredentialError);
    expect(mock.log).toEqual([]);
  });
});
