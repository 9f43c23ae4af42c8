// The handlers answer what the mock answers: for every operation, a request built from the spec's
// own parameter and body examples is sent to the real mock (gateway + Prism) and to the handlers
// (MSW's getResponse, no network), and the status and JSON body must be equal. Next-page requests
// (with a cursor) too. Request ids differ by design and are left out.
import { startMock, type RunningMock } from '@expys/mock';
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHandlers, memberSamples } from '../src/member.js';
import { serverHandlers, serverSamples } from '../src/server.js';
import { callOf, operationsOf } from './requests.js';
import { authorizationFor, SANDBOX } from './support.js';

const withoutRequestId = (body: any) => (body && typeof body === 'object' && 'requestId' in body ? { ...body, requestId: '-' } : body);
const read = async (response: Response | undefined) => {
  const text = response ? await response.text() : '';
  return { status: response?.status, body: withoutRequestId(text ? JSON.parse(text) : undefined) };
};

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock?.stop());

describe.each([
  ['member', memberHandlers, memberSamples.memberToken],
  ['server', serverHandlers, serverSamples.fullAccessKey],
] as const)('the %s handlers and the mock', (audience, handlers, credential) => {
  const requests = operationsOf(audience).map((op) => callOf(op, 'valid'));
  const paginated = requests.filter((r) => r.method === 'GET' && /\/v1\/(offers|redemptions|wallet\/transactions|analytics\/offers|webhooks|app\/keys)$/.test(r.path));

  it.each(requests.map((r) => [r.operationId, r] as const))('answer %s alike', async (_, r) => {
    const init = { method: r.method, headers: { ...r.headers, authorization: authorizationFor(r.operationId, credential, { appId: serverSamples.appId, appSecret: serverSamples.appSecret }) }, body: r.body };
    const theirs = await read(await fetch(`${mock.url}${r.path}`, init));
    const ours = await read(await getResponse(handlers, new Request(`${SANDBOX}${r.path}`, init)));
    expect(theirs.status, JSON.stringify(theirs.body)).toBeLessThan(300);
    expect(ours).toEqual(theirs);
  });

  it.each(paginated.map((r) => [r.operationId, r] as const))('serve the same next page for %s', async (_, r) => {
    const init = { headers: { authorization: authorizationFor(r.operationId, credential, { appId: serverSamples.appId, appSecret: serverSamples.appSecret }) } };
    const theirs = await read(await fetch(`${mock.url}${r.path}?cursor=abc`, init));
    const ours = await read(await getResponse(handlers, new Request(`${SANDBOX}${r.path}?cursor=abc`, init)));
    expect(ours).toEqual(theirs);
  });
});
