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
const restricted = Object.entries(C.restrictedKeys);

// Any other well-formed sandbox credential is accepted as documented in the README.
const otherMemberToken = credentialFromEntropy('member-token', 'sandbox', 'a1B2'.repeat(9).slice(0, 34));
const otherFullKey = credentialFromEntropy('org-api-key', 'sandbox', 'Zz09'.repeat(7).slice(0, 26));

function rightCredentials(op: Operation): [string, string][] {
  if (op.mode === 'member') return [['sample member token', C.memberToken], ['any other mt_test_ token', otherMemberToken]];
  return [
    ['full-access key', C.fullAccessKey],
    ['any other expys_test_ key', otherFullKey],
    ...restricted.filter(([, k]) => op.scopes.every((s) => k.scopes.includes(s))).map(([name, k]): [string, string] => [`restricted key ${name}`, k.key]),
  ];
}

type Wrong = { label: string; credential?: string; authorization?: string; status: number; code: string };

function wrongCredentials(op: Operation): Wrong[] {
  const common: Wrong[] = [
    { label: 'no credential', status: 401, code: 'unauthenticated' },
    { label: 'a malformed bearer', credential: 'not-a-credential', status: 401, code: 'unauthenticated' },
    { label: 'a key one character short', credential: C.fullAccessKey.slice(0, -1), status: 401, code: 'unauthenticated' },
    { label: 'a key with one character mistyped (bad checksum)', credential: `${C.fullAccessKey.slice(0, -1)}${C.fullAccessKey.endsWith('a') ? 'b' : 'a'}`, status: 401, code: 'unauthenticated' },
    { label: 'Basic auth', authorization: 'Basic dXNlcjpwYXNz', status: 401, code: 'unauthenticated' },
    { label: 'the expired member token', credential: C.expiredMemberToken, status: 401, code: 'token_expired' },
    { label: 'the revoked key', credential: C.revokedKey, status: 401, code: 'invalid_api_key' },
    { label: 'a live key', credential: C.liveKey, status: 401, code: 'environment_mismatch' },
    { label: 'a live member token', credential: C.liveMemberToken, status: 401, code: 'environment_mismatch' },
  ];
  if (op.mode === 'member') {
    return [
      ...common,
      { label: 'the full-access Org-API-Key', credential: C.fullAccessKey, status: 403, code: 'org_api_key_not_allowed' },
      ...restricted.map(([name, k]) => ({ label: `restricted key ${name}`, credential: k.key, status: 403, code: 'org_api_key_not_allowed' })),
    ];
  }
  return [
    ...common,
    { label: 'the member token', credential: C.memberToken, status: 403, code: 'member_token_not_allowed' },
    ...restricted
      .filter(([, k]) => !op.scopes.every((s) => k.scopes.includes(s)))
      .map(([name, k]) => ({ label: `restricted key ${name} (no ${op.scopes.join(', ')})`, credential: k.key, status: 403, code: 'insufficient_scope' })),
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

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock?.stop();
});

it('covers every operation of the bundle, and no webhook', () => {
  expect(operations.length).toBeGreaterThanOrEqual(20);
  expect(operations.map((op) => op.id)).toEqual(expect.arrayContaining(['listOffers', 'exchangeToken', 'deleteWebhook']));
  expect(operations.every((op) => op.mode === 'member' || op.mode === 'server')).toBe(true);
  const webhookIds = Object.values<any>(doc.webhooks ?? {}).map((item) => item.post?.operationId);
  expect(webhookIds.length).toBeGreaterThan(0);
  for (const id of webhookIds) expect(operations.map((op) => op.id)).not.toContain(id);
});

describe.each(operations.map((op) => [`${op.id} (${op.mode}: ${op.method} ${op.template})`, op] as const))('%s', (_, op) => {
  const request = exampleRequest(doc, op);
  const send = (extra: { credential?: string; headers?: Record<string, string>; body?: string }) =>
    call(mock.url, op.method, request.path, {
      credential: extra.credential,
      headers: { ...request.headers, ...extra.headers },
      body: extra.body ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
    });

  it.each(rightCredentials(op))('answers %s with a documented 2xx that matches the schema', async (_, credential) => {
    const answer = await send({ credential });
    expect(successStatuses(op), answer.text).toContain(answer.status);
    expectDocumented(op, answer);
  });

  it.each(wrongCredentials(op).map((w) => [w.label, w] as const))('refuses %s', async (_, wrong) => {
    const answer = await send({
      credential: wrong.credential,
      headers: wrong.authorization ? { authorization: wrong.authorization } : {},
    });
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
      const answer = await send({ credential: op.mode === 'member' ? C.memberToken : C.fullAccessKey, body });
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
