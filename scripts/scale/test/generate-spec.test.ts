// The synthetic spec of the scale bench follows our conventions: at N = 30 it lints clean with
// our rules, goes through the bundler (lint, three bundles, audience audit) and has exactly N
// operations, both modes present, each in the bundle of its audience.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, redocly } from '../../bundle/redocly.js';
import { operationsOf } from '../../bundle/walk.js';
import { generateSpec } from '../generate-spec.js';

// More than the real spec's operations (61), so a second copy (`/v1/s1/…`) is made too.
const N = 70;
// Lint and the bundler each take seconds on 70 operations, more on two cores shared with other runs.
const SPAWNS_MS = 60_000;
const work = mkdtempSync(path.join(tmpdir(), 'expys-scale-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const spec = generateSpec({ operations: N, outDir: path.join(work, 'spec') });

describe(`a synthetic spec of ${N} operations`, () => {
  it('has N operations, in both modes', () => {
    expect(spec.operations.total).toBe(N);
    expect(spec.operations.member).toBeGreaterThan(0);
    expect(spec.operations.server).toBeGreaterThan(0);
    expect(spec.operations.member + spec.operations.server).toBe(N);
  });

  it('lints clean with our rules: no error, no warning', () => {
    const result = redocly(['lint', 'full', '--config', spec.configFile, '--format', 'github-actions'], { capture: true });
    const findings = result.stdout.split('\n').filter((line) => /^::(error|warning)/.test(line));
    expect(findings).toEqual([]);
    expect(result.status, result.stderr).toBe(0);
  }, SPAWNS_MS);

  it('goes through the bundler, and each bundle holds the operations of its audience', () => {
    const tsx = path.join(REPO_ROOT, 'scripts/node_modules/.bin/tsx');
    const result = spawnSync(tsx, [path.join(REPO_ROOT, 'scripts/bundle/cli.ts'), '--config', spec.configFile], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    const bundle = (name: 'full' | 'member' | 'server') => JSON.parse(readFileSync(spec.bundles[name].replace(/\.yaml$/, '.json'), 'utf8'));
    const calls = (name: 'full' | 'member' | 'server') => operationsOf(bundle(name)).filter((e) => e.section === 'paths');
    const full = calls('full');
    expect(full).toHaveLength(N);
    expect(new Set(full.map((e) => e.operation.operationId)).size).toBe(N);
    expect(new Set(full.map((e) => `${e.method} ${e.key}`)).size).toBe(N);
    const modes = (entries: ReturnType<typeof calls>) => entries.map((e) => e.operation['x-expys-mode']);
    expect(modes(full).filter((m) => m === 'member')).toHaveLength(spec.operations.member);
    expect(modes(full).filter((m) => m === 'server')).toHaveLength(spec.operations.server);
    expect(modes(calls('member'))).toEqual(Array(spec.operations.member).fill('member'));
    expect(modes(calls('server'))).toEqual(Array(spec.operations.server).fill('server'));
    // The copies are served under their own prefix with suffixed operationIds.
    expect(full.map((e) => e.key)).toContain('/v1/s1/offers');
    expect(full.map((e) => e.operation.operationId)).toContain('listOffersS1');
  }, SPAWNS_MS);
});
