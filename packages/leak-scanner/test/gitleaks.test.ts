// The repository's .gitleaks.toml, checked without gitleaks (not installable here): the TOML is
// parsed by smol-toml, the regexes compiled by re2js (a port of Go's RE2, gitleaks' engine), and
// each rule is applied as gitleaks applies it: keywords, regex, secret group, entropy, allowlists.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CREDENTIAL_FORMATS, findCredentials, mintCredential, type CredentialKind } from '@expys/credentials';
import { RE2JS } from 're2js';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { PACKAGE } from './support.js';

const REPO = path.resolve(PACKAGE, '../..');

interface Allowlist {
  description: string;
  regexes?: string[];
  regexTarget?: string;
  paths?: string[];
}
interface GitleaksRule {
  id: string;
  description: string;
  regex: string;
  secretGroup: number;
  entropy: number;
  keywords: string[];
  allowlists?: Allowlist[];
}

/**
 * Sample credentials in this repository's history only: before checksums (d74cbf3 and earlier),
 * one mistyped, and the restricted sample Org-API-Keys that became API keys in issue 21.
 */
const HISTORY_SAMPLES = [
  'expys_test_TokensWriteOnlyKey00000000169kPh',
  'expys_test_MembersReadOnlyKey000000001nv4o8',
  'expys_test_MembersPointsJobKey00000004V3aog',
];
const PRE_CHECKSUM_SAMPLES = [
  'expys_test_SandboxFullAccessKey0000004LgBmq',
  'expys_test_SandboxFullAccessKey000000000000',
  'expys_test_TokensWriteOnlyKey00000000000000',
  'expys_test_MembersReadOnlyKey00000000000000',
  'expys_test_MembersPointsJobKey0000000000000',
  'expys_test_RevokedSandboxKey000000000000000',
  'expys_live_LiveKeyNotForTheMock000000000000',
  'mt_test_SampleMemberToken00000000000000000000000',
  'mt_test_ExpiredMemberToken0000000000000000000000',
  'mt_live_LiveMemberTokenNotForTheMock000000000000',
  // The spec's token example before checksums, in the release baseline until 1.0.0.
  'mt_test_IAagwUHQbxIdRcRkn9KRSWGfqpj2O6i5m6z6jo87',
];

const config = parse(readFileSync(path.join(REPO, '.gitleaks.toml'), 'utf8')) as unknown as { extend?: { useDefault?: boolean }; rules: GitleaksRule[]; allowlists?: unknown };
const rule = (id: string) => config.rules.find((r) => r.id === id)!;
const RULE_OF: Record<CredentialKind, GitleaksRule> = {
  'org-api-key': rule('expys-org-api-key'),
  'api-key': rule('expys-api-key'),
  'app-secret': rule('expys-app-secret'),
  'member-token': rule('expys-member-token'),
};
const KINDS = Object.keys(RULE_OF) as CredentialKind[];
/** The kind of a credential by its prefix (findCredentials reads it so). */
const kindOf = (value: string) => findCredentials(value)[0]!.kind;

/** gitleaks' Shannon entropy (detect/utils.go): over the characters of the secret. */
function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) entropy -= (count / text.length) * Math.log2(count / text.length);
  return entropy;
}

/** The secrets gitleaks would report for `rule` in `text`. */
function detect(r: GitleaksRule, text: string): string[] {
  const lower = text.toLowerCase();
  if (!r.keywords.some((k) => lower.includes(k.toLowerCase()))) return [];
  const allow = (r.allowlists ?? []).flatMap((a) => (a.regexes ?? []).map((re) => RE2JS.compile(re)));
  const secrets: string[] = [];
  for (const matcher = RE2JS.compile(r.regex).matcher(text); matcher.find(); ) {
    const secret = matcher.group(r.secretGroup) ?? '';
    if (shannonEntropy(secret) <= r.entropy) continue;
    if (allow.some((re) => re.matcher(secret).find())) continue;
    secrets.push(secret);
  }
  return secrets;
}

