// The two backend secrets of issue 21 besides the Org-API-Key: API keys (`test_sk_` / `prod_sk_`)
// and the App Secret (`secret_`). Each is found in every form the scanner catches for an
// Org-API-Key (whole, split across string literals, in a template literal or an array join, split
// inside the prefix, written with escapes, in an inline source map, in a .gz / .br asset, in a text
// with a stray NUL), only when its checksum verifies, and never printed whole. Look-alikes fail
// nothing: a bad API key is a notice, and `secret_` followed by anything but an App Secret is
// not reported at all (the shape is too common outside Expys).
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { CREDENTIAL_FORMATS, credentialFromEntropy, findCredentials, mintCredential } from '@expys/credentials';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SERVER_NAMES, RULES, scanText, serverNameFinder } from '../src/index.js';
import { folderWith, runCli } from './support.js';

const API_KEY = mintCredential('api-key', 'production');
const TEST_API_KEY = mintCredential('api-key', 'sandbox');
const APP_SECRET = mintCredential('app-secret', 'sandbox');

/** A real one of each, with its prefix and rule. */
const SECRETS = [
  { name: 'a prod_sk_ API key', value: API_KEY, prefix: 'prod_sk_', rule: 'expys-api-key' },
  { name: 'a test_sk_ API key', value: TEST_API_KEY, prefix: 'test_sk_', rule: 'expys-api-key' },
  { name: 'an App Secret', value: APP_SECRET, prefix: 'secret_', rule: 'expys-app-secret' },
] as const;

/** The same credential with its last character changed: the checksum no longer matches. */
const damaged = (value: string) => `${value.slice(0, -1)}${value.endsWith('a') ? 'b' : 'a'}`;

const scan = (text: string) => scanText(text, { file: 'f', names: serverNameFinder(BUILT_IN_SERVER_NAMES) });
const credentialFindings = (text: string) => scan(text).filter((f) => f.rule !== 'expys-server-operation' && f.rule !== 'expys-server-path');

/** What may be printed of a credential: its prefix and 4 characters. Nothing past them is. */
function expectRedacted(output: string, value: string, prefix: string) {
  expect(output).not.toContain(value.slice(prefix.length + 4, prefix.length + 12));
}

describe('rules', () => {
  it('an API key and an App Secret are errors, like an Org-API-Key', () => {
    expect(RULES['expys-api-key']).toMatchObject({ severity: 'error', message: expect.stringContaining('API key') });
    expect(RULES['expys-app-secret']).toMatchObject({ severity: 'error', message: expect.stringContaining('App Secret') });
  });

  it('the prefixes are those of @expys/credentials', () => {
    expect(Object.values(CREDENTIAL_FORMATS['api-key'].prefixes).sort()).toEqual(['prod_sk_', 'test_sk_']);
    expect(Object.values(CREDENTIAL_FORMATS['app-secret'].prefixes)).toEqual(['secret_', 'secret_']);
  });
});

describe.each(SECRETS)('$name', ({ value, prefix, rule }) => {
  const body = value.slice(prefix.length);
  const match = `${prefix}${body.slice(0, 4)}…`;

  it('whole: in a JS string, a .env line, JSON, a URL, at the end of a text', () => {
    for (const [text, column] of [
      [`const k = "${value}";`, 12],
      [`EXPYS_KEY=${value}`, 11],
      [`{"key":"${value}"}`, 9],
      [`Authorization: Bearer%20${value}&x`, 25],
      [`x=0x${value}`, 5],
    ] as const) {
      expect(credentialFindings(text), text).toEqual([expect.objectContaining({ rule, severity: 'error', line: 1, column, match })]);
    }
  });

  it.each([
    ['split across string literals', (v: string) => `k = "${v.slice(0, 14)}" +\n  "${v.slice(14)}";`],
    ['a backslash-newline continuation', (v: string) => `k = "${v.slice(0, 20)}\\\n${v.slice(20)}";`],
    ['a template literal with substitutions', (v: string) => `k = \`${prefix}\${"${v.slice(prefix.length, prefix.length + 4)}"}\${"${v.slice(prefix.length + 4)}"}\`;`],
    ['an array join', (v: string) => `k=["${v.slice(0, prefix.length + 8)}","${v.slice(prefix.length + 8, 30)}","${v.slice(30)}"].join("")`],
    ['.concat', (v: string) => `k = "${v.slice(0, 16)}".concat("${v.slice(16)}");`],
  ])('%s', (_, write) => {
    const text = write(value);
    expect(text).not.toContain(value);
    expect(credentialFindings(text)).toEqual([expect.objectContaining({ rule, line: 1, column: text.indexOf(prefix[0]) + 1, match, split: true })]);
    // A look-alike written the same way is not guessed at.
    expect(credentialFindings(write(damaged(value)))).toEqual([]);
  });

  it('split inside the prefix, at every place', () => {
    for (let at = 1; at < prefix.length; at++) {
      const text = `k = "${value.slice(0, at)}" + "${value.slice(at)}";`;
      expect(credentialFindings(text), text).toEqual([expect.objectContaining({ rule, column: 6, match, split: true })]);
      expect(credentialFindings(`k = "${damaged(value).slice(0, at)}" + "${damaged(value).slice(at)}";`)).toEqual([]);
    }
  });

  it('written with \\x and \\u escapes: one character of the prefix, its first, every character', () => {
    const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');
    const underscore = prefix.indexOf('_');
    for (const text of [
      `k="${prefix.slice(0, underscore)}\\u005f${value.slice(underscore + 1)}"`,
      `k="\\x${hex(value[0])}${value.slice(1)}"`,
      `k="${prefix}${body.slice(0, 5)}\\u{${hex(body[5])}}${body.slice(6)}"`,
      `k="${[...value].map((c) => `\\u00${hex(c).toUpperCase()}`).join('')}"`,
    ]) {
      expect(credentialFindings(text), text).toEqual([expect.objectContaining({ rule, column: 4, match, escaped: true })]);
    }
    expect(credentialFindings(`k="\\\\x${hex(value[0])}${value.slice(1)}"`), 'an escaped backslash is no escape').toEqual([]);
  });

  it('in files: an inline data: source map, .gz and .br assets, a text with a stray NUL; exit 1, never printed whole', async () => {
    const source = `// config\nexport const k = "${value.slice(0, 12)}" + "${value.slice(12)}";\n`;
    const map = JSON.stringify({ version: 3, sources: ['../src/config.ts'], sourcesContent: [source], names: [], mappings: 'AAAA' });
    const js = `!function(){var c={k:"${value}"};console.log(c)}();\n${'console.log("padding");\n'.repeat(400)}`;
    const dir = folderWith({
      'inline.js': `x();\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')}\n`,
      'app.js.gz': gzipSync(js),
      'app.js.br': brotliCompressSync(js),
      'nul.js': `\0var a=1;k="${value}";`,
    });
    const run = await runCli(['--json', dir]);
    expect(run.code).toBe(1);
    const findings: { file: string; source?: string; line: number; rule: string; match: string }[] = JSON.parse(run.stdout).findings;
    expect(findings.map((f) => [f.file.slice(dir.length + 1), f.source, f.line, f.rule, f.match])).toEqual([
      ['app.js.br', undefined, 1, rule, match],
      ['app.js.gz', undefined, 1, rule, match],
      ['inline.js', '../src/config.ts', 2, rule, match],
      ['nul.js', undefined, 1, rule, match],
    ]);
    expectRedacted(run.stdout, value, prefix);
    expectRedacted((await runCli([dir])).stdout, value, prefix);
  });
});

