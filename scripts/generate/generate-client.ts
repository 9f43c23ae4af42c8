// A client's `src/generated/` from its audience bundle, as a function: the CLI (client.ts) and
// the dev loop (apps/dev) both call it. Returns what it wrote, for their reports.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenApiDocument } from '../bundle/walk.js';
import { describeEnvironments, describeOperations, describeWebhookEvents, type OperationDescriptor } from './describe.js';
import { emitOperationFunctions, emitOperations, emitWebhookEvents } from './emit.js';
import { emitSchemaTypes } from './schema-types.js';

export interface GenerateClientOptions {
  audience: 'member' | 'server';
  doc: OpenApiDocument;
  /** Where the bundle lives: openapi-typescript resolves relative references from there. */
  bundleDir: string;
  /** The client's `src/generated/`. */
  outDir: string;
  /** The client package (name and version identify it on the wire). */
  client: { name: string; version: string };
}

export interface GeneratedClient {
  operations: OperationDescriptor[];
  webhookEvents: number;
  files: string[];
}

/** The package above `dir` (nearest package.json): the client being generated. */
export function clientPackage(dir: string): { name: string; version: string } {
  const file = path.join(dir, 'package.json');
  if (existsSync(file)) {
    const { name, version } = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof name !== 'string' || typeof version !== 'string') throw new Error(`${file} needs a name and a version: they identify the client (Expys-Client)`);
    return { name, version };
  }
  if (path.dirname(dir) === dir) throw new Error('no package.json above the working directory: run the generator from the client package');
  return clientPackage(path.dirname(dir));
}

export async function generateClient({ audience, doc, bundleDir, outDir, client }: GenerateClientOptions): Promise<GeneratedClient> {
  const operations = describeOperations(doc);
  const events = describeWebhookEvents(doc);
  const files: Record<string, string> = {
    'schema.ts': await emitSchemaTypes(audience, doc, bundleDir),
    'operations.ts': emitOperations(audience, operations, describeEnvironments(doc), client),
  };
  // The lean entry (one tree-shakable function per operation) is the member client's: app bundles are what it is for.
  if (audience === 'member') files['functions.ts'] = emitOperationFunctions(audience, operations);
  if (events.length > 0) files['webhook-events.ts'] = emitWebhookEvents(audience, events);

  // Each file is written beside its target then renamed over it, so a build and a typecheck
  // (or an editor) reading at the same time never see a half-written file.
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(outDir, name);
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, text);
    renameSync(partial, target);
  }
  if (!files['webhook-events.ts']) rmSync(path.join(outDir, 'webhook-events.ts'), { force: true });
  if (!files['functions.ts']) rmSync(path.join(outDir, 'functions.ts'), { force: true });
  return { operations, webhookEvents: events.length, files: Object.keys(files).map((f) => path.join(outDir, f)) };
}
