// Bad requests get from the handlers exactly what they get from the real mock (gateway + Prism):
// for every operation of both audiences, each request of test/requests.ts (a parameter or body
// field that breaks its schema, a body that is not JSON or not a JSON media type, an undecodable
// path, a body where none is read) is sent to the mock over HTTP and to the handlers (MSW's
// getResponse, no network). Status, Content-Type and the whole problem body (code, detail, the
// `errors` pointers and messages) must be equal; only the request id differs.
import { startMock, type RunningMock } from '@expys/mock';
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHandlers, memberSamples } from '../src/member.js';
import { serverHandlers, serverSamples } from '../src/server.js';
import { badCallsOf, callOf, goodBodyCallsOf, operationsOf, type Call } from './requests.js';
import { authorizationFor, SANDBOX } from './support.js';

interface Answer {
  status: number | undefined;
  contentType: string | null | undefined;
  body: any;
}

async function read(response: Response | undefined): Promise<Answer> {
  const text = response ? await response.text() : '';
  const body = text ? JSON.parse(text) : undefined;
  return {
    status: response?.status,
    contentType: response?.headers.get('content-type'),
    body: body && typeof body === 'object' && 'requestId' in body ? { ...body, requestId: '-' } : body,
  };
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock?.stop());

async function both(call: Call, handlers: typeof memberHandlers, authorization: string): Promise<{ theirs: Answer; ours: Answer }> {
  const init = () => ({ method: call.method, headers: { ...call.headers, authorization }, body: call.body });
  const theirs = await read(await fetch(`${mock.url}${call.path}`, init()));
  const ours = await read(await getResponse(handlers, new Request(`${SANDBOX}${call.path}`, init())));
  return { theirs, ours };
}

describe.each([
  ['member', memberHandlers, memberSamples.memberToken, serverSamples.fullAccessKey],
  ['server', serverHandlers, serverSamples.fullAccessKey, memberSamples.memberToken],
] as const)('the %s handlers refuse bad requests as the mock does', (audience, handlers, credential, otherModeCredential) => {
  const operations = operationsOf(audience);
  // Each operation's own credential: the sample application's Basic pair for its key management.
  const right = (call: Call) => authorizationFor(call.operationId, credential, { appId: serverSamples.appId, appSecret: serverSamples.appSecret });
  const bad = operations.flatMap((op) => badCallsOf(op));
  const statuses: Record<string, number> = {};

  it.each(bad.map((call) => [`${call.operationId}: ${call.label}`, call] as const))('%s', async (_, call) => {
    const { theirs, ours } = await both(call, handlers, right(call));
    // Each case really is a bad request for the mock; otherwise it proves nothing.
    expect(theirs.status, JSON.stringify(theirs.body)).toBeGreaterThanOrEqual(400);
    expect(ours).toEqual(theirs);
    statuses[`${call.operationId}: ${call.label}`] = theirs.status!;
  });

  it.each(operations.flatMap((op) => goodBodyCallsOf(op)).map((call) => [`${call.operationId}: ${call.label}`, call] as const))('accept %s', async (_, call) => {
    const { theirs, ours } = await both(call, handlers, right(call));
    expect(theirs.status, JSON.stringify(theirs.body)).toBeLessThan(300);
    expect(ours).toEqual(theirs);
  });

  it.each(operations.filter((op) => op.body).map((op) => [op.operationId, op] as const))(
    '%s: a credential of the other mode is refused before the body is looked at',
    async (_, op) => {
      const { theirs, ours } = await both(callOf(op, 'bad body', { body: '{' }), handlers, `Bearer ${otherModeCredential}`);
      expect(theirs.status).toBe(403);
      expect(ours).toEqual(theirs);
    },
  );

  it('covered every operation with 422s that name their fields, and the 400, 413 and 415 paths', async () => {
    // Asks the mock itself for any case not run above (a filtered run).
    for (const call of bad) {
      const key = `${call.operationId}: ${call.label}`;
      statuses[key] ??= (await both(call, handlers, right(call))).theirs.status!;
    }
    const byOperation = new Set(Object.keys(statuses).filter((key) => statuses[key] === 422).map((key) => key.split(':')[0]));
    const withInputs = operations.filter((op) => op.parameters.length > 0 || op.body).map((op) => op.operationId);
    expect([...byOperation].sort()).toEqual(withInputs.sort());
    expect(new Set(Object.values(statuses))).toEqual(new Set([400, 413, 415, 422]));
  });
});
