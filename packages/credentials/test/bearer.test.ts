// readBearer: the Authorization header as the mock, the sandbox and the MSW handlers read it. The
// reasons are compared word for word: the 401 problem details quote them.
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_FORMATS, credentialFromEntropy, mintCredential, readBearer, type CredentialKind, type Environment } from '../src/index.js';

const cases: [CredentialKind, Environment][] = [
  ['org-api-key', 'sandbox'],
  ['org-api-key', 'production'],
  ['member-token', 'sandbox'],
  ['member-token', 'production'],
];

describe('readBearer', () => {
  it.each(cases)('reads a %s for %s: kind, environment and the credential itself', (kind, environment) => {
    const value = mintCredential(kind, environment);
    expect(readBearer(`Bearer ${value}`)).toEqual({ kind, environment, value });
  });

  it('reads the mock’s sample key', () => {
    const key = credentialFromEntropy('org-api-key', 'sandbox', 'SandboxFullAccessKey000000');
    expect(readBearer(`Bearer ${key}`)).toEqual({ kind: 'org-api-key', environment: 'sandbox', value: 'expys_test_SandboxFullAccessKey0000004LgBmQ' });
  });

  it('takes any case of "Bearer", several spaces after it and trailing whitespace', () => {
    const token = mintCredential('member-token', 'sandbox');
    for (const header of [`bearer ${token}`, `BEARER   ${token}`, `Bearer ${token}  `, `Bearer ${token}\t`]) {
      expect(readBearer(header), header).toEqual({ kind: 'member-token', environment: 'sandbox', value: token });
    }
  });

  it.each([undefined, null, '', '   '])('calls %j missing', (header) => {
    expect(readBearer(header)).toEqual({ kind: 'missing' });
  });

  it('calls anything but "Bearer <credential>" malformed', () => {
    const token = mintCredential('member-token', 'sandbox');
    for (const header of [`Basic ${token}`, token, `Bearer`, `Bearer ${token} extra`, ` Bearer ${token}`, `Bearer\t${token}`]) {
      expect(readBearer(header), header).toEqual({ kind: 'malformed', reason: 'the Authorization header is not "Bearer <credential>"' });
    }
  });

  it('names the prefix and the length when the body is too short, too long or not base62', () => {
    const key = mintCredential('org-api-key', 'production');
    const token = mintCredential('member-token', 'sandbox');
    const wrongKey = { kind: 'malformed', reason: 'expys_live_… must be followed by exactly 32 letters or digits' };
    const wrongToken = { kind: 'malformed', reason: 'mt_test_… must be followed by exactly 40 letters or digits' };
    expect(readBearer(`Bearer ${key.slice(0, -1)}`)).toEqual(wrongKey);
    expect(readBearer(`Bearer ${key}0`)).toEqual(wrongKey);
    expect(readBearer(`Bearer ${key.slice(0, -1)}-`)).toEqual(wrongKey);
    expect(readBearer(`Bearer ${token.slice(0, -1)}`)).toEqual(wrongToken);
    expect(readBearer('Bearer mt_test_')).toEqual(wrongToken);
  });

  it('refuses a checksum that does not match, naming the prefix', () => {
    for (const [kind, environment] of cases) {
      const value = mintCredential(kind, environment);
      const prefix = CREDENTIAL_FORMATS[kind].prefixes[environment];
      const typo = value.slice(0, -1) + (value.endsWith('a') ? 'b' : 'a');
      expect(readBearer(`Bearer ${typo}`)).toEqual({
        kind: 'malformed',
        reason: `the checksum of this ${prefix}… credential does not match (its last 6 characters), so it is mistyped or made up`,
      });
    }
  });

  it('refuses a credential without an Expys prefix', () => {
    for (const value of ['sk_test_123', 'expys_other_abc', 'MT_TEST_abc']) {
      expect(readBearer(`Bearer ${value}`)).toEqual({ kind: 'malformed', reason: 'the bearer is none of an Org-API-Key (expys_test_…), an API key (test_sk_…) or a member token (mt_test_…)' });
    }
  });
});
