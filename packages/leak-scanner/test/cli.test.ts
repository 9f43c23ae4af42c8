// The real CLI on real folders: what it finds, where (file:line:column), how it exits, and that
// it never prints a whole credential.
import { credentialFromEntropy, mintCredential } from '@expys/credentials';
import { describe, expect, it } from 'vitest';
import { folderWith, runCli } from './support.js';

const KEY = mintCredential('org-api-key', 'production');
const TEST_KEY = mintCredential('org-api-key', 'sandbox');
const TOKEN = mintCredential('member-token', 'sandbox');
/** Right shape, wrong checksum: the last character changed. */
const LOOK_ALIKE = `${KEY.slice(0, -1)}${KEY.endsWith('a') ? 'b' : 'a'}`;

/** A few kB of realistic minified code (long single line), with `plant` at a known column. */
function minified(plant: string) {
  const filler = Array.from({ length: 200 }, (_, i) => `function f${i}(a,b){return a+b*${i}}`).join(';');
  return { text: `!function(){"use strict";${filler};var cfg={k:"${plant}"};console.log(cfg)}();\n//# sourceMappingURL=app.js.map\n`, column: `!function(){"use strict";${filler};var cfg={k:"`.length + 1 };
}

/** Nothing printed holds the key past its first 4 characters of body. */
function expectRedacted(output: string, ...secrets: string[]) {
  for (const secret of secrets) {
    const prefixLength = secret.indexOf('_', secret.indexOf('_') + 1) + 1;
    expect(output).not.toContain(secret.slice(prefixLength + 4, prefixLength + 12));
  }
}

