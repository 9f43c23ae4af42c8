// Forms a leaked Org-API-Key takes by accident in an app build (issue 25, finding 4): an inline
// `data:` source map, a precompressed `.gz` / `.br` asset, a key assembled in a template literal
// or an array join, a split inside the prefix, `\x` / `\u` escapes, a text file with a stray NUL.
// Each is caught only when the checksum verifies, and the key is never printed whole.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { findCredentials, mintCredential } from '@expys/credentials';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SERVER_NAMES, scanText, serverNameFinder } from '../src/index.js';
import { folderWith, runCli } from './support.js';

const KEY = mintCredential('org-api-key', 'production');
const TEST_KEY = mintCredential('org-api-key', 'sandbox');
const TOKEN = mintCredential('member-token', 'sandbox');
/** Right shape, wrong checksum: the last character changed. */
const LOOK_ALIKE = `${KEY.slice(0, -1)}${KEY.endsWith('a') ? 'b' : 'a'}`;
const PREFIX = 'expys_live_';
const BODY = KEY.slice(PREFIX.length);

const scan = (text: string) => scanText(text, { file: 'f', names: serverNameFinder(BUILT_IN_SERVER_NAMES) });
const keyFindings = (text: string) => scan(text).filter((f) => f.rule === 'expys-org-api-key');

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  source?: string;
  rule: string;
  match: string;
  split?: true;
  escaped?: true;
}

/** Nothing printed holds the key past its first 4 characters of body. */
function expectRedacted(output: string, ...secrets: string[]) {
  for (const secret of secrets) {
    const prefixLength = secret.indexOf('_', secret.indexOf('_') + 1) + 1;
    expect(output).not.toContain(secret.slice(prefixLength + 4, prefixLength + 12));
  }
}

async function scanJson(args: string[]) {
  const run = await runCli(['--json', ...args]);
  return { ...run, report: JSON.parse(run.stdout) as { findings: JsonFinding[]; files: number; skipped: unknown[]; warnings?: { file: string; message: string }[] } };
}

const sourceMap = (sources: Record<string, string>) =>
  JSON.stringify({ version: 3, file: 'app.js', sources: Object.keys(sources), sourcesContent: Object.values(sources), names: [], mappings: 'AAAA' });

describe('1. inline data: source maps', () => {
  const config = `// config\nexport const config = {\n  key: "${KEY}",\n  other: "${TEST_KEY.slice(0, 20)}" + "${TEST_KEY.slice(20)}",\n};\n`;
  const map = sourceMap({ '../src/config.ts': config });
  const base64 = Buffer.from(map).toString('base64');

  it.each([
    ['a JS file', 'assets/app.js', `console.log(1);\n//# sourceMappingURL=data:application/json;base64,${base64}\n`],
    ['a JS file, charset=utf-8', 'assets/app.js', `console.log(1);\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64}`],
    ['a CSS file', 'assets/app.css', `body{color:red}\n/*# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64} */\n`],
  ])("decodes the map in %s and reports the key at its original source's line", async (_, name, text) => {
    // The file itself does not hold the key in one piece: only the decoded map does.
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(BODY.slice(4, 12));
    const dir = folderWith({ [name]: text });
    const { code, report, stdout } = await scanJson([dir]);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ file: `${dir}/${name}`, source: '../src/config.ts', line: 3, column: 9, rule: 'expys-org-api-key', match: `${KEY.slice(0, 15)}…` }),
      expect.objectContaining({ file: `${dir}/${name}`, source: '../src/config.ts', line: 4, column: 11, rule: 'expys-org-api-key', match: `${TEST_KEY.slice(0, 15)}…`, split: true }),
    ]);
    expectRedacted(stdout, KEY, TEST_KEY);
  });

  it('decodes a URL-encoded inline map (no base64): what the file does not hold in one piece is reported at the source', async () => {
    const text = `body{color:red}\n/*# sourceMappingURL=data:application/json;charset=utf-8,${encodeURIComponent(map)} */\n`;
    const dir = folderWith({ 'app.css': text });
    const { code, report } = await scanJson([dir]);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      // Whole in the file itself (URL-encoding keeps letters and digits): reported there, once.
      expect.objectContaining({ file: `${dir}/app.css`, line: 2, column: text.split('\n')[1].indexOf(KEY) + 1, rule: 'expys-org-api-key' }),
      expect.objectContaining({ file: `${dir}/app.css`, source: '../src/config.ts', line: 4, column: 11, rule: 'expys-org-api-key', split: true }),
    ]);
    expect(report.findings.filter((f) => f.source !== undefined)).toHaveLength(1);
  });

  it('reports nothing for a clean inline map, a look-alike in one, or a data: URL that is not a map', async () => {
    const clean = Buffer.from(sourceMap({ 'a.ts': `const k = "${LOOK_ALIKE.slice(0, 20)}" + "${LOOK_ALIKE.slice(20)}";` })).toString('base64');
    const dir = folderWith({
      'a.js': `x();\n//# sourceMappingURL=data:application/json;base64,${clean}\n`,
      'b.js': 'x();\n//# sourceMappingURL=data:application/json;base64,!!!not base64!!!\n',
      'c.js': `x();\n//# sourceMappingURL=data:application/json;base64,${Buffer.from('[1,2').toString('base64')}\n`,
    });
    const { code, report } = await scanJson(['--fail-on', 'notice', dir]);
    expect([code, report.findings]).toEqual([0, []]);
  });
});

