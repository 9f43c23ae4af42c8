// The gate reads the last build (bundles and the clients' declarations). A build older than its
// sources would answer for a spec that is no longer there, so the check refuses it and names the
// newer file. `npm run release:check` builds first; this catches running the gate on its own.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './audiences.js';

/** Each output the gate reads, and what it is built from (files or folders, from the repository root). */
export const BUILT_FROM: { output: string; sources: string[] }[] = [
  { output: 'packages/openapi/dist/expys.full.json', sources: ['spec', 'redocly.yaml', 'scripts/bundle', 'scripts/lint/rules'] },
  { output: 'packages/client-core/dist/index.d.ts', sources: ['packages/client-core/src', 'packages/credentials/src'] },
  ...(['member', 'server'] as const).map((audience) => ({
    output: `packages/${audience}-client/dist/index.d.ts`,
    sources: [`packages/openapi/dist/expys.${audience}.json`, `packages/${audience}-client/src`, 'packages/client-core/dist/index.d.ts', 'scripts/generate'],
  })),
];

/** The newest file under `entry` and its time, skipping tests, generated code and dependencies. */
function newest(entry: string): { file: string; mtimeMs: number } | undefined {
  if (!existsSync(entry)) return undefined;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return { file: entry, mtimeMs: stat.mtimeMs };
  let best: { file: string; mtimeMs: number } | undefined;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules' || child === 'test' || child === 'generated' || child.startsWith('.')) continue;
    const found = newest(path.join(entry, child));
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/** One sentence per stale or missing output, naming the newer source; empty when the build is fresh. */
export function staleOutputs(root = REPO): string[] {
  const problems: string[] = [];
  for (const { output, sources } of BUILT_FROM) {
    const built = newest(path.join(root, output));
    if (!built) {
      problems.push(`${output} is missing`);
      continue;
    }
    for (const source of sources) {
      const changed = newest(path.join(root, source));
      if (changed && changed.mtimeMs > built.mtimeMs) {
        problems.push(`${output} is older than ${path.relative(root, changed.file)}`);
        break;
      }
    }
  }
  return problems;
}
