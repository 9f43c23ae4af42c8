// Member tokens live minutes. With a provider, a 401 token_expired asks it once for a new
// token and retries once; everything else about the call stays the same.
import { describe, expect, it, vi } from 'vitest';
import { AuthenticationError, CredentialError } from '../src/index.js';
import { memberClient, problem, SANDBOX_ORG_KEY, SANDBOX_TOKEN, SANDBOX_TOKEN_2, startApiServer } from './support.js';

const wallet = { balance: 1200 };
/** Answers token_expired to the first token, 200 to any other. */
const expiresFirstToken = (r: { headers: Record<string, unknown> }) =>
  r.headers.authorization === `Bearer ${SANDBOX_TOKEN}` ? problem(401, 'token_expired', 'The member token expired.') : { json: wallet };

describe('with a token provider', () => {
  it('refreshes exactly once and retries exactly once with the new token', async () => {
    const api = await startApiServer(expiresFirstToken);
    const provider = vi.fn().mockResolvedValueOnce(SANDBOX_TOKEN).mockResolvedValueOnce(SANDBOX_TOKEN_2);
    await expect(memberClient(api.baseUrl, { token: provider }).getWallet()).resolves.toEqual(wallet);
    expect(provider).toHaveBeenCalledTimes(2); // the first token, then one refresh
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${SANDBOX_TOKEN}`, `Bearer ${SANDBOX_TOKEN_2}`]);
  });

  it('asks the provider once, not per call, while the token works', async () => {
    const api = await startApiServer(() => ({ json: wallet }));
    const provider = vi.fn().mockResolvedValue(SANDBOX_TOKEN_2);
    const client = memberClient(api.baseUrl, { token: provider });
    await Promise.all([client.getWallet(), client.getWallet(), client.getWallet()]);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(api.requests).toHaveLength(3);
  });

  it('gives up with AuthenticationError when the new token is expired too', async () => {
    const api = await startApiServer(() => problem(401, 'token_expired', 'Still expired.'));
    const provider = vi.fn().mockResolvedValueOnce(SANDBOX_TOKEN).mockResolvedValueOnce(SANDBOX_TOKEN_2).mockResolvedValue(SANDBOX_TOKEN);
    const error = await memberClient(api.baseUrl, { token: provider }).getWallet().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'token_expired' });
    expect(provider).toHaveBeenCalledTimes(2);
    expect(api.requests).toHaveLength(2);
  });

  it('shares one refresh between calls that expire together', async () => {
    const api = await startApiServer(expiresFirstToken);
    const provider = vi.fn().mockResolvedValueOnce(SANDBOX_TOKEN).mockResolvedValue(SANDBOX_TOKEN_2);
    const client = memberClient(api.baseUrl, { token: provider });
    await expect(Promise.all([client.getWallet(), client.getWallet(), client.getOffer('off_1')])).resolves.toHaveLength(3);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(api.requests).toHaveLength(6);
  });

  it('refreshes for a POST without idempotency key too: the API rejected it before doing anything', async () => {
    const api = await startApiServer(expiresFirstToken);
    const provider = vi.fn().mockResolvedValueOnce(SANDBOX_TOKEN).mockResolvedValueOnce(SANDBOX_TOKEN_2);
    await memberClient(api.baseUrl, { token: provider }).concierge({ message: 'Any offers for me?' });
    expect(api.requests.map((r) => r.json)).toEqual([{ message: 'Any offers for me?' }, { message: 'Any offers for me?' }]);
  });

  it('keeps the Idempotency-Key across the refresh', async () => {
    const api = await startApiServer(expiresFirstToken);
    const provider = vi.fn().mockResolvedValueOnce(SANDBOX_TOKEN).mockResolvedValueOnce(SANDBOX_TOKEN_2);
    await memberClient(api.baseUrl, { token: provider }).createRedemption({ offerId: 'off_7Hq2LmN4pX9rT1vB' });
    const [first, second] = api.requests.map((r) => r.headers['idempotency-key']);
    expect(first).toBeTruthy();
    expect(second).toBe(first);
  });

  it('does not refresh on other 401s', async () => {
    const api = await startApiServer(() => problem(401, 'unauthenticated'));
    const provider = vi.fn().mockResolvedValue(SANDBOX_TOKEN);
    await expect(memberClient(api.baseUrl, { token: provider }).getWallet()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(provider).toHaveBeenCalledTimes(1);
    expect(api.requests).toHaveLength(1);
  });

  it('refuses a refreshed token that fails the guards, without sending it', async () => {
    const api = await startApiServer(expiresFirstToken);
    const provider = vi.fn().mockResolvedValueOnce(SANDBOX_TOKEN).mockResolvedValueOnce(SANDBOX_ORG_KEY);
    await expect(memberClient(api.baseUrl, { token: provider }).getWallet()).rejects.toBeInstanceOf(CredentialError);
    expect(api.requests).toHaveLength(1);
  });

  it("passes the provider's own failure through", async () => {
    const api = await startApiServer();
    const client = memberClient(api.baseUrl, { token: () => Promise.reject(new Error('backend unreachable')) });
    await expect(client.getWallet()).rejects.toThrow('backend unreachable');
    expect(api.requests).toHaveLength(0);
  });
});

it('with a fixed token, token_expired is an AuthenticationError after one request', async () => {
  const api = await startApiServer(() => problem(401, 'token_expired', 'The member token expired.'));
  const error = await memberClient(api.baseUrl).getWallet().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ code: 'token_expired', detail: 'The member token expired.' });
  expect(api.requests).toHaveLength(1);
});
