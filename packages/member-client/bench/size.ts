// What the member client costs an app: a tiny app bundled with esbuild (minified, browser, ESM,
// production mode: NODE_ENV=production, as an app's production build) against the same app on
// bare openapi-fetch, plus the packed tarballs of the three packages. The one-method app is the
// lean entry (`createMemberClient` + `getWallet` from @expys/member-client/operations), the one
// the 5 kB target is about; the same app on `initialize()` (every method, nothing tree-shakes) is
// measured beside it. The one-method app is also measured in development mode (the long messages
// kept), for comparison.
// Run `npm run build` first (it measures dist/, what ships). Usage: npm run bench:size
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { foreignNames } from '../../../scripts/bundle/audit.js';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Proof the app ships no server code: every server operationId and server-only path, from the
// full bundle, searched in each member app's bundle (the bare openapi-fetch app has none either).
const full = JSON.parse(readFileSync(path.join(PACKAGE, '../openapi/dist/expys.full.json'), 'utf8'));
const { operationIds, paths } = foreignNames(full, 'member');
const SERVER_NAMES = [...operationIds, ...paths, 'orgApiKey'];

// The 5 kB target (issue 23) is on ONE_METHOD.
const ONE_METHOD = '@expys/member-client/operations, one method';
const apps = {
  [ONE_METHOD]: `
    import { createMemberClient, getWallet } from "@expys/member-client/operations";
    const expys = createMemberClient({ environment: "sandbox", token: async () => (await fetch("/api/token").then((r) => r.json())).token });
    console.log(await getWallet(expys));`,
  '@expys/member-client/operations, two methods + paginate': `
    import { createMemberClient, createRedemption, listOffers, paginate } from "@expys/member-client/operations";
    const expys = createMemberClient({ environment: "sandbox", token: async () => (await fetch("/api/token").then((r) => r.json())).token });
    for await (const offer of paginate(listOffers, expys, { limit: 50 })) console.log(offer.id);
    console.log(await createRedemption(expys, { offerId: "off_1" }));`,
  '@expys/member-client initialize(), one method': `
    import { initialize } from "@expys/member-client";
    const expys = initialize({ environment: "sandbox", token: async () => (await fetch("/api/token").then((r) => r.json())).token });
    console.log(await expys.getWallet());`,
  '@expys/member-client initialize(), two methods': `
    import { initialize } from "@expys/member-client";
    const expys = initialize({ environment: "sandbox", token: async () => (await fetch("/api/token").then((r) => r.json())).token });
    for await (const offer of expys.listOffers({ limit: 50 })) console.log(offer.id);
    console.log(await expys.createRedemption({ offerId: "off_1" }));`,
  // What no lean client can go below while it keeps openapi-fetch, the typed errors and the
  // always-on guards: bare createClient, client-core's error mapping (every class) and its guards
  // and redactor, with no call logic at all (no token, deadline, size cap or Idempotency-Key).
  'floor: openapi-fetch + errors + guards, no client': `
    import createClient from "openapi-fetch";
    import { errorFromResponse } from "../client-core/dist/errors.js";
    import { checkedBaseUrl, checkHeaders, checkUrl } from "../client-core/dist/guard.js";
    import { redactorFor } from "../client-core/dist/redact.js";
    const redact = redactorFor({ prefixes: ["mt_test_", "expys_test_"], families: ["expys_"] });
    const sent = new Set();
    checkedBaseUrl({ baseUrl: "https://sandbox.api.expys.com", live: false }, redact);
    const client = createClient({ baseUrl: "https://sandbox.api.expys.com", fetch: (request) => (checkUrl(redact, request.url, "https://sandbox.api.expys.com/"), checkHeaders(redact, sent, request.headers), fetch(request)) });
    const { data, error, response } = await client.GET("/v1/wallet");
    if (!response.ok) throw errorFromResponse(response, error, redact);
    console.log(data);`,
  'openapi-fetch (bare)': `
    import createClient from "openapi-fetch";
    const token = (await fetch("/api/token").then((r) => r.json())).token;
    const client = createClient({ baseUrl: "https://sandbox.api.expys.com", headers: { Authorization: "Bearer " + token } });
    const { data } = await client.GET("/v1/offers", { params: { query: { limit: 50 } } });
    console.log(data, await client.POST("/v1/redemptions", { body: { offerId: "off_1" } }));`,
};

