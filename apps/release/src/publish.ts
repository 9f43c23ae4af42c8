// The publish step: pack every published package as npm would receive it (pnpm pack turns
// workspace: ranges into versions), re-run the checks on what is packed (the tarball boundaries of
// the member client and of the MSW handlers' member entry, publint, attw), then publish the
// tarballs to the given registry.
// Nothing here publishes without an explicit registry URL.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PUBLISHED, REPO } from './audiences.js';

export interface Packed {
  name: string;
  version: string;
  tarball: string;
}

const pnpm = (args: string[], cwd: string) => execFileSync('sh', [path.join(REPO, 'scripts/pnpm.sh'), ...args], { cwd, stdio: 'pipe', encoding: 'utf8' });

/** What `pnpm pack` names a package's tarball, before the version: `@expys/member-client` → `expys-member-client-`. */
const tarballPrefix = (name: string) => `${name.replace(/^@/, '').replace('/', '-')}-`;

/** Whether `file` is a tarball `pnpm pack` made of one of our published packages (any version). */
export function isOurTarball(file: string): boolean {
  return PUBLISHED.some(({ name }) => file.startsWith(tarballPrefix(name)) && /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\.tgz$/.test(file.slice(tarballPrefix(name).length)));
}

/**
 * Makes `dir` ready for a new set of tarballs: creates it if missing and removes the tarballs of
 * our packages an earlier pack left there, and nothing else (never the folder itself: `--out .`
 * names the repository). Returns what it removed and what it left.
 */
export function clearPacked(dir: string): { removed: string[]; left: string[] } {
  mkdirSync(dir, { recursive: true });
  const removed: string[] = [];
  const left: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && isOurTarball(entry.name)) {
      rmSync(path.join(dir, entry.name));
      removed.push(entry.name);
    } else left.push(entry.name);
  }
  return { removed, left };
}

export function packAll(outDir = mkdtempSync(path.join(tmpdir(), 'expys-pack-'))): Packed[] {
  return PUBLISHED.map(({ name, dir }) => {
    const cwd = path.join(REPO, dir);
    const { version } = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8'));
    const before = new Set(readdirSync(outDir));
    pnpm(['pack', '--pack-destination', outDir], cwd);
    const tarball = readdirSync(outDir).find((f) => f.endsWith('.tgz') && !before.has(f));
    if (!tarball) throw new Error(`pnpm pack produced no tarball for ${name}`);
    return { name, version, tarball: path.join(outDir, tarball) };
  });
}

/** The checks a release re-runs on the packages as packed; throws with the failing tool's output. */
export function checkPacked(log: (line: string) => void = () => {}): void {
  const run = (what: string, args: string[], cwd: string) => {
    try {
      pnpm(args, cwd);
      log(`  ✔ ${what}`);
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`${what} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  };
  run('member client tarball holds no server operation (tarball-boundary test)', ['exec', 'vitest', 'run', 'test/tarball-boundary.test.ts'], path.join(REPO, 'packages/member-client'));
  run('msw-handlers tarball: the member entry holds no server operation (tarball-boundary test)', ['exec', 'vitest', 'run', 'test/tarball-boundary.test.ts'], path.join(REPO, 'packages/msw-handlers'));
  for (const pkg of ['credentials', 'client-core', 'member-client', 'server-client', 'sdk', 'member-query', 'gateway', 'msw-handlers', 'leak-scanner']) run(`@expys/${pkg}: publint and attw on the packed tarball`, ['run', 'check:pack'], path.join(REPO, 'packages', pkg));
}

export function publishAll(packed: Packed[], registry: string, userconfig?: string): void {
  for (const p of packed) {
    execFileSync('npm', ['publish', p.tarball, '--registry', registry, '--access', 'public', ...(userconfig ? ['--userconfig', userconfig] : [])], { stdio: 'pipe' });
  }
}
