// The gate CI runs: what changed since the last release (spec per audience, clients' public
// types), and whether the pending changesets bump each affected package enough. A breaking
// change needs a major bump of the package it breaks, and only that package: a member-only
// change asks nothing of @expys/server-client, and the reverse.
import readChangesets from '@changesets/read';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIENCES, BASELINE_DIR, BUNDLES_PACKAGE, bundleFile, CLIENT_OF, REPO, type Audience } from './audiences.js';
import { diffSpec, type Change } from './spec-diff.js';
import { compareTypeTrees, copyTypeTree } from './type-compat.js';

export type Bump = 'none' | 'patch' | 'minor' | 'major';
const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** What a release is compared by: the audience bundles, and the clients' declarations as a type tree. */
export interface ApiState {
  bundles: Record<Audience, Record<string, any>>;
  /** A folder laid out as `copyTypeTree` writes it (`<package dir>/package.json` and `dist/**\/*.d.ts`). */
  types: string;
}
/** The last release's state, as `baseline/` keeps it. */
export type Baseline = ApiState;

export function readBaseline(dir = BASELINE_DIR): ApiState {
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  return { bundles: { member: read('expys.member.json'), server: read('expys.server.json') }, types: path.join(dir, 'types') };
}

const temporary: string[] = [];
process.once('exit', () => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The state of the last build: the bundles in packages/openapi/dist, the clients' declarations in their dist. */
export function currentState(): ApiState {
  const types = mkdtempSync(path.join(tmpdir(), 'expys-types-'));
  temporary.push(types);
  copyTypeTree(path.join(REPO, 'packages'), types);
  return { bundles: { member: JSON.parse(readFileSync(bundleFile('member'), 'utf8')), server: JSON.parse(readFileSync(bundleFile('server'), 'utf8')) }, types };
}

export function changesBetween(before: ApiState, after: ApiState): Change[] {
  // A baseline from before the type trees (text reports up to 0.x) has no declarations to compare:
  // the first release that writes one compares the spec alone.
  const types = existsSync(before.types) ? compareTypeTrees(before.types, after.types) : [];
  return [...diffSpec(before.bundles, after.bundles), ...types];
}

const bumpFor = (change: Change): Bump => (change.severity === 'breaking' ? 'major' : 'minor');

/** The bump each package needs: major for a break, minor for an addition or deprecation. */
export function requiredBumps(changes: Change[]): Map<string, { bump: Bump; because: Change[] }> {
  const required = new Map<string, { bump: Bump; because: Change[] }>();
  const need = (pkg: string, bump: Bump, change: Change) => {
    const current = required.get(pkg) ?? { bump: 'none' as Bump, because: [] };
    if (RANK[bump] > RANK[current.bump]) current.bump = bump;
    current.because.push(change);
    required.set(pkg, current);
  };
  for (const change of changes) {
    const bump = bumpFor(change);
    need(change.package, bump, change);
    // The bundles ship in @expys/openapi: a spec change is its change too (type-only ones are not).
    if (change.rule !== 'types') need(BUNDLES_PACKAGE, bump, change);
  }
  return required;
}

/** The highest bump the pending changesets give each package. */
export async function pendingBumps(cwd = REPO): Promise<Map<string, Bump>> {
  const bumps = new Map<string, Bump>();
  for (const changeset of await readChangesets(cwd)) {
    for (const release of changeset.releases) {
      const bump = release.type as Bump;
      if (RANK[bump] > RANK[bumps.get(release.name) ?? 'none']) bumps.set(release.name, bump);
    }
  }
  return bumps;
}

export interface GateResult {
  ok: boolean;
  changes: Change[];
  failures: { package: string; needs: Bump; has: Bump; because: Change[] }[];
  report: string;
}

export function gate(changes: Change[], pending: Map<string, Bump>): GateResult {
  const failures: GateResult['failures'] = [];
  for (const [pkg, { bump, because }] of requiredBumps(changes)) {
    const has = pending.get(pkg) ?? 'none';
    if (RANK[has] < RANK[bump]) failures.push({ package: pkg, needs: bump, has, because });
  }
  return { ok: failures.length === 0, changes, failures, report: render(changes, failures, pending) };
}

function render(changes: Change[], failures: GateResult['failures'], pending: Map<string, Bump>): string {
  const lines: string[] = [];
  if (changes.length === 0) lines.push('No API change since the last release (spec per audience and public types).');
  // Each audience's changes (its client's), then those of the packages both clients share (client-core, credentials).
  const groups = [
    ...AUDIENCES.map((audience) => ({ label: `${audience} audience (${CLIENT_OF[audience]})`, mine: changes.filter((c) => c.audience === audience) })),
    ...[...new Set(changes.filter((c) => !c.audience).map((c) => c.package))].map((pkg) => ({ label: `${pkg} (shared by both clients)`, mine: changes.filter((c) => !c.audience && c.package === pkg) })),
  ];
  for (const { label, mine } of groups) {
    if (mine.length === 0) continue;
    lines.push(`${label}:`);
    for (const c of mine) lines.push(`  ${c.severity === 'breaking' ? '✖ breaking' : c.severity === 'deprecated' ? '• deprecated' : '+ addition'}  ${c.operationId ? `${c.operationId}: ` : ''}${c.description}  [${c.rule}: ${c.where}]`);
  }
  for (const f of failures) {
    // The reason named is one that needs this bump: a break for a major, never an addition.
    const reasons = f.because.filter((c) => bumpFor(c) === f.needs);
    const first = reasons[0] ?? f.because[0];
    lines.push(
      `✖ ${f.package} needs a ${f.needs} changeset (pending: ${f.has}) for ${reasons.length} ${f.needs === 'major' ? 'breaking ' : ''}change(s), e.g. ${first.operationId ? `${first.operationId}: ` : ''}${first.description}. Run \`npm run changeset\` and choose ${f.needs} for ${f.package}.`,
    );
  }
  if (failures.length === 0 && changes.length > 0) lines.push(`✔ The pending changesets cover every change (${[...pending].map(([p, b]) => `${p} ${b}`).join(', ')}).`);
  return lines.join('\n');
}
