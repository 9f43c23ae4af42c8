// exchangeToken enrols, on both databases: the first token for an unknown externalUserID creates
// the member (an empty wallet, the lowest tier) in the transaction that mints the token, and says
// so with `enrolled: true`; later ones say `false`. Nothing here upserts first.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, DATABASES, freshSandbox, FULL_KEY } from './support/databases.js';

describe.each(DATABASES)('enrolment on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  const exchange = (externalUserID: string, key = FULL_KEY, headers: Record<string, string> = {}) => call(sandbox, 'POST', '/v1/auth/exchange', key, { externalUserID }, headers);

  it('a first token enrols an unknown member; setMember fills it in; later tokens do not enrol', async () => {
    sandbox = await freshSandbox(kind);
    expect((await call(sandbox, 'GET', '/v1/members/user_42', FULL_KEY)).status).toBe(404);
    const first = await exchange('user_42');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ externalUserID: 'user_42', tokenType: 'Bearer', enrolled: true });
    const member = await call(sandbox, 'GET', '/v1/members/user_42', FULL_KEY);
    expect(member.body).toMatchObject({ externalUserID: 'user_42', displayName: 'user_42', tier: 'bronze', pointsBalance: 0 });
    const wallet = await call(sandbox, 'GET', '/v1/wallet', first.body.token);
    expect(wallet.body).toMatchObject({ balance: 0, tier: 'bronze' });

    expect((await call(sandbox, 'PUT', '/v1/members/user_42', FULL_KEY, { displayName: 'Ada', tier: 'gold' })).body).toMatchObject({ displayName: 'Ada', tier: 'gold' });
    const second = await exchange('user_42');
    expect(second.body.enrolled).toBe(false);
    // A member that existed before (the seed's) is not enrolled either.
    expect((await exchange('user_123')).body.enrolled).toBe(false);
  });

  it('an API key with token_write enrols too; a retry replays the enrolling answer', async () => {
    sandbox = await freshSandbox(kind);
    const key = SAMPLE_CREDENTIALS.apiKeys.tokenMinter.key;
    const first = await exchange('user_new', key, { 'idempotency-key': 'login-new' });
    expect([first.status, first.body.enrolled]).toEqual([200, true]);
    const retry = await exchange('user_new', key, { 'idempotency-key': 'login-new' });
    expect([retry.body.token, retry.body.enrolled, retry.headers.get('idempotent-replayed')]).toEqual([first.body.token, true, 'true']);
  });

  it('concurrent first exchanges for one externalUserID enrol it once', async () => {
    sandbox = await freshSandbox(kind);
    const answers = await Promise.all(Array.from({ length: 20 }, () => exchange('user_rush')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.body.enrolled === true)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.token)).size).toBe(20);
    const [{ n }] = await sandbox.context.db.query("SELECT count(*)::int AS n FROM members WHERE external_user_id = 'user_rush'");
    expect(n).toBe(1);
  });

  it('a removed member is enrolled again, empty', async () => {
    sandbox = await freshSandbox(kind);
    await exchange('user_back');
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_back', amount: 50, reason: 'x' });
    expect((await call(sandbox, 'DELETE', '/v1/members/user_back', FULL_KEY)).status).toBe(204);
    const again = await exchange('user_back');
    expect(again.body.enrolled).toBe(true);
    expect((await call(sandbox, 'GET', '/v1/wallet', again.body.token)).body.balance).toBe(0);
  });
});
