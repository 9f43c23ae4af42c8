// A baseline in the same run: an earlier commit checked out next to this one (a git worktree in
// the temp folder), installed from the local store and built, so a figure can be measured on both
// trees side by side on the same machine at the same time, not against a number from another day
// on a machine that has since become faster or slower.
//
// Baselines the report keeps, each with why:
// - BEFORE_GATEWAY: main when "one credential boundary for every host" was filed (issue 25): its
//   mock and sandbox had the boundary written twice, without per-address fairness. The load bench
//   runs its mock and sandbox next to today's, so the core's cost is measured, not guessed.
// - BEFORE_AREAS: main before the documented areas (passcodes, cards, claims, referrals, stamps,
//   cashback: 24 operations, issue 22): build, lint and the test suite on both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from './render.js';

export const BEFORE_GATEWAY = '98bfe08';
export const BEFORE_AREAS = 'f8ae508';

export interface BaselineTree {
  rev: string;
  /** `git log --oneline -1` of the commit. */
  subject: string;
  dir: string;
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command.join(' ')} (in ${cwd}) failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * The commit's tree, installed and built: reused when it is already there (a worktree per
 * commit under the temp folder). The store is this repository's, so the install is offline.
 */
export function prepareBaseline(rev: string, log: (line: string) => void): BaselineTree {
  const full = run(['git', 'rev-parse', '--verify', `${rev}^{commit}`], REPO).trim();
  const subject = run(['git', 'log', '--oneline', '-1', full], REPO).trim();
  const dir = path.join(tmpdir(), `expys-bench-baseline-${full.slice(0, 12)}`);
  if (!existsSync(path.join(dir, 'package.json'))) {
    mkdirSync(path.dirname(dir), { recursive: true });
    log(`baseline ${subject}: git worktree in ${dir}`);
    run(['git', 'worktree', 'add', '--force', '--detach', dir, full], REPO);
  }
  const pnpm = ['sh', path.join(dir, 'scripts/pnpm.sh')];
  log(`baseline ${full.slice(0, 7)}: install (offline) and build`);
  run([...pnpm, 'install', '--offline', '--frozen-lockfile'], dir);
  run([...pnpm, 'exec', 'turbo', 'run', 'build', '--concurrency=2', '--output-logs=errors-only'], dir);
  return { rev: full.slice(0, 7), subject, dir };
}

/** The checked-out commit of this tree, for the report. */
export function headRev(): { rev: string; subject: string } {
  const subject = run(['git', 'log', '--oneline', '-1', 'HEAD'], REPO).trim();
  return { rev: subject.split(' ')[0], subject };
}
