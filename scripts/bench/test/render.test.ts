// The figures in BENCHMARKS.md and the README come from scripts/bench/benchmarks.json, written by
// `npm run bench`: a figure edited by hand, or a measurement not re-rendered, fails here.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS_JSON, README_END, README_START, REPO, beforeAfterSection, readmeWithFigures, renderBenchmarks, targets, type Benchmarks } from '../render.js';

const benchmarks: Benchmarks = JSON.parse(readFileSync(BENCHMARKS_JSON, 'utf8'));
const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');

describe('the published figures', () => {
  it('BENCHMARKS.md is exactly the rendering of benchmarks.json', () => {
    expect(existsSync(path.join(REPO, 'BENCHMARKS.md'))).toBe(true);
    expect(readFileSync(path.join(REPO, 'BENCHMARKS.md'), 'utf8')).toBe(renderBenchmarks(benchmarks));
  });

  it("the README's figures block is exactly the rendering of benchmarks.json", () => {
    expect(readme).toContain(README_START);
    expect(readme).toContain(README_END);
    expect(readmeWithFigures(readme, benchmarks)).toBe(readme);
  });

  it('a hand edit of a figure would be caught', () => {
    const edited = readme.replace(/(\| `npm run lint` \| )[^|]+\|/, '$1 0.01 s |');
    expect(edited).not.toBe(readme);
    expect(readmeWithFigures(edited, benchmarks)).not.toBe(edited);
  });
});

describe('targets', () => {
  it("are judged from the figures, a miss shown as a miss", () => {
    const fast = structuredClone(benchmarks);
    fast.devLoop.medianMs = 400;
    const slow = structuredClone(benchmarks);
    slow.devLoop.medianMs = 1400;
    const devTarget = (b: Benchmarks) => targets(b).find((t) => t.target.startsWith('dev loop'))!.met;
    expect([devTarget(fast), devTarget(slow)]).toEqual([true, false]);
  });
});

describe('the load target (the shared boundary costs no speed)', () => {
  const withLoad = (vsBaseline: number, cpuVsBaseline: number): Benchmarks => ({
    ...structuredClone(benchmarks),
    load: {
      measuredOn: '2026-12-07',
      connections: 10,
      seconds: 3,
      rounds: 5,
      baseline: '98bfe08',
      rows: [
        { request: 'GET /v1/wallet', target: 'bare prism mock CLI', rps: 600, p99Ms: 30, vsPrism: 1, cpuUsPerRequest: 900 },
        { request: 'GET /v1/wallet', target: 'mock (gateway + Prism)', rps: 2600, p99Ms: 10, vsPrism: 4.3, cpuUsPerRequest: 200, vsBaseline, cpuVsBaseline },
        { request: 'GET /v1/wallet', target: 'mock (gateway + Prism) @ 98bfe08', rps: 2500, p99Ms: 10, vsPrism: 4.1, cpuUsPerRequest: 210 },
      ],
    },
  });
  const verdicts = (b: Benchmarks) => targets(b).filter((t) => t.target.includes('98bfe08')).map((t) => t.met);

  it('is met when today is at least as fast and no more costly per request, missed otherwise', () => {
    expect(verdicts(withLoad(1.04, 0.93))).toEqual([true, true]);
    expect(verdicts(withLoad(0.96, 1.02))).toEqual([false, false]);
  });

  it('shows CPU per request and the ratios to the baseline in the load table', () => {
    const page = renderBenchmarks(withLoad(1.04, 0.93));
    expect(page).toContain('| GET /v1/wallet | mock (gateway + Prism) | 2,600 | 10 | 4.30 | 200 | 1.04 | 0.93 |');
  });
});

describe('before and after', () => {
  it('renders each row with its change, n/a for what was not measured', () => {
    const lines = beforeAfterSection({
      measuredOn: '2026-12-07',
      baseline: { rev: 'f8ae508', subject: 'f8ae508 Mock: answers the first example' },
      head: { rev: 'abc1234', subject: 'abc1234 Areas' },
      rows: [
        { what: 'operations', before: 37, after: 61, unit: 'count' },
        { what: 'build', before: 20_000, after: 25_000, unit: 'ms' },
        { what: 'suite', before: 600_000, after: null, unit: 'ms' },
      ],
    });
    expect(lines).toContain('| operations | 37 | 61 | +65% |');
    expect(lines).toContain('| build | 20.0 s | 25.0 s | +25% |');
    expect(lines).toContain('| suite | 10 min 0 s | n/a |  |');
    expect(lines.some((l) => l.startsWith('Failed'))).toBe(false);
  });

  it("names the tasks a side's suite failed, which ran on with --continue", () => {
    const lines = beforeAfterSection({
      measuredOn: '2026-12-07',
      baseline: { rev: 'f8ae508', subject: 'f8ae508 Mock' },
      head: { rev: 'abc1234', subject: 'abc1234 Areas' },
      rows: [{ what: 'suite', before: 600_000, after: 700_000, unit: 'ms' }],
      failed: { before: ['@expys/scripts#typecheck'] },
    });
    expect(lines).toContain('Failed before (f8ae508; the suite ran on with `--continue`, so the time covers every task): `@expys/scripts#typecheck`.');
  });
});