async function bundledSize(source: string, nodeEnv: 'production' | 'development' = 'production') {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    // What an app's production build does (Vite, webpack, esbuild and Metro all replace it).
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    // The package under measurement, as built (self-reference by name, each entry its own file).
    plugins: [
      {
        name: 'member-client-dist',
        setup(on) {
          on.onResolve({ filter: /^@expys\/member-client(\/operations)?$/ }, ({ path: name }) => ({
            path: path.join(PACKAGE, name.endsWith('/operations') ? 'dist/operations.js' : 'dist/index.js'),
          }));
        },
      },
    ],
    metafile: true,
  });
  const bytes = result.outputFiles[0].contents;
  const text = new TextDecoder().decode(bytes);
  // What costs what: minified bytes per source module (gzip does not split by module).
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const modules = Object.fromEntries(
    Object.entries(inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .map(([file, input]) => [file.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, ''), input.bytesInOutput]),
  );
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, serverNamesFound: SERVER_NAMES.filter((name) => text.includes(name)), modules };
}

function packedSize(pkg: string) {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: path.join(PACKAGE, '..', pkg),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [{ size, unpackedSize, entryCount }] = JSON.parse(output);
  return { tarball: size as number, unpacked: unpackedSize as number, files: entryCount as number };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`.padStart(9);
const report: Record<string, unknown> = { bundles: {}, tarballs: {} };

const TARGET_GZIP = 5 * 1024;
console.log('App bundle (esbuild, minified, browser ESM, NODE_ENV=production)             min        min+gzip           server names');
for (const [name, source] of Object.entries(apps)) {
  const size = await bundledSize(source);
  (report.bundles as Record<string, unknown>)[name] = size;
  console.log(`  ${name.padEnd(56)}${kb(size.min)} (${size.min} B)  ${kb(size.gzip)} (${size.gzip} B)  ${size.serverNamesFound.length} of ${SERVER_NAMES.length}`);
  if (size.serverNamesFound.length > 0) process.exitCode = 1;
  if (name === ONE_METHOD) {
    const top = Object.entries(size.modules).slice(0, 8).map(([file, bytes]) => `${file} ${bytes}`).join(', ');
    console.log(`    min bytes by module: ${top}`);
    // A missed target is a figure (BENCHMARKS.md renders its verdict), not a failed run; server names found are.
    const met = size.gzip <= TARGET_GZIP && size.serverNamesFound.length === 0;
    report.target = { app: ONE_METHOD, maxGzip: TARGET_GZIP, gzip: size.gzip, met };
    console.log(`    target ≤ ${kb(TARGET_GZIP).trim()} min+gzip: ${met ? 'met' : `missed by ${size.gzip - TARGET_GZIP} B`}`);
  }
}
report.serverNamesChecked = SERVER_NAMES.length;
report.mode = 'production (NODE_ENV=production)';
const development = await bundledSize(apps[ONE_METHOD], 'development');
report.development = { [ONE_METHOD]: { min: development.min, gzip: development.gzip } };
console.log(`  ${'(development mode: operations, one method)'.padEnd(56)}${kb(development.min)} (${development.min} B)  ${kb(development.gzip)} (${development.gzip} B)`);
console.log('\nPacked tarball (npm pack)                     tarball    unpacked   files');
for (const pkg of ['client-core', 'member-client', 'server-client']) {
  const size = packedSize(pkg);
  (report.tarballs as Record<string, unknown>)[`@expys/${pkg}`] = size;
  console.log(`  @expys/${pkg.padEnd(36)}${kb(size.tarball)}  ${kb(size.unpacked)}  ${String(size.files).padStart(5)}`);
}

mkdirSync(path.join(PACKAGE, 'artifacts'), { recursive: true });
writeFileSync(path.join(PACKAGE, 'artifacts/size.json'), `${JSON.stringify(report, null, 2)}\n`);
