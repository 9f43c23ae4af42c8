// `npm run dev`: the spec author's edit loop. Watches spec/; on each save re-lints, rebuilds
// the bundles that changed and the client types that depend on them, reloads the running mock
// in place, rebuilds the docs in the background, and prints one short report. A broken edit is
// reported with file:line and changes nothing; the loop keeps running.
import { startMock, type RunningMock } from '@expys/mock';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startLoop } from './loop.js';
import { DevPipeline, type ClientTarget } from './pipeline.js';
import { formatPass, type Extras } from './report.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const { values: args } = parseArgs({
  options: {
    config: { type: 'string', default: path.join(REPO, 'redocly.yaml') },
    port: { type: 'string', default: process.env.EXPYS_MOCK_PORT ?? '4010' },
    'docs-port': { type: 'string', default: process.env.EXPYS_DOCS_PORT ?? '4000' },
    // For a copy of the spec elsewhere (the tests): other client folders (`member=<dir>`), or none.
    client: { type: 'string', multiple: true },
    'no-clients': { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
    'no-mock': { type: 'boolean', default: false },
  },
});

const configFile = path.resolve(args.config!);
const pipeline = new DevPipeline({
  configFile,
  clients: args['no-clients'] ? [] : args.client ? args.client.map(clientTarget) : [
    { audience: 'member', packageDir: path.join(REPO, 'packages/member-client') },
    { audience: 'server', packageDir: path.join(REPO, 'packages/server-client') },
  ],
});

function clientTarget(spec: string): ClientTarget {
  const [audience, dir] = spec.split('=');
  if ((audience !== 'member' && audience !== 'server') || !dir) throw new Error(`--client takes member=<dir> or server=<dir> (got ${spec})`);
  return { audience, packageDir: path.resolve(dir) };
}
const root = path.dirname(configFile);

let mock: RunningMock | undefined;
let docs: { url: string; close(): Promise<void> } | undefined;
let docsBuild: ChildProcess | undefined;
let docsAgain = false;

/** Rebuilds the docs in the background (about a second): the report of the edit does not wait. */
function rebuildDocs(): void {
  if (docsBuild) {
    docsAgain = true;
    return;
  }
  const started = performance.now();
  docsBuild = spawn(process.execPath, ['--import', 'tsx', 'src/build.ts'], { cwd: path.join(REPO, 'apps/docs'), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  docsBuild.stderr?.on('data', (chunk) => (stderr += chunk));
  docsBuild.on('close', async (code) => {
    docsBuild = undefined;
    if (code === 0) {
      docs ??= await startDocs();
      console.log(`  docs rebuilt in ${((performance.now() - started) / 1000).toFixed(2)} s${docs ? ` (${docs.url})` : ''}`);
    } else console.log(`  ✖ docs build failed:\n${stderr.trim().split('\n').slice(-5).join('\n')}`);
    if (docsAgain) {
      docsAgain = false;
      rebuildDocs();
    }
  });
}

async function startDocs() {
  const { startDocsServer } = await import('../../docs/src/serve.js');
  return startDocsServer({ port: Number(args['docs-port']) }).catch((error: Error) => {
    console.log(`  ✖ docs server: ${error.message}`);
    return undefined;
  });
}

// Resolves after the watcher's initial scan: the first pass below cannot race it.
const loop = await startLoop(pipeline.specDir, {
  pass: () => pipeline.run(),
  async done({ report, files, sinceSaveMs }) {
    const extras: Extras = {};
    if (report.ok && !args['no-mock']) {
      try {
        if (!mock) {
          mock = await startMock({ port: Number(args.port), specFile: pipeline.fullBundleFile });
          console.log(`  mock serving ${mock.url} (${mock.routes.length} operations)`);
        } else if (report.bundles.includes('full')) {
          extras.mockMs = (await mock.reload(pipeline.fullBundleFile)).ms;
        }
      } catch (error) {
        extras.mockError = (error as Error).message;
        // Offered again on the next save, even if the bundle does not change.
        pipeline.forget('full');
      }
    }
    console.log(formatPass(report, files, sinceSaveMs, root, extras));
    if (report.ok && !args['no-docs'] && (report.bundles.includes('member') || report.bundles.includes('server') || !docs)) rebuildDocs();
  },
});

console.log(`Watching ${path.relative(process.cwd(), pipeline.specDir) || '.'} (Ctrl+C to stop). Each save: lint → bundles → client types → mock reload → docs.`);
loop.trigger();

const shutdown = async () => {
  docsBuild?.kill();
  await Promise.allSettled([loop.close(), mock?.stop(), docs?.close()]);
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
