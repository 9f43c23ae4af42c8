// What the handlers cost a browser test bundle: the member entry bundled with esbuild (minified,
// browser ESM), with msw left external (your test setup brings it anyway) and with msw included,
// plus a whole test page (the member entry and msw/browser's setupWorker), and where the bytes go.
// Run `npm run build` first (it measures dist/, what ships). Usage: npm run bench:size
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const cases: { name: string; source: string; external: string[] }[] = [
  { name: 'member entry, msw external', source: `export * from "@expys/msw-handlers/member";`, external: ['msw'] },
  { name: 'member entry, msw included', source: `export * from "@expys/msw-handlers/member";`, external: [] },
  {
    name: 'test page: member entry + msw/browser setupWorker',
    source: `import { setupWorker } from "msw/browser"; import { memberHandlers } from "@expys/msw-handlers/member"; await setupWorker(...memberHandlers).start();`,
    external: [],
  },
  { name: 'server entry, msw external', source: `export * from "@expys/msw-handlers/server";`, external: ['msw'] },
];

/** Which part of the bundle a source module belongs to. */
function part(file: string): string {
  if (file.includes('node_modules/ajv-formats/')) return 'ajv-formats';
  if (file.includes('node_modules/ajv/') || file.includes('node_modules/fast-') || file.includes('node_modules/json-schema-traverse/') || file.includes('node_modules/require-from-string/')) return 'ajv (+ its deps)';
  if (file.includes('node_modules/')) return 'msw (+ its deps)';
  if (file.includes('dist/generated/')) return 'generated table';
  return 'handlers runtime';
}

async function measure(source: string, external: string[]) {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external,
    metafile: true,
    // The package as built, by self-reference through its `exports` (tsconfig.json maps it to src/).
    tsconfig: path.join(PACKAGE, 'tsconfig.build.json'),
    logLevel: 'error',
  });
  const bytes = result.outputFiles[0].contents;
  const parts: Record<string, number> = {};
  for (const [file, input] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) parts[part(file)] = (parts[part(file)] ?? 0) + input.bytesInOutput;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, parts };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
console.log(`esbuild ${(await import('esbuild')).version}, minified, browser ESM; gzip level 9`);
const bundles: Record<string, { min: number; gzip: number }> = {};
for (const { name, source, external } of cases) {
  const { min, gzip, parts } = await measure(source, external);
  bundles[name] = { min, gzip };
  const split = Object.entries(parts)
    .sort((a, b) => b[1] - a[1])
    .map(([p, n]) => `${p} ${kb(n)}`)
    .join(', ');
  console.log(`${name.padEnd(52)} ${kb(min).padStart(9)} min  ${kb(gzip).padStart(8)} min+gzip   (min by part: ${split})`);
}
const [{ size, unpackedSize, entryCount }] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
);
console.log(`npm tarball: ${kb(size)} (${kb(unpackedSize)} unpacked, ${entryCount} files)`);
// For the repository's `npm run bench` (scripts/bench), which collects every figure.
mkdirSync(path.join(PACKAGE, 'artifacts'), { recursive: true });
writeFileSync(path.join(PACKAGE, 'artifacts/size.json'), `${JSON.stringify({ bundles, tarball: { tarball: size, unpacked: unpackedSize, files: entryCount } }, null, 2)}\n`);