describe('2. precompressed assets', () => {
  // Padded so both compressors really compress: a short input may be stored verbatim (a brotli
  // uncompressed meta-block), and then the key would be in the file as is, proving nothing.
  const js = `!function(){var cfg={k:"${KEY}"};console.log(cfg)}();\n${'console.log("padding");\n'.repeat(400)}`;
  const column = '!function(){var cfg={k:"'.length + 1;

  it.each([
    ['gzip', 'assets/app.js.gz', gzipSync(js)],
    ['brotli', 'assets/app.js.br', brotliCompressSync(js)],
  ])('decompresses %s and reports the compressed file as where', async (_, name, content) => {
    expect(Buffer.from(content).includes(KEY)).toBe(false);
    const dir = folderWith({ [name]: content });
    const { code, report, stdout } = await scanJson([dir]);
    expect(code).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(report.findings).toEqual([expect.objectContaining({ file: `${dir}/${name}`, line: 1, column, rule: 'expys-org-api-key', match: `${KEY.slice(0, 15)}…` })]);
    expectRedacted(stdout, KEY);
  });

  it("reads a compressed source map's embedded sources, and the human output names the .gz", async () => {
    const map = sourceMap({ '../src/config.ts': `export const k =\n  "${KEY.slice(0, 20)}" + "${KEY.slice(20)}";\n` });
    const dir = folderWith({ 'app.js.map.gz': gzipSync(map) });
    const run = await runCli([dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${dir}/app.js.map.gz → ../src/config.ts:2:4  expys-org-api-key  ${KEY.slice(0, 15)}…  error`);
    expectRedacted(run.stdout, KEY);
  });

  it('bounds the decompressed size (a zip bomb): scans the first 64 MB, warns, neither crashes nor hangs', async () => {
    // 80 MB once decompressed, 80 kB on disk: the key at the start, another past the limit.
    const bomb = gzipSync(Buffer.concat([Buffer.from(`k="${KEY}";`), Buffer.alloc(80 * 1024 * 1024, 0x20), Buffer.from(`t="${TEST_KEY}";`)]), { level: 1 });
    const brotliBomb = brotliCompressSync(Buffer.concat([Buffer.from(`k="${KEY}";`), Buffer.alloc(80 * 1024 * 1024, 0x20)]), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 1 },
    });
    const dir = folderWith({ 'bomb.js.gz': bomb, 'bomb.js.br': brotliBomb });
    const started = Date.now();
    const { code, report, stdout } = await scanJson([dir]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file.slice(dir.length + 1), f.match])).toEqual([
      ['bomb.js.br', `${KEY.slice(0, 15)}…`],
      ['bomb.js.gz', `${KEY.slice(0, 15)}…`],
    ]);
    expect(report.warnings).toEqual([
      { file: `${dir}/bomb.js.br`, message: expect.stringMatching(/larger than 64 MB once decompressed.*only its first 64 MB/) },
      { file: `${dir}/bomb.js.gz`, message: expect.stringMatching(/larger than 64 MB once decompressed.*only its first 64 MB/) },
    ]);
    expectRedacted(stdout, KEY, TEST_KEY);
    // The limit is an option; the human output prints the warning and the count.
    const small = await runCli(['--max-decompressed-size', '1kB', dir]);
    expect(small.code).toBe(1);
    expect(small.stdout).toContain(`${dir}/bomb.js.gz  warning: larger than 1 kB once decompressed`);
    expect(small.stdout).toMatch(/✖ 2 errors, 0 warnings, 0 look-alikes in 2 files .*; 2 scan warnings\n$/);
  }, 60_000);

  it('refuses a --max-decompressed-size that is not a size (exit 2)', async () => {
    const run = await runCli(['--max-decompressed-size', 'lots', '.']);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(/--max-decompressed-size "lots" is not a size/);
  });

  it('warns about a corrupt .gz or .br and scans it as it is stored', async () => {
    const dir = folderWith({ 'app.js.gz': `not gzip k="${KEY}"`, 'app.js.br': Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 1, 2]) });
    const { code, report } = await scanJson([dir]);
    expect(code).toBe(1);
    expect(report.findings).toEqual([expect.objectContaining({ file: `${dir}/app.js.gz`, rule: 'expys-org-api-key' })]);
    expect(report.skipped).toEqual([{ file: `${dir}/app.js.br`, reason: 'binary' }]);
    expect(report.warnings).toEqual([
      { file: `${dir}/app.js.br`, message: expect.stringContaining('not valid brotli') },
      { file: `${dir}/app.js.gz`, message: expect.stringContaining('not valid gzip') },
    ]);
  });
});

describe('3. keys assembled in a template literal or an array join', () => {
  it.each([
    ['template literal, two substitutions', `const k = \`${PREFIX}\${"${BODY.slice(0, 4)}"}\${"${BODY.slice(4)}"}\`;`],
    ['template literal, single quotes and text after', `const k = \`${PREFIX}\${'${BODY.slice(0, 10)}'}${BODY.slice(10)}\`;`],
    ['template literal, whole key in substitutions', `const k = \`\${"${PREFIX}${BODY.slice(0, 4)}"}\${"${BODY.slice(4)}"}\`;`],
    ['array join', `const k = ["${PREFIX}${BODY.slice(0, 4)}", "${BODY.slice(4)}"].join("");`],
    ['array join, minified, three pieces', `k=["${PREFIX}${BODY.slice(0, 8)}","${BODY.slice(8, 20)}","${BODY.slice(20)}"].join("")`],
    ['array join across lines', `const k = [\n  '${PREFIX}${BODY.slice(0, 16)}',\n  '${BODY.slice(16)}',\n].join('');`],
    ['concat', `const k = "${PREFIX}${BODY.slice(0, 16)}".concat("${BODY.slice(16)}");`],
  ])('%s', (_, text) => {
    const at = text.search(/expys_live_|\$\{"expys/);
    expect(keyFindings(text)).toMatchObject([{ line: 1 + (text.slice(0, at).match(/\n/g)?.length ?? 0), split: true, match: `${KEY.slice(0, 15)}…` }]);
  });

  it('not a look-alike, nor a real key followed by more letters once joined', () => {
    const bad = LOOK_ALIKE.slice(PREFIX.length);
    expect(scan(`\`${PREFIX}\${"${bad.slice(0, 4)}"}\${"${bad.slice(4)}"}\``)).toEqual([]);
    expect(scan(`["${PREFIX}${BODY.slice(0, 4)}", "${BODY.slice(4)}", "x"].join("")`)).toEqual([]);
  });
});

describe('4. a split inside the prefix', () => {
  it.each([
    ['"expys_li" + "ve_…"', `const k = "expys_li" + "ve_${BODY}";`, 12],
    ['"expys" + "_live_…"', `const k = "expys" + "_live_${BODY}";`, 12],
    ['"e" + "xpys_live_…" over lines, the body split too', `const k = "e" +\n  "xpys_live_${BODY.slice(0, 9)}" +\n  "${BODY.slice(9)}";`, 12],
    ['an array join', `k=["expys_l","ive_${BODY}"].join("")`, 5],
    ['a template literal', `k=\`expys_\${"live_"}${BODY}\``, 4],
    ['a member token', `t = "mt_te" + "st_${TOKEN.slice(8)}"`, 6],
  ])('%s', (_, text, column) => {
    expect(scan(text)).toMatchObject([{ rule: text.includes('mt_') ? 'expys-member-token' : 'expys-org-api-key', line: 1, column, split: true }]);
  });

  it('not a look-alike', () => {
    expect(scan(`const k = "expys_li" + "ve_${LOOK_ALIKE.slice(PREFIX.length)}";`)).toEqual([]);
  });
});

describe('5. \\x and \\u escapes inside string literals', () => {
  const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');
  it.each([
    ['\\u005f in the prefix', `const k = "expys\\u005flive_${BODY}";`, 12],
    ['\\x65 at the start', `const k = "\\x65xpys_live_${BODY}";`, 12],
    ['\\u{5f} in the prefix', `k="expys\\u{5f}live_${BODY}"`, 4],
    ['upper-case hex in the body', `k="${PREFIX}${BODY.slice(0, 5)}\\x${hex(BODY[5]).toUpperCase()}${BODY.slice(6)}"`, 4],
    ['every character escaped', `k="${[...KEY].map((c) => `\\u00${hex(c)}`).join('')}"`, 4],
    ['escaped and split', `k = "\\x65xpys_li" +\n  "ve\\u005f${BODY}"`, 6],
  ])('%s, reported at the position in the original text', (_, text, column) => {
    expect(keyFindings(text)).toMatchObject([{ line: 1, column, match: `${KEY.slice(0, 15)}…` }]);
  });

  it('not a look-alike, nor an escaped backslash (`\\\\x65` is not an escape)', () => {
    expect(scan(`k="expys\\u005flive_${LOOK_ALIKE.slice(PREFIX.length)}"`)).toEqual([]);
    expect(keyFindings(`k="\\\\x65xpys_live_${BODY}"`)).toEqual([]);
  });

  it("split with single quotes in a source map's source (kept as they are in its JSON): reported once, at the source", async () => {
    const map = sourceMap({ '../src/config.ts': `export const k = 'expys_li' + 've_${BODY}';\n` });
    expect(map).toContain(`'expys_li' + 've_${BODY}'`);
    const dir = folderWith({ 'app.js.map': map });
    const { report } = await scanJson([dir]);
    expect(report.findings.map((f) => [f.source, f.line, f.column, f.split])).toEqual([['../src/config.ts', 1, 19, true]]);
  });

  it("in a source map's source: reported once, at the source, not again in the map's JSON", async () => {
    const map = sourceMap({ '../src/config.ts': `// config\nexport const k = "\\x65xpys_live_${BODY}";\n` });
    const dir = folderWith({ 'app.js.map': map, 'app.js': `const k="expys\\u005flive_${BODY}";` });
    const { code, report, stdout } = await scanJson([dir]);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file.slice(dir.length + 1), f.source, f.line, f.column, f.escaped])).toEqual([
      ['app.js', undefined, 1, 10, true],
      ['app.js.map', '../src/config.ts', 2, 19, true],
    ]);
    expectRedacted(stdout, KEY);
  });
});