describe('look-alikes', () => {
  it('a damaged API key is a look-alike (a notice), a damaged App Secret is not reported', () => {
    for (const key of [API_KEY, TEST_API_KEY]) {
      expect(credentialFindings(`"${damaged(key)}"`)).toEqual([expect.objectContaining({ rule: 'expys-look-alike', severity: 'notice', match: `${key.slice(0, 12)}…` })]);
    }
    expect(credentialFindings(`"${damaged(APP_SECRET)}"`)).toEqual([]);
  });

  it.each([
    ['the documentation drawing an App Secret (16 characters)', 'secret_xxxxxxxxxxxxxxxx'],
    ["the documentation's sample API keys", 'test_sk_abc123def456ghi789... prod_sk_xyz789ghi012jkl345...'],
    ['placeholders of the right length', `"secret_${'x'.repeat(32)}" "test_sk_${'0'.repeat(32)}" "prod_sk_${'aZ09'.repeat(8)}"`],
    ['secret_ in words', 'const secret_key_base = process.env.SECRET; let client_secret_id; secret_;'],
    ['secret_ followed by a hex secret of another service', `client_secret_${'0123456789abcdef'.repeat(2)}`],
    ['secret_ followed by too many characters', `secret_${APP_SECRET.slice(7)}0`],
    ['an API key one character short, or one too long', `"${API_KEY.slice(0, -1)}" "${TEST_API_KEY}Z"`],
    ['an App ID (public, no checksum)', 'app_SandboxSampleApp'],
    ['Stripe-shaped keys (another prefix)', `sk_test_${TEST_API_KEY.slice(8)} sk_live_${API_KEY.slice(8)}`],
  ])('%s: nothing that fails the scan', (_, text) => {
    expect(credentialFindings(text).filter((f) => f.severity !== 'notice')).toEqual([]);
    expect(credentialFindings(text).filter((f) => f.match.startsWith('secret_'))).toEqual([]);
  });

  it('a placeholder API key of the right length is a notice; one of an App Secret is nothing', () => {
    expect(credentialFindings(`"test_sk_${'0'.repeat(32)}"`)).toEqual([expect.objectContaining({ rule: 'expys-look-alike', match: 'test_sk_0000…' })]);
    expect(credentialFindings(`"secret_${'x'.repeat(32)}"`)).toEqual([]);
  });

  it('readable fixtures with a valid checksum count as real (the samples of the docs are allowlisted by gitleaks, not here)', () => {
    const fixture = credentialFromEntropy('app-secret', 'sandbox', 'SandboxSampleAppSecret0000');
    expect(fixture).toBe('secret_SandboxSampleAppSecret00000ctmEL');
    expect(credentialFindings(`x("${fixture}")`)).toEqual([expect.objectContaining({ rule: 'expys-app-secret', column: 4 })]);
  });
});

describe('prefixes that touch', () => {
  it('finds what findCredentials finds where prefixes overlap (mt_test_sk_…, expys_test_sk_…, secret_ after a key)', () => {
    const body = TEST_API_KEY.slice('test_sk_'.length);
    for (const text of [`mt_${TEST_API_KEY}`, `expys_${TEST_API_KEY}`, `${API_KEY}_${APP_SECRET}`, `prod_${TEST_API_KEY}`, `secret_test_sk_${body}`]) {
      const expected = findCredentials(text).filter((f) => f.checksumValid).map((f) => [f.index, f.kind]);
      expect(credentialFindings(text).filter((f) => f.severity === 'error').map((f) => [f.column - 1, f.rule === 'expys-api-key' ? 'api-key' : 'app-secret']), text).toEqual(expected);
    }
  });
});
