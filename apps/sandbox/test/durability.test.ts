// The ledger survives kill -9, on PGlite (a data folder) and on PostgreSQL: every answered
// credit and redemption is there after a restart, with the keys, the clock and the outbox.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../src/testing/postgres-server.js';
import { FULL_KEY } from './support/databases.js';
import { startProcess, type SandboxProcess } from './support/process.js';

async function api(url: string, method: string, route: string, body?: unknown) {
  const response = await fetch(new URL(route, url), {
    method,
    headers: { authorization: `Bearer ${FULL_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

let postgres: PostgresServer | undefined;
const folders: string[] = [];
afterAll(async () => {
  await postgres?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const targets = {
  pglite: async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'expys-sandbox-'));
    folders.push(folder);
    return ['--data', path.join(folder, 'data')];
  },
  postgres: async () => {
    postgres ??= await startPostgres();
    return ['--database-url', await postgres.createDatabase()];
  },
};

describe.each(Object.keys(targets) as (keyof typeof targets)[])('kill -9 on %s', (kind) => {
  it('keeps every answered credit and redemption, the keys and the clock', async () => {
    const args = await targets[kind]();
    let sandbox: SandboxProcess = await startProcess([...args, '--sample-keys']);
    try {
      expect(sandbox.output()).toContain('First start');
      const start = (await api(sandbox.url, 'GET', '/v1/members/user_123')).body.pointsBalance;
      const seededTransactions = (await api(sandbox.url, 'GET', '/_sandbox/status')).body.counts.transactions;
      let expected = start;
      for (let i = 1; i <= 30; i++) {
        const credit = await api(sandbox.url, 'POST', '/v1/points/credit', { externalUserID: 'user_123', amount: i, reason: `credit ${i}` });
        expect(credit.status).toBe(200);
        expected += i;
        expect(credit.body.balance).toBe(expected);
      }
      const grant = await api(sandbox.url, 'POST', '/v1/auth/exchange', { externalUserID: 'user_123' });
      const redeemed = await fetch(new URL('/v1/redemptions', sandbox.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${grant.body.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ offerId: 'off_7Hq2LmN4pX9rT1vB' }),
      });
      expect(redeemed.status).toBe(201);
      expected -= 500;
      await api(sandbox.url, 'POST', '/_sandbox/clock/advance', { by: '2h' });
      // The last answer is in; no graceful shutdown follows.
      await sandbox.crash();

      sandbox = await startProcess(args);
      expect(sandbox.output()).not.toContain('First start');
      expect((await api(sandbox.url, 'GET', '/v1/members/user_123')).body.pointsBalance).toBe(expected);
      const status = (await api(sandbox.url, 'GET', '/_sandbox/status')).body;
      // The seed's movements, 30 credits and the redemption.
      expect(status.counts.transactions).toBe(seededTransactions + 31);
      expect(status.clockOffsetMs).toBeGreaterThanOrEqual(2 * 3_600_000);
      // The token minted before the crash is still known, and expired by the advanced clock.
      const wallet = await fetch(new URL('/v1/wallet', sandbox.url), { headers: { authorization: `Bearer ${grant.body.token}` } });
      expect([wallet.status, (await wallet.json()).code]).toEqual([401, 'token_expired']);
      if (kind === 'pglite') {
        // The control plane's key file, readable by its owner only.
        expect(statSync(path.join(args[1], 'admin-key')).mode & 0o777).toBe(0o600);
      }
    } finally {
      await sandbox.stop();
    }
  });
});
