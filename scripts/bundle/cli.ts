// Lints the spec, produces the full, member and server bundles with Redocly (see redocly.yaml
// `apis:`), audits the two audience bundles and writes a JSON copy of each.
// Fail-closed: when lint or the audit fails, no bundle is left behind for anything to consume.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { auditAudienceBundle, type Audience } from './audit.js';
import { REPO_ROOT, redocly } from './redocly.js';
import { countOperations, formatOperationCount } from './walk.js';

interface RedoclyConfig {
  apis: Record<string, { root: string; output: string }>;
}

// `--config` lets the tests bundle a deliberately broken copy of the spec.
const { values: args } = parseArgs({ options: { config: { type: 'string', default: path.join(REPO_ROOT, 'redocly.yaml') } } });
const configFile = path.resolve(args.config!);
const config = parse(readFileSync(configFile, 'utf8')) as RedoclyConfig;
const outputs = Object.fromEntries(
  Object.entries(config.apis).map(([name, api]) => [name, path.resolve(path.dirname(configFile), api.output)]),
);

function removeOutputs(): void {
  for (const file of Object.values(outputs)) {
    rmSync(file, { force: true });
    rmSync(file.replace(/\.yaml$/, '.json'), { force: true });
  }
}

function fail(message: string): never {
  removeOutputs();
  console.error(`\n✖ ${message}\n  No bundle was written.`);
  process.exit(1);
}

removeOutputs();

// Lint once, on the full API: every convention applies to every operation.
if (redocly(['lint', 'full', '--config', configFile]).status !== 0) fail('Lint failed (see the file:line list above).');
if (redocly(['bundle', '--config', configFile]).status !== 0) fail('Redocly could not bundle the spec.');

const documents = Object.fromEntries(
  Object.entries(outputs).map(([name, file]) => [name, parse(readFileSync(file, 'utf8'))]),
);

const problems: string[] = [];
for (const audience of ['member', 'server'] as const satisfies Audience[]) {
  for (const v of auditAudienceBundle(documents[audience], audience, documents.full)) {
    problems.push(`${audience} bundle ${v.where}: ${v.message}`);
  }
}
if (problems.length > 0) fail(`The audience audit failed:\n  ${problems.join('\n  ')}`);

for (const [name, file] of Object.entries(outputs)) {
  writeFileSync(file.replace(/\.yaml$/, '.json'), `${JSON.stringify(documents[name], null, 2)}\n`);
  // Counted as the client generator counts them (webhook events apart): the two lines agree.
  console.log(`✔ ${name.padEnd(6)} ${formatOperationCount(countOperations(documents[name]))} → ${path.relative(REPO_ROOT, file)} (+ .json)`);
}
