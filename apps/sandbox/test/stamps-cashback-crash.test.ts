// kill -9 in the middle of a stamps and cashback load, on PGlite (a data folder) and on
// PostgreSQL: the built CLI in its own process takes additions, redemptions and credits from many
// concurrent clients and is killed with requests in flight. After the restart every stamp card and
// every cashback ledger adds up to its balance (each history row is the previous balance plus its
// change, the last one is the balance), every change answered before the crash is there, and the
// outbox holds an event for exactly the effects that were committed: the webhooks delivered after
// the restart are one per committed credit and per addition that completed a reward, and none for
// a change the crash undid.
import { describe, expect, it } from 'vitest';
import { call, DATABASES, durableDatabaseFor, FULL_KEY } from './support/databases.js';
import { expectAddsUp } from './support/ledgers.js';
import { startProcess, type SandboxProcess } from './support/process.js';
import { startReceiver, until, type Receiver } from './support/receiver.js';

const CARDS = { stc_Coffee10Card0001: 10, stc_Pastry6Card0001: 6 } as Record<string, number>;
const MEMBERS = ['user_123', 'user_load_1', 'user_load_2', 'user_load_3', 'user_load_4'];
const WORKERS = 12;

/** Every item of a member's history, oldest first, paged by cursor. */
async function history(sandbox: SandboxProcess, route: string, token: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const page: any = (await call(sandbox, 'GET', `${route}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, token)).body;
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return items.reverse();
}

describe.each(DATABASES)('kill -9 mid-load on %s', (kind) => {
  it('every stamp and cashback ledger adds up to its balance after the restart, with every answered change and an event for exactly each committed one', async () => {
    const receiver: Receiver = await startReceiver();
    const args = [...(await durableDatabaseFor(kind)).args, '--forward-webhooks', receiver.url];
    let sandbox: SandboxProcess = await startProcess([...args, '--sample-keys']);
    try {
      // Stamps and cashback have code: neither is in the start-up line of example-answered operations.
      expect(sandbox.output()).not.toMatch(/answered from the spec's examples[^\n]*\b(getStamps|listStampHistory|redeemStampReward|getMemberStamps|addStamps|getCashback|listCashbackHistory|redeemCashback|getMemberCashback|creditCashback)\b/);
      const hook = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/expys', events: ['stamps.reward_earned', 'cashback.credited'] });
      expect(hook.status).toBe(201);
      receiver.secret = hook.body.signingSecret;
      const tokens = new Map<string, string>();
      for (const member of MEMBERS) tokens.set(member, (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: member })).body.token);

      // The load: each worker picks a member and one of the four moves, again and again, until
      // the process dies under it. What was answered 200 is remembered.
      const answered = new Set<string>();
      let crashed = false;
      let n = 0;
      const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];
      const move = async () => {
        const member = pick(MEMBERS);
        const token = tokens.get(member)!;
        const card = pick(Object.keys(CARDS));
        const key = { 'idempotency-key': `load-${n++}` };
        switch (pick(['add', 'add', 'redeemStamps', 'credit', 'redeemCashback'] as const)) {
          case 'add':
            return call(sandbox, 'POST', `/v1/members/${member}/stamps`, FULL_KEY, { stampCardId: card, stamps: 1 + Math.floor(Math.random() * 12), reason: 'load' }, key);
          case 'redeemStamps':
            return call(sandbox, 'POST', `/v1/stamps/${card}/redeem`, token, undefined, key);
          case 'credit':
            return call(sandbox, 'POST', `/v1/members/${member}/cashback`, FULL_KEY, { amount: 1 + Math.floor(Math.random() * 400), reason: 'load' }, key);
          case 'redeemCashback':
            return call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 1 + Math.floor(Math.random() * 300) }, key);
        }
      };
      const worker = async () => {
        while (!crashed) {
          try {
            const answer = await move();
            if (answer.status === 200) answered.add(answer.body.transactionId);
            else expect([answer.status, answer.body.code]).toEqual([422, expect.stringMatching(/^insufficient_(stamps|cashback)$/)]);
          } catch (error) {
            // Refused or reset connections once the process is gone; anything else is a failure.
            if (!crashed) throw error;
          }
        }
      };
      const load = Promise.all(Array.from({ length: WORKERS }, worker));
      await until(() => answered.size >= 150, 60_000);
      crashed = true;
      // With WORKERS requests in flight: no shutdown code runs.
      await sandbox.crash();
      await load;

      sandbox = await startProcess(args);
      expect(sandbox.output()).not.toContain('First start');
      const kept = new Set<string>();
      const expectedEvents = new Set<string>();
      for (const member of MEMBERS) {
        const token = tokens.get(member)!;
        // Stamps: each card's history adds up to the balance getMemberStamps reads.
        const cards = (await call(sandbox, 'GET', `/v1/members/${member}/stamps`, FULL_KEY)).body.cards;
        const stampHistory = await history(sandbox, '/v1/stamps/history', token);
        for (const card of cards) {
          const rows = stampHistory.filter((row) => row.stampCardId === card.id);
          expectAddsUp(rows.map((row) => ({ change: row.stamps, after: row.stampsAfter })), card.stamps, `${member} ${card.id}`);
          expect(card.rewardsAvailable).toBe(Math.floor(card.stamps / CARDS[card.id]));
          for (const row of rows) {
            const before = row.stampsAfter - row.stamps;
            if (row.type === 'added' && row.reason === 'load' && Math.floor(row.stampsAfter / CARDS[card.id]) > Math.floor(before / CARDS[card.id])) expectedEvents.add(row.id);
          }
        }
        stampHistory.forEach((row) => kept.add(row.id));
        // Cashback: the history adds up to the balance getMemberCashback reads.
        const balance = (await call(sandbox, 'GET', `/v1/members/${member}/cashback`, FULL_KEY)).body.balance;
        const cashHistory = await history(sandbox, '/v1/cashback/history', token);
        expectAddsUp(cashHistory.map((row) => ({ change: row.amount, after: row.balanceAfter })), balance, `${member} cashback`);
        for (const row of cashHistory) {
          kept.add(row.id);
          if (row.type === 'credit' && row.reason === 'load') expectedEvents.add(row.id);
        }
      }
      // Every change answered before the crash survived it.
      expect([...answered].filter((id) => !kept.has(id))).toEqual([]);

      // The outbox: after the restart the worker delivers what was pending (or caught mid-send),
      // and the events are exactly the committed effects' (the seed's own history sends none).
      const delivered = () => new Set([...receiver.processed.values()].map((event: any) => event.data.transactionId as string));
      await until(() => [...expectedEvents].every((id) => delivered().has(id)), 30_000);
      expect([...delivered()].sort()).toEqual([...expectedEvents].sort());
      expect(receiver.received.every((r) => r.verified)).toBe(true);
    } finally {
      await sandbox.stop();
      await receiver.stop();
    }
  }, 180_000);
});
