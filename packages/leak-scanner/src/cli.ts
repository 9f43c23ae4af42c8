#!/usr/bin/env node
// expys-leak-scan <folder…>: scans an app build (or any folder) for Expys credentials and
// server-only operation names. Exit 0: nothing at --fail-on level; 1: something is; 2: usage.
import { createRequire } from 'node:module';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { humanReport, jsonReport } from './report.js';
import { SEVERITY_RANK, type Severity } from './rules.js';
import { DEFAULT_MAX_DECOMPRESSED_SIZE, DEFAULT_MAX_FILE_SIZE, fails, scanPaths } from './scan.js';

const HELP = `Usage: expys-leak-scan [options] <folder or file>...

Scans every file (minified JS, source maps and their embedded sources, inline data: source maps,
HTML, CSS, JSON…, .gz and .br files decompressed) for:
  expys-org-api-key       error    an Org-API-Key whose checksum verifies: a real key
  expys-api-key           error    an API key (test_sk_, prod_sk_) whose checksum verifies
  expys-app-secret        error    an App Secret (secret_) whose checksum verifies
  expys-server-operation  error    a server-only operationId of the Expys API
  expys-server-path       error    a server-only path of the Expys API
  expys-member-token      warning  a member token whose checksum verifies
  expys-look-alike        notice   credential-shaped, checksum does not match: not a valid key
                                   (not for secret_, a shape other software writes too)
Credentials are never printed whole: the prefix and 4 characters only.

Options:
  --json                   print the findings as JSON
  --fail-on <level>        exit 1 on findings of this level or worse: error (default), warning, notice
  --ignore <glob>          skip matching paths, relative to the folder (repeatable): --ignore "**/*.png"
  --max-file-size <size>   skip larger files, listed as skipped (default 32MB; 500kB, 2MB, bytes)
  --max-decompressed-size <size>
                           scan at most this much of a .gz or .br file once decompressed, with a
                           warning past it (default 64MB)
  --allow-name <name>      do not report this server name (repeatable), e.g. your own getMember
  --include-node-modules   descend into node_modules folders (skipped by default)
  --include-git            descend into .git folders (skipped by default)
  -h, --help               this help
  -v, --version            the version

Exit status: 0 nothing at the --fail-on level, 1 findings at that level, 2 usage error.`;

class UsageError extends Error {}

function parseSize(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`${option} ${JSON.stringify(text)} is not a size (e.g. 500kB, 2MB, 1048576)`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'fail-on': { type: 'string', default: 'error' },
        ignore: { type: 'string', multiple: true, default: [] },
        'max-file-size': { type: 'string' },
        'max-decompressed-size': { type: 'string' },
        'allow-name': { type: 'string', multiple: true, default: [] },
        'include-node-modules': { type: 'boolean', default: false },
        'include-git': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${createRequire(import.meta.url)('../package.json').version}\n`);
    return 0;
  }
  const failOn = values['fail-on'] as Severity;
  if (!(failOn in SEVERITY_RANK)) throw new UsageError(`--fail-on must be error, warning or notice, not ${JSON.stringify(values['fail-on'])}`);
  if (positionals.length === 0) throw new UsageError('no folder to scan: name the app build folder, e.g. expys-leak-scan dist');
  for (const target of positionals) {
    const info = await stat(target).catch(() => undefined);
    if (!info) throw new UsageError(`no such folder or file: ${target}`);
    if (!info.isDirectory() && !info.isFile()) throw new UsageError(`not a folder or a regular file: ${target}`);
  }

  const result = await scanPaths(positionals, {
    ignore: values.ignore,
    maxFileSize: values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size'], '--max-file-size'),
    maxDecompressedSize:
      values['max-decompressed-size'] === undefined ? DEFAULT_MAX_DECOMPRESSED_SIZE : parseSize(values['max-decompressed-size'], '--max-decompressed-size'),
    allowNames: values['allow-name'],
    includeNodeModules: values['include-node-modules'],
    includeGit: values['include-git'],
  });
  const failed = fails(result.findings, failOn);
  process.stdout.write(values.json ? jsonReport(result, failOn, failed) : humanReport(result, failed));
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`expys-leak-scan: ${error.message}\nRun expys-leak-scan --help for the options.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`expys-leak-scan: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  },
);
