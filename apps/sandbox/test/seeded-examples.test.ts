// The spec's example requests of the referral, claim, passcode and card operations succeed on a
// fresh sandbox, in the bundle's order, as the contract suite sends them (the app's member is
// user_123, the backend uses the Org-API-Key): the seed gives the examples' members their codes,
// claims and passcode. And again after a reset. On PGlite and on PostgreSQL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, DATABASES, freshSandbox, FULL_KEY } from './support/databases.js';

const OURS = new Set([
  'verifyPasscode',
  'requestPasscode',
  'listCards',
  'listMemberCards',
  'listClaims',
  'createClaim',
  'getClaim',
  'approveClaim',
  'rejectClaim',
  'getReferrals',
  'applyReferralCode',
  'validateReferralCode',
  'getMemberReferrals',
  'applyMemberReferral',
]);

const doc = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/full.json'), 'utf8'));
const deref = (node: any): any => (node?.$ref ? deref(node.$ref.slice(2).split('/').reduce((at: any, key: string) => at[key], doc)) : node);

interface ExampleCall {
  operationId: string;
  method: string;
  path: string;
  mode: 'member' | 'server';
  body: unknown;
  success: number;
}

/** Every operation of ours with its example request, in the bundle's order. */
const calls: ExampleCall[] = Object.entries<any>(doc.paths).flatMap(([template, item]) =>
  Object.entries<any>(item)
    .filter(([method, op]) => ['get', 'post'].includes(method) && OURS.has(op.operationId))
    .map(([method, op]) => {
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      const path = template.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(parameters.find((p: any) => p.in === 'path' && p.name === name).example));
      const success = Number(Object.keys(op.responses).find((status) => status.startsWith('2')));
      return { operationId: op.operationId, method: method.toUpperCase(), path, mode: op['x-expys-mode'], body: op.requestBody?.content['application/json'].example, success };
    }),
);

describe.each(DATABASES)('the example requests on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  async function runAll() {
    const token = (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' })).body.token;
    const answers: [string, number, string | undefined][] = [];
    for (const example of calls) {
      const answer = await call(sandbox, example.method, example.path, example.mode === 'member' ? token : FULL_KEY, example.body);
      answers.push([example.operationId, answer.status, answer.status >= 400 ? `${answer.body?.code}: ${answer.body?.detail}` : undefined]);
    }
    expect(answers).toEqual(calls.map((example) => [example.operationId, example.success, undefined]));
  }

  it('each succeeds, in the bundle order, on a fresh sandbox and after a reset', async () => {
    expect(calls.map((c) => c.operationId).sort()).toEqual([...OURS].sort());
    sandbox = await freshSandbox(kind);
    await runAll();
    await sandbox.reset();
    await runAll();
  });

  it("seeds the examples' story: user_123's code, user_789's, user_456 enrolled, two pending claims, the live example passcode", async () => {
    sandbox = await freshSandbox(kind);
    expect((await call(sandbox, 'GET', '/v1/referral-codes/BEAN-7KQ2', FULL_KEY)).body).toEqual({ code: 'BEAN-7KQ2', valid: true, referrerExternalUserID: 'user_123' });
    expect((await call(sandbox, 'GET', '/v1/referral-codes/BEAN-9QX3', FULL_KEY)).body.referrerExternalUserID).toBe('user_789');
    expect((await call(sandbox, 'GET', '/v1/members/user_456/referrals', FULL_KEY)).body).toEqual({ externalUserID: 'user_456', code: 'BEAN-4MZ8', referrals: 0, pointsEarned: 0, referredBy: null });
    expect((await call(sandbox, 'GET', '/v1/members/user_456', FULL_KEY)).body).toMatchObject({ tier: 'bronze', pointsBalance: 0 });
    const token = (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' })).body.token;
    const claims = (await call(sandbox, 'GET', '/v1/claims', token)).body.data;
    expect(claims.map((c: any) => [c.id, c.status])).toEqual([
      ['clm_9Wd2Hs6Kb3Ny7Qe1', 'pending'],
      ['clm_4Rt8Vn2QxL7wKp3M', 'pending'],
    ]);
    const passcodes = (await call(sandbox, 'GET', '/_sandbox/members/user_123/passcodes', FULL_KEY)).body.data;
    expect(passcodes).toEqual([expect.objectContaining({ passcodeId: 'pc_7Yh3Nq9TzK2mWx5R', status: 'active', code: '482913', attemptsLeft: 5 })]);
    // Like any passcode, it expires 10 minutes after the seed on the sandbox clock.
    await sandbox.context.clock.advance(10 * 60_000 + 1_000);
    const fresh = (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' })).body.token;
    expect((await call(sandbox, 'POST', '/v1/passcodes/verify', fresh, { passcodeId: 'pc_7Yh3Nq9TzK2mWx5R', code: '482913' })).body.code).toBe('passcode_expired');
  });
});
