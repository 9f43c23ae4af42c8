// Every operation in the bundle, through the real mock: the right credential gets a documented
// 2xx whose body matches the schema; every wrong credential gets the documented 401/403 with the
// right code; a malformed body gets 422. Operations are enumerated from the bundle.
import { credentialFromEntropy } from '@expys/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CREDENTIALS as C, startMock, type RunningMock } from '../src/index.js';
import { defaultBundleFile } from '../src/mock.js';
import { deref } from '@expys/gateway';
import { loadBundle } from '@expys/gateway-fastify';
import {
  documentedResponse,
  exampleRequest,
  operationsOf,
  schemaValidator,
  successStatuses,
  type Operation,
} from './support/contract.js';
import { call, type Answer } from './support/http.js';

const doc = loadBundle(defaultBundleFile());
const operations = operationsOf(doc);
const validate = schemaValidator(doc);
const apiKeys = Object.entries(C.apiKeys);

// Any other well-formed sandbox credential is accepted as documented in the README.
const otherMemberToken = credentialFromEntropy('member-token', 'sandbox', 'a1B2'.repeat(9).slice(0, 34));
const otherFullKey = credentialFromEntropy('org-api-key', 'sandbox', 'Zz09'.repeat(7).slice(0, 26));
const otherApiKey = credentialFromEntropy('api-key', 'sandbox', 'Yy18'.repeat(7).slice(0, 26));
const otherAppSecret = credentialFromEntropy('app-secret', 'sandbox', 'Xx27'.repeat(7).slice(0, 26));

const bearer = (credential: string) => `Bearer ${credential}`;
const basic = (appId: string, appSecret: string) => `Basic ${Buffer.from(`${appId}:${appSecret}`).toString('base64')}`;
const sampleApp = basic(C.app.appId, C.app.appSecret);
const covers = (op: Operation, scopes: readonly string[]) => (op.apiKeyScopes ?? []).every((s) => scopes.includes(s));

/** Authorization headers that get the operation's documented 2xx. */
function rightCredentials(op: Operation): [string, string][] {
  if (op.application) return [['the sample App ID and App Secret (Basic)', sampleApp]];
  if (op.mode === 'member') return [['sample member token', bearer(C.memberToken)], ['any other mt_test_ token', bearer(otherMemberToken)]];
  return [
    ['the Org-API-Key', bearer(C.fullAccessKey)],
    ['any other expys_test_ key', bearer(otherFullKey)],
    ['any other test_sk_ API key (every scope)', bearer(otherApiKey)],
    ...apiKeys.filter(([, k]) => covers(op, k.scopes)).map(([name, k]): [string, string] => [`API key ${name}`, bearer(k.key)]),
  ];
}

type Wrong = { label: string; authorization?: string; status: number; code: string };

function wrongCredentials(op: Operation): Wrong[] {
  const identity: Wrong[] = [
    { label: 'no credential', status: 401, code: 'unauthenticated' },
    { label: 'a malformed bearer', authorization: bearer('not-a-credential'), status: 401, code: 'unauthenticated' },
    { label: 'a key one character short', authorization: bearer(C.fullAccessKey.slice(0, -1)), status: 401, code: 'unauthenticated' },
    { label: 'a key with one character mistyped (bad checksum)', authorization: bearer(`${C.fullAccessKey.slice(0, -1)}${C.fullAccessKey.endsWith('a') ? 'b' : 'a'}`), status: 401, code: 'unauthenticated' },
    { label: 'the expired member token', authorization: bearer(C.expiredMemberToken), status: 401, code: 'token_expired' },
    { label: 'the revoked Org-API-Key', authorization: bearer(C.revokedKey), status: 401, code: 'invalid_api_key' },
    { label: 'the revoked API key', authorization: bearer(C.revokedApiKey), status: 401, code: 'invalid_api_key' },
    { label: 'the expired API key', authorization: bearer(C.expiredApiKey), status: 401, code: 'api_key_expired' },
    { label: 'a live Org-API-Key', authorization: bearer(C.liveKey), status: 401, code: 'environment_mismatch' },
    { label: 'a live API key', authorization: bearer(C.liveApiKey), status: 401, code: 'environment_mismatch' },
    { label: 'a live member token', authorization: bearer(C.liveMemberToken), status: 401, code: 'environment_mismatch' },
  ];
  if (op.application) {
    return [
      ...identity,
      { label: 'Basic user:pass (not an App ID)', authorization: 'Basic dXNlcjpwYXNz', status: 401, code: 'invalid_app_credentials' },
      { label: 'Basic with another App Secret', authorization: basic(C.app.appId, otherAppSecret), status: 401, code: 'invalid_app_credentials' },
      { label: 'Basic with an unknown App ID', authorization: basic('app_NotTheSampleApp00', C.app.appSecret), status: 401, code: 'invalid_app_credentials' },
      { label: 'the Org-API-Key', authorization: bearer(C.fullAccessKey), status: 403, code: 'app_credentials_required' },
      ...apiKeys.map(([name, k]) => ({ label: `API key ${name}`, authorization: bearer(k.key), status: 403, code: 'app_credentials_required' })),
      { label: 'the App Secret as a bearer', authorization: bearer(C.app.appSecret), status: 403, code: 'app_credentials_required' },
      { label: 'the member token', authorization: bearer(C.memberToken), status: 403, code: 'member_token_not_allowed' },
    ];
  }
  const bearerOnly: Wrong[] = [
    ...identity,
    { label: 'Basic user:pass', authorization: 'Basic dXNlcjpwYXNz', status: 401, code: 'unauthenticated' },
    { label: 'the sample App ID and App Secret (Basic)', authorization: sampleApp, status: 401, code: 'unauthenticated' },
    { label: 'the App Secret as a bearer', authorization: bearer(C.app.appSecret), status: 403, code: 'app_secret_not_allowed' },
  ];
  if (op.mode === 'member') {
    return [
      ...bearerOnly,
      { label: 'the Org-API-Key', authorization: bearer(C.fullAccessKey), status: 403, code: 'org_api_key_not_allowed' },
      ...apiKeys.map(([name, k]) => ({ label: `API key ${name}`, authorization: bearer(k.key), status: 403, code: 'api_key_not_allowed' })),
    ];
  }
  return [
    ...bearerOnly,
    { label: 'the member token', authorization: bearer(C.memberToken), status: 403, code: 'member_token_not_allowed' },
    ...apiKeys
      .filter(([, k]) => !covers(op, k.scopes))
      .map(([name, k]) => ({ label: `API key ${name} (no ${op.apiKeyScopes?.join(', ')})`, authorization: bearer(k.key), status: 403, code: 'insufficient_scope' })),
  ];
}

