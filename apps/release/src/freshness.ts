// The gate reads the last build (the bundles and the clients' declarations). A build made from
// other sources than the ones in the tree would answer for a spec that is no longer there, so the
// check refuses it and names what changed. Each build step writes what it was made from, by
// content (scripts/build/inputs-manifest.mjs); `npm run release:check` builds first, and this
// catches running the gate on its own.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './audiences.js';

/** The builds the gate reads, in the order they are made. */
export const MANIFESTS = ['openapi', 'client-core', 'member-client', 'server-client'].map((dir) => `packages/${dir}/dist/build-inputs.json`);

/** One sentence per stale or missing build, naming the changed files; empty when every build is current. */
export function staleOutputs(root = REPO): string[] {
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/build/inputs-manifest.mjs'), 'check', '--root', root, ...MANIFESTS], { encoding: 'utf8' });
  if (result.status === 2 || result.error) throw new Error(`inputs-manifest check failed: ${result.stderr || result.error?.message}`);
  return result.stdout.split('\n').filter(Boolean);
}
