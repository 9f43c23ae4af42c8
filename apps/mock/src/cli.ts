#!/usr/bin/env node
// expys-mock: rebuild the bundles (lint first), then serve the full bundle through the boundary.
//   expys-mock [--port 4010] [--dynamic] [--spec-config <redocly.yaml>] [--verbose | --quiet]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startupBanner } from './banner.js';
import type { RequestLogEntry } from './boundary.js';
import { DEFAULT_SPEC_CONFIG, rebuildBundles } from './bundle.js';
import { startMock, type RunningMock } from './mock.js';

const USAGE = `Usage: expys-mock [options]
  -p, --port <n>            public port on 127.0.0.1 (default $EXPYS_MOCK_PORT or 4010; 0 picks a free one)
  -d, --dynamic             generate data from the schemas instead of serving the spec's examples
                            (also EXPYS_MOCK_DYNAMIC=1, e.g. EXPYS_MOCK_DYNAMIC=1 npm start)
      --spec-config <file>  Redocly config whose "full" API to lint, bundle and serve (default: the repo's redocly.yaml)
      --no-rebuild          serve the full bundle as built (npm start has just linted and bundled it)
  -v, --verbose             show Prism's own log (info level)
  -q, --quiet               no request log
  -h, --help`;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        // Environment defaults let `npm start` (which runs this through turbo) pick them too.
        port: { type: 'string', short: 'p', default: process.env.EXPYS_MOCK_PORT ?? '4010' },
        dynamic: { type: 'boolean', short: 'd', default: process.env.EXPYS_MOCK_DYNAMIC === '1' },
        'spec-config': { type: 'string' },
        'no-rebuild': { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${values.port}`);
    return { ...values, port, specConfig: path.resolve(values['spec-config'] ?? DEFAULT_SPEC_CONFIG) };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

function requestLine(entry: RequestLogEntry): string {
  const outcome = entry.code ? `${entry.status} ${entry.code}` : String(entry.status);
  return `  ${entry.method} ${entry.url} → ${outcome} (${entry.answeredBy}, ${entry.ms.toFixed(0)} ms)`;
}

async function main(): Promise<void> {
  const args = options();
  if (args.help) return void console.log(USAGE);

  let mock: RunningMock | undefined;
  let stopping = false;
  const stop = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${reason}: stopping the mock and Prism…`);
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

  let up = false;
  try {
    mock = await startMock({
      port: args.port,
      dynamic: args.dynamic,
      specFile,
      prismLogLevel: args.verbose ? 'info' : 'warn',
      onPrismOutput: (line) => up && !args.quiet && console.log(`  [prism] ${line}`),
      onRequest: args.quiet ? undefined : (entry) => console.log(requestLine(entry)),
      onPrismExit: (code, signal) => void stop(`Prism exited unexpectedly (${signal ?? `code ${code}`})`, 1),
    });
  } catch (error) {
    console.error(`\n✖ The mock could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  up = true;
  if (stopping) return; // a signal arrived while starting; stop() finishes the job
  console.log(startupBanner(mock));
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Requests:`);
}

await main();
