// What `npm pack` would publish, checked the same way for the three client packages: the
// compiled ESM and CommonJS, their types, the README and the manifest; no sources, tests or configs.
// (publint and attw run on the same tarball in each package's `check:pack`.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

export function checkPublishedPackage(packageDir: string): void {
  it('packs only package.json, README.md and dist/**.js + *.d.ts (ESM and CommonJS), indexes included', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files: string[] = JSON.parse(output)[0].files.map((f: { path: string }) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json']),
    );
    expect(files.filter((f) => !/^(package\.json|README\.md|dist\/.+\.(js|d\.ts)|dist\/cjs\/package\.json)$/.test(f))).toEqual([]);
    // npm pack takes about a second alone, several on two cores shared with the other packages' tests.
  }, 30_000);

  it('declares a side-effect-free ESM package with a CommonJS build for require(), for Node 20+', () => {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    // dist and the README; a negation keeps a build's own record (dist/build-inputs.json) out.
    expect(manifest.files.filter((f: string) => !f.startsWith('!'))).toEqual(['dist', 'README.md']);
    expect(manifest).toMatchObject({
      type: 'module',
      sideEffects: false,
      engines: { node: '>=20' },
      main: './dist/cjs/index.js',
      types: './dist/cjs/index.d.ts',
      exports: {
        '.': {
          import: { types: './dist/index.d.ts', default: './dist/index.js' },
          require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
        },
      },
    });
    // Node loads dist/cjs/*.js as CommonJS only because of this marker.
    expect(JSON.parse(readFileSync(path.join(packageDir, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    expect(manifest.private).toBeUndefined();
  });
}
