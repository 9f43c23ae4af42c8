// The linters `npm run lint` runs (scripts/lint/cli.ts), one function each, so tests can run
// each of them on a fixture. Each prints its findings and returns a one-line outcome.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT, redocly } from '../bundle/redocly.js';

export interface Outcome {
  ok: boolean;
  summary: string;
  /** What the tool printed. */
  output: string;
}

const require = createRequire(import.meta.url);
const SPECTRAL_BIN = path.join(path.dirname(require.resolve('@stoplight/spectral-cli/package.json')), 'dist/index.js');
const SPECTRAL_RULESET = path.join(REPO_ROOT, 'scripts/lint/spectral.yaml');

export function redoclyLint(args: string[]): Outcome {
  const result = redocly(['lint', ...args, '--format', 'stylish'], { capture: true });
  // Drop Redocly's Node 20 banner, and the "unused rules" note when linting Arazzo files only.
  const output = `${result.stdout}${result.stderr}`
    .replace(/^.*[║╔╚].*\n/gm, '')
    .replace(/^\[WARNING\] Unused rules found.*\n(Check the spelling.*\n)?/m, '');
  process.stdout.write(output.trimEnd() + '\n');
  const errors = /(\d+) errors?/.exec(output)?.[1] ?? (result.status === 0 ? '0' : '?');
  const warnings = /(\d+) warnings?/.exec(output)?.[1] ?? '0';
  return { ok: result.status === 0, summary: `${errors} errors, ${warnings} warnings`, output };
}

export async function secondValidator(file = path.join(REPO_ROOT, 'spec/openapi.yaml')): Promise<Outcome> {
  const { validate, compileErrors } = await import('@readme/openapi-parser');
  try {
    const result = await validate(file);
    if (result.valid) {
      const output = `valid ${result.specification ?? 'OpenAPI'} document, ${result.warnings.length} warnings`;
      console.log(output);
      return { ok: true, summary: `valid, ${result.warnings.length} warnings`, output };
    }
    const output = compileErrors(result);
    console.log(output);
    return { ok: false, summary: `invalid: ${result.errors.length} errors`, output };
  } catch (error) {
    // A $ref to a missing file is thrown, not returned.
    const output = `✖ ${(error as Error).message}`;
    console.log(output);
    return { ok: false, summary: 'could not resolve the spec', output };
  }
}

/** The three bundles, from a copy of redocly.yaml whose outputs point into `dir`. */
export function bundleInto(dir: string): string[] | undefined {
  const config = parse(readFileSync(path.join(REPO_ROOT, 'redocly.yaml'), 'utf8'));
  config.plugins = config.plugins.map((p: string) => path.resolve(REPO_ROOT, p));
  const files: string[] = [];
  for (const [name, api] of Object.entries<any>(config.apis)) {
    api.root = path.resolve(REPO_ROOT, api.root);
    api.output = path.join(dir, `expys.${name}.yaml`);
    files.push(api.output);
  }
  const configFile = path.join(dir, 'redocly.yaml');
  writeFileSync(configFile, stringify(config));
  const result = redocly(['bundle', '--config', configFile], { capture: true });
  if (result.status !== 0) {
    console.log(result.stderr);
    return undefined;
  }
  return files;
}

export function spectral(files: string[], ruleset = SPECTRAL_RULESET): Outcome {
  const result = spawnSync(
    process.execPath,
    [SPECTRAL_BIN, 'lint', '--ruleset', ruleset, '--format', 'stylish', '--fail-severity', 'warn', ...files],
    { encoding: 'utf8', cwd: REPO_ROOT },
  );
  const output = `${result.stdout}${result.stderr}`.trim();
  console.log(output || 'No findings.');
  const problems = /(\d+) problems? \((\d+) errors?, (\d+) warnings?/.exec(output);
  return {
    ok: result.status === 0,
    summary: problems ? `${problems[2]} errors, ${problems[3]} warnings on ${files.length} bundles` : `0 findings on ${files.length} bundles`,
    output,
  };
}

