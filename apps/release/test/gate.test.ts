// The gate: a breaking change needs a major changeset for the package it breaks, and only that
// one. Changesets are real files read by @changesets/read from a temporary .changeset folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffReports } from '../src/api-report.js';
import { changesBetween, currentState, gate, pendingBumps, readBaseline } from '../src/gate.js';
import { diffSpec } from '../src/spec-diff.js';
import { fullBundle, operation, split } from './support/fixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A folder holding `.changeset/*.md` with these releases, as `npm run changeset` writes them. */
async function changesets(...sets: Record<string, string>[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'expys-changesets-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, '.changeset'));
  sets.forEach((releases, i) => {
    const header = Object.entries(releases).map(([name, bump]) => `"${name}": ${bump}`).join('\n');
    writeFileSync(path.join(dir, '.changeset', `change-${i}.md`), `---\n${header}\n---\n\nA change.\n`);
  });
  return pendingBumps(dir);
}

const before = split(fullBundle());
function after(edit: (doc: Record<string, any>) => void) {
  const full = fullBundle();
  edit(full);
  return split(full);
}
const memberBreak = diffSpec(before, after((d) => delete d.paths['/v1/wallet']));
const serverBreak = diffSpec(before, after((d) => (operation(d, 'creditPoints').security = [{ orgApiKey: ['points:admin'] }])));

describe('the gate', () => {
  it('fails a breaking member change that has only a minor changeset, naming the change, the audience and the package', async () => {
    const result = gate(memberBreak, await changesets({ '@expys/member-client': 'minor', '@expys/openapi': 'minor' }));
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => [f.package, f.needs, f.has])).toEqual([
      ['@expys/member-client', 'major', 'minor'],
      ['@expys/openapi', 'major', 'minor'],
    ]);
    expect(result.report).toContain('member audience (@expys/member-client):');
    expect(result.report).toMatch(/✖ breaking {2}getWallet: \[Removed\] operation GET \/v1\/wallet/);
    expect(result.report).toContain('✖ @expys/member-client needs a major changeset (pending: minor)');
  });

  it('passes it with a major for the member client (and the bundles), asking nothing of the server client', async () => {
    const result = gate(memberBreak, await changesets({ '@expys/member-client': 'major' }, { '@expys/openapi': 'major' }));
    expect(result.ok).toBe(true);
    expect(result.failures).toEqual([]);
    expect(result.report).not.toContain('@expys/server-client');
  });

  it('a server-only break needs a server major, and a member major does not cover it', async () => {
    expect(serverBreak.every((c) => c.audience === 'server')).toBe(true);
    const wrong = gate(serverBreak, await changesets({ '@expys/member-client': 'major', '@expys/openapi': 'major' }));
    expect(wrong.failures.map((f) => f.package)).toEqual(['@expys/server-client']);
    const right = gate(serverBreak, await changesets({ '@expys/server-client': 'major', '@expys/openapi': 'major' }));
    expect(right.ok).toBe(true);
  });

  it('an addition needs a minor; no change needs nothing', async () => {
    const added = diffSpec(before, after((d) => (d.components.schemas.ConciergeInput.properties.message.maxLength = 4000)));
    expect(gate(added, await changesets({ '@expys/member-client': 'patch' })).ok).toBe(false);
    expect(gate(added, await changesets({ '@expys/member-client': 'minor', '@expys/openapi': 'minor' })).ok).toBe(true);
    expect(gate([], await changesets()).ok).toBe(true);
  });

  it('a type-only break (the spec unchanged) needs a major of that client, not of the bundles', async () => {
    const state = currentState();
    const edited = state.reports.member.map((line) => (line.includes('MemberClient.getWallet:') ? line.replace('options?: RequestOptions', 'options: RequestOptions') : line));
    expect(edited).not.toEqual(state.reports.member);
    const changes = diffReports(state.reports.member, edited, 'member');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ severity: 'breaking', package: '@expys/member-client', rule: 'types' });
    const result = gate(changes, await changesets({ '@expys/member-client': 'minor' }));
    expect(result.failures.map((f) => f.package)).toEqual(['@expys/member-client']);
  });
});

describe('this repository', () => {
  it('has an API report for each client with every method', () => {
    const { reports } = currentState();
    expect(reports.member.some((l) => l.startsWith('  MemberClient.createRedemption:'))).toBe(true);
    expect(reports.member.some((l) => l.includes('exchangeToken'))).toBe(false);
    expect(reports.server.some((l) => l.startsWith('  ServerClient.exchangeToken:'))).toBe(true);
  });

  it('passes the gate: its pending changesets cover every change since the last release', async () => {
    const result = gate(changesBetween(readBaseline(), currentState()), await pendingBumps());
    expect(result.ok, result.report).toBe(true);
  });
});

describe('the changelog of a release', () => {
  it('names each API change under the released version, breaking ones first-class', async () => {
    const { insertApiChanges } = await import('../src/version.js');
    const changelog = '# @expys/member-client\n\n## 2.0.0\n\n### Major Changes\n\n- abc123: Wallet moved.\n\n## 1.0.0\n';
    const out = insertApiChanges(changelog, '2.0.0', memberBreak);
    expect(out).toContain('## 2.0.0\n\n### API changes (from the spec diff)\n\n- **Breaking:** `getWallet`: [Removed] operation GET /v1/wallet');
    expect(out.indexOf('API changes')).toBeLessThan(out.indexOf('## 1.0.0'));
    expect(insertApiChanges(changelog, '2.0.0', [])).toBe(changelog);
  });
});
