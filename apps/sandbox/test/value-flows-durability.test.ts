// kill -9 in the middle of referral applications and claim approvals, on PGlite (a data folder)
// and on PostgreSQL: after a restart every answered application and approval is there, nothing
// was half done (a credit without its application or claim, or the reverse, or an event
// without its effect), each referee was rewarded once, each claim credited once, and every
// member's points ledger adds up to its balance.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { REFEREE_POINTS, REFERRER_POINTS } from '../src/domain/referrals.js';
import { call, DATABASES, durableDatabaseFor, FULL_KEY } from './support/databases.js';
import { expectEveryPointsLedger } from './support/ledgers.js';
import { startProcess, type SandboxProcess } from './support/process.js';

const REFERRERS = 3;
const REFEREES = 30;
const CLAIMS = 30;

describe.each(DATABASES)('kill -9 during referrals and claim approvals on %s', (kind) => {
  it('keeps every answered application and approval, half of nothing, and ledgers that add up', { timeout: 180_000 }, async () => {
    const { args, database } = await durableDatabaseFor(kind);
    let sandbox: SandboxProcess = await startProcess([...args, '--sample-keys']);
    const answered = { applications: new Set<string>(), approvals: new Set<string>() };
    try {
      const token = async (member: string) => (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: member })).body.token as string;
      const codes: string[] = [];
      for (let i = 0; i < REFERRERS; i++) codes.push((await call(sandbox, 'GET', '/v1/referrals', await token(`user_referrer_${i}`))).body.code);
      const claims: { id: string; member: string }[] = [];
      for (let i = 0; i < CLAIMS; i++) {
        const member = `user_claimant_${i % 10}`;
        const created = await call(sandbox, 'POST', '/v1/claims', await token(member), { type: 'receipt', description: `receipt ${i}`, points: 10 + i });
        expect(created.status).toBe(201);
        claims.push({ id: created.body.id, member });
      }
      for (let i = 0; i < REFEREES; i++) await token(`user_referee_${i}`);

      // The load: each referee applies twice (two codes, two keys) and each claim is approved
      // twice, all at once, with points credits in between. Answers are recorded as they come.
      const load: Promise<unknown>[] = [];
      let settled = 0;
      let lost = 0;
      const track = (request: Promise<{ status: number; body: any }>, onOk: (body: any) => void) =>
        load.push(
          request.then(
            (answer) => {
              settled++;
              if (answer.status === 200) onOk(answer.body);
            },
            () => {
              settled++;
              lost++;
            },
          ),
        );
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < REFEREES; i++) {
          const referee = `user_referee_${i}`;
          track(call(sandbox, 'POST', `/v1/members/${referee}/referrals`, FULL_KEY, { code: codes[(i + round) % REFERRERS] }, { 'idempotency-key': `apply-${i}-${round}` }), (body) =>
            answered.applications.add(body.refereeExternalUserID),
          );
        }
        for (const claim of claims) {
          track(call(sandbox, 'POST', `/v1/claims/${claim.id}/approve`, FULL_KEY, { reason: `round ${round}` }, { 'idempotency-key': `approve-${claim.id}-${round}` }), (body) =>
            answered.approvals.add(body.id),
          );
          track(call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: claim.member, amount: 1, reason: 'visit' }), () => {});
        }
      }
      const total = load.length;
      // Mid-load: some answered, the rest in flight or not yet sent.
      while (settled < total / 4) await new Promise((resolve) => setTimeout(resolve, 5));
      await sandbox.crash();
      await Promise.all(load);
      // Mid-load indeed: some answered, some cut off by the kill.
      expect(answered.applications.size + answered.approvals.size).toBeGreaterThan(0);
      expect(lost).toBeGreaterThan(0);

      sandbox = await startProcess(args);
      expect(sandbox.output()).not.toContain('First start');
      // The restarted sandbox answers from what was committed.
      const summary = (await call(sandbox, 'GET', '/v1/members/user_referrer_0/referrals', FULL_KEY)).body;
      expect(summary.code).toBe(codes[0]);
    } finally {
      await sandbox.stop();
    }

    const db = await openDatabase(database);
    try {
      // Every member's points ledger adds up to its balance.
      expect(await expectEveryPointsLedger(db)).toBeGreaterThan(REFERRERS + REFEREES);

      const applications = await db.query('SELECT * FROM referral_applications');
      // Every answered application is there; each referee applied once.
      for (const referee of answered.applications) expect(applications.some((a) => a.referee_external_user_id === referee)).toBe(true);
      expect(new Set(applications.map((a) => a.referee_external_user_id)).size).toBe(applications.length);
      // Each application has its two credits, and no referral credit exists without one.
      for (const a of applications) {
        const credits = await db.query('SELECT external_user_id, amount FROM wallet_transactions WHERE id = ANY($1::text[]) ORDER BY amount', [[a.referee_transaction_id, a.referrer_transaction_id]]);
        expect(credits.map((c) => [c.external_user_id, Number(c.amount)])).toEqual([
          [a.referee_external_user_id, REFEREE_POINTS],
          [a.referrer_external_user_id, REFERRER_POINTS],
        ]);
      }
      const [referralCredits] = await db.query("SELECT count(*)::int AS n FROM wallet_transactions WHERE description LIKE 'Referral:%'");
      expect(Number(referralCredits.n)).toBe(2 * applications.length);
      const [referralEvents] = await db.query("SELECT count(*)::int AS n FROM events WHERE type = 'referral.applied'");
      expect(Number(referralEvents.n)).toBe(applications.length);

      const approved = await db.query("SELECT * FROM claims WHERE status = 'approved'");
      for (const id of answered.approvals) expect(approved.some((c) => c.id === id)).toBe(true);
      // Each approved claim was credited once, by its own transaction; no claim credit without an approved claim.
      for (const claim of approved) {
        const [credit] = await db.query('SELECT external_user_id, amount FROM wallet_transactions WHERE id = $1', [claim.transaction_id]);
        expect([credit.external_user_id, Number(credit.amount)]).toEqual([claim.external_user_id, Number(claim.points_credited)]);
      }
      const [claimCredits] = await db.query("SELECT count(*)::int AS n FROM wallet_transactions WHERE description LIKE 'Claim approved:%'");
      expect(Number(claimCredits.n)).toBe(approved.length);
      const [claimEvents] = await db.query("SELECT count(*)::int AS n FROM events WHERE type = 'claim.approved'");
      expect(Number(claimEvents.n)).toBe(approved.length);
      // A pending claim has no decision and no credit.
      const [pending] = await db.query("SELECT count(*)::int AS n FROM claims WHERE status = 'pending' AND (transaction_id IS NOT NULL OR decided_at IS NOT NULL)");
      expect(Number(pending.n)).toBe(0);
    } finally {
      await db.close();
    }
  });
});
