// The real @expys/member-client against the member handlers, and the handlers on their own (raw
// fetch) where the client's guards would refuse before sending.
import { CredentialError, ExpysError, initialize, ValidationError } from '@expys/member-client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemberHandlers, memberHandlers, memberOperations, memberSamples } from '../src/member.js';
import { serverSamples } from '../src/server.js';
import { rawCall, schemaValidator } from './support.js';

const server = setupServer(...memberHandlers);
let sent = 0;
server.events.on('request:start', () => void sent++);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  sent = 0;
});
afterAll(() => server.close());

const validProblem = schemaValidator('member', 'Problem');
const validValidationProblem = schemaValidator('member', 'ValidationProblem');
const example = (operationId: string, name?: string) => {
  const op = memberOperations.find((o) => o.operationId === operationId)!;
  const answer = op.answers[String(op.successStatus)];
  // The first named example, as the mock serves it; the schema's own only when the answer names none.
  if (name === undefined && Object.keys(answer.examples).length === 0) return answer.schemaExample;
  return answer.examples[name ?? Object.keys(answer.examples)[0]];
};
const client = (options: Partial<Parameters<typeof initialize>[0]> = {}) =>
  initialize({ environment: 'sandbox', token: memberSamples.memberToken, maxRetries: 0, ...options });

describe('the member client against the handlers', () => {
  it('getWallet returns the spec example, with Request-Id and RateLimit-* headers', async () => {
    const { data, requestId, rateLimit } = await client().getWallet().withResponse();
    expect(data).toEqual(example('getWallet'));
    expect(requestId).toMatch(/^req_[A-Za-z0-9]+$/);
    expect(rateLimit).toEqual({ limit: 600, remaining: 599, resetSeconds: 60 });
  });

  it('listOffers: for await visits the first and the last page, then stops', async () => {
    const titles: string[] = [];
    for await (const offer of client().listOffers({ limit: 2 })) titles.push(offer.title);
    const pages = [example('listOffers', 'firstPage'), example('listOffers', 'lastPage')] as { data: { title: string }[] }[];
    expect(titles).toEqual(pages.flatMap((page) => page.data.map((offer) => offer.title)));
    expect(sent).toBe(2);
  });

  it('refuses an Org-API-Key itself, before anything is sent (the client guard)', () => {
    expect(() => client({ token: serverSamples.fullAccessKey })).toThrow(CredentialError);
    expect(sent).toBe(0);
  });

  it('an override per test: server.use with createMemberHandlers({ overrides })', async () => {
    server.use(...createMemberHandlers({ overrides: { getOffer: { status: 404 } } }));
    const error = await client().getOffer('off_7Hq2LmN4pX9rT1vB').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('an expired sample token gets 401 token_expired (the client asks its provider again)', async () => {
    let calls = 0;
    const tokens = [memberSamples.expiredMemberToken, memberSamples.memberToken];
    const wallet = await client({ token: async () => tokens[calls++] }).getWallet();
    expect(wallet).toEqual(example('getWallet'));
    expect(calls).toBe(2);
  });

  it('serves at another base URL', async () => {
    server.use(...createMemberHandlers({ baseUrl: 'http://127.0.0.1:4010' }));
    expect(await client({ baseUrl: 'http://127.0.0.1:4010' }).getWallet()).toEqual(example('getWallet'));
  });

  it('a base URL with a path prefix keeps it, for routing and for path parameters', async () => {
    server.use(...createMemberHandlers({ baseUrl: 'http://localhost:3000/api/' }));
    const expys = client({ baseUrl: 'http://localhost:3000/api' });
    expect(await expys.getOffer('off_7Hq2LmN4pX9rT1vB')).toEqual(example('getOffer'));
    const error = await expys.getOffer('nope').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, errors: [{ path: '/path/offerId' }, { path: '/path/offerId' }] });
  });

  it('a relative base URL needs a page to resolve against (test/browser.test.ts has one)', () => {
    expect(() => createMemberHandlers({ baseUrl: '/api' })).toThrow(/relative one needs a page/);
  });
});

