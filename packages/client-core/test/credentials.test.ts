import { checksum } from '@expys/credentials';
import { expect, it } from 'vitest';
import { credentialShape } from '../src/index.js';
import { environments } from './support/fake-api.js';

const b62 = (n: number) => 'aZ09'.repeat(n).slice(0, n);
/** prefix + entropy + the checksum of both: what the API issues, for the fake table's prefixes. */
const signed = (prefix: string, length: number) => `${prefix}${b62(length - 6)}${checksum(prefix + b62(length - 6))}`;
const valid = { wellFormed: true, checksumMismatch: false };
const malformed = { wellFormed: false, checksumMismatch: false };
const badChecksum = { wellFormed: false, checksumMismatch: true };

it.each([
  [signed('key_test_', 32), { kind: 'org-api-key', environment: 'sandbox', ...valid }],
  [signed('key_live_', 32), { kind: 'org-api-key', environment: 'production', ...valid }],
  [`key_live_${b62(32)}`, { kind: 'org-api-key', environment: 'production', ...badChecksum }],
  [signed('key_live_', 32).slice(0, -1), { kind: 'org-api-key', environment: 'production', ...malformed }],
  [`key_other_${b62(32)}`, { kind: 'org-api-key', environment: undefined, ...malformed }],
  [signed('tok_test_', 40), { kind: 'member-token', environment: 'sandbox', ...valid }],
  [signed('tok_live_', 40), { kind: 'member-token', environment: 'production', ...valid }],
  // The checksum covers the prefix: a live token edited into a test one no longer matches.
  [signed('tok_live_', 40).replace('tok_live_', 'tok_test_'), { kind: 'member-token', environment: 'sandbox', ...badChecksum }],
  [`tok_test_${b62(39)}!`, { kind: 'member-token', environment: 'sandbox', ...malformed }],
  [`Bearer ${signed('tok_test_', 40)}`, { kind: 'unknown', ...malformed }],
  ['hello', { kind: 'unknown', ...malformed }],
])('recognises %s by the prefixes of the environment table and the checksum', (token, shape) => {
  expect(credentialShape(token, environments)).toEqual(shape);
});

it('refuses every one-character typo of a valid token', () => {
  const token = signed('tok_test_', 40);
  for (let i = 'tok_test_'.length; i < token.length; i++) {
    const typo = `${token.slice(0, i)}${token[i] === 'Q' ? 'R' : 'Q'}${token.slice(i + 1)}`;
    expect(credentialShape(typo, environments)).toMatchObject(badChecksum);
  }
});
