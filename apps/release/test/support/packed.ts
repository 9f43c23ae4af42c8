// A consumer outside the repository, as the packed-install tests set one up: our packages as
// `pnpm pack` makes them (workspace: ranges rewritten), installed by plain npm into a fresh project.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PUBLISHED, REPO } from '../../src/audiences.js';

const run = promisify(execFile);

/** npm as a consumer runs it: none of the variables pnpm or turbo set for this process. */
export function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM|TURBO|NODE_PATH$|INIT_CWD$)/i.test(name) && name !== 'npm_config_registry') continue;
    env[name] = value;
  }
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_cache: path.join(tmpdir(), 'expys-npm-cache') };
}

/** `name` and the published packages it depends on, transitively, in PUBLISHED's (dependency) order. */
export function publishedClosure(name: string): (typeof PUBLISHED)[number][] {
  const needed = new Set<string>();
  const visit = (pkg: string) => {
    const entry = PUBLISHED.find((p) => p.name === pkg);
    if (!entry || needed.has(pkg)) return;
    needed.add(pkg);
    const manifest = JSON.parse(readFileSync(path.join(REPO, entry.dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) visit(dep);
  };
  visit(name);
  return PUBLISHED.filter((p) => needed.has(p.name));
}

/** Packs `name` and the published packages it depends on into `outDir` with `pnpm pack`, as the release CLI does; returns the tarballs. */
export async function packWithDependencies(name: string, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const tarballs: string[] = [];
  for (const { dir } of publishedClosure(name)) {
    const before = new Set(readdirSync(outDir));
    await run('sh', [path.join(REPO, 'scripts/pnpm.sh'), 'pack', '--pack-destination', outDir], { cwd: path.join(REPO, dir), timeout: 120_000 });
    const made = readdirSync(outDir).find((f) => f.endsWith('.tgz') && !before.has(f));
    if (!made) throw new Error(`pnpm pack produced no tarball in ${dir}`);
    tarballs.push(path.join(outDir, made));
  }
  return tarballs;
}