describe('6. a text file with a stray NUL byte', () => {
  it('is scanned when it is otherwise text; a real binary is still skipped', async () => {
    const js = `/* app */\0var a=1;${'function f(){return 1}'.repeat(200)}var k="${KEY}";\n`;
    expect(js.indexOf('\0')).toBeLessThan(100);
    const dir = folderWith({
      'app.js': js,
      // A PNG signature, then binary data with NULs: still skipped.
      'logo.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...Buffer.from(`k="${TEST_KEY}"`)]),
    });
    const { code, report } = await scanJson([dir]);
    expect(code).toBe(1);
    expect(report.findings).toEqual([expect.objectContaining({ file: `${dir}/app.js`, rule: 'expys-org-api-key', line: 1, column: js.indexOf(KEY) + 1 })]);
    expect(report.skipped).toEqual([{ file: `${dir}/logo.png`, reason: 'binary' }]);
    expect(report.files).toBe(1);
  });

  it('also when the NUL is in a file read whole (under 8,000 bytes) and in a large one', async () => {
    const small = `\0k="${KEY}"`;
    const large = `\0${'x=1;\n'.repeat(5000)}k="${KEY}"`;
    const dir = folderWith({ 'small.js': small, 'large.js': large });
    const { report } = await scanJson([dir]);
    expect(report.findings.map((f) => f.file.slice(dir.length + 1))).toEqual(['large.js', 'small.js']);
  });
});

