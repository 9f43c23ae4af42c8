// What a build was made from, by content: each build step that others read (the bundles, the
// clients' declarations) ends by writing the hash of every input file into its dist, and a reader
// (the release gate) checks that those files still hash the same before trusting the build.
// Content, not modification times: an editor's save without a change, a checkout or turbo
// replaying a cached build leave times that say nothing about what the build holds.
//
//   node scripts/build/inputs-manifest.mjs write <manifest> <entry>...    manifest from the cwd; entries: files or folders, from the repository root
//   node scripts/build/inputs-manifest.mjs check [--root <dir>] <manifest>...
//     one line per stale or missing build, naming the changed files; exit 1 if any
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Not inputs of a build: dependencies, tests, generated code, tool state. */
const SKIP = new Set(['node_modules', 'test', 'generated', 'dist', 'coverage']);

/** Every file under `entry` (relative to `root`), sorted, as root-relative paths with `/`. */
function filesOf(root, entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full)
    .filter((name) => !SKIP.has(name) && !name.startsWith('.'))
    .sort()
    .flatMap((name) => filesOf(root, `${entry}/${name}`));
}

const hashOf = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

function hashes(root, entries) {
  return Object.fromEntries(entries.flatMap((entry) => filesOf(root, entry)).map((file) => [file, hashOf(path.join(root, file))]));
}

export function writeManifest(manifest, entries, root = REPO) {
  mkdirSync(path.dirname(path.resolve(root, manifest)), { recursive: true });
  writeFileSync(path.resolve(root, manifest), `${JSON.stringify({ entries, files: hashes(root, entries) }, null, 1)}\n`);
}

/** Why the build behind `manifest` no longer matches its inputs, or undefined when it does. */
export function staleness(manifest, root = REPO) {
  const file = path.resolve(root, manifest);
  if (!existsSync(file)) return `${manifest} is missing: that package was not built (or built by an older build script)`;
  const { entries, files: before } = JSON.parse(readFileSync(file, 'utf8'));
  const now = hashes(root, entries);
  const changed = [
    ...Object.keys(now).filter((f) => before[f] !== undefined && before[f] !== now[f]).map((f) => `${f} changed`),
    ...Object.keys(now).filter((f) => before[f] === undefined).map((f) => `${f} is new`),
    ...Object.keys(before).filter((f) => now[f] === undefined).map((f) => `${f} was removed`),
  ];
  if (changed.length === 0) return undefined;
  const more = changed.length > 3 ? ` (and ${changed.length - 3} more)` : '';
  return `${path.relative(root, path.dirname(path.dirname(file)))} was built before ${changed.slice(0, 3).join(', ')}${more}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'write' && rest.length >= 2) {
    // The manifest from where the build runs (its package), the entries from the repository root.
    writeManifest(path.resolve(rest[0]), rest.slice(1));
  } else if (command === 'check' && rest.length >= 1) {
    const rootAt = rest.indexOf('--root');
    const root = rootAt === -1 ? REPO : path.resolve(rest[rootAt + 1]);
    const manifests = rootAt === -1 ? rest : rest.filter((_, i) => i !== rootAt && i !== rootAt + 1);
    const problems = manifests.map((m) => staleness(m, root)).filter(Boolean);
    for (const problem of problems) console.log(problem);
    process.exitCode = problems.length > 0 ? 1 : 0;
  } else {
    console.error('usage: inputs-manifest.mjs write <manifest> <entry>... | check [--root <dir>] <manifest>...');
    process.exitCode = 2;
  }
}
