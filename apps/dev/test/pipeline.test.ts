// The dev loop runs Redocly's core in-process; `npm run build` runs the Redocly CLI. The loop is
// only worth its speed if both produce the same bundles from the same config.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DevPipeline } from '../src/pipeline.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'expys-dev-pipeline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('writes the same three bundles as the build (packages/openapi/dist), byte for byte as JSON', async () => {
  const config = parse(readFileSync(path.join(REPO, 'redocly.yaml'), 'utf8'));
  config.plugins = config.plugins.map((p: string) => path.resolve(REPO, p));
  for (const [name, api] of Object.entries<{ root: string; output: string }>(config.apis)) {
    api.root = path.join(REPO, 'spec/openapi.yaml');
    api.output = path.join(work, `expys.${name}.yaml`);
  }
  writeFileSync(path.join(work, 'redocly.yaml'), stringify(config));
  const pipeline = new DevPipeline({ configFile: path.join(work, 'redocly.yaml'), clients: [] });
  const report = await pipeline.run();
  expect(report).toMatchObject({ ok: true, errors: [], bundles: ['full', 'member', 'server'] });
  for (const audience of ['full', 'member', 'server'] as const) {
    const built = readFileSync(path.join(REPO, `packages/openapi/dist/expys.${audience}.json`), 'utf8');
    expect(readFileSync(pipeline.bundleFile(audience), 'utf8'), audience).toBe(built);
  }
  // A second pass with no edit writes nothing.
  expect((await pipeline.run()).bundles).toEqual([]);
});
