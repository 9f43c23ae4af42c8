// Idempotency as Stripe runs it, on both databases: one effect for any number of concurrent or
// repeated requests with one key, the first answer replayed (errors included), a different
// request with the same key refused, and the key free again after 24 h on the sandbox clock.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, QueryOptions } from '../src/db/database.js';
import type { RunningSandbox } from '../src/index.js';
import { call, DATABASES, freshSandbox, FULL_KEY } from './support/databases.js';

/** The sample API keys restricted to token_write ("tokenMinter") and to members and points ("loyaltyJob"). */
const TOKEN_MINTER = SAMPLE_CREDENTIALS.apiKeys.tokenMinter.key;
const LOYALTY_JOB = SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key;

describe.each(DATABASES)('idempotency on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  const balance = async () => (await call(sandbox, 'GET', '/v1/members/user_123', FULL_KEY)).body.pointsBalance as number;

  it('100 concurrent creditPoints with one key credit once and all get the same answer', async () => {
    sandbox = await freshSandbox(kind);
    const before = await balance();
    const body = { externalUserID: 'user_123', amount: 250, reason: 'Order 1001' };
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'order-1001' })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(new Set(answers.map((a) => a.body.transactionId)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(99);
    expect(await balance()).toBe(before + 250);
    const [credits] = await sandbox.context.db.query("SELECT count(*)::int AS n FROM wallet_transactions WHERE description = 'Order 1001'");
    expect(credits.n).toBe(1);
    const [events] = await sandbox.context.db.query("SELECT count(*)::int AS n FROM events WHERE type = 'points.credited'");
    expect(events.n).toBe(1);
  });

  it('writes a credit in one statement: the balance, the ledger, the event and the key together (no BEGIN/COMMIT round trips)', async () => {
    sandbox = await freshSandbox(kind);
    const db = sandbox.context.db;
    const { query, transaction } = db;
    const ledgerStatements: string[] = [];
    let transactions = 0;
    db.query = ((sql: string, params?: unknown[], options?: QueryOptions) => {
      if (/\b(members|wallet_transactions|idempotency_keys)\b/.test(sql)) ledgerStatements.push(sql);
      return query.call(db, sql, params, options);
    }) as Database['query'];
    db.transaction = ((work: Parameters<Database['transaction']>[0]) => {
      transactions++;
      return transaction.call(db, work);
    }) as Database['transaction'];
    try {
      const before = await balance();
      ledgerStatements.length = 0;
      const body = { externalUserID: 'user_123', amount: 40, reason: 'One statement' };
      const first = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'one-statement' });
      expect(first.status).toBe(200);
      expect(first.body.balance).toBe(before + 40);
      expect([ledgerStatements.length, transactions]).toEqual([1, 0]);
      expect(ledgerStatements[0]).toMatch(/UPDATE members[\s\S]*INSERT INTO wallet_transactions[\s\S]*INSERT INTO idempotency_keys/);
      // The retry's statement finds the key live and is undone; the stored answer is replayed.
      const again = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'one-statement' });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await balance()).toBe(before + 40);
      // Without a key: still one statement, and an unknown member writes nothing.
      ledgerStatements.length = 0;
      const plain = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { ...body, reason: 'No key' });
      expect([plain.status, ledgerStatements.length, transactions]).toEqual([200, 1, 0]);
      const unknown = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { ...body, externalUserID: 'nobody_here' }, { 'idempotency-key': 'unknown-member' });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
      const [stored] = await query.call<Database, [string], Promise<Array<{ n: number }>>>(db, "SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'unknown-member'");
      expect(stored.n).toBe(0);
    } finally {
      db.query = query;
      db.transaction = transaction;
    }
  });

  it('replays an error answer as it was, and refuses the same key for another request', async () => {
    sandbox = await freshSandbox(kind);
    const grant = await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' });
    const token = grant.body.token;
    // Cinema ticket: 1,500 points, more than the seeded balance.
    const first = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_9Vb2Nq5XwL8kRt1M' }, { 'idempotency-key': 'redeem-1' });
    expect([first.status, first.body.code]).toEqual([422, 'insufficient_points']);
    // Enough points now, but the key's answer is the stored one: the retry redeems nothing (its
    // one statement redeems, finds the key taken and is undone).
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 5000, reason: 'top-up' });
    const topped = (await call(sandbox, 'GET', '/v1/wallet', token)).body.balance;
    const retry = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_9Vb2Nq5XwL8kRt1M' }, { 'idempotency-key': 'redeem-1' });
    expect(retry.status).toBe(422);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await call(sandbox, 'GET', '/v1/wallet', token)).body.balance).toBe(topped);
    const [redemptions] = await sandbox.context.db.query("SELECT count(*)::int AS n FROM redemptions WHERE external_user_id = 'user_123' AND offer_id = 'off_9Vb2Nq5XwL8kRt1M'");
    expect(redemptions.n).toBe(0);
    const conflict = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_7Hq2LmN4pX9rT1vB' }, { 'idempotency-key': 'redeem-1' });
    expect([conflict.status, conflict.body.code]).toEqual([409, 'idempotency_conflict']);
    const fresh = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_9Vb2Nq5XwL8kRt1M' }, { 'idempotency-key': 'redeem-2' });
    expect(fresh.status).toBe(201);
  });

  it('keeps a key for 24 h of sandbox time, then frees it', async () => {
    sandbox = await freshSandbox(kind);
    const body = { externalUserID: 'user_123', amount: 10, reason: 'daily' };
    const first = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'daily' });
    await sandbox.context.clock.advance(23 * 3_600_000);
    expect((await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'daily' })).body.transactionId).toBe(first.body.transactionId);
    await sandbox.context.clock.advance(2 * 3_600_000);
    const later = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'daily' });
    expect(later.body.transactionId).not.toBe(first.body.transactionId);
    expect(later.body.balance).toBe(first.body.balance + 10);
  });

  it('replays exchangeToken (the same token) and createWebhook (the same secret)', async () => {
    sandbox = await freshSandbox(kind);
    const mint = () => call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' }, { 'idempotency-key': 'login-1' });
    expect((await mint()).body.token).toBe((await mint()).body.token);
    const create = () => call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/hooks', events: ['points.credited'] }, { 'idempotency-key': 'hook-1' });
    const [a, b] = [await create(), await create()];
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const list = (await call(sandbox, 'GET', '/v1/webhooks', FULL_KEY)).body.data;
    expect(list.filter((w: any) => w.url === 'https://backend.example.com/hooks')).toHaveLength(1);
    expect(list.every((w: any) => !('signingSecret' in w))).toBe(true);
  });

  it('scopes stored answers to the credential: another key reusing an Idempotency-Key never gets the first key\'s answer', async () => {
    sandbox = await freshSandbox(kind);
    const mint = (key: string) => call(sandbox, 'POST', '/v1/auth/exchange', key, { externalUserID: 'user_123' }, { 'idempotency-key': 'login-K' });
    const a = await mint(FULL_KEY);
    expect(a.status).toBe(200);
    // Another credential (an API key with token_write) with the same key and the same request: its own execution.
    const b = await mint(TOKEN_MINTER);
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.token).not.toBe(a.body.token);
    // Each key still replays its own answer.
    const aAgain = await mint(FULL_KEY);
    expect([aAgain.body.token, aAgain.headers.get('idempotent-replayed')]).toEqual([a.body.token, 'true']);
    const bAgain = await mint(TOKEN_MINTER);
    expect([bAgain.body.token, bAgain.headers.get('idempotent-replayed')]).toEqual([b.body.token, 'true']);
    // Both tokens were really minted and work.
    for (const token of [a.body.token, b.body.token]) expect((await call(sandbox, 'GET', '/v1/wallet', token)).status).toBe(200);

    // A different request with that key is a conflict only within the key that used it.
    const other = { externalUserID: 'user_123', amount: 5, reason: 'scoped' };
    expect((await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, other, { 'idempotency-key': 'login-K' })).body.code).toBe('idempotency_conflict');
    const credited = await call(sandbox, 'POST', '/v1/points/credit', LOYALTY_JOB, other, { 'idempotency-key': 'login-K' });
    expect([credited.status, credited.headers.get('idempotent-replayed')]).toEqual([200, null]);
  });
});
