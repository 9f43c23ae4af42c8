// The real @expys/server-client against the server handlers, and a member token on them.
import { credentialFromEntropy } from '@expys/credentials';
import { SAMPLE_CREDENTIALS } from '@expys/mock';
import { initialize, ValidationError } from '@expys/server-client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memberSamples } from '../src/member.js';
import { createServerHandlers, serverHandlers, serverOperations, serverSamples } from '../src/server.js';
import { basicAuth, rawCall, schemaValidator } from './support.js';

const server = setupServer(...serverHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const validProblem = schemaValidator('server', 'Problem');
// Well-formed (checksum included) but not the sample's: built here, so the repository holds no
// credential-shaped literal for secret scanners to report.
const OTHER_APP_SECRET = credentialFromEntropy('app-secret', 'sandbox', 'NotTheSampleAppSecret00000');
const firstExample = (operationId: string) => {
  const op = serverOperations.find((o) => o.operationId === operationId)!;
  const answer = op.answers[String(op.successStatus)];
  // The first named example, as the mock serves it; the schema's own only when the answer names none.
  return Object.keys(answer.examples).length > 0 ? Object.values(answer.examples)[0] : answer.schemaExample;
};
const client = (token: string = serverSamples.fullAccessKey) => initialize({ environment: 'sandbox', token, maxRetries: 0 });

describe('the server client against the handlers', () => {
  it('exchangeToken and getMember return the spec examples', async () => {
    expect(await client().exchangeToken({ externalUserID: 'user_123' })).toEqual(firstExample('exchangeToken'));
    expect(await client().getMember('user_123')).toEqual(firstExample('getMember'));
  });

  it('removeMember answers 204 with no body', async () => {
    expect(await client().removeMember('user_123')).toBeUndefined();
  });

  it('a scoped sample API key gets 403 insufficient_scope outside its scope, as in the mock, and passes inside it', async () => {
    const error = await client(SAMPLE_CREDENTIALS.apiKeys.tokenMinter.key).getMember('user_123').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect(await client(serverSamples.tokenMinter).exchangeToken({ externalUserID: 'user_123' })).toEqual(firstExample('exchangeToken'));
  });

  it('the application methods authenticate with the sample App ID and App Secret (HTTP Basic)', async () => {
    const app = initialize({ environment: 'sandbox', token: serverSamples.fullAccessKey, app: { appId: serverSamples.appId, appSecret: serverSamples.appSecret }, maxRetries: 0 });
    expect(await app.getApp()).toEqual(firstExample('getApp'));
    expect(await app.listApiKeys()).toEqual(firstExample('listApiKeys'));
    const wrong = initialize({ environment: 'sandbox', token: serverSamples.fullAccessKey, app: { appId: serverSamples.appId, appSecret: OTHER_APP_SECRET }, maxRetries: 0 });
    expect(await wrong.getApp().catch((e: unknown) => e)).toMatchObject({ status: 401, code: 'invalid_app_credentials' });
  });

  it('overrides work here too', async () => {
    server.use(...createServerHandlers({ overrides: { getMember: { status: 404, example: 'memberNotFound' } } }));
    expect(await client().getMember('user_404').catch((e: unknown) => e)).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('the handlers themselves (raw fetch)', () => {
  it('a member token on a server operation → 403 member_token_not_allowed, a valid Problem', async () => {
    const answer = await rawCall('/v1/members/user_123', `Bearer ${memberSamples.memberToken}`);
    expect(answer).toMatchObject({ status: 403, body: { code: 'member_token_not_allowed' } });
    expect(answer.body.detail).toContain('getMember');
    expect(validProblem(answer.body)).toEqual([]);
  });

  it('a live key with the sandbox URL → 401 environment_mismatch; the same key at the production URL passes', async () => {
    const mismatch = await rawCall('/v1/members/user_123', `Bearer ${serverSamples.liveKey}`);
    expect(mismatch).toMatchObject({ status: 401, body: { code: 'environment_mismatch' } });
    expect(validProblem(mismatch.body)).toEqual([]);
    server.use(...createServerHandlers({ baseUrl: 'https://api.expys.com' }));
    const live = await fetch('https://api.expys.com/v1/members/user_123', { headers: { authorization: `Bearer ${serverSamples.liveKey}` } });
    expect(live.status).toBe(200);
    const test = await fetch('https://api.expys.com/v1/members/user_123', { headers: { authorization: `Bearer ${serverSamples.fullAccessKey}` } });
    expect(test.status).toBe(401);
    expect(await test.json()).toMatchObject({ code: 'environment_mismatch', detail: expect.stringContaining('was sent to https://api.expys.com') });
  });
});

describe('the new credential kinds (raw fetch)', () => {
  it.each([
    ['an expired API key', `Bearer ${serverSamples.expiredApiKey}`, 401, 'api_key_expired'],
    ['a revoked API key', `Bearer ${serverSamples.revokedApiKey}`, 401, 'invalid_api_key'],
    ['a live API key', `Bearer ${serverSamples.liveApiKey}`, 401, 'environment_mismatch'],
    ['the App Secret as a bearer', `Bearer ${serverSamples.appSecret}`, 403, 'app_secret_not_allowed'],
    ['the sample application (Basic) on a bearer operation', basicAuth(serverSamples.appId, serverSamples.appSecret), 401, 'unauthenticated'],
  ])('getMember with %s → %s %s', async (_, authorization, status, code) => {
    const answer = await rawCall('/v1/members/user_123', authorization);
    expect(answer).toMatchObject({ status, body: { code, status } });
    expect(validProblem(answer.body)).toEqual([]);
  });

  it.each([
    ['the Org-API-Key', `Bearer ${serverSamples.fullAccessKey}`, 403, 'app_credentials_required'],
    ['a scoped API key', `Bearer ${serverSamples.loyaltyJob}`, 403, 'app_credentials_required'],
    ['a member token', `Bearer ${memberSamples.memberToken}`, 403, 'member_token_not_allowed'],
    ['another App Secret', basicAuth(serverSamples.appId, OTHER_APP_SECRET), 401, 'invalid_app_credentials'],
    ['no credential', undefined, 401, 'unauthenticated'],
  ])('listApiKeys with %s → %s %s', async (_, authorization, status, code) => {
    const answer = await rawCall('/v1/app/keys', authorization);
    expect(answer).toMatchObject({ status, body: { code, status } });
    expect(validProblem(answer.body)).toEqual([]);
  });

  it('listApiKeys with the sample pair → 200, the documented example', async () => {
    const answer = await rawCall('/v1/app/keys', basicAuth(serverSamples.appId, serverSamples.appSecret));
    expect(answer).toMatchObject({ status: 200, body: firstExample('listApiKeys') });
  });
});

describe('request validation', () => {
  it('a body out of bounds and a bad enum query: ValidationErrors naming the fields', async () => {
    const credit = await client().creditPoints({ externalUserID: 'user_123', amount: 0, reason: 'welcome' }).catch((e: unknown) => e);
    expect(credit).toBeInstanceOf(ValidationError);
    expect((credit as ValidationError).errors).toEqual([{ path: '/body/amount', message: 'must be >= 1' }]);
    const series = await client().analyticsTimeseries({ metric: 'nope' as never }).catch((e: unknown) => e);
    expect((series as ValidationError).errors).toEqual([
      { path: '/query/metric', message: 'must be one of "pointsMinted", "pointsRedeemed", "redemptions", "activeMembers"' },
    ]);
  });

  it('a required query parameter left out, a bad path parameter, a body on DELETE', async () => {
    const auth = `Bearer ${serverSamples.fullAccessKey}`;
    expect((await rawCall('/v1/analytics/timeseries', auth)).body).toMatchObject({ code: 'validation_failed', errors: [{ path: '/query/metric', message: 'is required' }] });
    expect((await rawCall('/v1/webhooks/nope', auth, { method: 'DELETE' })).body.errors.map((e: { path: string }) => e.path)).toEqual(['/path/webhookId', '/path/webhookId']);
    const withBody = await rawCall('/v1/members/user_123', auth, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(withBody).toMatchObject({ status: 400, body: { code: 'bad_request' } });
  });
});