describe('the handlers themselves (raw fetch, no client guards)', () => {
  it.each([
    ['an Org-API-Key', `Bearer ${serverSamples.fullAccessKey}`, 403, 'org_api_key_not_allowed'],
    ['no credential', undefined, 401, 'unauthenticated'],
    ['a malformed bearer', 'Bearer mt_test_short', 401, 'unauthenticated'],
    ['not a bearer', `Basic ${memberSamples.memberToken}`, 401, 'unauthenticated'],
    ['a live member token', `Bearer ${memberSamples.liveMemberToken}`, 401, 'environment_mismatch'],
    ['a revoked Org-API-Key', `Bearer ${serverSamples.revokedKey}`, 401, 'invalid_api_key'],
    ['an API key', `Bearer ${serverSamples.membersReader}`, 403, 'api_key_not_allowed'],
    ['an expired API key (401 first)', `Bearer ${serverSamples.expiredApiKey}`, 401, 'api_key_expired'],
    ['a revoked API key', `Bearer ${serverSamples.revokedApiKey}`, 401, 'invalid_api_key'],
    ['the App Secret as a bearer', `Bearer ${serverSamples.appSecret}`, 403, 'app_secret_not_allowed'],
    ['the sample application (Basic)', `Basic ${btoa(`${serverSamples.appId}:${serverSamples.appSecret}`)}`, 401, 'unauthenticated'],
  ])('%s → %s %s, a valid Problem', async (_, authorization, status, code) => {
    const answer = await rawCall('/v1/wallet', authorization);
    expect(answer).toMatchObject({ status, body: { code, status } });
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.headers.get('request-id')).toBe(answer.body.requestId);
    expect(validProblem(answer.body)).toEqual([]);
  });

  it('Prefer: example= and code= pick another documented answer', async () => {
    const auth = `Bearer ${memberSamples.memberToken}`;
    const notEligible = await rawCall('/v1/offers/off_1/eligibility', auth, { headers: { prefer: 'example=notEligible' } });
    expect(notEligible.body).toEqual(example('checkEligibility', 'notEligible'));
    const limited = await rawCall('/v1/wallet', auth, { headers: { prefer: 'code=429' } });
    expect(limited).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect(validProblem(limited.body)).toEqual([]);
  });

  it('Prefer for an undocumented answer is a 500 problem that says so', async () => {
    const answer = await rawCall('/v1/wallet', `Bearer ${memberSamples.memberToken}`, { headers: { prefer: 'code=404' } });
    expect(answer).toMatchObject({ status: 500, body: { code: 'internal_error' } });
    expect(answer.body.detail).toContain('getWallet documents no 404 answer');
  });

  it('refuses an override of an unknown operation or an undocumented status when created', () => {
    expect(() => createMemberHandlers({ overrides: { getWallet: { status: 404 } } })).toThrow(/getWallet documents no 404/);
    expect(() => createMemberHandlers({ overrides: { nope: {} } as never })).toThrow(/no member operation/);
    expect(() => createMemberHandlers({ overrides: { getWallet: { status: 418, body: { teapot: true } } } })).not.toThrow();
  });

  it('a custom body is served as given', async () => {
    server.use(...createMemberHandlers({ overrides: { getWallet: { body: { balance: 0 } } } }));
    expect((await rawCall('/v1/wallet', `Bearer ${memberSamples.memberToken}`)).body).toEqual({ balance: 0 });
  });
});

describe('request validation, as the mock (test/validation-parity.test.ts compares every case with it)', () => {
  const auth = `Bearer ${memberSamples.memberToken}`;
  const json = { 'content-type': 'application/json' };

  it('a body field against its schema: the client gets a ValidationError naming /body/offerId', async () => {
    const error = await client().createRedemption({ offerId: 'not-an-offer' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' });
    expect((error as ValidationError).errors).toEqual([{ path: '/body/offerId', message: 'must match pattern "^off_[A-Za-z0-9]+$"' }]);
  });

  it('a path parameter and a query parameter too', async () => {
    const offer = await client().getOffer('x').catch((e: unknown) => e);
    expect((offer as ValidationError).errors.map((e) => e.path)).toEqual(['/path/offerId', '/path/offerId']);
    const page = await client().listOffers({ limit: 500 }).catch((e: unknown) => e);
    expect((page as ValidationError).errors).toEqual([{ path: '/query/limit', message: 'must be <= 100' }]);
  });

  it.each([
    ['a missing required field', '{}', json, 422, [{ path: '/body/offerId', message: 'is required' }]],
    ['a wrong type', '{"offerId": 42}', json, 422, [{ path: '/body/offerId', message: 'must be string' }]],
    ['an unknown field', '{"offerId": "off_1x", "quantity": 2}', json, 422, [{ path: '/body/quantity', message: 'is not a field of this request' }]],
    ['a malformed body', '{"offerId": ', json, 422, [{ path: '/body', message: expect.stringContaining('JSON') }]],
    ['no body at all', undefined, {}, 422, [{ path: '/body', message: 'a JSON body is required' }]],
  ])('%s → %s validation_failed with errors, a valid ValidationProblem', async (_, body, headers, status, errors) => {
    const answer = await rawCall('/v1/redemptions', auth, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
    expect(answer).toMatchObject({ status, body: { code: 'validation_failed', errors } });
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(validValidationProblem(answer.body)).toEqual([]);
  });

  it('a body that is not JSON by its Content-Type → 415 unsupported_media_type', async () => {
    const text = await rawCall('/v1/concierge', auth, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"message":"hi"}' });
    expect(text).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    expect(text.body.detail).toContain('the request was sent as text/plain');
    expect(validProblem(text.body)).toEqual([]);
  });

  it('the credential is checked first: an Org-API-Key with a bad body is a 403, not a 422', async () => {
    const answer = await rawCall('/v1/redemptions', `Bearer ${serverSamples.fullAccessKey}`, { method: 'POST', headers: json, body: '{' });
    expect(answer).toMatchObject({ status: 403, body: { code: 'org_api_key_not_allowed' } });
  });

  it('overrides and Prefer answer only valid requests', async () => {
    server.use(...createMemberHandlers({ overrides: { getOffer: { status: 404 } } }));
    expect((await rawCall('/v1/offers/off_7Hq2LmN4pX9rT1vB', auth)).status).toBe(404);
    expect((await rawCall('/v1/offers/nope', auth)).status).toBe(422);
    expect((await rawCall('/v1/offers/nope', auth, { headers: { prefer: 'code=404' } })).status).toBe(422);
  });
});
