// Every published package, packed once per test run by the release's own packAll (`pnpm pack`, so
// `workspace:` ranges become versions), for the tests that install or publish them: the tarballs
// of one tree are the same whichever test asks, so they are made once, not once per test file.
// (The CLI's `pack` command is still run on its own by test/packed-install.test.ts.)
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { packAll, type Packed } from '../../src/publish.js';

let mine: Promise<Packed[]> | undefined;

/** The run's tarballs of every published package, in PUBLISHED's (dependency) order. */
export function sharedPacked(): Promise<Packed[]> {
  mine ??= (async () => {
    const root = inject('sharedPackRoot');
    const record = path.join(root, 'packed.json');
    if (existsSync(record)) return JSON.parse(readFileSync(record, 'utf8')) as Packed[];
    const packed = await packAll(mkdtempSync(path.join(root, 'pack-')));
    // Written whole, then renamed: a reader never sees half a record.
    writeFileSync(`${record}.${process.pid}`, JSON.stringify(packed));
    renameSync(`${record}.${process.pid}`, record);
    return packed;
  })();
  return mine;
}

/** The shared tarballs of `names`, in PUBLISHED's order. */
export async function sharedPackedOf(names: Iterable<string>): Promise<Packed[]> {
  const wanted = new Set(names);
  return (await sharedPacked()).filter((p) => wanted.has(p.name));
}
