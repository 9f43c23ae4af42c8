// Minting, verifying and finding credentials: a real one passes, any edit of it fails.
import { describe, expect, it } from 'vitest';
import {
  BASE62_ALPHABET,
  CREDENTIAL_FORMATS,
  credentialFromEntropy,
  findCredentials,
  mintCredential,
  randomBase62,
  verifyCredential,
  type CredentialKind,
  type Environment,
} from '../src/index.js';

const cases: [CredentialKind, Environment][] = [
  ['org-api-key', 'sandbox'],
  ['org-api-key', 'production'],
  ['member-token', 'sandbox'],
  ['member-token', 'production'],
];

describe('mintCredential', () => {
  it.each(cases)('mints a %s for %s: prefix + base62 body of the kind’s length, checksum valid', (kind, environment) => {
    const { prefixes, length } = CREDENTIAL_FORMATS[kind];
    const value = mintCredential(kind, environment);
    expect(value).toMatch(new RegExp(`^${prefixes[environment]}[A-Za-z0-9]{${length}}$`));
    expect(verifyCredential(value)).toEqual({ kind, environment, wellFormed: true, checksumValid: true });
    expect(mintCredential(kind, environment)).not.toBe(value);
  });

  it('keeps the visible lengths: expys_test_ + 32, mt_test_ + 40', () => {
    expect(mintCredential('org-api-key', 'sandbox')).toHaveLength('expys_test_'.length + 32);
    expect(mintCredential('member-token', 'production')).toHaveLength('mt_live_'.length + 40);
  });

  it('draws from the given random source, and draws again for bytes ≥ 248 instead of biasing toward 0-7', () => {
    let calls = 0;
    // Every byte 248..255 first: none may become a character.
    const source = (bytes: Uint8Array) => {
      calls++;
      bytes.fill(calls === 1 ? 250 : 61);
      return bytes;
    };
    expect(randomBase62(10, source)).toBe('z'.repeat(10));
    expect(calls).toBe(2);
  });

  it('gives every base62 character the same chance when every byte value is equally likely', () => {
    let next = 0;
    const cycling = (bytes: Uint8Array) => bytes.map(() => next++ % 256);
    const text = randomBase62(62 * 4 * 50, cycling);
    const counts = new Map<string, number>();
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe([...BASE62_ALPHABET].sort().join(''));
    expect(new Set(counts.values())).toEqual(new Set([200]));
  });
});

describe('verifyCredential', () => {
  const key = credentialFromEntropy('org-api-key', 'sandbox', 'SandboxFullAccessKey000000');

  it('accepts a fixture built from readable entropy', () => {
    expect(key).toBe('expys_test_SandboxFullAccessKey0000004LgBmQ');
    expect(verifyCredential(key)?.checksumValid).toBe(true);
  });

  it.each(cases)('refuses a one-character typo anywhere in the body of a %s for %s', (kind, environment) => {
    const value = mintCredential(kind, environment);
    const prefix = CREDENTIAL_FORMATS[kind].prefixes[environment];
    for (let i = prefix.length; i < value.length; i++) {
      for (const replacement of ['0', 'a', 'Z']) {
        if (value[i] === replacement) continue;
        const typo = value.slice(0, i) + replacement + value.slice(i + 1);
        expect(verifyCredential(typo), `${i}: ${replacement}`).toEqual({ kind, environment, wellFormed: true, checksumValid: false });
      }
    }
  });

  it('refuses a test key edited to live, and a live token edited to test: the checksum binds the prefix', () => {
    expect(verifyCredential(key.replace('expys_test_', 'expys_live_'))).toEqual({ kind: 'org-api-key', environment: 'production', wellFormed: true, checksumValid: false });
    const token = mintCredential('member-token', 'production');
    expect(verifyCredential(token.replace('mt_live_', 'mt_test_'))?.checksumValid).toBe(false);
  });

  it('refuses two characters swapped', () => {
    const swapped = `${key.slice(0, 11)}${key[12]}${key[11]}${key.slice(13)}`;
    expect(verifyCredential(swapped)?.checksumValid).toBe(false);
  });

  it('tells a wrong length or alphabet from a bad checksum, and says nothing of a string without an Expys prefix', () => {
    expect(verifyCredential(`${key}0`)).toEqual({ kind: 'org-api-key', environment: 'sandbox', wellFormed: false, checksumValid: false });
    expect(verifyCredential(`${key.slice(0, -1)}!`)).toMatchObject({ wellFormed: false, checksumValid: false });
    expect(verifyCredential(`Bearer ${key}`)).toBeUndefined();
    expect(verifyCredential('ghp_abc')).toBeUndefined();
    // The old format (32 random characters, no checksum) is well formed and fails the checksum.
    expect(verifyCredential(`expys_test_${'Xk29d'.repeat(7).slice(0, 32)}`)).toMatchObject({ wellFormed: true, checksumValid: false });
  });

  it('refuses fixtures of the wrong length or alphabet', () => {
    expect(() => credentialFromEntropy('org-api-key', 'sandbox', 'short')).toThrow(/26 letters or digits/);
    expect(() => credentialFromEntropy('member-token', 'sandbox', `${'a'.repeat(33)}-`)).toThrow(/34/);
  });
});

describe('findCredentials', () => {
  const key = mintCredential('org-api-key', 'production');
  const token = mintCredential('member-token', 'sandbox');
  const lookAlike = `expys_test_${'x'.repeat(32)}`;

  it('finds keys and tokens in minified JS, JSON and .env text, each with its offset and checksum verdict', () => {
    const text = `var a="${key}",b={t:'${token}'};\nEXPYS_KEY=${lookAlike}\n{"k":"${key}"}`;
    expect(findCredentials(text)).toEqual([
      { kind: 'org-api-key', environment: 'production', value: key, index: text.indexOf(key), checksumValid: true },
      { kind: 'member-token', environment: 'sandbox', value: token, index: text.indexOf(token), checksumValid: true },
      { kind: 'org-api-key', environment: 'sandbox', value: lookAlike, index: text.indexOf(lookAlike), checksumValid: false },
      { kind: 'org-api-key', environment: 'production', value: key, index: text.lastIndexOf(key), checksumValid: true },
    ]);
  });

  it('finds a key right after URL encoding (%20) and not inside a longer run of letters and digits', () => {
    expect(findCredentials(`Authorization=Bearer%20${key}&x=1`).map((f) => f.value)).toEqual([key]);
    expect(findCredentials(`${key}A`)).toEqual([]);
    expect(findCredentials(`${key.slice(0, -1)}`)).toEqual([]);
    expect(findCredentials('expys_test_… and mt_live_… are the prefixes')).toEqual([]);
  });
});
