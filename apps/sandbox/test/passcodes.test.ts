// Passcodes on PGlite and on PostgreSQL: requestPasscode makes a 6-digit code that expires 10
// minutes later on the sandbox's test clock and locks after 5 wrong tries; verifyPasscode
// verifies it once, with the documented refusals; the code is readable through the control plane
// only while it can be verified, and nothing of it is kept afterwards.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, DATABASES, freshSandbox, FULL_KEY, newMember } from './support/databases.js';

const MARKER = 'expys-sandbox-answer';
/** The sample API key restricted to member_read: not member_write. */
const MEMBERS_READER = SAMPLE_CREDENTIALS.apiKeys.membersReader.key;
/** member_read, member_write and points_write. */
const LOYALTY_JOB = SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key;

describe.each(DATABASES)('passcodes on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  const request = (member: string, channel = 'sms', headers: Record<string, string> = {}, key = FULL_KEY) =>
    call(sandbox, 'POST', `/v1/members/${member}/passcodes`, key, { channel }, headers);
  const verify = (token: string, passcodeId: string, code: string) => call(sandbox, 'POST', '/v1/passcodes/verify', token, { passcodeId, code });
  /** The control plane's view (what `expys-sandbox otp` prints). */
  const controlPlane = (member: string) => call(sandbox, 'GET', `/_sandbox/members/${member}/passcodes`, FULL_KEY);
  const codeOf = async (member: string, passcodeId: string) => (await controlPlane(member)).body.data.find((p: any) => p.passcodeId === passcodeId).code as string | null;
  const stored = async (passcodeId: string) => (await sandbox.context.db.query('SELECT code, attempts FROM passcodes WHERE id = $1', [passcodeId]))[0];
  /** A code that is not `code`. */
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('requests a passcode and verifies it once, from its own code (not from the examples)', async () => {
    sandbox = await freshSandbox(kind);
    expect(sandbox.exampleOperations).not.toContain('requestPasscode');
    expect(sandbox.exampleOperations).not.toContain('verifyPasscode');
    const token = await newMember(sandbox, 'user_otp');
    const requested = await request('user_otp', 'sms', { 'idempotency-key': 'otp-1' });
    expect([requested.status, requested.headers.get(MARKER)]).toEqual([201, null]);
    expect(requested.body).toEqual({ passcodeId: expect.stringMatching(/^pc_[A-Za-z0-9]{16}$/), externalUserID: 'user_otp', channel: 'sms', expiresAt: expect.any(String), attemptsAllowed: 5 });
    // 10 minutes on the sandbox clock.
    expect(Date.parse(requested.body.expiresAt) - sandbox.context.clock.now().getTime()).toBeGreaterThan(10 * 60_000 - 60_000);
    expect(Date.parse(requested.body.expiresAt) - sandbox.context.clock.now().getTime()).toBeLessThanOrEqual(10 * 60_000);
    // A retry with the key replays the same passcode (no second code); another body is a conflict.
    const replay = await request('user_otp', 'sms', { 'idempotency-key': 'otp-1' });
    expect([replay.status, replay.body, replay.headers.get('idempotent-replayed')]).toEqual([201, requested.body, 'true']);
    expect((await request('user_otp', 'email', { 'idempotency-key': 'otp-1' })).body.code).toBe('idempotency_conflict');

    const code = await codeOf('user_otp', requested.body.passcodeId);
    expect(code).toMatch(/^[0-9]{6}$/);
    const verified = await verify(token, requested.body.passcodeId, code!);
    expect([verified.status, verified.headers.get(MARKER)]).toEqual([200, null]);
    expect(verified.body).toEqual({ passcodeId: requested.body.passcodeId, externalUserID: 'user_otp', verified: true, verifiedAt: expect.any(String) });
    // Once: used up, it is gone (404), and nothing of the code is kept.
    const again = await verify(token, requested.body.passcodeId, code!);
    expect([again.status, again.body.code]).toEqual([404, 'not_found']);
    expect(again.body.detail).toContain('already verified');
    expect((await stored(requested.body.passcodeId)).code).toBeNull();
    expect((await controlPlane('user_otp')).body.data[0]).toMatchObject({ passcodeId: requested.body.passcodeId, status: 'verified', code: null, attemptsLeft: 0 });
  });

  it('counts wrong tries (422 passcode_invalid with the tries left), locks at the 5th, and then refuses even the right code', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_typo');
    const { passcodeId } = (await request('user_typo')).body;
    const code = (await codeOf('user_typo', passcodeId))!;
    for (const left of [4, 3, 2, 1]) {
      const answer = await verify(token, passcodeId, wrong(code));
      expect([answer.status, answer.body.code]).toEqual([422, 'passcode_invalid']);
      const detail = `The passcode does not match; ${left} ${left === 1 ? 'try remains' : 'tries remain'}.`;
      expect([answer.body.detail, answer.body.errors]).toEqual([detail, [{ path: '/code', message: detail }]]);
      expect((await controlPlane('user_typo')).body.data[0]).toMatchObject({ status: 'active', attemptsLeft: left, code });
    }
    const fifth = await verify(token, passcodeId, wrong(code));
    expect([fifth.status, fifth.body.code]).toEqual([422, 'passcode_locked']);
    const right = await verify(token, passcodeId, code);
    expect([right.status, right.body.code, right.body.errors[0].path]).toEqual([422, 'passcode_locked', '/code']);
    expect(await stored(passcodeId)).toEqual({ code: null, attempts: 5 });
    expect((await controlPlane('user_typo')).body.data[0]).toMatchObject({ status: 'locked', code: null });
    // A new passcode starts with its own 5 tries.
    const next = (await request('user_typo')).body;
    expect((await verify(token, next.passcodeId, (await codeOf('user_typo', next.passcodeId))!)).status).toBe(200);
  });

  it('counts concurrent wrong tries one by one: 4 invalid, then locked', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_burst');
    const { passcodeId } = (await request('user_burst')).body;
    const code = (await codeOf('user_burst', passcodeId))!;
    const answers = await Promise.all(Array.from({ length: 12 }, () => verify(token, passcodeId, wrong(code))));
    const codes = answers.map((a) => a.body.code);
    expect(codes.filter((c) => c === 'passcode_invalid')).toHaveLength(4);
    expect(codes.filter((c) => c === 'passcode_locked')).toHaveLength(8);
    expect(new Set(answers.filter((a) => a.body.code === 'passcode_invalid').map((a) => a.body.detail)).size).toBe(4);
    expect((await stored(passcodeId)).attempts).toBe(5);
  });

  it('expires 10 minutes later on the test clock, and erases the code', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_slow');
    const early = (await request('user_slow')).body;
    const late = (await request('user_slow', 'email')).body;
    await sandbox.context.clock.advance(9 * 60_000);
    // Still live after 9 minutes.
    expect((await verify(token, early.passcodeId, (await codeOf('user_slow', early.passcodeId))!)).status).toBe(200);
    const lateCode = (await codeOf('user_slow', late.passcodeId))!;
    await sandbox.context.clock.advance(60_000 + 1_000);
    const expired = await verify(token, late.passcodeId, lateCode);
    expect([expired.status, expired.body.code]).toEqual([422, 'passcode_expired']);
    expect(expired.body.detail).toBe(`The passcode expired at ${late.expiresAt}. Request a new one.`);
    expect((await stored(late.passcodeId)).code).toBeNull();
    // Expired is expired: a wrong code is not counted against it either.
    expect((await verify(token, late.passcodeId, wrong(lateCode))).body.code).toBe('passcode_expired');
    expect((await stored(late.passcodeId)).attempts).toBe(0);
    expect((await controlPlane('user_slow')).body.data.map((p: any) => [p.passcodeId, p.status, p.code])).toEqual([
      [late.passcodeId, 'expired', null],
      [early.passcodeId, 'verified', null],
    ]);

    // A code nobody verifies is erased by the next request, verification or control-plane read after it expires.
    const forgotten = (await request('user_slow')).body;
    await sandbox.context.clock.advance(11 * 60_000);
    expect((await stored(forgotten.passcodeId)).code).toMatch(/^[0-9]{6}$/);
    await request('user_slow');
    expect((await stored(forgotten.passcodeId)).code).toBeNull();
  });

  it("answers 404 for another member's passcode or an unknown one (without counting a try), and for an unknown member", async () => {
    sandbox = await freshSandbox(kind);
    const owner = await newMember(sandbox, 'user_owner');
    const intruder = await newMember(sandbox, 'user_intruder');
    const { passcodeId } = (await request('user_owner')).body;
    const code = (await codeOf('user_owner', passcodeId))!;
    const foreign = await verify(intruder, passcodeId, code);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'not_found']);
    expect((await stored(passcodeId)).attempts).toBe(0);
    expect((await verify(owner, 'pc_Unknown0000000', code)).status).toBe(404);
    expect((await verify(owner, passcodeId, code)).status).toBe(200);

    const unknownMember = await request('user_nobody');
    expect([unknownMember.status, unknownMember.body.code]).toEqual([404, 'not_found']);
    expect(await sandbox.context.db.query("SELECT 1 FROM passcodes WHERE external_user_id = 'user_nobody'")).toEqual([]);
    expect((await controlPlane('user_nobody')).status).toBe(404);

    // The boundary: the body's schema, the scope (member_write), modes, credentials.
    const badChannel = await request('user_owner', 'pigeon');
    expect([badChannel.status, badChannel.body.errors[0].path]).toEqual([422, '/body/channel']);
    const shortCode = await call(sandbox, 'POST', '/v1/passcodes/verify', owner, { passcodeId, code: '12345' });
    expect([shortCode.status, shortCode.body.errors[0].path]).toEqual([422, '/body/code']);
    const reader = await request('user_owner', 'sms', {}, MEMBERS_READER);
    expect([reader.status, reader.body.code]).toEqual([403, 'insufficient_scope']);
    expect(reader.body.detail).toContain('member_write');
    expect((await request('user_owner', 'sms', {}, LOYALTY_JOB)).status).toBe(201);
    expect((await request('user_owner', 'sms', {}, owner)).body.code).toBe('member_token_not_allowed');
    expect((await call(sandbox, 'POST', '/v1/passcodes/verify', FULL_KEY, { passcodeId, code })).status).toBe(403);
    // The control plane takes an Org-API-Key only.
    expect((await call(sandbox, 'GET', '/_sandbox/members/user_owner/passcodes', LOYALTY_JOB)).status).toBe(403);
    expect((await call(sandbox, 'GET', '/_sandbox/members/user_owner/passcodes', owner)).status).toBe(401);
  });
});