describe('the plain case is unchanged', () => {
  it("reports exactly @expys/credentials' findCredentials matches in texts without seams or escapes (3,000 random texts, every kind)", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const base62 = (n: number) => Array.from({ length: n }, () => pick([...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'])).join('');
    const pieces = [
      () => mintCredential(pick(['org-api-key', 'api-key', 'app-secret', 'member-token'] as const), pick(['sandbox', 'production'] as const)),
      () =>
        `${pick(['expys_test_', 'expys_live_', 'mt_test_', 'mt_live_', 'test_sk_', 'prod_sk_', 'secret_', 'expys_', 'mt_', 'xpys_live_', 'sk_', 'k_', 'cret_', 'ecret_', 'test_', 'prod_'])}${base62(pick([0, 5, 31, 32, 33, 39, 40, 41]))}`,
      () => pick([' ', '=', ':', ';', '/', '_', '-', '%20', 'x', 'e', 'm', 'k', 'c', 's', 't', '\t', '(', '{', '"']),
      () => base62(pick([1, 3, 8])),
    ];
    const ruleOf = { 'org-api-key': 'expys-org-api-key', 'api-key': 'expys-api-key', 'app-secret': 'expys-app-secret', 'member-token': 'expys-member-token' } as const;
    for (let i = 0; i < 3_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(pieces)()).join('');
      const expected = findCredentials(text)
        // `secret_` + 32 without a valid checksum is not reported: other software writes that shape.
        .filter((f) => f.checksumValid || f.kind !== 'app-secret')
        .map((f) => [f.index, f.checksumValid ? ruleOf[f.kind] : 'expys-look-alike']);
      const found = scan(text).filter((f) => f.rule !== 'expys-server-operation' && f.rule !== 'expys-server-path' && !f.split && !f.escaped);
      expect(found.map((f) => [f.column - 1, f.rule]), text).toEqual(expected);
    }
  });
});

describe('a real build', () => {
  it('esbuild with an inline source map, shipped only as .br: the key is caught in the bundle and at its source line', async () => {
    const dir = folderWith({
      'src/config.js': `// pasted "for now"\nexport const key = \`${PREFIX}\${"${BODY.slice(0, 10)}"}\${"${BODY.slice(10)}"}\`;\n`,
      'src/app.js': 'import { key } from "./config.js";\nfetch("/api", { headers: { authorization: `Bearer ${key}` } });\n',
    });
    const out = path.join(dir, 'dist/app.js');
    await build({ entryPoints: [path.join(dir, 'src/app.js')], outfile: out, bundle: true, minify: true, sourcemap: 'inline', format: 'esm', logLevel: 'silent' });
    writeFileSync(`${out}.br`, brotliCompressSync(readFileSync(out)));
    rmSync(out);
    const { code, report, stdout } = await scanJson([path.join(dir, 'dist')]);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file.slice(dir.length + 1), f.source, f.line, f.split ?? false])).toEqual([
      ['dist/app.js.br', undefined, 1, false],
      ['dist/app.js.br', '../src/config.js', 2, true],
    ]);
    expectRedacted(stdout, KEY);
  });
});
