// The security reviewer's proof, on the app's production build: @expys/leak-scanner finds no
// backend secret (Org-API-Key, API key, App Secret) and no server operation in it. And the proof
// can fail: the same build with a planted live key, a planted App Secret, a planted prod_sk_ API
// key and a server call is caught, at the place in the bundle and in the source; look-alikes of
// them are not.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mintCredential } from '@expys/credentials';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, requireBuild } from './support/paths.js';

interface Finding {
  file: string;
  line: number;
  column: number;
  source?: string;
  rule: string;
  severity: string;
  match: string;
}
interface Report {
  failed: boolean;
  findings: Finding[];
  files: number;
  bytes: number;
  skipped: { file: string; reason: string }[];
}

const CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('@expys/leak-scanner/package.json')), 'dist/cli.js');

/** The real command a reviewer runs: `expys-leak-scan --json <folder>`. */
function scan(folder: string): { status: number | null; report: Report; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, '--json', folder], { encoding: 'utf8' });
  if (run.status === 2 || !run.stdout) throw new Error(`expys-leak-scan failed to run: ${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

describe('the production build', () => {
  it('holds no Org-API-Key, API key, App Secret, member token or server operation', () => {
    const dist = requireBuild();
    const { status, report } = scan(dist);
    // It really read the bundle and its source map, not an empty folder.
    const assets = readdirSync(path.join(dist, 'assets'));
    expect(assets.some((file) => file.endsWith('.js'))).toBe(true);
    expect(assets.some((file) => file.endsWith('.js.map'))).toBe(true);
    expect(report.files).toBeGreaterThanOrEqual(assets.length + 1);
    expect(report.bytes).toBeGreaterThan(200_000);
    expect(report.skipped).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(status).toBe(0);
  });
});

describe('a build with planted backend secrets and a server call', () => {
  const liveKey = mintCredential('org-api-key', 'production');
  const appSecret = mintCredential('app-secret', 'sandbox');
  const apiKey = mintCredential('api-key', 'production');
  /** The same credential with its last character changed: the checksum no longer matches. */
  const damaged = (value: string) => `${value.slice(0, -1)}${value.endsWith('a') ? 'b' : 'a'}`;
  let project: string;
  let outDir: string;

  beforeAll(async () => {
    // A copy of the app with a leak in its source, as a developer would write one: a key pasted
    // into a module, split across two string literals, and a call to a server-only operation.
    // Inside the app's folder, so its node_modules resolve.
    project = mkdtempSync(path.join(APP_ROOT, '.planted-'));
    cpSync(path.join(APP_ROOT, 'src'), path.join(project, 'src'), { recursive: true });
    cpSync(path.join(APP_ROOT, 'index.html'), path.join(project, 'index.html'));
    writeFileSync(
      path.join(project, 'src/leak.ts'),
      `// A key pasted in "for now".
export const ORG_KEY = ${JSON.stringify(liveKey.slice(0, 20))} +
  ${JSON.stringify(liveKey.slice(20))};
export const creditPoints = (f: typeof fetch) => f("/v1/points/credit", { method: "POST", headers: { authorization: \`Bearer \${ORG_KEY}\` } });
// The application's credentials and a backend job's key, "just for the admin screen".
export const ADMIN = { appId: "app_SandboxSampleApp", appSecret: ${JSON.stringify(appSecret)}, jobKey: [${JSON.stringify(apiKey.slice(0, 12))}, ${JSON.stringify(apiKey.slice(12))}].join("") };
// Placeholders that are not credentials: a damaged key and secret, the documentation's drawings.
export const PLACEHOLDERS = [${JSON.stringify(damaged(apiKey))}, ${JSON.stringify(damaged(appSecret))}, "secret_xxxxxxxxxxxxxxxx", "prod_sk_xyz789ghi012jkl345..."];
(globalThis as { planted?: unknown }).planted = [creditPoints, ADMIN, PLACEHOLDERS];
`,
    );
    appendFileSync(path.join(project, 'src/main.tsx'), "\nimport './leak.js';\n");
    outDir = path.join(project, 'dist');
    await build({ root: project, configFile: path.join(APP_ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('is caught: the key (checksum verified) in the bundle and, split, in the source map; the server path; the key never printed whole', () => {
    const { status, report } = scan(outDir);
    expect(status).toBe(1);
    expect(report.failed).toBe(true);
    const keys = report.findings.filter((f) => f.rule === 'expys-org-api-key');
    for (const key of keys) expect(key.severity).toBe('error');
    // The minifier joined the literals in the bundle…
    expect(keys.some((f) => /assets\/index-[\w-]+\.js$/.test(f.file) && f.line > 0)).toBe(true);
    // …and the source map's embedded source still has them apart, at the line they were written.
    const inSource = keys.find((f) => f.file.endsWith('.js.map') && f.source?.endsWith('src/leak.ts'));
    expect(inSource).toMatchObject({ line: 2 });
    const paths = report.findings.filter((f) => f.rule === 'expys-server-path');
    expect(paths.map((f) => f.match)).toContain('/v1/points/credit');
    expect(paths.some((f) => f.file.endsWith('.js'))).toBe(true);
    expect(JSON.stringify(report)).not.toContain(liveKey);
  });

  it('is caught: the App Secret and the prod_sk_ API key, as errors; their look-alikes fail nothing', () => {
    const { report } = scan(outDir);
    const where = (rule: string) => report.findings.filter((f) => f.rule === rule);
    for (const [rule, value, shown] of [
      ['expys-app-secret', appSecret, 11],
      ['expys-api-key', apiKey, 12],
    ] as const) {
      const found = where(rule);
      expect(found.map((f) => f.match), rule).toContain(`${value.slice(0, shown)}…`);
      expect(found.every((f) => f.severity === 'error')).toBe(true);
      // In the bundle and in the source map (a whole one at the map's line, a split one at its source's).
      expect(found.some((f) => f.file.endsWith('.js'))).toBe(true);
      expect(found.some((f) => f.file.endsWith('.js.map'))).toBe(true);
      expect(JSON.stringify(report)).not.toContain(value.slice(shown, shown + 8));
    }
    // The key written in pieces is reported at the line of the source that wrote it.
    expect(where('expys-api-key').find((f) => f.source?.endsWith('src/leak.ts'))).toMatchObject({ line: 6 });
    // The damaged API key is a look-alike (a notice); nothing of the damaged App Secret or the drawings is reported.
    const lookAlikes = where('expys-look-alike');
    expect(lookAlikes.length).toBeGreaterThan(0);
    expect(lookAlikes.every((f) => f.severity === 'notice' && f.match === `${apiKey.slice(0, 12)}…`)).toBe(true);
    expect(report.findings.filter((f) => f.severity === 'error').every((f) => !f.match.startsWith('secret_x') && !f.match.startsWith('prod_sk_xyz'))).toBe(true);
  });
});
