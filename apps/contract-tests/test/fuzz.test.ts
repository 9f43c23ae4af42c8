// Property-based bad input: for every operation that takes a body, bodies derived from its
// schema and broken one way (missing required field, wrong type, out-of-range number, huge
// string, unknown field, invalid JSON); for every constrained path or query parameter, values
// that break its schema. The target must answer 4xx problem+json, never 5xx, and never hang.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker } from '../src/checker.js';
import { recordExercise } from '../src/coverage.js';
import { badBodies } from '../src/fuzz.js';
import { exampleRequest, requestUrl } from '../src/requests.js';
import { deref, loadFullBundle, operationsOf, type Operation, type Schema } from '../src/spec.js';
import { authorizationFor, resolveTarget, type Target } from '../src/target.js';

/** Fuzzed inputs per operation (bounded: the suite must stay fast). */
const RUNS = Number(process.env.EXPYS_CONTRACT_FUZZ_RUNS ?? 100);
const TIMEOUT_MS = 5_000;

const doc = loadFullBundle();
const operations = operationsOf(doc);
const checker = new ContractChecker(doc);

let target: Target;
/** On a stateful target: every member's balance and the ledger's size before any fuzzed input. */
let before: unknown;
beforeAll(async () => {
  target = await resolveTarget();
  before = await ledgerState();
});

async function ledgerState() {
  if (target.kind !== 'sandbox') return undefined;
  const response = await fetch(new URL('/_sandbox/status', target.url), { headers: { authorization: `Bearer ${target.credentials.orgApiKey}` } });
  const { counts } = await response.json();
  const member = await fetch(new URL('/v1/members/user_123', target.url), { headers: { authorization: `Bearer ${target.credentials.orgApiKey}` } });
  return { counts, balance: (await member.json()).pointsBalance };
}
afterAll(() => target?.stop());

const authorization = (op: Operation) => authorizationFor(op, target.credentials);

async function send(op: Operation, url: string, body?: string) {
  const response = await fetch(url, {
    method: op.method,
    headers: { authorization: authorization(op), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
}

function expectClientError(op: Operation, answer: Awaited<ReturnType<typeof send>>, input: string) {
  const where = `${op.operationId} answered ${answer.status} to ${input.slice(0, 120)}`;
  expect(answer.status, where).toBeGreaterThanOrEqual(400);
  expect(answer.status, where).toBeLessThan(500);
  // A 4xx the spec documents for this operation, with the documented problem+json body.
  expect(op.statuses, where).toContain(String(answer.status));
  expect(answer.contentType, where).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(answer.text);
  expect(checker.checkResponse(op, answer.status, answer.contentType, problem), where).toEqual([]);
  recordExercise({ operationId: op.operationId, status: answer.status, via: 'fuzz' });
}

describe('bad bodies', () => {
  const withBody = operations.filter((op) => badBodies(doc, op, checker));
  it.each(withBody.map((op) => [op.operationId, op] as const))('%s rejects every broken body with 4xx problem+json', async (_id, op) => {
    const url = requestUrl(target.url, exampleRequest(doc, op));
    await fc.assert(
      fc.asyncProperty(badBodies(doc, op, checker)!, async (input) => {
        expectClientError(op, await send(op, url, input.text), `${input.kind}: ${input.text}`);
      }),
      { numRuns: RUNS, seed: Number(process.env.EXPYS_CONTRACT_FUZZ_SEED ?? 20261123) },
    );
  });
});

/** Values that break a parameter's schema: outside its bounds, not in its enum, not matching its pattern or format. */
function badValues(schema: Schema): fc.Arbitrary<string> | undefined {
  const arbitraries: fc.Arbitrary<string>[] = [];
  if (typeof schema.minimum === 'number') arbitraries.push(fc.integer({ min: -1e6, max: schema.minimum - 1 }).map(String));
  if (typeof schema.maximum === 'number') arbitraries.push(fc.integer({ min: schema.maximum + 1, max: 1e9 }).map(String));
  if (schema.type === 'integer') arbitraries.push(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^\s*-?\d+\s*$/.test(s)));
  if (schema.enum) arbitraries.push(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !schema.enum.includes(s)));
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    arbitraries.push(fc.string({ minLength: 1, maxLength: 24 }).filter((s) => !pattern.test(s) && s.trim() !== '' && !s.includes('/')));
  }
  if (schema.format === 'date' || schema.format === 'date-time') {
    arbitraries.push(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => Number.isNaN(Date.parse(s)) && !/^\d/.test(s)));
  }
  return arbitraries.length ? fc.oneof(...arbitraries) : undefined;
}

describe('malformed parameters', () => {
  const cases = operations.flatMap((op) =>
    op.parameters
      .filter((p) => (p.in === 'query' || p.in === 'path') && badValues(deref(doc, p.schema ?? {})))
      .map((p) => [op.operationId, p.in, p.name, op, p] as const),
  );
  it.each(cases)('%s rejects a malformed %s parameter %s with 4xx problem+json', async (_id, _in, _name, op, parameter) => {
    const request = exampleRequest(doc, op);
    await fc.assert(
      fc.asyncProperty(badValues(deref(doc, parameter.schema ?? {}))!, async (value) => {
        let url: URL;
        if (parameter.in === 'path') {
          const index = [...op.path.matchAll(/\{([^}]+)\}/g)].findIndex((m) => m[1] === parameter.name);
          const pathValues = request.pathValues.map((v, i) => (i === index ? value : v));
          url = new URL(requestUrl(target.url, { ...request, urlPath: fillPath(op.path, pathValues) }));
        } else {
          url = new URL(requestUrl(target.url, request));
          url.searchParams.set(parameter.name, value);
        }
        expectClientError(op, await send(op, url.toString(), request.body === undefined ? undefined : JSON.stringify(request.body)), `${parameter.in} ${parameter.name}=${value}`);
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: 20261123 },
    );
  });
});

describe('state after the fuzzing', () => {
  it('no fuzzed input changed a balance, a member, a redemption or a webhook (stateful targets)', async ({ skip }) => {
    if (target.kind !== 'sandbox') skip('only a stateful target keeps state to compare');
    expect(before).toBeDefined();
    expect(await ledgerState()).toEqual(before);
  });
});

function fillPath(template: string, values: string[]): string {
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++]));
}
