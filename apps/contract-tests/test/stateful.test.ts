// Documented error statuses produced for real, not by `Prefer: code=…`: a target with state (the
// sandbox) must answer each one when the situation arises, with the documented code and a body
// that matches the spec. Generated from the bundle: every operation × every documented status
// this file knows how to cause (400, 404, 409, 413, 415, 422); a status an operation documents
// but nothing here can cause is reported by the coverage table, not hidden. An operation the
// sandbox has no code for yet answers with the spec's example (`Expys-Sandbox-Answer: example`):
// its answer is still checked against the spec, then the case is skipped, naming the operation,
// and the coverage report lists it apart. Refusals the gateway makes (400, 413, 415, a 422 from
// the schemas) are checked on it like on any other. Refusals that need a situation arranged first
// (too few stamps, a claim decided the other way, a passcode tried five times…) come from
// src/situations.ts, one case each; the one that moves the test clock runs last.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker } from '../src/checker.js';
import { recordExercise } from '../src/coverage.js';
import { exampleRequest, requestUrl, type ExampleRequest } from '../src/requests.js';
import { situationsFor, type Api } from '../src/situations.js';
import { documentedCodes, loadFullBundle, operationsOf, type Operation } from '../src/spec.js';
import { authorizationFor, resolveTarget, type Target } from '../src/target.js';
import { answeredFromExamples, assertNoViolations, checkedFetch } from '../src/traffic.js';

const doc = loadFullBundle();
const operations = operationsOf(doc);
const checker = new ContractChecker(doc);
const traffic = checkedFetch(doc, checker, { via: 'stateful' });

let target: Target;
beforeAll(async () => {
  target = await resolveTarget();
});
afterAll(() => target?.stop());

interface Provoked {
  request: ExampleRequest;
  headers?: Record<string, string>;
  /** The raw body to send (defaults to the example body as JSON). */
  body?: string;
  /** A request with the same Idempotency-Key to send first. */
  before?: ExampleRequest;
  /** The bearer credential, when not the operation's own (another member's token). */
  token?: string;
  code: string;
  detail?: RegExp;
}

/** Ids no seed or test creates, in each id's documented format. */
const UNKNOWN: Record<string, string> = {
  offerId: 'off_Unknown0000000',
  redemptionId: 'red_Unknown0000000',
  externalUserID: 'user_unknown_0',
  webhookId: 'we_Unknown00000000',
  stampCardId: 'stc_Unknown0000000',
  claimId: 'clm_Unknown0000000',
  passcodeId: 'pc_Unknown0000000',
  keyId: 'key_Unknown000000000',
};

function withPath(op: Operation, request: ExampleRequest, replace: (name: string, value: string) => string): ExampleRequest {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathValues = request.pathValues.map((value, i) => replace(names[i], value));
  return { ...request, pathValues, urlPath: names.reduce((path, name, i) => path.replace(`{${name}}`, encodeURIComponent(pathValues[i])), op.path) };
}

type Body = Record<string, unknown>;

/** Another valid body than the first, for an Idempotency-Key's conflict. */
const OTHER_BODY: Record<string, (body: Body) => Body> = {
  createWebhook: (body) => ({ ...body, url: 'https://other.example.com/hooks' }),
  creditPoints: (body) => ({ ...body, amount: 7 }),
  createRedemption: () => ({ offerId: 'off_3Jk8Pw1ZrQ6nTm4S' }),
  createApiKey: (body) => ({ ...body, name: `${String(body.name)} (another)` }),
  rotateAppSecret: () => ({ previousSecretExpiresAt: '2099-01-01T00:00:00Z' }),
  requestPasscode: () => ({ channel: 'email' }),
  createClaim: (body) => ({ ...body, points: 51 }),
  addStamps: (body) => ({ ...body, stamps: 4 }),
  creditCashback: (body) => ({ ...body, amount: 251 }),
};

/**
 * The first request's body when the example's cannot succeed: the example rotation's previous
 * secret expires in the past; `{}` keeps the previous secret for the default hour, so the rest of
 * this file's application calls still authenticate.
 */
const FIRST_BODY: Record<string, (body: Body) => Body> = {
  rotateAppSecret: () => ({}),
};

