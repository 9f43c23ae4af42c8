// The ported credential rules (src/access.ts) decide exactly as the mock's gateway does (code and
// detail), for every operation of each audience and every sample credential the mock knows (plus
// missing/malformed).
import { buildRoutes, checkAccess as mockCheckAccess, classifyCredential, SAMPLE_CREDENTIALS } from '@expys/mock/gateway';
import { describe, expect, it } from 'vitest';
import { checkAccess, readCredential } from '../src/access.js';
import { memberOperations } from '../src/member.js';
import { serverOperations } from '../src/server.js';
import { table as memberTable } from '../src/generated/member.js';
import { table as serverTable } from '../src/generated/server.js';
import { bundle } from './support.js';

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
  ['member', memberOperations, memberTable],
  ['server', serverOperations, serverTable],
] as const)('the %s handlers', (audience, operations, table) => {
  const routes = buildRoutes(bundle(audience));

  it('serve every operation of the bundle', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(routes.map((r) => r.operationId).sort());
  });

  it.each(Object.entries(bearers))('decide as the mock for %s, in the same words', (_, bearer) => {
    for (const op of operations) {
      const route = routes.find((r) => r.operationId === op.operationId)!;
      const theirs = mockCheckAccess(route, classifyCredential(header(bearer) ?? undefined), { productionUrl: table.productionUrl });
      const ours = checkAccess(op, readCredential(header(bearer)), table.credentials, { environment: 'sandbox', productionUrl: table.productionUrl });
      expect(ours, op.operationId).toEqual(theirs);
    }
  });
});
