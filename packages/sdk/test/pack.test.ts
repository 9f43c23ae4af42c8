// What `npm pack` publishes: the compiled ESM and CommonJS with their types (the backend build
// and the browser module), the README and the manifest; no sources, tests or configs.
// (publint and attw run on the same tarball in `check:pack`.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_DIR } from './support.js';

// A generous timeout: npm pack takes about a second alone, several on two cores shared with other runs.
it('packs package.json, README.md and dist/** (index and browser, ESM and CommonJS, with types)', () => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files: string[] = JSON.parse(output)[0].files.map((f: { path: string }) => f.path);
  expect(files).toEqual(
    expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/browser.js', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/browser.js', 'dist/cjs/package.json']),
  );
  expect(files.filter((f) => !/^(package\.json|README\.md|dist\/.+\.(js|d\.ts)|dist\/cjs\/package\.json)$/.test(f))).toEqual([]);
}, 30_000);

it('declares the browser condition first, and the throwing modules as its only side effects', () => {
  const manifest = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
  // Conditions match in order: `browser` must come before `import`/`require`, or a bundler takes the backend build.
  expect(Object.keys(manifest.exports['.'])).toEqual(['browser', 'import', 'require']);
  expect(manifest.exports['.'].browser).toEqual({
    import: { types: './dist/index.d.ts', default: './dist/browser.js' },
    require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/browser.js' },
  });
  // A bundler may drop an unused side-effect-free import; the browser module's throw must stay.
  expect(manifest.sideEffects).toEqual(['./dist/browser.js', './dist/cjs/browser.js']);
  expect(manifest).toMatchObject({ type: 'module', main: './dist/cjs/index.js', types: './dist/cjs/index.d.ts', engines: { node: '>=20' } });
  expect(manifest.private).toBeUndefined();
  expect(manifest.dependencies).toEqual({ '@expys/server-client': 'workspace:^' });
  expect(JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
});
