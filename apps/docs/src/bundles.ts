// The audience bundles of @expys/openapi, read as plain data, plus the few lookups the docs
// need (sandbox server, $ref resolution). The spec is the only source: nothing here lists
// operations by hand.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Audience } from '../../../scripts/bundle/audit.js';
import { resolvePointer, type OpenApiDocument } from '../../../scripts/bundle/walk.js';

export type { Audience };
export const AUDIENCES = ['member', 'server'] as const satisfies readonly Audience[];

const require = createRequire(import.meta.url);

/** The bundles of @expys/openapi, or `expys.<name>.json` in EXPYS_DOCS_BUNDLES (the scale bench's synthetic spec). */
export function bundleFile(name: Audience | 'full'): string {
  const dir = process.env.EXPYS_DOCS_BUNDLES;
  if (dir) return path.resolve(dir, `expys.${name}.json`);
  return require.resolve(`@expys/openapi/${name}.json`);
}

export function loadBundle(name: Audience | 'full'): OpenApiDocument {
  return JSON.parse(readFileSync(bundleFile(name), 'utf8')) as OpenApiDocument;
}

/** Follows a local `$ref` (once per hop) until a plain object is reached. */
export function deref<T = any>(doc: OpenApiDocument, node: unknown): T {
  let current: any = node;
  for (let hops = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${current.$ref}`);
    const target = resolvePointer(doc, current.$ref);
    if (target === undefined) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current as T;
}

/** The sandbox server: samples never point at production. */
export function sandboxServerUrl(doc: OpenApiDocument): string {
  const server = (doc.servers ?? []).find((s: any) => s['x-expys-environment'] === 'sandbox');
  if (!server?.url) throw new Error('the bundle has no server with x-expys-environment: sandbox');
  return String(server.url).replace(/\/$/, '');
}
