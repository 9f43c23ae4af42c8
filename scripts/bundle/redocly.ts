// Runs the Redocly CLI pinned by this package, from the repository root (where redocly.yaml is).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const require = createRequire(import.meta.url);
const REDOCLY_BIN = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');

export function redocly(args: string[], options: { capture?: boolean; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [REDOCLY_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    stdio: options.capture ? 'pipe' : 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
}
