// `npm run pack -- --out <dir>` replaces the tarballs of our packages in <dir> and touches nothing
// else: the folder may be any folder, `--out .` included (the repository itself). The real CLI is
// run into a folder with other files in test/packed-install.test.ts.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearPacked, isOurTarball } from '../src/publish.js';

const work = mkdtempSync(path.join(tmpdir(), 'expys-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the folder npm run pack writes into', () => {
  it('knows our tarballs by name and version, and nothing else', () => {
    for (const ours of ['expys-openapi-2.0.0.tgz', 'expys-member-client-1.0.0.tgz', 'expys-member-query-1.2.3-beta.1.tgz', 'expys-leak-scanner-10.0.0.tgz']) expect(isOurTarball(ours), ours).toBe(true);
    for (const other of ['expys-openapi.tgz', 'expys-member-client-1.0.0.tar.gz', 'expys-unknown-1.0.0.tgz', 'left-pad-1.3.0.tgz', 'expys-openapi-2.0.0.tgz.bak', 'package.json']) expect(isOurTarball(other), other).toBe(false);
  });

  it('on a folder that is a repository, removes only our earlier tarballs', () => {
    const repo = path.join(work, 'repo');
    mkdirSync(path.join(repo, 'src'), { recursive: true });
    mkdirSync(path.join(repo, '.git'));
    const keep = ['package.json', 'src/index.ts', '.git/HEAD', 'left-pad-1.3.0.tgz', 'notes.txt'];
    for (const file of keep) writeFileSync(path.join(repo, file), 'x');
    for (const stale of ['expys-openapi-1.9.0.tgz', 'expys-member-client-1.0.0-beta.1.tgz']) writeFileSync(path.join(repo, stale), 'x');
    const { removed, left } = clearPacked(repo);
    expect(removed.sort()).toEqual(['expys-member-client-1.0.0-beta.1.tgz', 'expys-openapi-1.9.0.tgz']);
    expect(left.sort()).toEqual(['.git', 'left-pad-1.3.0.tgz', 'notes.txt', 'package.json', 'src']);
    for (const file of keep) expect(existsSync(path.join(repo, file)), file).toBe(true);
  });

  it('creates the folder when it is missing', () => {
    const fresh = path.join(work, 'a/new/folder');
    expect(clearPacked(fresh)).toEqual({ removed: [], left: [] });
    expect(readdirSync(fresh)).toEqual([]);
  });
});
