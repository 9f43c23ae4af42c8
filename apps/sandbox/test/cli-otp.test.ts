// `expys-sandbox otp <externalUserID>`, as a developer runs it against a running sandbox: the
// passcode the sandbox delivered nowhere, its code alone on the first line; exit 1 saying why
// when the member has none that can be verified; exit 2 for a usage mistake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_KEY } from './support/databases.js';
import { runCli, startProcess, type SandboxProcess } from './support/process.js';

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startProcess(['--memory', '--sample-keys']);
});
afterAll(() => sandbox?.stop());

const otp = (...args: string[]) => runCli(['otp', ...args, '--url', sandbox.url, '--key', FULL_KEY]);

async function api(method: string, route: string, authorization: string, body?: unknown) {
  const response = await fetch(new URL(route, sandbox.url), {
    method,
    headers: { authorization: `Bearer ${authorization}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('expys-sandbox otp', () => {
  it('prints the latest passcode that can still be verified, and says why there is none', async () => {
    const token = (await api('POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_cli' })).body.token;
    const none = await otp('user_cli');
    expect([none.code, none.stdout]).toEqual([1, '']);
    expect(none.stderr).toContain('No active passcode for user_cli: it has none.');
    expect(none.stderr).toContain('POST /v1/members/user_cli/passcodes');

    await api('POST', '/v1/members/user_cli/passcodes', FULL_KEY, { channel: 'sms' });
    const latest = (await api('POST', '/v1/members/user_cli/passcodes', FULL_KEY, { channel: 'email' })).body;
    const shown = await otp('user_cli');
    expect(shown.code).toBe(0);
    const [code, details] = shown.stdout.trimEnd().split('\n');
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(details).toBe(`  ${latest.passcodeId} for user_cli (email), expires ${latest.expiresAt} on the sandbox clock, 5 tries left`);

    // The code printed is the one that verifies; a wrong try shows in the tries left.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await api('POST', '/v1/passcodes/verify', token, { passcodeId: latest.passcodeId, code: wrong })).status).toBe(422);
    expect((await otp('user_cli')).stdout).toContain('4 tries left');
    expect((await api('POST', '/v1/passcodes/verify', token, { passcodeId: latest.passcodeId, code })).status).toBe(200);

    // Verified, it is shown no more: the earlier sms passcode is still active and is shown instead.
    const earlier = await otp('user_cli');
    expect([earlier.code, earlier.stdout]).toEqual([0, expect.stringMatching(/^[0-9]{6}\n {2}pc_[A-Za-z0-9]+ for user_cli \(sms\)/)]);
    const [earlierCode] = earlier.stdout.split('\n');
    const earlierId = /(pc_[A-Za-z0-9]+)/.exec(earlier.stdout)![1];
    expect((await api('POST', '/v1/passcodes/verify', token, { passcodeId: earlierId, code: earlierCode })).status).toBe(200);
    const used = await otp('user_cli');
    expect(used.code).toBe(1);
    expect(used.stderr).toContain(`its latest passcode, ${latest.passcodeId}, is verified`);
  });

  it('expired on the test clock: none to show', async () => {
    await api('POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_late' });
    await api('POST', '/v1/members/user_late/passcodes', FULL_KEY, { channel: 'sms' });
    expect((await otp('user_late')).code).toBe(0);
    expect((await runCli(['clock', 'advance', '11m', '--url', sandbox.url, '--key', FULL_KEY])).code).toBe(0);
    const expired = await otp('user_late');
    expect(expired.code).toBe(1);
    expect(expired.stderr).toMatch(/its latest passcode, pc_[A-Za-z0-9]+, is expired/);
  });

  it('exits 1 for an unknown member, and 2 without one', async () => {
    const unknown = await otp('user_nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('The member "user_nobody" does not exist');
    const usage = await runCli(['otp', '--url', sandbox.url, '--key', FULL_KEY]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('otp needs an externalUserID.');
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('otp <externalUserID>');
  });
});
