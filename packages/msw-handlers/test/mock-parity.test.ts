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
  const operations = operationsOf(audience);
  const requests = operations.map((op) => callOf(op, 'valid'));
  // Every cursor list of the spec (issue 22's histories and cards among them), not a list kept here.
  const lists = new Set(operations.filter((op) => op.parameters.some((p) => p.in === 'query' && p.name === 'cursor')).map((op) => op.operationId));
  const paginated = requests.filter((r) => lists.has(r.operationId));

  it('know the lists of the spec', () => {
    expect([...lists]).toEqual(expect.arrayContaining(audience === 'member' ? ['listOffers', 'listStampHistory', 'listCashbackHistory', 'listClaims', 'listCards'] : ['analyticsOffers', 'listMemberCards']));
  });

  it.each(requests.map((r) => [r.operationId, r] as const))('answer %s alike', async (_, r) => {
    const init = { method: r.method, headers: { ...r.headers, authorization: authorizationFor(r.operationId, credential, { appId: serverSamples.appId, appSecret: serverSamples.appSecret }) }, body: r.body };
    const theirs = await read(await fetch(`${mock.url}${r.path}`, init));
    const ours = await read(await getResponse(handlers, new Request(`${SANDBOX}${r.path}`, init)));
    expect(theirs.status, JSON.stringify(theirs.body)).toBeLessThan(300);
    expect(ours).toEqual(theirs);
  });

  it.each(paginated.map((r) => [r.operationId, r] as const))('serve the same next page for %s', async (_, r) => {
    const init = { headers: { authorization: authorizationFor(r.operationId, credential, { appId: serverSamples.appId, appSecret: serverSamples.appSecret }) } };
    const next = `${r.path}${r.path.includes('?') ? '&' : '?'}cursor=abc`;
    const theirs = await read(await fetch(`${mock.url}${next}`, init));
    const ours = await read(await getResponse(handlers, new Request(`${SANDBOX}${next}`, init)));
    expect(ours).toEqual(theirs);
  });
});
