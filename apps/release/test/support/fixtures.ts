// Fixture spec pairs, made from the real bundle: "before" is the spec as built, "after" is the
// same spec with one edit. Split per audience as the bundler does (x-expys-mode).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, type Audience } from '../../src/audiences.js';

export type Doc = Record<string, any>;

export const fullBundle = (): Doc => JSON.parse(readFileSync(path.join(REPO, 'packages/openapi/dist/expys.full.json'), 'utf8'));

/** The operations of one audience (webhooks go to the server audience). */
export function audienceOf(full: Doc, audience: Audience): Doc {
  const doc = structuredClone(full);
  for (const [route, item] of Object.entries<any>(doc.paths)) {
    for (const method of Object.keys(item)) if (item[method]?.['x-expys-mode'] && item[method]['x-expys-mode'] !== audience) delete item[method];
    if (!Object.values(item).some((op: any) => op?.operationId)) delete doc.paths[route];
  }
  if (audience === 'member') delete doc.webhooks;
  return doc;
}

export const split = (full: Doc) => ({ member: audienceOf(full, 'member'), server: audienceOf(full, 'server') });

export function operation(doc: Doc, operationId: string): Doc {
  for (const item of Object.values<any>(doc.paths)) for (const op of Object.values<any>(item)) if (op?.operationId === operationId) return op;
  throw new Error(`no operation ${operationId}`);
}
