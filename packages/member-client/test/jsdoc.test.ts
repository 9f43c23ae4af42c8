// The hover docs of the generated member methods: the spec's description, the member token as the
// only credential (an app never holds a backend key, so no scope or backend scheme is named), the
// pagination and idempotency notes where the spec says so, and the errors by client class.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { operationTable } from '../src/index.js';

const source = readFileSync(new URL('../src/generated/operations.ts', import.meta.url), 'utf8');

function docOf(method: string): string {
  const match = new RegExp(`/\\*\\*\\n((?:   \\*.*\\n)+)   \\*/\\n  ${method}\\(`).exec(source);
  if (!match) throw new Error(`no JSDoc on ${method}`);
  return match[1].replace(/^   \* ?/gm, '');
}

it.each(Object.entries(operationTable))('%s: member mode with the member token, no scope, its notes and errors', (operationId, meta) => {
  const doc = docOf(operationId);
  expect(doc).toContain(`\`${meta.method} ${meta.path}\` · Member mode: memberToken.`);
  // The backend's credentials appear only where the 403 says they are refused, never as a way in.
  expect(doc).not.toMatch(/\bscopes?\b|orgApiKey|apiKey/);
  expect(doc.includes('Paginated: `await` it for the first page, or `for await`')).toBe(meta.paginated);
  expect(doc.includes('Idempotent: sends an Idempotency-Key')).toBe(meta.idempotent);
  expect(doc).toMatch(/@throws \{AuthenticationError\} 401: /);
  expect(doc.split('\n').filter((l) => l && !l.startsWith('@') && !l.startsWith('`')).length).toBeGreaterThan(2);
});

it('redeemStampReward and redeemCashback say what a refusal means', () => {
  expect(docOf('redeemStampReward')).toMatch(/422 `insufficient_stamps`/);
  expect(docOf('redeemStampReward')).toMatch(/@throws \{ValidationError\} 422: /);
  expect(docOf('redeemCashback')).toMatch(/422 `insufficient_cashback`/);
  expect(docOf('applyReferralCode')).toMatch(/referral_already_applied/);
});
