// The handlers and the running mock host one boundary (@expys/gateway): for every operation of
// each audience and every sample credential the mock knows (plus missing and malformed ones), the
// MSW answer and the mock's have the same status, code and detail. A host-level check: the
// decision code is shared, so this catches a host that reads the request differently.
import { SAMPLE_CREDENTIALS, buildRoutes } from '@expys/gateway';
import { startMock, type RunningMock } from '@expys/mock';
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHandlers, memberOperations } from '../src/member.js';
import { serverHandlers, serverOperations } from '../src/server.js';
import { callOf, operationsOf } from './requests.js';
import { bundle, SANDBOX } from './support.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock?.stop());

const bearers: Record<string, string | null> = {
  missing: null,
  notBearer: `Basic ${SAMPLE_CREDENTIALS.memberToken}`,
  truncated: SAMPLE_CREDENTIALS.memberToken.slice(0, -1),
  unknownPrefix: 'Bearer sk_test_123',
  fullAccessKey: SAMPLE_CREDENTIALS.fullAccessKey,
  ...Object.fromEntries(Object.entries(SAMPLE_CREDENTIALS.restrictedKeys).map(([name, r]) => [name, r.key])),
  revokedKey: SAMPLE_CREDENTIALS.revokedKey,
  memberToken: SAMPLE_CREDENTIALS.memberToken,
  expiredMemberToken: SAMPLE_CREDENTIALS.expiredMemberToken,
  liveKey: SAMPLE_CREDENTIALS.liveKey,
  liveMemberToken: SAMPLE_CREDENTIALS.liveMemberToken,
};
const header = (value: string | null) => (value === null || /^(Basic|Bearer) /.test(value) ? value : `Bearer ${value}`);

describe.each([
  ['member', memberOperations, memberHandlers],
  ['server', serverOperations, serverHandlers],
] as const)('the %s handlers', (audience, operations, handlers) => {
  const routes = buildRoutes(bundle(audience));

  it('serve every operation of the bundle', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(routes.map((r) => r.operationId).sort());
  });

  it.each(Object.entries(bearers))('decide as the mock for %s, in the same words', async (_, bearer) => {
    for (const op of operationsOf(audience)) {
      const call = callOf(op, 'access');
      const authorization = header(bearer);
      const init = () => ({ method: call.method, headers: { ...call.headers, ...(authorization === null ? {} : { authorization }) }, body: call.body });
      const read = async (response: Response | undefined) => {
        const body = (await response?.json().catch(() => undefined)) as { code?: string; detail?: string } | undefined;
        return { status: response?.status, code: body?.code, detail: body?.detail };
      };
      const theirs = await read(await fetch(`${mock.url}${call.path}`, init()));
      const ours = await read(await getResponse(handlers, new Request(`${SANDBOX}${call.path}`, init())));
      expect(ours, op.operationId).toEqual(theirs);
    }
  });
});
