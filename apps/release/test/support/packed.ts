// A consumer outside the repository, as the packed-install tests set one up: our packages as
// `pnpm pack` makes them (workspace: ranges rewritten), installed by plain npm into a fresh project.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PUBLISHED, REPO } from '../../src/audiences.js';
import { sharedPackedOf } from './shared-pack.js';

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

/** The tarballs of `name` and the published packages it depends on, as the release CLI packs them (`pnpm pack`; the run's shared tarballs). */
export async function packWithDependencies(name: string): Promise<string[]> {
  return (await sharedPackedOf(publishedClosure(name).map((p) => p.name))).map((p) => p.tarball);
}

/**
 * The registry packages our published ones depend on at run time (openapi-fetch and what it
 * needs), transitively, at the versions this workspace installed, fetched with `npm pack`: an
 * `npm install --offline` of our tarballs then finds every dependency as tarballs, without
 * resolving anything against the registry. Returns their tarballs.
 */
export async function packThirdPartyDependencies(names: string[], outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const packed = new Map<string, string>();
  const visit = async (name: string, fromDir: string) => {
    if (name.startsWith('@expys/') || packed.has(name)) return;
    const dir = path.dirname(realpathSync(createRequire(path.join(fromDir, 'package.json')).resolve(`${name}/package.json`)));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    // The registry's tarball of the version installed here (pnpm's store may hold fewer files than it).
    const { stdout } = await run('npm', ['pack', `${name}@${manifest.version}`, '--pack-destination', outDir, '--json', '--ignore-scripts'], { cwd: outDir, env: consumerEnv(), timeout: 120_000 });
    packed.set(name, path.join(outDir, JSON.parse(stdout)[0].filename));
    for (const dep of Object.keys(manifest.dependencies ?? {})) await visit(dep, dir);
  };
  for (const name of names) {
    const entry = PUBLISHED.find((p) => p.name === name);
    if (!entry) throw new Error(`${name} is not one of the published packages`);
    const manifest = JSON.parse(readFileSync(path.join(REPO, entry.dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) await visit(dep, path.join(REPO, entry.dir));
  }
  return [...packed.values()];
}
