// Generates a client's `src/generated/` from its audience bundle:
//   schema.ts          openapi-typescript types (paths, components, webhooks)
//   operations.ts      the runtime operation table, the environment table and the typed methods
//   functions.ts       the member client's lean entry: one tree-shakable function per operation (member only)
//   webhook-events.ts  the webhook event union (only when the bundle has `webhooks:`)
// Usage: tsx scripts/generate/client.ts --audience member|server --out src/generated [--bundle file.json]
// Without --bundle it reads the bundle from @expys/openapi as the calling package resolves it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatOperationCount } from '../bundle/walk.js';
import { clientPackage, generateClient } from './generate-client.js';

const { values } = parseArgs({
  options: { audience: { type: 'string' }, out: { type: 'string' }, bundle: { type: 'string' } },
});
const audience = values.audience;
if (audience !== 'member' && audience !== 'server') throw new Error('--audience must be member or server');
if (!values.out) throw new Error('--out is required');

const bundleFile =
  values.bundle ?? createRequire(path.join(process.cwd(), 'package.json')).resolve(`@expys/openapi/${audience}.json`);
const doc = JSON.parse(readFileSync(bundleFile, 'utf8'));

const outDir = path.resolve(values.out);
const { operations, webhookEvents } = await generateClient({ audience, doc, bundleDir: path.dirname(bundleFile), outDir, client: clientPackage(process.cwd()) });

const flags = (op: (typeof operations)[number]) =>
  [op.idempotent && 'idempotent', op.paginated && 'paginated'].filter(Boolean).join(', ');
// The same words as the bundler's line for this bundle (scripts/bundle/walk.ts).
console.log(`✔ ${audience} client: ${formatOperationCount({ operations: operations.length, webhookEvents })} → ${path.relative(process.cwd(), outDir)}`);
for (const op of operations) console.log(`  ${op.operationId.padEnd(22)} ${op.method.padEnd(6)} ${op.path}${flags(op) ? `  (${flags(op)})` : ''}`);
