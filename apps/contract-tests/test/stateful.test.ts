// Documented error statuses produced for real, not by `Prefer: code=…`: a target with state (the
// sandbox) must answer each one when the situation arises, with the documented code and a body
// that matches the spec. Generated from the bundle: every operation × every documented status
// this file knows how to cause (400, 404, 409, 413, 415, 422); a status an operation documents
// but nothing here can cause is reported by the coverage table, not hidden.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker } from '../src/checker.js';
import { recordExercise } from '../src/coverage.js';
import { exampleRequest, requestUrl, type ExampleRequest } from '../src/requests.js';
import { documentedCodes, loadFullBundle, operationsOf, type Operation } from '../src/spec.js';
import { resolveTarget, type Target } from '../src/target.js';
import { assertNoViolations, checkedFetch } from '../src/traffic.js';

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
  code: string;
}

/** Ids no seed or test creates, in each id's documented format. */
const UNKNOWN: Record<string, string> = { offerId: 'off_Unknown0000000', redemptionId: 'red_Unknown0000000', externalUserID: 'user_unknown_0', webhookId: 'we_Unknown00000000' };

function withPath(op: Operation, request: ExampleRequest, replace: (name: string, value: string) => string): ExampleRequest {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathValues = request.pathValues.map((value, i) => replace(names[i], value));
  return { ...request, pathValues, urlPath: names.reduce((path, name, i) => path.replace(`{${name}}`, encodeURIComponent(pathValues[i])), op.path) };
}

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
      return undefined;
    }
    case 409: {
      if (!op.idempotent || !body) return undefined;
      const key = `conflict-${op.operationId}`;
      // Same key, another request: a different body than the first.
      const other =
        op.operationId === 'createWebhook'
          ? { ...body, url: 'https://other.example.com/hooks' }
          : op.operationId === 'creditPoints'
            ? { ...body, amount: 7 }
            : op.operationId === 'createRedemption'
              ? { offerId: 'off_3Jk8Pw1ZrQ6nTm4S' }
              : undefined;
      if (!other) return { request, before: { ...request, body: { ...body, externalUserID: 'user_123' } }, headers: { 'idempotency-key': key }, code: 'idempotency_conflict', body: JSON.stringify({ ...body, externalUserID: 'user_unknown_1' }) };
      return { request: { ...request, body: other }, before: request, headers: { 'idempotency-key': key }, code: 'idempotency_conflict' };
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

const cases = operations.flatMap((op) =>
  op.statuses
    .map(Number)
    .filter((status) => [400, 404, 409, 413, 415, 422].includes(status))
    .map((status) => [op.operationId, status, op, provoke(op, status)] as const)
    .filter(([, , , how]) => how !== undefined),
);

const credentialFor = (op: Operation) => (op.mode === 'member' ? target.credentials.memberToken : target.credentials.orgApiKey);

/** GET with a body: fetch refuses to send one, so this goes over node:http, checked the same way. */
async function sendRaw(op: Operation, request: ExampleRequest, body: string) {
  const url = new URL(requestUrl(target.url, request));
  const answer = await new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
    const outgoing = http.request(url, { method: op.method, headers: { authorization: `Bearer ${credentialFor(op)}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode!, contentType: String(incoming.headers['content-type']), text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
  const problem = JSON.parse(answer.text);
  assertNoViolations(checker.checkResponse(op, answer.status, answer.contentType, problem));
  recordExercise({ operationId: op.operationId, status: answer.status, via: 'stateful' });
  return { status: answer.status, problem };
}

async function send(op: Operation, request: ExampleRequest, headers: Record<string, string> = {}, rawBody?: string) {
  const body = rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  return traffic.fetch(requestUrl(target.url, request), {
    method: op.method,
    headers: { authorization: `Bearer ${credentialFor(op)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body,
  });
}

describe('documented errors, caused for real (stateful targets)', () => {
  it.for(cases)('%s answers %i when the situation arises', async ([, status, op, how], { skip }) => {
    if (target.kind !== 'sandbox') skip('only a stateful target can be driven into these situations');
    traffic.take();
    if (how!.before) expect((await send(op, how!.before, how!.headers)).status).toBeLessThan(300);
    traffic.take();
    let answer: { status: number; problem: any };
    if (op.method === 'GET' && how!.body !== undefined) answer = await sendRaw(op, how!.request, how!.body);
    else {
      const response = await send(op, how!.request, how!.headers, how!.body);
      answer = { status: response.status, problem: await response.json() };
      assertNoViolations(traffic.take().violations);
    }
    const { problem } = answer;
    expect({ status: answer.status, code: problem.code }).toEqual({ status, code: how!.code });
    expect(documentedCodes(doc, op, status)).toContain(problem.code);
    expect(problem.requestId).toMatch(/^req_/);
  });
});
