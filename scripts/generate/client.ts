// Generates a client's `src/generated/` from its audience bundle:
//   schema.ts          openapi-typescript types (paths, components, webhooks)
//   operations.ts      the runtime operation table, the environment table and the typed methods
//   webhook-events.ts  the webhook event union (only when the bundle has `webhooks:`)
// Usage: tsx scripts/generate/client.ts --audience member|server --out src/generated [--bundle file.json]
// Without --bundle it reads the bundle from @expys/openapi as the calling package resolves it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeEnvironments, describeOperations, describeWebhookEvents } from './describe.js';
import { emitOperations, emitWebhookEvents } from './emit.js';
import { emitSchemaTypes } from './schema-types.js';

const { values } = parseArgs({
  options: { audience: { type: 'string' }, out: { type: 'string' }, bundle: { type: 'string' } },
});
const audience = values.audience;
if (audience !== 'member' && audience !== 'server') throw new Error('--audience must be member or server');
if (!values.out) throw new Error('--out is required');

const bundleFile =
  values.bundle ?? createRequire(path.join(process.cwd(), 'package.json')).resolve(`@expys/openapi/${audience}.json`);
const doc = JSON.parse(readFileSync(bundleFile, 'utf8'));

/** The package being generated (nearest package.json up from here): its name and version identify the client. */
function clientPackage(dir: string): { name: string; version: string } {
  const file = path.join(dir, 'package.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  if (path.dirname(dir) === dir) throw new Error('no package.json above the working directory: run the generator from the client package');
  return clientPackage(path.dirname(dir));
}

const operations = describeOperations(doc);
const events = describeWebhookEvents(doc);
const files: Record<string, string> = {
  'schema.ts': await emitSchemaTypes(audience, doc, path.dirname(bundleFile)),
  'operations.ts': emitOperations(audience, operations, describeEnvironments(doc), clientPackage(process.cwd())),
};
if (events.length > 0) files['webhook-events.ts'] = emitWebhookEvents(audience, events);

// Each file is written beside its target then renamed over it, so a build and a typecheck
// running at the same time never read a half-written file.
const outDir = path.resolve(values.out);
mkdirSync(outDir, { recursive: true });
for (const [name, text] of Object.entries(files)) {
  const target = path.join(outDir, name);
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, target);
}
if (!files['webhook-events.ts']) rmSync(path.join(outDir, 'webhook-events.ts'), { force: true });

const flags = (op: (typeof operations)[number]) =>
  [op.idempotent && 'idempotent', op.paginated && 'paginated'].filter(Boolean).join(', ');
console.log(`✔ ${audience} client: ${operations.length} operations${events.length ? `, ${events.length} webhook events` : ''} → ${path.relative(process.cwd(), outDir)}`);
for (const op of operations) console.log(`  ${op.operationId.padEnd(22)} ${op.method.padEnd(6)} ${op.path}${flags(op) ? `  (${flags(op)})` : ''}`);
