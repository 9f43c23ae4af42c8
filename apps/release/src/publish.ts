// The publish step: pack every published package as npm would receive it (pnpm pack turns
// workspace: ranges into versions), re-run the checks on what is packed (the tarball boundaries of
// the member client and of the MSW handlers' member entry, publint, attw), then publish the
// tarballs to the given registry.
// Nothing here publishes without an explicit registry URL.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PUBLISHED, REPO } from './audiences.js';

export interface Packed {
  name: string;
  version: string;
  tarball: string;
}

const run = promisify(execFile);
const pnpm = (args: string[], cwd: string) => run('sh', [path.join(REPO, 'scripts/pnpm.sh'), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** How many pnpm / npm processes run at once: two (the machines this runs on have two cores), fewer on one core. */
const JOBS = Math.max(1, Math.min(2, availableParallelism()));

interface Task<T> {
  run: () => Promise<T>;
  /** Package folders it reads or writes: never two tasks on one folder at a time. */
  touches?: readonly string[];
  /** Tasks (indexes) that must have succeeded before it starts. */
  needs?: readonly number[];
}

/**
 * Runs the tasks JOBS at a time, each as soon as what it needs has succeeded and no running task
 * touches its folders, in the given order otherwise. After a failure no new task starts. Calls
 * `settled(i)` as each one ends; returns every outcome by index (undefined: never started).
 */
async function runTasks<T>(tasks: Task<T>[], settled: (index: number, outcomes: (PromiseSettledResult<T> | undefined)[]) => void = () => {}): Promise<(PromiseSettledResult<T> | undefined)[]> {
  const outcomes: (PromiseSettledResult<T> | undefined)[] = tasks.map(() => undefined);
  const started = new Set<number>();
  const running = new Map<number, Promise<void>>();
  const busy = () => new Set([...running.keys()].flatMap((i) => tasks[i].touches ?? []));
  let failed = false;
  for (;;) {
    while (!failed && running.size < JOBS) {
      const inUse = busy();
      const next = tasks.findIndex((t, i) => !started.has(i) && (t.needs ?? []).every((n) => outcomes[n]?.status === 'fulfilled') && !(t.touches ?? []).some((d) => inUse.has(d)));
      if (next === -1) break;
      started.add(next);
      running.set(
        next,
        tasks[next].run().then(
          (value) => void (outcomes[next] = { status: 'fulfilled', value }),
          (reason) => {
            outcomes[next] = { status: 'rejected', reason };
            failed = true;
          },
        ).then(() => {
          running.delete(next);
          settled(next, outcomes);
        }),
      );
    }
    if (running.size === 0) return outcomes;
    await Promise.race(running.values());
  }
}

/** The values in order, or the first failure in order. */
function valuesOrThrow<T>(outcomes: (PromiseSettledResult<T> | undefined)[]): T[] {
  const failure = outcomes.find((o) => o?.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failure) throw failure.reason;
  if (outcomes.includes(undefined)) throw new Error('some tasks never started: what they need never succeeded (a cycle?)');
  return outcomes.map((o) => (o as PromiseFulfilledResult<T>).value);
}

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

/** Packs every published package into `outDir` with `pnpm pack` (two at a time); returns them in PUBLISHED's order. */
export async function packAll(outDir = mkdtempSync(path.join(tmpdir(), 'expys-pack-'))): Promise<Packed[]> {
  const tasks = PUBLISHED.map(({ name, dir }): Task<Packed> => ({
    touches: [dir],
    run: async () => {
      const cwd = path.join(REPO, dir);
      const { version } = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8'));
      const before = new Set(readdirSync(outDir));
      await pnpm(['pack', '--pack-destination', outDir], cwd);
      // Another package may be packed into the same folder meanwhile: only this package's name counts.
      const tarball = readdirSync(outDir).find((f) => !before.has(f) && f.startsWith(tarballPrefix(name)) && /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\.tgz$/.test(f.slice(tarballPrefix(name).length)));
      if (!tarball) throw new Error(`pnpm pack produced no tarball for ${name}`);
      return { name, version, tarball: path.join(outDir, tarball) };
    },
  }));
  return valuesOrThrow(await runTasks(tasks));
}

/**
 * The checks a release re-runs on the packages as packed (two at a time); throws with the first
 * failing tool's output. Each check is logged in order, as soon as it and those before it passed.
 */
export async function checkPacked(log: (line: string) => void = () => {}): Promise<void> {
  const check = (what: string, args: string[], dir: string, touches: string[] = [dir]): Task<string> => ({
    touches,
    run: () =>
      pnpm(args, path.join(REPO, dir)).then(
        () => what,
        (error) => {
          const e = error as { stdout?: string; stderr?: string };
          throw new Error(`${what} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
        },
      ),
  });
  const tasks = [
    // It packs the member client and the two packages the member client brings along.
    check('member client tarball holds no server operation (tarball-boundary test)', ['exec', 'vitest', 'run', 'test/tarball-boundary.test.ts'], 'packages/member-client', ['packages/member-client', 'packages/client-core', 'packages/credentials']),
    check('msw-handlers tarball: the member entry holds no server operation (tarball-boundary test)', ['exec', 'vitest', 'run', 'test/tarball-boundary.test.ts'], 'packages/msw-handlers'),
    ...['credentials', 'client-core', 'member-client', 'server-client', 'sdk', 'member-query', 'gateway', 'msw-handlers', 'leak-scanner'].map((pkg) => check(`@expys/${pkg}: publint and attw on the packed tarball`, ['run', 'check:pack'], `packages/${pkg}`)),
  ];
  let logged = 0;
  const outcomes = await runTasks(tasks, (_index, outcomes) => {
    for (; logged < outcomes.length && outcomes[logged]?.status === 'fulfilled'; logged++) log(`  ✔ ${(outcomes[logged] as PromiseFulfilledResult<string>).value}`);
  });
  valuesOrThrow(outcomes);
}

/**
 * Publishes the tarballs to `registry`, two at a time, each only once the published packages it
 * depends on (dependencies and peers) are there: a failure midway never leaves a package
 * published without what it needs. Throws the first failure.
 */
export async function publishAll(packed: Packed[], registry: string, userconfig?: string): Promise<void> {
  const dependsOn = (name: string): string[] => {
    const entry = PUBLISHED.find((p) => p.name === name);
    if (!entry) return [];
    const manifest = JSON.parse(readFileSync(path.join(REPO, entry.dir, 'package.json'), 'utf8'));
    return Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  };
  const tasks = packed.map(
    (p): Task<void> => ({
      needs: dependsOn(p.name)
        .map((dep) => packed.findIndex((q) => q.name === dep))
        .filter((i) => i !== -1),
      run: async () => {
        await run('npm', ['publish', p.tarball, '--registry', registry, '--access', 'public', ...(userconfig ? ['--userconfig', userconfig] : [])], { encoding: 'utf8' });
      },
    }),
  );
  valuesOrThrow(await runTasks(tasks));
}
