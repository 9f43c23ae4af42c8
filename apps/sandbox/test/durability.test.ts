// The ledger survives kill -9, on PGlite (a data folder) and on PostgreSQL: every answered
// credit and redemption is there after a restart, with the keys, the clock and the outbox.
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, DATABASES, durableDatabaseFor, FULL_KEY } from './support/databases.js';
import { startProcess, type SandboxProcess } from './support/process.js';

describe.each(DATABASES)('kill -9 on %s', (kind) => {
  it('keeps every answered credit and redemption, the keys and the clock', async () => {
    const { args } = await durableDatabaseFor(kind);
    let sandbox: SandboxProcess = await startProcess([...args, '--sample-keys']);
    try {
      expect(sandbox.output()).toContain('First start');
      const start = (await call(sandbox, 'GET', '/v1/members/user_123', FULL_KEY)).body.pointsBalance;
      const seededTransactions = (await call(sandbox, 'GET', '/_sandbox/status', FULL_KEY)).body.counts.transactions;
      let expected = start;
      for (let i = 1; i <= 30; i++) {
        const credit = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: i, reason: `credit ${i}` });
        expect(credit.status).toBe(200);
        expected += i;
        expect(credit.body.balance).toBe(expected);
      }
      const grant = await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' });
      const redeemed = await call(sandbox, 'POST', '/v1/redemptions', grant.body.token, { offerId: 'off_7Hq2LmN4pX9rT1vB' });
      expect(redeemed.status).toBe(201);
      expected -= 500;
      await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: '2h' });
      // The last answer is in; no graceful shutdown follows.
      await sandbox.crash();

      sandbox = await startProcess(args);
      expect(sandbox.output()).not.toContain('First start');
      expect((await call(sandbox, 'GET', '/v1/members/user_123', FULL_KEY)).body.pointsBalance).toBe(expected);
      const status = (await call(sandbox, 'GET', '/_sandbox/status', FULL_KEY)).body;
      // The seed's movements, 30 credits and the redemption.
      expect(status.counts.transactions).toBe(seededTransactions + 31);
      expect(status.clockOffsetMs).toBeGreaterThanOrEqual(2 * 3_600_000);
      // The token minted before the crash is still known, and expired by the advanced clock.
      const wallet = await call(sandbox, 'GET', '/v1/wallet', grant.body.token);
      expect([wallet.status, wallet.body.code]).toEqual([401, 'token_expired']);
      if (kind === 'pglite') {
        // The control plane's key file, readable by its owner only.
        expect(statSync(path.join(args[1], 'admin-key')).mode & 0o777).toBe(0o600);
      }
    } finally {
      await sandbox.stop();
    }
  });
});
