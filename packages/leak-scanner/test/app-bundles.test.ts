// Real app builds: an app on @expys/member-client, bundled and minified by esbuild with its
// source map, scans clean; the same app wrongly importing @expys/server-client with a key is caught,
// and so is an app with a planted App Secret and a planted prod_sk_ API key (issue 21's proof),
// while look-alikes of them fail nothing.
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

  it('an app with a planted App Secret and a planted prod_sk_ API key fails, in the bundle and in the source map', async () => {
    const appSecret = mintCredential('app-secret', 'sandbox');
    const apiKey = mintCredential('api-key', 'production');
    const dist = await bundleApp(`
      import { initialize } from "@expys/member-client";
      // "Just for the demo": the application's credentials and a backend key pasted into the app.
      const admin = { appId: "app_SandboxSampleApp", appSecret: "${appSecret.slice(0, 9)}" + "${appSecret.slice(9)}" };
      const backendKey = ["${apiKey.slice(0, 12)}", "${apiKey.slice(12)}"].join("");
      const expys = initialize({ environment: "sandbox", token: async () => (await fetch("/api/expys-token").then((r) => r.json())).token });
      fetch("/debug", { method: "POST", headers: { authorization: "Basic " + btoa(admin.appId + ":" + admin.appSecret), "x-key": backendKey } });
      console.log(await expys.getWallet());`);
    const run = await runCli(['--json', dist]);
    expect(run.code).toBe(1);
    const findings: { file: string; source?: string; rule: string; match: string; severity: string; split?: true }[] = JSON.parse(run.stdout).findings;
    const where = (file: string) => findings.filter((f) => f.file.endsWith(file)).map((f) => [f.source, f.rule, f.match, f.split ?? false]);
    // esbuild folds the `+` of two literals (the App Secret is whole in the bundle) but keeps the
    // array join (the key stays in pieces); the map's source holds both in pieces.
    expect(where('assets/app.js')).toEqual([
      [undefined, 'expys-app-secret', `${appSecret.slice(0, 11)}…`, false],
      [undefined, 'expys-api-key', `${apiKey.slice(0, 12)}…`, true],
    ]);
    expect(where('assets/app.js.map')).toEqual([
      ['../../src/app.js', 'expys-app-secret', `${appSecret.slice(0, 11)}…`, true],
      ['../../src/app.js', 'expys-api-key', `${apiKey.slice(0, 12)}…`, true],
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(run.stdout).not.toContain(appSecret.slice(11, 20));
    expect(run.stdout).not.toContain(apiKey.slice(12, 20));
  });

  it('an app with look-alikes of them (bad checksum, wrong length, secret_ that is no App Secret) fails nothing', async () => {
    const appSecret = mintCredential('app-secret', 'sandbox');
    const apiKey = mintCredential('api-key', 'production');
    const damaged = (value: string) => `${value.slice(0, -1)}${value.endsWith('a') ? 'b' : 'a'}`;
    const dist = await bundleApp(`
      import { initialize } from "@expys/member-client";
      const placeholders = {
        appSecret: "${damaged(appSecret)}",
        apiKey: "${damaged(apiKey)}",
        drawn: ["secret_xxxxxxxxxxxxxxxx", "test_sk_abc123def456ghi789...", "prod_sk_xyz789ghi012jkl345..."],
        short: "${apiKey.slice(0, -1)}",
        words: { secret_key_base: 1, ["client_secret_" + "${"0123456789abcdef".repeat(2)}"]: 2 },
        appId: "app_SandboxSampleApp",
      };
      const expys = initialize({ environment: "sandbox", token: async () => (await fetch("/api/expys-token").then((r) => r.json())).token });
      console.log(placeholders, await expys.getWallet());`);
    const run = await runCli(['--json', dist]);
    expect(run.code).toBe(0);
    const findings: { rule: string; match: string }[] = JSON.parse(run.stdout).findings;
    // The damaged API key is a notice (in the bundle and the map); nothing of the App Secret's shape is reported.
    expect(findings.map((f) => [f.rule, f.match])).toEqual([
      ['expys-look-alike', `${apiKey.slice(0, 12)}…`],
      ['expys-look-alike', `${apiKey.slice(0, 12)}…`],
    ]);
    expect((await runCli(['--fail-on', 'warning', dist])).code).toBe(0);
  });
});
