// The package as npm would receive it: `pnpm pack` (as the release's publish step packs it), then
// untar into a temporary folder. Run `npm run build` first: the tarball holds dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO = path.resolve(PACKAGE, '../..');

/** Packs and unpacks into a new temporary folder; `root` is the unpacked package (`<dir>/package`). */
export function packAndUnpack(prefix: string): { dir: string; root: string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  execFileSync('sh', [path.join(REPO, 'scripts/pnpm.sh'), 'pack', '--pack-destination', dir], { cwd: PACKAGE, stdio: 'pipe' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');
  execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
  return { dir, root: path.join(dir, 'package') };
}

/** Every file under `dir`, by path relative to it. */
export function filesUnder(dir: string, root = dir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) Object.assign(files, filesUnder(file, root));
    else files[path.relative(root, file)] = readFileSync(file, 'utf8');
  }
  return files;
}
