// release:check reads the last build: a build made from other sources is refused, naming what
// changed, instead of answering for a spec that is no longer there. By content: a save that
// changes nothing, or a build replayed from turbo's cache, is not stale.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../src/audiences.js';
import { MANIFESTS, staleOutputs } from '../src/freshness.js';

const root = mkdtempSync(path.join(tmpdir(), 'expys-freshness-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (file: string, text = 'x') => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};

describe('the freshness of the build the gate reads', () => {
  it('in this repository, after the build that npm test runs first, is current', () => {
    expect(staleOutputs()).toEqual([]);
  });

  it('names the changed, new and removed sources of a copy, and ignores a save that changes nothing', async () => {
    // A copy of the repository's manifests with their sources: current, as the build left them.
    for (const manifest of MANIFESTS) cpSync(path.join(REPO, manifest), path.join(root, manifest));
    for (const entry of ['spec', 'redocly.yaml', 'packages/member-client/src', 'packages/member-client/package.json']) cpSync(path.join(REPO, entry), path.join(root, entry), { recursive: true, filter: (f) => !f.includes('/generated') });
    const mine = (lines: string[]) => lines.filter((l) => l.startsWith('packages/openapi ') || l.startsWith('packages/member-client '));
    // Sources not copied (scripts, client-core) are reported removed for their builds: look at these two.
    const before = mine(staleOutputs(root)).filter((l) => !/ was removed/.test(l));
    expect(before).toEqual([]);

    const wallet = path.join(root, 'spec/paths/wallet.yaml');
    utimesSync(wallet, new Date(), new Date()); // touched, not changed
    expect(mine(staleOutputs(root)).filter((l) => !/ was removed/.test(l))).toEqual([]);

    write('spec/paths/wallet.yaml', 'changed: true\n');
    write('spec/paths/new-file.yaml', 'x: 1\n');
    write('packages/member-client/src/generated/ignored.ts');
    const lines = mine(staleOutputs(root));
    expect(lines.find((l) => l.startsWith('packages/openapi '))).toMatch(/^packages\/openapi was built before spec\/paths\/wallet\.yaml changed, spec\/paths\/new-file\.yaml is new/);
    expect(lines.join('\n')).not.toContain('generated');
  });

  it('says a build is missing when its manifest is', () => {
    rmSync(path.join(root, MANIFESTS[2]));
    expect(staleOutputs(root)).toContain('packages/member-client/dist/build-inputs.json is missing: that package was not built (or built by an older build script)');
  });
});

describe('release check on a stale build', () => {
  it('refuses it and names what changed, before comparing anything', async () => {
    const error = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check'], {
      cwd: path.join(REPO, 'apps/release'),
      env: { ...process.env, EXPYS_RELEASE_ROOT: root },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((error as { code: number }).code).toBe(1);
    expect((error as { stderr: string }).stderr).toContain('✖ The build is stale');
    expect((error as { stderr: string }).stderr).toContain('spec/paths/wallet.yaml changed');
  }, 30_000);
});
