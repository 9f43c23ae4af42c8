// Every operation of the spec, every documented status, driven through the generated client of
// its mode and validated on the wire. The list comes from the bundle: a new operation is covered
// (or reported as not covered) the moment it is added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker } from '../src/checker.js';
import { clientsFor, errorClassFor, successStatusOf, type AnyClient } from '../src/clients.js';
import { clientArguments, exampleRequest } from '../src/requests.js';
import { documentedCodes, endingLast, loadFullBundle, operationsOf } from '../src/spec.js';
import { resolveTarget, type Target } from '../src/target.js';
import { assertNoViolations, checkedFetch } from '../src/traffic.js';

const doc = loadFullBundle();
// On a stateful target an example call changes state: the ones that end the member or the App Secret the others use run last.
const operations = endingLast(operationsOf(doc));
const checker = new ContractChecker(doc);
const traffic = checkedFetch(doc, checker, { via: 'client', checkRequests: true });

let target: Target;
let clients: { member: AnyClient; server: AnyClient };
beforeAll(async () => {
  target = await resolveTarget();
  clients = clientsFor(target, traffic.fetch);
});
afterAll(() => target?.stop());

/**
 * Path parameters no seed can hold at the example's value, taken on a stateful target from the
 * answer of the operation that makes them: API keys get random ids, so getApiKey and revokeApiKey
 * name the key createApiKey made (it runs before them).
 */
const MADE_BY: Record<string, string> = { keyId: 'createApiKey' };
const made = new Map<string, string>();

describe.each(operations)('$operationId ($method $path, $mode)', (op) => {
  const example = exampleRequest(doc, op);
  const request = () => {
    if (target.kind !== 'sandbox') return example;
    const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const pathValues = names.map((name, i) => (MADE_BY[name] ? made.get(MADE_BY[name]) ?? example.pathValues[i] : example.pathValues[i]));
    return { ...example, pathValues };
  };
  const call = async (options?: object) => {
    const method = (op.mode === 'member' ? clients.member : clients.server)[op.operationId];
    const result = await method(...clientArguments(op, request()), options);
    if (Object.values(MADE_BY).includes(op.operationId)) made.set(op.operationId, (result as { id: string }).id);
    return result;
  };

  it(`answers ${successStatusOf(op)} with a body that matches the spec`, async () => {
    traffic.take();
    const result = await call();
    const { violations, exchanges } = traffic.take();
    assertNoViolations(violations);
    expect(exchanges).toEqual([{ operationId: op.operationId, status: successStatusOf(op) }]);
    if (successStatusOf(op) === 204) expect(result).toBeUndefined();
    else expect(result).toBeTypeOf('object');
  });

  const errorStatuses = op.statuses.filter((s) => /^[45]\d\d$/.test(s)).map(Number);
  it.for(errorStatuses)('answers a documented %i as a typed error with a documented code', async (status, { skip }) => {
    // Only a target that honours `Prefer: code=…` (the mock) can be asked for a given status.
    if (!target.supportsPrefer) skip('the target does not honour Prefer: code=…');
    traffic.take();
    const error = await call({ headers: { Prefer: `code=${status}` } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const { violations, exchanges } = traffic.take();
    assertNoViolations(violations);
    expect(exchanges).toEqual([{ operationId: op.operationId, status }]);
    expect(error).toBeInstanceOf(errorClassFor(status));
    const apiError = error as { status: number; code?: string; requestId?: string; detail?: string };
    expect(apiError.status).toBe(status);
    expect(documentedCodes(doc, op, status)).toContain(apiError.code);
    expect(apiError.requestId).toMatch(/^req_/);
    expect(apiError.detail).toBeTruthy();
  });
});
