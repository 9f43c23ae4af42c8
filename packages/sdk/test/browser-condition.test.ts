// The `browser` export condition: whatever resolves @expys/sdk for a browser (a bundler, or a
// runtime given --conditions=browser) gets a module that throws on import, ESM and CommonJS.
// Checked on the built package as a consumer resolves it, by its name.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from './support.js';

const REFUSAL = '@expys/sdk is for backends, and this is a browser';
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: PACKAGE_DIR, encoding: 'utf8', timeout: 30_000 });

describe('node with --conditions=browser', () => {
  it.each([
    ['import', ['--conditions=browser', '--input-type=module', '-e', "await import('@expys/sdk')"]],
    ['require', ['--conditions=browser', '-e', "require('@expys/sdk')"]],
  ])('%s throws the refusal, pointing to @expys/member-client', (_, args) => {
    const run = node(args);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(REFUSAL);
    expect(run.stderr).toContain('use @expys/member-client');
  });

  it.each([
    ['import', ['--input-type=module', '-e', "const { initialize } = await import('@expys/sdk'); console.log(typeof initialize)"]],
    ['require', ['-e', "console.log(typeof require('@expys/sdk').initialize)"]],
  ])('without it, %s loads the backend build', (_, args) => {
    const run = node(args);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('function');
  });
});

describe('a bundler (esbuild)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'expys-sdk-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entry = path.join(dir, 'app.ts');
  writeFileSync(entry, `import { initialize } from "@expys/sdk";\nexport const expys = initialize({ environment: "sandbox", token: "expys_test_x" });\n`);
  // An app with the package installed: resolved by its name, through its `exports`.
  mkdirSync(path.join(dir, 'node_modules/@expys'), { recursive: true });
  symlinkSync(PACKAGE_DIR, path.join(dir, 'node_modules/@expys/sdk'), 'dir');
  const bundle = (platform: 'browser' | 'node') => build({ entryPoints: [entry], bundle: true, platform, format: 'iife', write: false, logLevel: 'silent', absWorkingDir: dir });

  it('for the browser, bundles the throwing module: the app fails on load with the refusal, and no server client is in it', async () => {
    const result = await bundle('browser');
    const code = result.outputFiles[0].text;
    expect(code).toContain('@expys/member-client');
    expect(code).not.toContain('/v1/auth/exchange'); // not one server operation shipped
    expect(() => runInNewContext(code, {})).toThrow(REFUSAL);
  });

  it('for node, bundles the server client', async () => {
    const code = (await bundle('node')).outputFiles[0].text;
    expect(code).toContain('/v1/auth/exchange');
  });
});
