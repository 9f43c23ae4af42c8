// The handlers and the running mock host one boundary (@expys/gateway): for every operation of
// each audience (the application's own operations included) and every kind of credential the mock
// knows (Org-API-Keys, API keys with and without the scope, expired, revoked and live keys, the
// App Secret as a bearer, member tokens, HTTP Basic pairs right and wrong, missing and malformed
// ones), the MSW answer and the mock's have the same status, code and detail. A host-level check: the
// decision code is shared, so this catches a host that reads the request differently.
import { credentialFromEntropy } from '@expys/credentials';
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

const C = SAMPLE_CREDENTIALS;
const basic = (appId: string, appSecret: string) => `Basic ${btoa(`${appId}:${appSecret}`)}`;
/** Every kind of credential the mock knows, by value or by format, and Basic pairs right and wrong. */
// otherOrgApiKey, otherApiKey and the wrong App Secret are well-formed, checksum included, and
// built here with credentialFromEntropy: the repository holds no credential-shaped literal for
// secret scanners (gitleaks, expys-leak-scan) to report.
const bearers: Record<string, string | null> = {
  missing: null,
  notBearer: `Basic ${C.memberToken}`,
  truncated: C.memberToken.slice(0, -1),
  unknownPrefix: 'Bearer sk_test_123',
  fullAccessKey: C.fullAccessKey,
  otherOrgApiKey: credentialFromEntropy('org-api-key', 'sandbox', 'OtherOrgApiKey000000000000'),
  ...Object.fromEntries(Object.entries(C.apiKeys).map(([name, k]) => [name, k.key])),
  otherApiKey: credentialFromEntropy('api-key', 'sandbox', 'OtherApiKeyEveryScope00000'),
  expiredApiKey: C.expiredApiKey,
  revokedApiKey: C.revokedApiKey,
  revokedKey: C.revokedKey,
  appSecretAsBearer: C.app.appSecret,
  sampleApp: basic(C.app.appId, C.app.appSecret),
  wrongAppSecret: basic(C.app.appId, credentialFromEntropy('app-secret', 'sandbox', 'NotTheSampleAppSecret00000')),
  unknownApp: basic('app_NotTheSampleApp00', C.app.appSecret),
  mistypedAppSecret: basic(C.app.appId, `${C.app.appSecret.slice(0, -1)}x`),
  basicNotAnAppId: 'Basic dXNlcjpwYXNz',
  memberToken: C.memberToken,
  expiredMemberToken: C.expiredMemberToken,
  liveKey: C.liveKey,
  liveApiKey: C.liveApiKey,
  liveMemberToken: C.liveMemberToken,
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
