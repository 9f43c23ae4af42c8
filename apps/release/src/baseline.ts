// Writes the baseline the gate compares against: the audience bundles and the clients'
// declarations (a type tree) as released. Run by the release's version step, so the baseline
// moves with each release.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASELINE_DIR } from './audiences.js';
import type { ApiState } from './gate.js';

export function writeBaseline(state: ApiState, dir = BASELINE_DIR): void {
  mkdirSync(dir, { recursive: true });
  for (const audience of ['member', 'server'] as const) {
    writeFileSync(path.join(dir, `expys.${audience}.json`), `${JSON.stringify(state.bundles[audience], null, 2)}\n`);
    // The text reports of earlier releases: the type tree replaces them.
    rmSync(path.join(dir, `${audience}-client.api.txt`), { force: true });
  }
  const types = path.join(dir, 'types');
  if (path.resolve(state.types) === path.resolve(types)) return;
  rmSync(types, { recursive: true, force: true });
  cpSync(state.types, types, { recursive: true });
}
