// The loop's watcher alone (no pipeline): ready when startLoop resolves, spec files only, one
// pass per burst, and nothing after close().
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startLoop } from '../src/loop.js';
import type { PassReport } from '../src/pipeline.js';

const dir = mkdtempSync(path.join(tmpdir(), 'expys-dev-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ok: PassReport = { ok: true, errors: [], warnings: [], bundles: [], clients: [], timings: {} };

it('sees a save made as soon as it starts, coalesces a safe write into one pass, ignores other files, stops on close', async () => {
  writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
  const passes: string[][] = [];
  const loop = await startLoop(dir, { pass: async () => ok, done: ({ files }) => void passes.push(files) });
  const settled = async () => {
    await new Promise((r) => setTimeout(r, 300));
    await loop.idle();
  };

  // Right after startLoop resolves: the initial scan is over, this save is not lost.
  writeFileSync(path.join(dir, 'a.yaml'), 'a: 2\n');
  await settled();
  expect(passes).toEqual([[path.join(dir, 'a.yaml')]]);

  // A temp file renamed over the original (its name is no spec file): one pass, for a.yaml.
  writeFileSync(path.join(dir, 'a.yaml.tmp'), 'a: 3\n');
  renameSync(path.join(dir, 'a.yaml.tmp'), path.join(dir, 'a.yaml'));
  writeFileSync(path.join(dir, 'notes.txt'), 'not the spec\n');
  await settled();
  expect(passes).toEqual([[path.join(dir, 'a.yaml')], [path.join(dir, 'a.yaml')]]);

  await loop.close();
  writeFileSync(path.join(dir, 'a.yaml'), 'a: 4\n');
  await settled();
  expect(passes).toHaveLength(2);
});
