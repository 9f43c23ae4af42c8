// What @expys/credentials adds to a browser app: its ESM build bundled with esbuild (minified,
// browser), all of it and the one function a client uses. Run `npm run build` first.
// Usage: npm run bench:size
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(PACKAGE, 'dist/index.js');

const apps = {
  'everything (export *)': `export * from ${JSON.stringify(entry)};`,
  'checksumMatches only (what client-core uses)': `import { checksumMatches } from ${JSON.stringify(entry)}; console.log(checksumMatches("mt_test_", location.hash, 40));`,
  'readBearer only (the mock, the MSW handlers)': `import { readBearer } from ${JSON.stringify(entry)}; console.log(readBearer(location.hash));`,
  'mintCredential only': `import { mintCredential } from ${JSON.stringify(entry)}; console.log(mintCredential("member-token", "sandbox"));`,
};

for (const [name, contents] of Object.entries(apps)) {
  const result = await build({ stdin: { contents, resolveDir: PACKAGE, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false });
  const bytes = result.outputFiles[0].contents;
  console.log(`${name.padEnd(48)} ${String(bytes.length).padStart(5)} B min  ${String(gzipSync(bytes, { level: 9 }).length).padStart(5)} B min+gzip`);
}