/** How to cause `status` for real on `op`, or undefined when this file cannot. */
function provoke(op: Operation, status: number): Provoked | undefined {
  const request = exampleRequest(doc, op);
  const body = request.body as Record<string, unknown> | undefined;
  switch (status) {
    case 400:
      // A body sent to an operation that reads none (GETs included: sent over a raw socket).
      return op.requestBody ? undefined : { request, body: '{}', headers: { 'content-type': 'application/json' }, code: 'bad_request' };
    case 404: {
      if (op.path.includes('{')) return { request: withPath(op, request, (name, value) => UNKNOWN[name] ?? value), code: 'not_found' };
      if (body && 'externalUserID' in body) return { request: { ...request, body: { ...body, externalUserID: UNKNOWN.externalUserID } }, code: 'not_found' };
      if (body && 'offerId' in body) return { request: { ...request, body: { ...body, offerId: UNKNOWN.offerId } }, code: 'not_found' };
      if (body && 'passcodeId' in body) return { request: { ...request, body: { ...body, passcodeId: UNKNOWN.passcodeId } }, code: 'not_found' };
      return undefined;
    }
    case 409: {
      if (!op.idempotent || !body) return undefined;
      const key = `conflict-${op.operationId}`;
      // Same key, another request: a different body than the first. Operations whose first request
      // needs a situation (a claim to decide, cashback to redeem, a referral code) are in src/situations.ts.
      const first = FIRST_BODY[op.operationId]?.(body) ?? body;
      const other = OTHER_BODY[op.operationId]?.(body);
      if (other) return { request: { ...request, body: other }, before: { ...request, body: first }, headers: { 'idempotency-key': key }, code: 'idempotency_conflict' };
      if (!('externalUserID' in body)) return undefined;
      return { request, before: { ...request, body: { ...body, externalUserID: 'user_123' } }, headers: { 'idempotency-key': key }, code: 'idempotency_conflict', body: JSON.stringify({ ...body, externalUserID: 'user_unknown_1' }) };
    }
    case 413:
      return op.requestBody ? { request, body: JSON.stringify({ ...body, padding: 'x'.repeat(1_100_000) }), code: 'payload_too_large' } : undefined;
    case 415:
      return op.requestBody ? { request, body: JSON.stringify(body), headers: { 'content-type': 'text/plain' }, code: 'unsupported_media_type' } : undefined;
    case 422:
      if (op.operationId === 'createRedemption') return { request: { ...request, body: { offerId: 'off_9Vb2Nq5XwL8kRt1M' } }, code: 'insufficient_points' };
      // A value the schema forbids, in the first constrained place: the body or the query.
      if (body) return { request, body: JSON.stringify({ ...body, unexpected: true }), code: 'validation_failed' };
      if (op.paginated) return { request: { ...request, query: { ...request.query, limit: 0 } }, code: 'validation_failed' };
      if (op.path.includes('{')) return { request: withPath(op, request, () => 'bad!'), code: 'validation_failed' };
      if (op.parameters.some((p) => p.name === 'from')) return { request: { ...request, query: { ...request.query, from: '2026-03-14', to: '2026-03-01' } }, code: 'validation_failed' };
      return undefined;
    default:
      return undefined;
  }
}

interface Case {
  title: string;
  op: Operation;
  status: number;
  movesClock?: boolean;
  /** Arranges the situation (on a stateful target) and says what to send. */
  prepare(): Promise<Provoked>;
}

const cases: Case[] = operations.flatMap((op): Case[] => {
  const generic = op.statuses
    .map(Number)
    .filter((status) => [400, 404, 409, 413, 415, 422].includes(status))
    .flatMap((status) => {
      const how = provoke(op, status);
      return how ? [{ title: `${op.operationId} answers ${status} when the situation arises`, op, status, prepare: async () => how }] : [];
    });
  const arranged = situationsFor(op).map((situation) => {
    if (!op.statuses.includes(String(situation.status))) throw new Error(`${op.operationId} documents no ${situation.status} (situation: ${situation.name})`);
    return {
      title: `${op.operationId} answers ${situation.status} ${situation.code}: ${situation.name}`,
      op,
      status: situation.status,
      movesClock: situation.movesClock,
      prepare: async () => ({ ...(await situation.arrange(api)), code: situation.code, detail: situation.detail }),
    };
  });
  return [...generic, ...arranged];
  // Member tokens live 15 minutes of the test clock: the case that moves it runs after all others.
}).sort((a, b) => Number(a.movesClock ?? false) - Number(b.movesClock ?? false));

/** An arranging call answered from the spec's examples: the situation cannot be arranged on this target. */
class AnsweredFromExamples extends Error {}

