// `npm run lint`: every check of the spec in one run, each tool's findings with file and line.
//  1. Redocly, with our conventions (scripts/lint/rules), on the multi-file source.
//  2. Redocly on the Arazzo workflows (spec/workflows).
//  3. @readme/openapi-parser: an independent validator of the multi-file source.
//  4. Spectral (spectral:oas + OWASP API Security, tuned in scripts/lint/spectral.yaml) on the
//     three bundles, built into a temporary folder so the build's own outputs are untouched;
//     each finding is mapped back to its file and line in spec/ (source-location.ts).
// Exits 1 if any of them fails; prints one line per tool at the end.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../bundle/redocly.js';
import { bundleInto, redoclyLint, secondValidator, spectral, type Outcome } from './tools.js';

const WORKFLOWS = path.join(REPO_ROOT, 'spec/workflows');

async function timed(tool: string, run: () => Promise<Outcome> | Outcome) {
  console.log(`\n── ${tool}`);
  const started = performance.now();
  const result = await run();
  return { tool, ...result, ms: performance.now() - started };
}

const outcomes: (Outcome & { tool: string; ms: number })[] = [];
outcomes.push(await timed('Redocly: conventions on spec/ (scripts/lint/rules)', () => redoclyLint(['full'])));
const workflows = readdirSync(WORKFLOWS)
  .filter((f) => f.endsWith('.arazzo.yaml'))
  .map((f) => path.relative(REPO_ROOT, path.join(WORKFLOWS, f)));
outcomes.push(await timed(`Redocly: ${workflows.length} Arazzo workflows`, () => redoclyLint(workflows)));
outcomes.push(await timed('@readme/openapi-parser: second validator on spec/', secondValidator));
const dir = mkdtempSync(path.join(tmpdir(), 'expys-lint-'));
try {
  outcomes.push(
    await timed('Spectral: spectral:oas + OWASP on the bundles (scripts/lint/spectral.yaml)', () => {
      const files = bundleInto(dir);
      // Findings are printed at their file and line in spec/, not in the temporary bundles.
      return files ? spectral(files, { source: path.join(REPO_ROOT, 'spec/openapi.yaml') }) : { ok: false, summary: 'the spec could not be bundled (see above)', output: '' };
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log('\n── Summary');
for (const o of outcomes) console.log(`${o.ok ? '✔' : '✖'} ${o.tool}: ${o.summary} (${(o.ms / 1000).toFixed(1)} s)`);
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
