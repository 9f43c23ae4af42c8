// The security reviewer's proof, on the app's production build: @expys/leak-scanner finds no
// Org-API-Key and no server operation in it. And the proof can fail: the same build with a
// planted live key and a server call is caught, at the place in the bundle and in the source.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mintCredential } from '@expys/credentials';
import { build, type Plugin } from 'vite';
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
  it('holds no Org-API-Key, no member token and no server operation', () => {
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

describe('a build with a planted key and a server call', () => {
  const liveKey = mintCredential('org-api-key', 'production');
  let outDir: string;

  // What a leak looks like in real code: a key pasted into the app, split across two string
  // literals, and a call to a server-only operation.
  const plant: Plugin = {
    name: 'plant-a-leak',
    enforce: 'pre', // before TypeScript is stripped: the planted code is TypeScript too
    transform(code, id) {
      if (!id.endsWith('/src/expys.ts')) return null;
      const half = 20;
      return `${code}
export const PLANTED_KEY = ${JSON.stringify(liveKey.slice(0, half))} + ${JSON.stringify(liveKey.slice(half))};
export const plantedCall = (f: typeof fetch) => f("/v1/points/credit", { method: "POST" });
(globalThis as any).__planted = [PLANTED_KEY, plantedCall];
`;
    },
  };

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'example-web-planted-'));
    await build({ root: APP_ROOT, configFile: path.join(APP_ROOT, 'vite.config.ts'), logLevel: 'error', plugins: [plant], build: { outDir, emptyOutDir: true } });
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is caught: the key (checksum verified) and the server path, with their places; the key is never printed whole', () => {
    const { status, report } = scan(outDir);
    expect(status).toBe(1);
    expect(report.failed).toBe(true);
    const keys = report.findings.filter((f) => f.rule === 'expys-org-api-key');
    // Minifiers join the two literals; the source map's original source has them apart.
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(keys.some((f) => f.file.endsWith('.js') || f.source?.endsWith('src/expys.ts'))).toBe(true);
    for (const key of keys) {
      expect(key.severity).toBe('error');
      expect(key.line).toBeGreaterThan(0);
    }
    const paths = report.findings.filter((f) => f.rule === 'expys-server-path');
    expect(paths.map((f) => f.match)).toContain('/v1/points/credit');
    expect(JSON.stringify(report)).not.toContain(liveKey);
  });
});
