// What the adapter adds to an app: dist/index.js bundled by esbuild (minified, browser ESM) with
// @tanstack/query-core and @expys/member-client left external, since the app has those anyway.
// Run `npm run build` first (it measures dist/, what ships). Usage: npm run bench:size
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const apps = {
  // Every export, so nothing is shaken off: the most the adapter can cost.
  'the adapter alone (every export)': 'export * from "@expys/member-query";',
  // What a typical app imports: the factory, used for one query and one mutation.
  'createExpysQueries, used': `
    import { createExpysQueries } from "@expys/member-query";
    const q = createExpysQueries(globalThis.client);
    console.log(q.getWallet.queryOptions(), q.createRedemption.mutationOptions());`,
};

async function bundledSize(source: string) {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external: ['@tanstack/query-core', '@expys/member-client'],
    alias: { '@expys/member-query': path.join(PACKAGE, 'dist/index.js') },
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (n: number) => `${(n / 1024).toFixed(2)} kB`.padStart(9);
console.log('esbuild, minified, browser ESM, query-core and the client external     min   min+gzip');
const bundles: Record<string, { min: number; gzip: number }> = {};
for (const [name, source] of Object.entries(apps)) {
  const { min, gzip } = await bundledSize(source);
  bundles[name] = { min, gzip };
  console.log(`${name.padEnd(70)}${kb(min)}${kb(gzip)}`);
}
// For the repository's `npm run bench` (scripts/bench), which collects every figure.
mkdirSync(path.join(PACKAGE, 'artifacts'), { recursive: true });
writeFileSync(path.join(PACKAGE, 'artifacts/size.json'), `${JSON.stringify({ bundles }, null, 2)}\n`);
