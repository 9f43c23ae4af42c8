#!/usr/bin/env node
// expys-mock: rebuild the bundles (lint first), then serve the full bundle through the boundary.
//   expys-mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--spec-config <redocly.yaml>] [--quiet]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startupBanner } from './banner.js';
import type { RequestLogEntry } from '@expys/gateway';
import { DEFAULT_SPEC_CONFIG, rebuildBundles } from './bundle.js';
import { startMock, type RunningMock } from './mock.js';

const USAGE = `Usage: expys-mock [options]
  -p, --port <n>            public port on 127.0.0.1 (default $EXPYS_MOCK_PORT or 4010; 0 picks a free one)
      --host <addr>         interface to listen on (default $EXPYS_MOCK_HOST or 127.0.0.1; 0.0.0.0 for your LAN)
      --cors-origin <o>     browser origin allowed by CORS, repeatable, or * (default: any localhost origin)
      --rate-limit <n>      requests per credential per minute (default $EXPYS_MOCK_RATE_LIMIT or 6000; 0 = off)
  -d, --dynamic             generate data from the schemas instead of serving the spec's examples
                            (also EXPYS_MOCK_DYNAMIC=1, e.g. EXPYS_MOCK_DYNAMIC=1 npm start)
      --spec-config <file>  Redocly config whose "full" API to lint, bundle and serve (default: the repo's redocly.yaml)
      --no-rebuild          serve the full bundle as built (npm start has just linted and bundled it)
  -q, --quiet               no request log
  -h, --help

Credentials (the mock stands in for the sandbox; the samples are @expys/gateway's SAMPLE_CREDENTIALS):
  member operations       Authorization: Bearer <member token>: mt_test_ + 40 with a valid checksum
  server operations       Authorization: Bearer <Org-API-Key> (expys_test_ + 32: full authority) or
                          Bearer <API key> (test_sk_ + 32: needs the scope the operation names)
  application operations  Authorization: Basic base64(<App ID>:<App Secret>) (curl -u appId:secret):
                          only the sample application's pair is accepted
  Any other well-formed expys_test_ key has full access, any other test_sk_ key every scope, any other
  mt_test_ token is valid. The sample scoped, expired and revoked keys keep their meaning. Live
  credentials (expys_live_, prod_sk_, mt_live_) get 401 environment_mismatch. Refusals: 401 first
  (who you are), then 403 (a member token on a server or application operation, an Org-API-Key or
  API key on a member operation, a bearer on an application operation, the App Secret as a bearer,
  an API key without the scope).`;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        // Environment defaults let `npm start` (which runs this through turbo) pick them too.
        port: { type: 'string', short: 'p', default: process.env.EXPYS_MOCK_PORT ?? '4010' },
        host: { type: 'string', default: process.env.EXPYS_MOCK_HOST ?? '127.0.0.1' },
        'cors-origin': { type: 'string', multiple: true },
        'rate-limit': { type: 'string', default: process.env.EXPYS_MOCK_RATE_LIMIT ?? '6000' },
        dynamic: { type: 'boolean', short: 'd', default: process.env.EXPYS_MOCK_DYNAMIC === '1' },
        'spec-config': { type: 'string' },
        'no-rebuild': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${values.port}`);
    const rateLimit = Number(values['rate-limit']);
    if (!Number.isInteger(rateLimit) || rateLimit < 0) throw new Error(`--rate-limit must be a whole number ≥ 0, not ${values['rate-limit']}`);
    return { ...values, port, rateLimit, specConfig: path.resolve(values['spec-config'] ?? DEFAULT_SPEC_CONFIG) };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

function requestLine(entry: RequestLogEntry): string {
  const outcome = entry.code ? `${entry.status} ${entry.code}` : String(entry.status);
  return `  ${entry.method} ${entry.url} → ${outcome} (${entry.answeredBy}, ${entry.ms.toFixed(0)} ms)`;
}

function corsOf(origins: string[] | undefined) {
  if (!origins || origins.length === 0) return 'local' as const;
  return origins.includes('*') ? ('*' as const) : origins;
}

async function main(): Promise<void> {
  const args = options();
  if (args.help) return void console.log(USAGE);

  let mock: RunningMock | undefined;
  let stopping = false;
  const stop = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${reason}: stopping the mock…`);
    await mock?.stop();
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal, 0));

  const started = performance.now();
  let specFile: string | undefined; // undefined: the full bundle @expys/openapi built
  if (!args['no-rebuild']) {
    console.log(`Linting and bundling the spec (${path.relative(process.cwd(), args.specConfig) || args.specConfig})…`);
    const bundle = await rebuildBundles(args.specConfig);
    if (!bundle.ok) {
      console.error(bundle.output.trimEnd());
      console.error('\n✖ The spec does not pass lint or bundling (see above); the mock was not started.');
      process.exit(1);
    }
    for (const line of bundle.output.split('\n')) if (line.startsWith('✔')) console.log(`  ${line}`);
    specFile = bundle.fullBundle;
  }

  try {
    mock = await startMock({
      port: args.port,
      dynamic: args.dynamic,
      specFile,
      host: args.host,
      cors: corsOf(args['cors-origin']),
      rateLimit: { limit: args.rateLimit, windowMs: 60_000 },
      onRequest: args.quiet ? undefined : (entry) => console.log(requestLine(entry)),
    });
  } catch (error) {
    console.error(`\n✖ The mock could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  if (stopping) return; // a signal arrived while starting; stop() finishes the job
  console.log(startupBanner(mock));
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Requests:`);
}

await main();