const minted = (kind: CredentialKind) => [mintCredential(kind, 'sandbox'), mintCredential(kind, 'production')];

describe('.gitleaks.toml', () => {
  it("extends gitleaks' default rules with one rule per Expys credential, with keywords, entropy and a secret group", () => {
    expect(config.extend).toEqual({ useDefault: true });
    expect(config.allowlists).toBeUndefined(); // nothing allowed globally: every other rule keeps its reach
    expect(config.rules.map((r) => r.id)).toEqual(['expys-org-api-key', 'expys-api-key', 'expys-app-secret', 'expys-member-token']);
    for (const [kind, r] of Object.entries(RULE_OF) as [CredentialKind, GitleaksRule][]) {
      expect(r.keywords.sort()).toEqual([...new Set(Object.values(CREDENTIAL_FORMATS[kind].prefixes))].sort());
      expect(r).toMatchObject({ secretGroup: 1, entropy: expect.any(Number), description: expect.stringContaining('checksum') });
    }
  });

  it('holds valid Go RE2 regexes (no lookaround, which RE2 refuses)', () => {
    for (const r of config.rules) {
      expect(() => RE2JS.compile(r.regex)).not.toThrow();
      for (const re of (r.allowlists ?? []).flatMap((a) => a.regexes ?? [])) expect(() => RE2JS.compile(re)).not.toThrow();
    }
    expect(() => RE2JS.compile('expys_test_[0-9A-Za-z]{32}(?![0-9A-Za-z])')).toThrow(/unsupported Perl syntax/);
  });

  it.each(KINDS)('finds minted %ss in a JS string, a .env line, JSON, a URL and at the very end of a file, and no other rule does', (kind) => {
    for (const value of minted(kind)) {
      for (const text of [`const k = "${value}";`, `EXPYS_KEY=${value}\n`, `EXPYS_KEY=${value}`, `{"key":"${value}"}`, `Authorization: Bearer%20${value}&x`]) {
        expect(detect(RULE_OF[kind], text), text).toEqual([value]);
      }
      for (const other of KINDS.filter((k) => k !== kind)) expect(detect(RULE_OF[other], `"${value}"`), `${other} on ${value}`).toEqual([]);
    }
  });

  it('does not match other strings: longer runs, other lengths or prefixes, placeholders', () => {
    const [key] = minted('org-api-key');
    const [token] = minted('member-token');
    const [testApiKey, apiKey] = minted('api-key');
    const [appSecret] = minted('app-secret');
    for (const text of [
      `${apiKey}A`,
      `"${testApiKey.slice(0, -1)}"`,
      `"sk_test_${testApiKey.slice(8)}"`,
      `"live_sk_${apiKey.slice(8)}"`,
      `"${appSecret}0"`,
      '"secret_xxxxxxxxxxxxxxxx"',
      '"test_sk_abc123def456ghi789..."',
      `"secret_${'x'.repeat(32)}"`,
      `"test_sk_${'0'.repeat(32)}"`,
      `"prod_sk_${'aZ09'.repeat(8)}"`,
      'const secret_key_base = 1;',
      `${key}A`,
      `"${key.slice(0, -1)}"`,
      `"expys_prod_${key.slice(11)}"`,
      `"expys_${key.slice(11)}"`,
      `"expys_test_${token.slice(8)}"`,
      `"${token}0"`,
      '"expys_test_…"',
      `"expys_test_${'x'.repeat(32)}"`,
      `"expys_live_${'aZ09'.repeat(8)}"`,
      `"mt_test_${'0'.repeat(40)}"`,
    ]) {
      expect(KINDS.flatMap((kind) => detect(RULE_OF[kind], text)), text).toEqual([]);
    }
  });

  it('keeps every minted credential above the entropy floor (10,000 drawn)', () => {
    for (let i = 0; i < 10_000; i++) {
      const kind = KINDS[i % KINDS.length];
      expect(shannonEntropy(mintCredential(kind, i % 8 < 4 ? 'sandbox' : 'production'))).toBeGreaterThan(RULE_OF[kind].entropy);
    }
  });

  describe('allowlists', () => {
    const regexes = config.rules.flatMap((r) => (r.allowlists ?? []).flatMap((a) => a.regexes ?? []));

    it('name exact values only (anchored literals, matched against the secret), no paths and no patterns', () => {
      for (const r of config.rules) {
        for (const a of r.allowlists ?? []) {
          expect(Object.keys(a).sort()).toEqual(['description', 'regexes']);
        }
      }
      for (const re of regexes) expect(re).toMatch(/^\^[0-9A-Za-z_]+\$$/);
    });

    it('cover the documented samples of the mock and the spec, and only them', () => {
      // The release baseline holds the spec as last released (an example from before checksums).
      const sources = [
        'packages/gateway/src/samples.ts',
        'spec/paths/auth.yaml',
        'spec/paths/apps.yaml',
        'spec/components/schemas/TokenGrant.yaml',
        'spec/components/schemas/ApiKeyWithSecret.yaml',
        'spec/components/schemas/AppSecretRotation.yaml',
        'apps/release/baseline/expys.server.json',
      ];
      const documented = [
        ...sources.flatMap((file) => findCredentials(readFileSync(path.join(REPO, file), 'utf8')).map((f) => f.value)),
        // Samples still in the repository's history (gitleaks git .): before checksums, and the
        // restricted Org-API-Keys that became API keys.
        ...PRE_CHECKSUM_SAMPLES,
        ...HISTORY_SAMPLES,
      ];
      // Each kind of sample is there: the API keys and App Secrets of issue 21 included.
      expect(new Set(documented.map(kindOf))).toEqual(new Set(KINDS));
      expect(new Set(regexes.map((re) => re.slice(1, -1)))).toEqual(new Set(documented));
      for (const value of documented) {
        const r = RULE_OF[kindOf(value)];
        expect(detect(r, `"${value}"`), value).toEqual([]);
        // One character changed and it is reported again: the allowlist hides nothing else. (The
        // old samples' edits fall under the entropy floor anyway: runs of zeros.)
        if (PRE_CHECKSUM_SAMPLES.includes(value)) continue;
        expect(findCredentials(value)[0]!.checksumValid || HISTORY_SAMPLES.includes(value), `${value} has a valid checksum`).toBe(true);
        const edited = `${value.slice(0, -2)}${value.at(-2) === 'Z' ? 'Y' : 'Z'}${value.at(-1)}`;
        expect(detect(r, `"${edited}"`), edited).toEqual([edited]);
      }
    });

    it('never allows a minted credential', () => {
      const compiled = regexes.map((re) => RE2JS.compile(re));
      for (let i = 0; i < 2_000; i++) {
        const value = mintCredential(KINDS[i % KINDS.length], i % 8 < 4 ? 'sandbox' : 'production');
        expect(compiled.some((re) => re.matcher(value).find())).toBe(false);
      }
    });
  });

  // What `gitleaks dir .` would say of this repository: its own rules find nothing in the files
  // git tracks (a fixture or sample without a checksum, or a new one not allowlisted, fails here).
  it('find nothing in the files this repository tracks', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(300);
    const findings: string[] = [];
    for (const file of files) {
      const full = path.join(REPO, file);
      let size: number;
      try {
        size = statSync(full).size;
      } catch {
        continue; // deleted in the working tree
      }
      if (size > 4 * 1024 * 1024) continue;
      const text = readFileSync(full, 'utf8');
      if (text.includes('\u0000')) continue; // binary
      for (const r of Object.values(RULE_OF)) for (const secret of detect(r, text)) findings.push(`${file}: ${secret.slice(0, 16)}…`);
    }
    expect(findings).toEqual([]);
  });
});