/** The answer's status is documented for the operation and its body matches that response's schema. */
function expectDocumented(op: Operation, answer: Answer): void {
  const response = documentedResponse(doc, op, answer.status);
  expect(response, `${op.id} does not document ${answer.status}: ${answer.text}`).toBeDefined();
  if (!response.content) {
    expect(answer.text).toBe('');
    return;
  }
  const mediaType = answer.headers.get('content-type')?.split(';')[0] ?? '';
  expect(Object.keys(response.content)).toContain(mediaType);
  expect(validate(deref(doc, response.content[mediaType].schema), answer.json)).toEqual([]);
}

/** The value of the first named example of the operation's first 2xx JSON response. */
function firstNamedExample(op: (typeof operations)[number]): unknown {
  const responses = (doc.paths[op.template] as any)[op.method.toLowerCase()].responses;
  const code = Object.keys(responses).filter((c) => /^2\d\d$/.test(c)).sort()[0];
  const named = deref(doc, responses[code])?.content?.['application/json']?.examples;
  const first = named ? Object.values<any>(named)[0] : undefined;
  return first ? deref(doc, first).value : undefined;
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock?.stop();
});

it('covers every operation of the bundle, and no webhook', () => {
  expect(operations.length).toBeGreaterThanOrEqual(20);
  expect(operations.map((op) => op.id)).toEqual(expect.arrayContaining(['listOffers', 'exchangeToken', 'deleteWebhook', 'getApp', 'createApiKey', 'revokeApiKey']));
  expect(operations.filter((op) => op.application).length).toBe(6);
  expect(operations.every((op) => op.mode === 'member' || op.mode === 'server')).toBe(true);
  const webhookIds = Object.values<any>(doc.webhooks ?? {}).map((item) => item.post?.operationId);
  expect(webhookIds.length).toBeGreaterThan(0);
  for (const id of webhookIds) expect(operations.map((op) => op.id)).not.toContain(id);
});

describe.each(operations.map((op) => [`${op.id} (${op.mode}: ${op.method} ${op.template})`, op] as const))('%s', (_, op) => {
  const request = exampleRequest(doc, op);
  const send = (extra: { authorization?: string; body?: string }) =>
    call(mock.url, op.method, request.path, {
      headers: { ...request.headers, ...(extra.authorization ? { authorization: extra.authorization } : {}) },
      body: extra.body ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
    });

  it.each(rightCredentials(op))('answers %s with a documented 2xx that matches the schema', async (_, authorization) => {
    const answer = await send({ authorization });
    expect(successStatuses(op), answer.text).toContain(answer.status);
    expectDocumented(op, answer);
  });

  // What the operation documents, not the schema's own example: Prism would answer that first.
  const firstNamed = firstNamedExample(op);
  it.runIf(firstNamed !== undefined)('answers the first example its 2xx response names', async () => {
    const answer = await send({ authorization: rightCredentials(op)[0][1] });
    expect(answer.json).toEqual(firstNamed);
  });

  it.each(wrongCredentials(op).map((w) => [w.label, w] as const))('refuses %s', async (_, wrong) => {
    const answer = await send({ authorization: wrong.authorization });
    expect(answer.status).toBe(wrong.status);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.json.code).toBe(wrong.code);
    expect(answer.json.status).toBe(wrong.status);
    expect(answer.json.requestId).toMatch(/^req_[A-Za-z0-9]{16}$/);
    expectDocumented(op, answer);
  });

  if (op.hasBody) {
    it.each([
      ['a body that is not JSON', '{"offerId": '],
      ['a JSON array instead of an object', '[]'],
      ['an unknown property', JSON.stringify({ ...(request.body as object), unknownProperty: true })],
    ])('answers %s with a documented 422', async (_, body) => {
      const answer = await send({ authorization: rightCredentials(op)[0][1], body });
      expect(answer.status, answer.text).toBe(422);
      expect(answer.json.code).toBe('validation_failed');
      expectDocumented(op, answer);
    });
  }
});

it('gives every refusal a fresh requestId', async () => {
  const ids = new Set<string>();
  for (let i = 0; i < 5; i++) ids.add((await call(mock.url, 'GET', '/v1/wallet')).json.requestId);
  expect(ids.size).toBe(5);
});