describe('expys-leak-scan', () => {
  it('finds nothing in a clean build and exits 0', async () => {
    const dir = folderWith({
      'index.html': '<!doctype html><script src="app.js"></script><p>Sandbox keys start with expys_test_…</p>',
      'app.js': minified('not-a-key').text,
      'app.css': 'body{color:#123}',
      'data/offers.json': '{"data":[{"id":"off_1"}],"path":"/v1/offers"}',
    });
    const run = await runCli([dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔ 0 errors, 0 warnings, 0 look-alikes in 4 files/m);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('catches an Org-API-Key planted in minified JS, with file:line:column, and exits 1 without printing it', async () => {
    const { text, column } = minified(KEY);
    const dir = folderWith({ 'static/js/main.3f9a.js': text });
    const run = await runCli([dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${dir}/static/js/main.3f9a.js:1:${column}  expys-org-api-key  ${KEY.slice(0, 15)}…  error: a real Expys Org-API-Key`);
    expectRedacted(run.stdout + run.stderr, KEY);
  });

  it('reports a look-alike (bad checksum) apart, and does not fail on it unless asked', async () => {
    const dir = folderWith({ 'app.js': minified(LOOK_ALIKE).text, '.env.production': `VITE_EXPYS_KEY=expys_test_${'x'.repeat(32)}\n` });
    const run = await runCli([dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`expys-look-alike  ${LOOK_ALIKE.slice(0, 15)}…  notice: look-alike, not a valid key`);
    expect(run.stdout).toContain(`${dir}/.env.production:1:16  expys-look-alike  expys_test_xxxx…`);
    expect(run.stdout).not.toContain('expys-org-api-key');
    expect(run.stdout).toMatch(/✔ 0 errors, 0 warnings, 2 look-alikes/);
    expectRedacted(run.stdout, LOOK_ALIKE);
    expect((await runCli(['--fail-on', 'notice', dir])).code).toBe(1);
  });

  it('catches server-only operationIds and paths, from the spec, unless allowed by name', async () => {
    const dir = folderWith({
      'app.js': 'const api={exchangeToken:(b)=>fetch("https://api.expys.com/v1/auth/exchange",{method:"POST",body:b})};\nfetch(`/v1/members/user_123`);\nlistOffers();getMembers();',
    });
    const run = await runCli([dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${dir}/app.js:1:12  expys-server-operation  exchangeToken  error`);
    expect(run.stdout).toContain(`${dir}/app.js:1:59  expys-server-path  /v1/auth/exchange  error`);
    expect(run.stdout).toContain(`${dir}/app.js:2:8  expys-server-path  /v1/members/{externalUserID}  error`);
    // A member operation, and a longer identifier that merely starts with a server name, are not.
    expect(run.stdout).not.toContain('listOffers');
    expect(run.stdout).not.toMatch(/getMembers?\b.*error/);
    const allowed = await runCli(['--allow-name', 'exchangeToken', '--allow-name', '/v1/auth/exchange', '--allow-name', '/v1/members/{externalUserID}', dir]);
    expect([allowed.code, allowed.stdout]).toEqual([0, expect.stringMatching(/^✔ 0 errors/)]);
  });

  it("catches a key split across string literals in a source map's sourcesContent, named by its source", async () => {
    const source = `// config\nexport const config = {\n  key: "${KEY.slice(0, 20)}" +\n    "${KEY.slice(20)}",\n  other: 'expys_test_' + 'abc',\n};\n`;
    const continued = `const k = "${TEST_KEY.slice(0, 25)}\\\n${TEST_KEY.slice(25)}";\n`;
    const map = JSON.stringify({ version: 3, file: 'app.js', sources: ['../src/config.ts', '../src/legacy.js'], sourcesContent: [source, continued], mappings: 'AAAA' });
    // The raw JSON does not hold the key in one piece: only the decoded sources do.
    expect(map).not.toContain(KEY);
    const dir = folderWith({ 'assets/app.js.map': map });
    const run = await runCli([dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${dir}/assets/app.js.map → ../src/config.ts:3:9  expys-org-api-key  ${KEY.slice(0, 15)}…  error`);
    expect(run.stdout).toContain('(split across string literals)');
    expect(run.stdout).toContain(`${dir}/assets/app.js.map → ../src/legacy.js:1:12  expys-org-api-key  ${TEST_KEY.slice(0, 15)}…`);
    expectRedacted(run.stdout, KEY, TEST_KEY);
  });

  it('reports a hard-coded member token as a warning: exit 0, or 1 with --fail-on warning', async () => {
    const dir = folderWith({ 'index.html': `<script>window.__EXPYS__={token:"${TOKEN}"}</script>` });
    const run = await runCli([dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${dir}/index.html:1:34  expys-member-token  ${TOKEN.slice(0, 12)}…  warning:`);
    expect(run.stdout).toMatch(/✔ 0 errors, 1 warning, 0 look-alikes/);
    expect((await runCli(['--fail-on', 'warning', dir])).code).toBe(1);
    expectRedacted(run.stdout, TOKEN);
  });

  it('prints JSON with --json: the same findings, redacted', async () => {
    const dir = folderWith({ 'a.css': `.x{background:url("/img?k=${KEY}")}`, 'b.json': `{"t":"${TOKEN}"}` });
    const run = await runCli(['--json', dir]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ failOn: 'error', failed: true, files: 2, skipped: [] });
    expect(report.findings).toEqual([
      { file: `${dir}/a.css`, line: 1, column: 27, rule: 'expys-org-api-key', severity: 'error', match: `${KEY.slice(0, 15)}…`, message: expect.any(String) },
      { file: `${dir}/b.json`, line: 1, column: 7, rule: 'expys-member-token', severity: 'warning', match: `${TOKEN.slice(0, 12)}…`, message: expect.any(String) },
    ]);
    expectRedacted(run.stdout, KEY, TOKEN);
  });

  it('skips binary files and files over --max-file-size (listed), and node_modules and .git unless asked', async () => {
    const planted = (text: string) => `const k="${text}";`;
    const dir = folderWith({
      'logo.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, ...Buffer.from(KEY)]),
      'big.js': `${'x'.repeat(3000)}${planted(KEY)}`,
      'node_modules/lib/index.js': planted(KEY),
      '.git/config': planted(KEY),
      'coverage/lcov.html': planted(KEY),
      'ok.js': 'ok',
    });
    const run = await runCli(['--max-file-size', '2kB', '--ignore', 'coverage/**', '--json', dir]);
    const report = JSON.parse(run.stdout);
    expect([run.code, report.findings, report.files]).toEqual([0, [], 1]);
    expect(report.skipped).toEqual([
      { file: `${dir}/big.js`, reason: 'too large' },
      { file: `${dir}/logo.png`, reason: 'binary' },
    ]);
    const human = await runCli(['--max-file-size', '2kB', dir]);
    expect(human.stdout).toContain(`${dir}/big.js  skipped: larger than --max-file-size, not scanned`);
    const deep = await runCli(['--include-node-modules', '--include-git', '--json', dir]);
    expect(JSON.parse(deep.stdout).findings.map((f: { file: string }) => f.file.slice(dir.length + 1)).sort()).toEqual([
      '.git/config',
      'big.js',
      'coverage/lcov.html',
      'node_modules/lib/index.js',
    ]);
  });

  it('scans a single file too, and readable fixtures with valid checksums count as real', async () => {
    const fixture = credentialFromEntropy('org-api-key', 'sandbox', 'SandboxFullAccessKey000000');
    const dir = folderWith({ 'bundle.js': `x("${fixture}")` });
    const run = await runCli([`${dir}/bundle.js`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${dir}/bundle.js:1:4  expys-org-api-key  expys_test_Sand…`);
  });

  it.each([
    [[], /no folder to scan/],
    [['/no/such/folder'], /no such folder or file: \/no\/such\/folder/],
    [['--fail-on', 'panic', '.'], /--fail-on must be error, warning or notice/],
    [['--max-file-size', 'big', '.'], /--max-file-size "big" is not a size/],
    [['--colour', '.'], /Unknown option '--colour'/],
  ])('exits 2 with a clear message on a usage error (%j)', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('--help');
    expect(run.stdout).toBe('');
  });

  it('prints its help and version', async () => {
    expect((await runCli(['--help'])).stdout).toContain('Usage: expys-leak-scan');
    expect((await runCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
