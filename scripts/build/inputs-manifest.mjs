// What a build was made from, by content: each build step that others read (the bundles, the
// clients' declarations) records the hash of every input file when it starts, and writes that
// record into its dist when it ends; a reader (the release gate) checks that those files still
// hash the same before trusting the build. Hashed before the build: a file saved while the build
// runs makes the build stale, not current. Content, not modification times: an editor's save
// without a change, a checkout or turbo replaying a cached build leave times that say nothing
// about what the build holds.
//
//   node scripts/build/inputs-manifest.mjs record [--root <dir>] <entry>...   first step of a build, from its package folder
//   node scripts/build/inputs-manifest.mjs write <manifest>      last step: the recorded hashes into <manifest>
//     entries: files or folders, from the repository root; `!<entry>` leaves a file or folder out
//   node scripts/build/inputs-manifest.mjs check [--root <dir>] <manifest>...
//     one line per stale or missing build, naming the changed files; exit 1 if any
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** The hash of every file the entries name, less those under a `!` entry. */
function hashes(root, entries) {
  const excluded = entries.filter((e) => e.startsWith('!')).map((e) => e.slice(1));
  const kept = (file) => !excluded.some((e) => file === e || file.startsWith(`${e}/`));
  const files = entries.filter((e) => !e.startsWith('!')).flatMap((entry) => filesOf(root, entry)).filter(kept);
  return Object.fromEntries(files.map((file) => [file, hashOf(path.join(root, file))]));
}

/** Where `record` keeps the hashes until `write`: in the package's node_modules, never packed nor cached as output. */
const pendingFile = (cwd) => path.join(cwd, 'node_modules/.cache/expys-build-inputs.json');

export function recordInputs(entries, cwd = process.cwd(), root = REPO) {
  mkdirSync(path.dirname(pendingFile(cwd)), { recursive: true });
  writeFileSync(pendingFile(cwd), JSON.stringify({ entries, files: hashes(root, entries) }));
}

/** The hashes `record` took when the build started, into `manifest`; fails when nothing was recorded. */
export function writeManifest(manifest, cwd = process.cwd()) {
  const pending = pendingFile(cwd);
  if (!existsSync(pending)) throw new Error(`nothing recorded for ${manifest}: run \`inputs-manifest.mjs record <entry>...\` first in the build`);
  const { entries, files } = JSON.parse(readFileSync(pending, 'utf8'));
  mkdirSync(path.dirname(path.resolve(cwd, manifest)), { recursive: true });
  writeFileSync(path.resolve(cwd, manifest), `${JSON.stringify({ entries, files }, null, 1)}\n`);
  rmSync(pending);
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
  const [command, ...args] = process.argv.slice(2);
  // --root <dir>: another checkout (the tests use a copy).
  const rootAt = args.indexOf('--root');
  const root = rootAt === -1 ? REPO : path.resolve(args[rootAt + 1]);
  const rest = rootAt === -1 ? args : args.filter((_, i) => i !== rootAt && i !== rootAt + 1);
  if (command === 'record' && rest.length >= 1) {
    // The entries from the repository root; the record kept in the package the build runs in.
    recordInputs(rest, process.cwd(), root);
  } else if (command === 'write' && rest.length === 1) {
    try {
      writeManifest(rest[0]);
    } catch (error) {
      console.error(`inputs-manifest: ${error.message}`);
      process.exitCode = 2;
    }
  } else if (command === 'check' && rest.length >= 1) {
    const problems = rest.map((m) => staleness(m, root)).filter(Boolean);
    for (const problem of problems) console.log(problem);
    process.exitCode = problems.length > 0 ? 1 : 0;
  } else {
    console.error('usage: inputs-manifest.mjs record <entry>... | write <manifest> | check [--root <dir>] <manifest>...');
    process.exitCode = 2;
  }
}
