// Real app builds: an app on @expys/member-client, bundled and minified by esbuild with its
// source map, scans clean; the same app wrongly importing @expys/server-client with a key is caught.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mintCredential } from '@expys/credentials';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { folderWith, PACKAGE, runCli } from './support.js';

async function bundleApp(source: string): Promise<string> {
  const dir = folderWith({ 'src/app.js': source });
  mkdirSync(path.join(dir, 'dist'));
  await build({
    entryPoints: [path.join(dir, 'src/app.js')],
    outfile: path.join(dir, 'dist/assets/app.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    nodePaths: [path.join(PACKAGE, 'node_modules')],
    logLevel: 'silent',
  });
  writeFileSync(path.join(dir, 'dist/index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  return path.join(dir, 'dist');
}

describe('app builds', () => {
  it('an app on the member client, with its source map, has nothing to report', async () => {
    const dist = await bundleApp(`
      import { initialize } from "@expys/member-client";
      const expys = initialize({ environment: "sandbox", token: async () => (await fetch("/api/expys-token").then((r) => r.json())).token });
      for await (const offer of expys.listOffers({ limit: 50 })) console.log(offer.id);
      console.log(await expys.getWallet());`);
    const run = await runCli(['--fail-on', 'notice', dist]);
    expect(run.stdout).toMatch(/^✔ 0 errors, 0 warnings, 0 look-alikes in 3 files/m);
    expect(run.code).toBe(0);
  });

  it('an app that bundles the server client with an Org-API-Key is caught, in the bundle and in the source map', async () => {
    const key = mintCredential('org-api-key', 'production');
    const dist = await bundleApp(`
      import { initialize } from "@expys/server-client";
      const expys = initialize({ environment: "production", token: "${key.slice(0, 20)}" + "${key.slice(20)}", dangerouslyAllowOrgApiKeyInBrowser: true });
      console.log(await expys.exchangeToken({ externalUserID: "user_1" }));`);
    const run = await runCli(['--json', dist]);
    expect(run.code).toBe(1);
    const findings: { file: string; source?: string; rule: string; match: string }[] = JSON.parse(run.stdout).findings;
    const at = (file: string, rule: string) => findings.filter((f) => f.file.endsWith(file) && f.rule === rule);
    // esbuild folds the two literals: the bundle holds the key whole; the map's source holds it split.
    expect(at('assets/app.js', 'expys-org-api-key')).toHaveLength(1);
    expect(at('assets/app.js.map', 'expys-org-api-key')).toEqual([expect.objectContaining({ source: '../../src/app.js', match: `${key.slice(0, 15)}…` })]);
    expect(at('assets/app.js', 'expys-server-operation').map((f) => f.match)).toContain('exchangeToken');
    expect(at('assets/app.js', 'expys-server-path').map((f) => f.match)).toContain('/v1/auth/exchange');
    expect(run.stdout).not.toContain(key);
  });
});