/** The API, for arranging situations: each answer checked against the spec like any other. */
const api: Api = {
  async newMember() {
    const externalUserID = `contract-${randomBytes(6).toString('hex')}`;
    const minted = await api.server('POST', '/v1/auth/exchange', { externalUserID });
    return { externalUserID, token: minted.token };
  },
  server: (method, path, body) => arrange(`Bearer ${target.credentials.orgApiKey}`, method, path, body).then(succeeded(method, path)),
  member: (token, method, path, body) => arrange(`Bearer ${token}`, method, path, body).then(succeeded(method, path)),
  memberAttempt: (token, method, path, body) => arrange(`Bearer ${token}`, method, path, body),
  async controlPlane(method, path, body) {
    const response = await fetch(new URL(path, target.url), {
      method,
      headers: { authorization: `Bearer ${target.credentials.orgApiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  },
};

async function arrange(authorization: string, method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await traffic.fetch(new URL(path, target.url), {
    method,
    headers: {
      authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'POST' ? { 'idempotency-key': `arrange-${randomBytes(8).toString('hex')}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (answeredFromExamples(response.headers)) throw new AnsweredFromExamples(`${method} ${path}`);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const succeeded = (method: string, path: string) => (answer: { status: number; body: any }) => {
  if (answer.status >= 300) throw new Error(`arranging the situation: ${method} ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};

/** Why a case is skipped when the target answered it from the spec's examples. */
const fromExamples = (op: Operation, status: number) =>
  `${op.operationId} is answered from the spec's examples (Expys-Sandbox-Answer: example): the target has no code for it yet, so its ${status} cannot be caused for real (the answer was checked against the spec)`;

const authorization = (op: Operation, token?: string) => (token ? `Bearer ${token}` : authorizationFor(op, target.credentials));

/** GET with a body: fetch refuses to send one, so this goes over node:http, checked the same way. */
async function sendRaw(op: Operation, request: ExampleRequest, body: string, token?: string) {
  const url = new URL(requestUrl(target.url, request));
  const answer = await new Promise<{ status: number; contentType: string; text: string; fromExamples: boolean }>((resolve, reject) => {
    const outgoing = http.request(url, { method: op.method, headers: { authorization: authorization(op, token), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode!, contentType: String(incoming.headers['content-type']), text, fromExamples: answeredFromExamples(incoming.headers) }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
  const problem = answer.text ? JSON.parse(answer.text) : undefined;
  assertNoViolations(checker.checkResponse(op, answer.status, answer.contentType, problem));
  recordExercise({ operationId: op.operationId, status: answer.status, via: 'stateful', ...(answer.fromExamples ? { fromExamples: true } : {}) });
  return { status: answer.status, problem, fromExamples: answer.fromExamples };
}

async function send(op: Operation, request: ExampleRequest, headers: Record<string, string> = {}, rawBody?: string, token?: string) {
  const body = rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  return traffic.fetch(requestUrl(target.url, request), {
    method: op.method,
    headers: { authorization: authorization(op, token), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body,
  });
}

describe('documented errors, caused for real (stateful targets)', () => {
  it.for(cases.map((c) => [c.title, c] as const))('%s', async ([, { op, status, prepare }], { skip }) => {
    if (target.kind !== 'sandbox') skip('only a stateful target can be driven into these situations');
    traffic.take();
    let how: Provoked;
    try {
      how = await prepare();
    } catch (error) {
      if (error instanceof AnsweredFromExamples) {
        assertNoViolations(traffic.take().violations);
        return skip(`arranging the situation, ${error.message} is answered from the spec's examples (Expys-Sandbox-Answer: example): it cannot be arranged on this target yet`);
      }
      throw error;
    }
    assertNoViolations(traffic.take().violations);
    if (how.before) {
      const first = await send(op, how.before, how.headers, undefined, how.token);
      if (answeredFromExamples(first.headers)) {
        assertNoViolations(traffic.take().violations);
        return skip(fromExamples(op, status));
      }
      expect(first.status, await first.text()).toBeLessThan(300);
    }
    traffic.take();
    let answer: { status: number; problem: any; fromExamples: boolean };
    if (op.method === 'GET' && how.body !== undefined) answer = await sendRaw(op, how.request, how.body, how.token);
    else {
      const response = await send(op, how.request, how.headers, how.body, how.token);
      const text = await response.text();
      answer = { status: response.status, problem: text ? JSON.parse(text) : undefined, fromExamples: answeredFromExamples(response.headers) };
      assertNoViolations(traffic.take().violations);
    }
    if (answer.fromExamples) return skip(fromExamples(op, status));
    const { problem } = answer;
    expect({ status: answer.status, code: problem?.code }, JSON.stringify(problem)).toEqual({ status, code: how.code });
    expect(documentedCodes(doc, op, status)).toContain(problem.code);
    expect(problem.requestId).toMatch(/^req_/);
    if (how.detail) expect(problem.detail).toMatch(how.detail);
  });
});
