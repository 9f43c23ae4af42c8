// Rebuilds the bundles with the repository's bundler (scripts/bundle/cli.ts) before the CLI
// serves them. The bundler lints first and leaves no bundle when lint fails, so a broken spec
// stops the mock from starting instead of being served half-loaded.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths.js';

const BUNDLER = path.join(REPO_ROOT, 'scripts/bundle/cli.ts');
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export const DEFAULT_SPEC_CONFIG = path.join(REPO_ROOT, 'redocly.yaml');

export interface BundleResult {
  ok: boolean;
  /** The bundler's stdout and stderr, interleaved as written (lint errors with file:line). */
  output: string;
  /** The JSON full bundle the config produces (the `full` API's output, .json sibling). */
  fullBundle: string;
}

/** The JSON full bundle a Redocly config produces; outputs are relative to the config file. */
export function fullBundleOf(configFile: string): string {
  const config = parse(readFileSync(configFile, 'utf8')) as { apis?: Record<string, { output?: string }> };
  const output = config.apis?.full?.output;
  if (!output) throw new Error(`${configFile} has no apis.full.output: the mock serves the full bundle`);
  return path.resolve(path.dirname(configFile), output).replace(/\.ya?ml$/, '.json');
}

export function rebuildBundles(configFile = DEFAULT_SPEC_CONFIG): Promise<BundleResult> {
  const fullBundle = fullBundleOf(configFile);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, BUNDLER, '--config', configFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ok: code === 0, output, fullBundle }));
  });
}
