// The linters `npm run lint` runs (scripts/lint/cli.ts), one function each, so tests can run
// each of them on a fixture. Each prints its findings and returns a one-line outcome.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT, redocly } from '../bundle/redocly.js';
import { SourceLocator } from './source-location.js';

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

/** The three bundles, from a copy of redocly.yaml whose outputs point into `dir` (and whose roots are `root`, if given). */
export function bundleInto(dir: string, root?: string): string[] | undefined {
  const config = parse(readFileSync(path.join(REPO_ROOT, 'redocly.yaml'), 'utf8'));
  config.plugins = config.plugins.map((p: string) => path.resolve(REPO_ROOT, p));
  const files: string[] = [];
  for (const [name, api] of Object.entries<any>(config.apis)) {
    api.root = root ?? path.resolve(REPO_ROOT, api.root);
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

interface SpectralResult {
  code: string | number;
  path: (string | number)[];
  message: string;
  /** 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
  range: { start: { line: number; character: number } };
  source?: string;
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

/**
 * Spectral on `files`. With `source` (the root of the multi-file spec the files were bundled
 * from), each finding is printed at its place in the source (spec/<file>:<line>:<column>, as
 * Redocly prints its own), once however many bundles it is in; otherwise at its place in the file.
 */
export function spectral(files: string[], options: { ruleset?: string; source?: string } = {}): Outcome {
  const result = spawnSync(
    process.execPath,
    [SPECTRAL_BIN, 'lint', '--ruleset', options.ruleset ?? SPECTRAL_RULESET, '--format', 'json', '--quiet', '--fail-severity', 'warn', ...files],
    { encoding: 'utf8', cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  let results: SpectralResult[];
  try {
    results = JSON.parse(result.stdout || '[]');
  } catch {
    // Not a report (the ruleset or a file could not be read): show what Spectral said.
    const output = `${result.stdout}${result.stderr}`.trim();
    console.log(output);
    return { ok: false, summary: 'Spectral failed (see above)', output };
  }
  const locator = options.source ? new SourceLocator(options.source) : undefined;
  const shown = (file: string) => (path.relative(REPO_ROOT, file).startsWith('..') ? file : path.relative(REPO_ROOT, file));
  const bundleName = (file: string) => /expys\.(\w+)\.ya?ml$/.exec(file)?.[1] ?? path.basename(file);
  // One line per finding and place; the bundles it was found in, in brackets.
  const findings = new Map<string, { where: string; severity: number; code: string; message: string; bundles: string[] }>();
  for (const r of results) {
    const bundle = r.source ?? files[0]!;
    const place = locator?.locate(bundle, r.path);
    const where = place ? `${shown(place.file)}:${place.line}:${place.column}` : `${shown(bundle)}:${r.range.start.line + 1}:${r.range.start.character + 1}`;
    const id = `${where} ${r.code} ${r.message}`;
    const finding = findings.get(id) ?? { where, severity: r.severity, code: String(r.code), message: r.message, bundles: [] };
    finding.bundles.push(bundleName(bundle));
    findings.set(id, finding);
  }
  const sorted = [...findings.values()].sort((a, b) => a.where.localeCompare(b.where, 'en', { numeric: true }));
  const lines = sorted.map((f) => `${f.where}  ${SEVERITY[f.severity] ?? f.severity}  ${f.code}  ${f.message}${locator ? `  (${f.bundles.join(', ')})` : ''}`);
  const errors = sorted.filter((f) => f.severity === 0).length;
  const warnings = sorted.filter((f) => f.severity === 1).length;
  if (sorted.length) lines.push('', `✖ ${sorted.length} problem${sorted.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`);
  const output = lines.join('\n');
  console.log(output || 'No findings.');
  return {
    ok: result.status === 0,
    summary: `${errors} errors, ${warnings} warnings on ${files.length} bundles`,
    output,
  };
}
