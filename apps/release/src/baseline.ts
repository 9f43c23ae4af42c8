// Writes the baseline the gate compares against: the audience bundles and the clients' API
// reports as released. Run by the release's version step, so the baseline moves with each release.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASELINE_DIR } from './audiences.js';
import type { Baseline } from './gate.js';

export function writeBaseline(state: Baseline, dir = BASELINE_DIR): void {
  mkdirSync(dir, { recursive: true });
  for (const audience of ['member', 'server'] as const) {
    writeFileSync(path.join(dir, `expys.${audience}.json`), `${JSON.stringify(state.bundles[audience], null, 2)}\n`);
    writeFileSync(path.join(dir, `${audience}-client.api.txt`), `${state.reports[audience].join('\n')}\n`);
  }
}
