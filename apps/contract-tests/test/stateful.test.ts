// Documented error statuses produced for real, not by `Prefer: code=…`: a target with state (the
// sandbox) must answer each one when the situation arises, with the documented code and a body
// that matches the spec. Generated from the bundle: every operation × every documented status
// this file knows how to cause (400, 404, 409, 413, 415, 422); a status an operation documents
// but nothing here can cause is reported by the coverage table, not hidden. An operation the
// sandbox has no code for yet answers with the spec's example (`Expys-Sandbox-Answer: example`):
// its answer is still checked against the spec, then the case is skipped, naming the operation,
// and the coverage report lists it apart. Refusals the gateway makes (400, 413, 415, a 422 from
// the schemas) are checked on it like on any other.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker } from '../src/checker.js';
import { recordExercise } from '../src/coverage.js';
import { exampleRequest, requestUrl, type ExampleRequest } from '../src/requests.js';
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

/** Why a case is skipped when the target answered it from the spec's examples. */
const fromExamples = (op: Operation, status: number) =>
  `${op.operationId} is answered from the spec's examples (Expys-Sandbox-Answer: example): the target has no code for it yet, so its ${status} cannot be caused for real (the answer was checked against the spec)`;

const authorization = (op: Operation) => authorizationFor(op, target.credentials);

/** GET with a body: fetch refuses to send one, so this goes over node:http, checked the same way. */
async function sendRaw(op: Operation, request: ExampleRequest, body: string) {
  const url = new URL(requestUrl(target.url, request));
  const answer = await new Promise<{ status: number; contentType: string; text: string; fromExamples: boolean }>((resolve, reject) => {
    const outgoing = http.request(url, { method: op.method, headers: { authorization: authorization(op), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (incoming) => {
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

async function send(op: Operation, request: ExampleRequest, headers: Record<string, string> = {}, rawBody?: string) {
  const body = rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  return traffic.fetch(requestUrl(target.url, request), {
    method: op.method,
    headers: { authorization: authorization(op), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body,
  });
}

describe('documented errors, caused for real (stateful targets)', () => {
  it.for(cases)('%s answers %i when the situation arises', async ([, status, op, how], { skip }) => {
    if (target.kind !== 'sandbox') skip('only a stateful target can be driven into these situations');
    traffic.take();
    if (how!.before) {
      const first = await send(op, how!.before, how!.headers);
      if (answeredFromExamples(first.headers)) {
        assertNoViolations(traffic.take().violations);
        return skip(fromExamples(op, status));
      }
      expect(first.status).toBeLessThan(300);
    }
    traffic.take();
    let answer: { status: number; problem: any; fromExamples: boolean };
    if (op.method === 'GET' && how!.body !== undefined) answer = await sendRaw(op, how!.request, how!.body);
    else {
      const response = await send(op, how!.request, how!.headers, how!.body);
      const text = await response.text();
      answer = { status: response.status, problem: text ? JSON.parse(text) : undefined, fromExamples: answeredFromExamples(response.headers) };
      assertNoViolations(traffic.take().violations);
    }
    if (answer.fromExamples) return skip(fromExamples(op, status));
    const { problem } = answer;
    expect({ status: answer.status, code: problem.code }).toEqual({ status, code: how!.code });
    expect(documentedCodes(doc, op, status)).toContain(problem.code);
    expect(problem.requestId).toMatch(/^req_/);
  });
});
