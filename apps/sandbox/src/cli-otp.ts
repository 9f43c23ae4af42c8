// `expys-sandbox otp <externalUserID>`: the member's latest passcode that can still be verified,
// and its code (the sandbox sends passcodes nowhere). Formatting only; the CLI fetches the list
// from the control plane (GET /_sandbox/members/:externalUserID/passcodes, newest first).
import type { PasscodeInfo } from './domain/passcodes.js';

export interface OtpOutput {
  /** What to print on stdout (the code first, alone on its line, for scripts: `otp user_123 | head -1`). */
  stdout?: string;
  /** Why there is none, on stderr. */
  stderr?: string;
  exitCode: 0 | 1;
}

export function otpOutput(externalUserID: string, passcodes: PasscodeInfo[]): OtpOutput {
  const active = passcodes.find((p) => p.status === 'active' && p.code !== null);
  if (active) {
    const tries = `${active.attemptsLeft} ${active.attemptsLeft === 1 ? 'try' : 'tries'} left`;
    return { stdout: `${active.code}\n  ${active.passcodeId} for ${externalUserID} (${active.channel}), expires ${active.expiresAt} on the sandbox clock, ${tries}`, exitCode: 0 };
  }
  const latest = passcodes[0];
  const why = latest ? `its latest passcode, ${latest.passcodeId}, is ${latest.status} (a code is shown only while it can be verified)` : 'it has none';
  return {
    stderr: `✖ No active passcode for ${externalUserID}: ${why}. Request one from your backend: POST /v1/members/${encodeURIComponent(externalUserID)}/passcodes (requestPasscode).`,
    exitCode: 1,
  };
}
