import { expect, it } from 'vitest';
import { credentialShape } from '../src/index.js';
import { environments } from './support/fake-api.js';

const b62 = (n: number) => 'aZ09'.repeat(n).slice(0, n);

it.each([
  [`key_test_${b62(32)}`, { kind: 'org-api-key', environment: 'sandbox', wellFormed: true }],
  [`key_live_${b62(32)}`, { kind: 'org-api-key', environment: 'production', wellFormed: true }],
  [`key_live_${b62(31)}`, { kind: 'org-api-key', environment: 'production', wellFormed: false }],
  [`key_other_${b62(32)}`, { kind: 'org-api-key', environment: undefined, wellFormed: false }],
  [`tok_test_${b62(40)}`, { kind: 'member-token', environment: 'sandbox', wellFormed: true }],
  [`tok_live_${b62(40)}`, { kind: 'member-token', environment: 'production', wellFormed: true }],
  [`tok_test_${b62(39)}!`, { kind: 'member-token', environment: 'sandbox', wellFormed: false }],
  [`Bearer tok_test_${b62(40)}`, { kind: 'unknown', wellFormed: false }],
  ['hello', { kind: 'unknown', wellFormed: false }],
])('recognises %s by the prefixes of the environment table', (token, shape) => {
  expect(credentialShape(token, environments)).toEqual(shape);
});
