// A sandbox a whole team shares: three sandbox processes on one PostgreSQL behind a round-robin
// proxy, 20 sandboxes created in parallel, and in each 1,000 creditPoints and 1,000 redemptions
// spread over the processes, one request in ten sent twice at once with the same
// Idempotency-Key. One process is killed -9 in the middle of the redemptions. Afterwards every
// ledger adds up, no sandbox sees another's members or keys, and each webhook delivery was
// attempted once: twice only when the process that made its first attempt was the one killed
// before it could record it, and then by another process that took the delivery over.
import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/testing/cluster.js';
import { startPostgres, type PostgresServer } from '../src/testing/postgres-server.js';

const SANDBOXES = 20;
const CREDITS = 1_000;
const REDEMPTIONS = 1_000;
const MEMBERS = 10;
/** Requests in flight at once, over all sandboxes. */
const CONCURRENCY = 32;
const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789';

interface Made {
  id: string;
  url: string;
  orgApiKey: string;
  members: string[];
  tokens: string[];
  offerId: string;
  cost: number;
}

interface Receipt {
  id: string;
  at: number;
}

/** A webhook receiver that answers 200 after a short while (so sends are in flight when the kill comes) and records each webhook-id. */
async function startCountingReceiver(): Promise<{ url: string; receipts: Receipt[]; server: Server }> {
  const receipts: Receipt[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      receipts.push({ id: String(request.headers['webhook-id']), at: Date.now() });
      setTimeout(() => response.writeHead(200).end(), 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/webhooks`, receipts, server };
}

/** One API call through the proxy, retried with the same Idempotency-Key while the answer is a network error or a 5xx. */
async function send(url: string, method: string, token: string, body?: unknown, idempotencyKey?: string): Promise<{ status: number; body: any; retries: number }> {
  for (let retries = 0; ; retries++) {
    try {
      const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status < 500 || retries >= 10) return { status: response.status, body: text ? JSON.parse(text) : undefined, retries };
    } catch (error) {
      if (retries >= 10) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 20 * (retries + 1)));
  }
}

/** Runs `jobs` with CONCURRENCY in flight; `onProgress` after each. */
async function runAll<T>(jobs: (() => Promise<T>)[], onProgress?: (done: number) => void | Promise<void>): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]();
        done++;
        await onProgress?.(done);
      }
    }),
  );
  return results;
}

describe('three sandbox processes on one PostgreSQL', () => {
  let server: PostgresServer;
  let databaseUrl: string;
  let cluster: Cluster;
  let receiver: Awaited<ReturnType<typeof startCountingReceiver>>;
  let db: pg.Pool;

  beforeAll(async () => {
    server = await startPostgres();
    databaseUrl = await server.createDatabase();
    receiver = await startCountingReceiver();
    cluster = await startCluster({
      processes: 3,
      // Rate limits off: the load is one client. A lease shorter than the default (timeout + 20 s),
      // so the killed process's deliveries are taken over sooner; the timeout stays long enough
      // for a receiver in this busy test process.
      settings: { databaseUrl, adminToken: ADMIN_TOKEN, forwardTo: receiver.url, webhookTimeoutMs: 8_000, leaseMs: 10_000, rateLimit: 0 },
    });
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
    await new Promise((resolve) => receiver?.server.close(resolve));
    await server?.stop();
  }, 60_000);

  it('counts a revocation, a clock advance and a deletion made through one process at once in the others', async () => {
    const response = await fetch(`${cluster.url}/_sandbox/sandboxes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const sandbox = (await response.json()) as { id: string; orgApiKey: string; appId: string };
    // The same sandbox on each process directly (not through the proxy).
    const on = (index: number) => `${cluster.processes[index].url}/sandboxes/${sandbox.id}`;
    const created = await send(`${on(0)}/_sandbox/apps/${sandbox.appId}/keys`, 'POST', sandbox.orgApiKey, { name: 'reader', scopes: ['member_read'] });
    expect(created.status).toBe(200);
    for (const index of [0, 2]) expect((await send(`${on(index)}/v1/members/user_123`, 'GET', created.body.key)).status).toBe(200);
    // Revoked through process 0: process 2, which has just looked the key up, refuses it at once.
    expect((await send(`${on(0)}/_sandbox/apps/${sandbox.appId}/keys/${created.body.id}/revoke`, 'POST', sandbox.orgApiKey, {})).status).toBe(200);
    const refused = await send(`${on(2)}/v1/members/user_123`, 'GET', created.body.key);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_api_key');

    // A member token minted through process 2, the clock advanced through process 0: expired on process 2 at once.
    const grant = await send(`${on(2)}/v1/auth/exchange`, 'POST', sandbox.orgApiKey, { externalUserID: 'user_123' });
    expect((await send(`${on(2)}/v1/wallet`, 'GET', grant.body.token)).status).toBe(200);
    expect((await send(`${on(0)}/_sandbox/clock/advance`, 'POST', sandbox.orgApiKey, { by: '16m' })).status).toBe(200);
    const expired = await send(`${on(2)}/v1/wallet`, 'GET', grant.body.token);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('token_expired');
    const clock = await send(`${on(2)}/_sandbox/clock`, 'GET', sandbox.orgApiKey);
    expect(clock.body.offsetMs).toBeGreaterThanOrEqual(16 * 60_000);

    // Deleted through process 0: 404 on process 2 at once (which served it a moment ago).
    const deleted = await fetch(`${cluster.processes[0].url}/_sandbox/sandboxes/${sandbox.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(deleted.status).toBe(200);
    const gone = await send(`${on(2)}/v1/members/user_123`, 'GET', sandbox.orgApiKey);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('not_found');
  }, 60_000);

  it('keeps every ledger whole, every sandbox apart and every webhook attempt single, with a process killed -9 mid-load', async () => {
    const started = Date.now();
    // 20 sandboxes, created in parallel through the proxy (so by all three processes).
    const created = await Promise.all(
      Array.from({ length: SANDBOXES }, async (_, i) => {
        const response = await fetch(`${cluster.url}/_sandbox/sandboxes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ label: `ci job ${i}`, ttlSeconds: 3600 }),
        });
        expect(response.status).toBe(201);
        return (await response.json()) as { id: string; url: string; orgApiKey: string };
      }),
    );
    expect(new Set(created.map((s) => s.id)).size).toBe(SANDBOXES);

    // In each: one webhook endpoint for redemptions, ten members with a token each, the cheapest offer a new member may redeem.
    const sandboxes: Made[] = await Promise.all(
      created.map(async (s, i) => {
        const hook = await send(`${s.url}/v1/webhooks`, 'POST', s.orgApiKey, { url: `https://hooks.example.test/expys/${i}`, events: ['redemption.created'] }, `hook-${i}`);
        expect(hook.status).toBe(201);
        const members = Array.from({ length: MEMBERS }, (_, k) => `team_${i}_${k}`);
        const tokens = await Promise.all(
          members.map(async (m) => {
            const grant = await send(`${s.url}/v1/auth/exchange`, 'POST', s.orgApiKey, { externalUserID: m }, `token-${m}`);
            expect(grant.status).toBe(200);
            return grant.body.token as string;
          }),
        );
        const offers = await send(`${s.url}/v1/offers?limit=100`, 'GET', tokens[0]);
        expect(offers.status).toBe(200);
        const offer = (offers.body.data as any[]).filter((o) => o.minimumTier === 'bronze').sort((a, b) => a.pointsCost - b.pointsCost)[0];
        expect(offer).toBeDefined();
        return { ...s, members, tokens, offerId: offer.id, cost: offer.pointsCost };
      }),
    );

    const phases: string[] = [`setup ${((Date.now() - started) / 1000).toFixed(1)} s`];
    let phaseStart = Date.now();
    // Credits: each member gets CREDITS / MEMBERS of (cost + 1) points. One in ten is sent twice at once.
    const creditJobs = sandboxes.flatMap((s, i) =>
      Array.from({ length: CREDITS }, (_, j) => async () => {
        const member = s.members[j % MEMBERS];
        const request = () => send(`${s.url}/v1/points/credit`, 'POST', s.orgApiKey, { externalUserID: member, amount: s.cost + 1, reason: `load ${j}` }, `credit-${i}-${j}`);
        const answers = await Promise.all(j % 10 === 0 ? [request(), request()] : [request()]);
        for (const answer of answers) expect(answer.status).toBe(200);
        // Both copies of a duplicated request got the one answer: the same transaction.
        expect(new Set(answers.map((a) => a.body.transactionId)).size).toBe(1);
        return answers;
      }),
    );
    await runAll(creditJobs);
    phases.push(`credits ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
    phaseStart = Date.now();

    // Redemptions, with one process killed -9 when 30% are done.
    let killedAt = 0;
    const inFlightAtKill = new Set<string>();
    const victim = cluster.processes[1];
    const redeemJobs = sandboxes.flatMap((s, i) =>
      Array.from({ length: REDEMPTIONS }, (_, j) => async () => {
        const k = j % MEMBERS;
        const request = () => send(`${s.url}/v1/redemptions`, 'POST', s.tokens[k], { offerId: s.offerId }, `redeem-${i}-${j}`);
        const answers = await Promise.all(j % 10 === 0 ? [request(), request()] : [request()]);
        for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
        return answers;
      }),
    );
    const redeemed = await runAll(redeemJobs, async (done) => {
      if (killedAt || done < redeemJobs.length * 0.3) return;
      killedAt = Date.now();
      await cluster.kill(1);
      // The deliveries the killed process was sending: another process must take each over.
      for (const s of sandboxes) {
        const { rows } = await db.query(`SELECT event_id FROM "${s.id}".webhook_deliveries WHERE state = 'sending' AND claimed_by LIKE $1`, [`%/${victim.pid}/%`]);
        for (const row of rows) inFlightAtKill.add(row.event_id);
      }
    });
    expect(killedAt).toBeGreaterThan(0);
    expect(victim.alive).toBe(false);
    phases.push(`redemptions ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
    phaseStart = Date.now();
    const retried = redeemed.flat().filter((a) => a.retries > 0).length;

    // Every process served a share; the killed one until it died.
    expect(cluster.served.every((n) => n > 1000)).toBe(true);

    // Every delivery ends succeeded, each with one attempt on record.
    const expectedEvents = new Set<string>();
    const attemptsLogged = new Map<string, number>();
    const deadline = Date.now() + 120_000;
    for (const s of sandboxes) {
      for (;;) {
        const { rows } = await db.query(`SELECT count(*) FILTER (WHERE state <> 'succeeded')::int AS open, count(*)::int AS total FROM "${s.id}".webhook_deliveries`);
        if (rows[0].open === 0) {
          expect(rows[0].total).toBe(REDEMPTIONS);
          break;
        }
        if (Date.now() > deadline) throw new Error(`${s.id}: ${rows[0].open} of ${rows[0].total} deliveries still open after 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // Each delivery: one successful attempt on record, and as many attempts on record as it counts.
      const { rows: logs } = await db.query(
        `SELECT d.event_id, d.attempts, count(a.*)::int AS logged, count(a.*) FILTER (WHERE a.status BETWEEN 200 AND 299)::int AS ok
           FROM "${s.id}".webhook_deliveries d LEFT JOIN "${s.id}".webhook_attempts a ON a.delivery_id = d.id GROUP BY d.id`,
      );
      for (const log of logs) {
        expect(log.ok, log.event_id).toBe(1);
        expect(log.logged, log.event_id).toBe(log.attempts);
        attemptsLogged.set(log.event_id, log.logged);
      }
      const { rows: events } = await db.query(`SELECT id FROM "${s.id}".events WHERE type = 'redemption.created' AND payload::jsonb #>> '{data,externalUserID}' LIKE 'team\\_%'`);
      for (const e of events) expectedEvents.add(e.id);
    }
    expect(expectedEvents.size).toBe(SANDBOXES * REDEMPTIONS);
    phases.push(`deliveries drained ${((Date.now() - phaseStart) / 1000).toFixed(1)} s later`);

    // Each event reached the receiver, once per attempt on record; one receipt more only for a
    // send the killed process had started and could not record.
    const receipts = new Map<string, Receipt[]>();
    for (const r of receiver.receipts) receipts.set(r.id, [...(receipts.get(r.id) ?? []), r]);
    expect([...receipts.keys()].filter((id) => !expectedEvents.has(id))).toEqual([]);
    expect([...expectedEvents].filter((id) => !receipts.has(id))).toEqual([]);
    const twice = [...receipts.entries()].filter(([, list]) => list.length > 1);
    for (const [id, list] of receipts) {
      expect(list.length, `${id}: received more often than attempted`).toBeLessThanOrEqual(attemptsLogged.get(id)! + (inFlightAtKill.has(id) ? 1 : 0));
    }
    const retriedAttempts = [...attemptsLogged.values()].filter((n) => n > 1).length;
    // Those the killed process held were finished by the others (checked above: all succeeded).

    // Every ledger adds up: exactly the credits and redemptions answered, once each.
    for (const s of sandboxes) {
      const { rows } = await db.query(
        `SELECT type, count(*)::int AS n, sum(amount)::int AS total FROM "${s.id}".wallet_transactions WHERE external_user_id LIKE 'team\\_%' GROUP BY type ORDER BY type`,
      );
      expect(rows).toEqual([
        { type: 'credit', n: CREDITS, total: CREDITS * (s.cost + 1) },
        { type: 'redemption', n: REDEMPTIONS, total: -REDEMPTIONS * s.cost },
      ]);
      for (const member of s.members) {
        const read = await send(`${s.url}/v1/members/${member}`, 'GET', s.orgApiKey);
        expect(read.status).toBe(200);
        expect(read.body.pointsBalance).toBe((CREDITS / MEMBERS) * (s.cost + 1) - (REDEMPTIONS / MEMBERS) * s.cost);
      }
      const { rows: balances } = await db.query(
        `SELECT m.external_user_id, m.balance, (SELECT sum(amount) FROM "${s.id}".wallet_transactions t WHERE t.external_user_id = m.external_user_id)::int AS sum
           FROM "${s.id}".members m WHERE m.external_user_id LIKE 'team\\_%'`,
      );
      expect(balances).toHaveLength(MEMBERS);
      for (const b of balances) expect(Number(b.balance)).toBe(Number(b.sum));
    }

    // No read crosses sandboxes: another sandbox's key is unknown here, and its members are not here.
    for (let i = 0; i < SANDBOXES; i++) {
      const [own, other] = [sandboxes[i], sandboxes[(i + 1) % SANDBOXES]];
      const foreignKey = await send(`${own.url}/v1/members/${own.members[0]}`, 'GET', other.orgApiKey);
      expect(foreignKey.status).toBe(401);
      const foreignMember = await send(`${own.url}/v1/members/${other.members[0]}`, 'GET', own.orgApiKey);
      expect(foreignMember.status).toBe(404);
      const foreignToken = await send(`${own.url}/v1/wallet`, 'GET', other.tokens[0]);
      expect(foreignToken.status).toBe(401);
    }

    console.log(
      `multi-process: ${SANDBOXES} sandboxes × (${CREDITS} credits + ${REDEMPTIONS} redemptions); served ${cluster.served.join(' / ')} per process; ` +
        `${retried} redemptions retried after the kill; ${inFlightAtKill.size} deliveries in flight on the killed process, ${twice.length} events received twice, ${retriedAttempts} deliveries attempted more than once (a failed attempt on record); ${phases.join(', ')}`,
    );
  }, 600_000);
});
