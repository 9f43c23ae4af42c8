// The version step of a release: the gate must pass, then `changeset version` bumps the packages
// and writes their changelogs, each changelog gets the API changes of its package (from the diff,
// so every spec change is named even if a changeset summary forgot it), and the baseline moves to
// what is about to be published.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PUBLISHED, REPO } from './audiences.js';
import { writeBaseline } from './baseline.js';
import { staleOutputs } from './freshness.js';
import { changesBetween, currentState, gate, pendingBumps, readBaseline, requiredBumps } from './gate.js';
import type { Change } from './spec-diff.js';

/** Puts the API changes under the heading of `version` in a changesets-written CHANGELOG. */
export function insertApiChanges(changelog: string, version: string, changes: Change[]): string {
  if (changes.length === 0) return changelog;
  const heading = `## ${version}\n`;
  const at = changelog.indexOf(heading);
  if (at === -1) throw new Error(`The changelog has no "## ${version}" section`);
  const lines = changes.map((c) => `- ${c.severity === 'breaking' ? '**Breaking:** ' : c.severity === 'deprecated' ? 'Deprecated: ' : ''}${c.operationId ? `\`${c.operationId}\`: ` : ''}${c.description}`);
  const section = `\n### API changes (from the spec diff)\n\n${[...new Set(lines)].join('\n')}\n`;
  const insertAt = at + heading.length;
  return changelog.slice(0, insertAt) + section + changelog.slice(insertAt);
}

export async function version(log: (line: string) => void = console.log): Promise<void> {
  const stale = staleOutputs();
  if (stale.length > 0) throw new Error(`The build is stale (${stale.join('; ')}): run \`npm run release:version\` from the repository root, which builds first.`);
  const now = currentState();
  const changes = changesBetween(readBaseline(), now);
  const result = gate(changes, await pendingBumps());
  log(result.report);
  if (!result.ok) throw new Error('The pending changesets do not cover the changes above: nothing was versioned.');

  execFileSync('sh', [path.join(REPO, 'scripts/pnpm.sh'), 'exec', 'changeset', 'version'], { cwd: REPO, stdio: 'inherit' });

  for (const [pkg, { because }] of requiredBumps(changes)) {
    const dir = PUBLISHED.find((p) => p.name === pkg)?.dir;
    if (!dir) continue;
    const { version: released } = JSON.parse(readFileSync(path.join(REPO, dir, 'package.json'), 'utf8'));
    const file = path.join(REPO, dir, 'CHANGELOG.md');
    if (!existsSync(file)) continue;
    writeFileSync(file, insertApiChanges(readFileSync(file, 'utf8'), released, because));
    log(`  ${pkg}@${released}: ${because.length} API change(s) in CHANGELOG.md`);
  }
  writeBaseline(now);
  log('Baseline moved to this release (apps/release/baseline). Commit, then publish: npm run release:publish -- --registry <url>');
}
