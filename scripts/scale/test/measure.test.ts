// The scale bench's own stages run on a small synthetic spec: a stage that breaks (the clients'
// typecheck once stopped resolving openapi-fetch, and `npm run bench` failed only at its end) fails
// here, in the suite, rather than in the next long benchmark run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const SCRIPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'expys-scale-measure-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('bundles, generates and typechecks both clients at N = 20 with no stage failed', () => {
  const out = path.join(work, 'scale.json');
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scale/measure.ts', '--sizes', '20', '--stages', 'bundle,generate,typecheck', '--runs', '1', '--out', out], {
    cwd: SCRIPTS,
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  const report = JSON.parse(readFileSync(out, 'utf8')) as { stages: { id: string; results: { operations: number; seconds: number | null; failed?: string; timedOut?: boolean }[] }[] };
  expect(report.stages.map((s) => s.id)).toEqual(['bundle', 'generate', 'typecheck']);
  for (const stage of report.stages) {
    const [run] = stage.results;
    expect(run, stage.id).toMatchObject({ operations: 20 });
    expect(run.failed, `${stage.id}: ${run.failed}`).toBeUndefined();
    expect(run.timedOut, stage.id).toBeFalsy();
    expect(run.seconds, stage.id).toBeGreaterThan(0);
  }
}, 300_000);
