// The files under the folders to scan: every regular file, whatever its name (minified JS,
// source maps, HTML, CSS, JSON…), except what is ignored. Symbolic links are not followed (no
// loops, no scanning outside the folder). node_modules and .git are skipped unless asked.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';

export interface WalkOptions {
  /** Globs on the path relative to the folder scanned (`**\/*.png`, `coverage/**`). */
  ignore?: readonly string[];
  includeNodeModules?: boolean;
  includeGit?: boolean;
}

export interface WalkedFile {
  /** Where it is on disk. */
  absolute: string;
  /** As shown in findings: the path given, joined with the path inside it, with `/`. */
  display: string;
  size: number;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

export async function* walk(root: string, options: WalkOptions = {}): AsyncGenerator<WalkedFile> {
  const ignored = options.ignore?.length ? picomatch([...options.ignore], { dot: true }) : () => false;
  const skipDir = (name: string) => (name === 'node_modules' && !options.includeNodeModules) || (name === '.git' && !options.includeGit);
  const info = await stat(root);
  if (info.isFile()) {
    yield { absolute: root, display: toPosix(root), size: info.size };
    return;
  }
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const entries = await readdir(path.join(root, dir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    const subfolders: string[] = [];
    for (const entry of entries) {
      const relative = toPosix(path.join(dir, entry.name));
      if (entry.isDirectory()) {
        // A folder is pruned when the folder itself or everything in it is ignored (`dist`, `dist/**`).
        if (!skipDir(entry.name) && !ignored(relative) && !ignored(`${relative}/`)) subfolders.push(relative);
      } else if (entry.isFile() && !ignored(relative)) {
        const absolute = path.join(root, relative);
        yield { absolute, display: toPosix(path.join(root, relative)), size: (await stat(absolute)).size };
      }
    }
    pending.push(...subfolders.reverse());
  }
}
