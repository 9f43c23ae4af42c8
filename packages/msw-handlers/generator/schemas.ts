// The request schemas as the handlers ship them: annotations pruned (descriptions and examples
// are most of their bytes and change no validation result), and only the parts of the bundle
// they reference, kept at their own JSON pointers so the `$ref`s resolve unchanged.
import type { JsonSchema } from '../src/table.js';

type Doc = Record<string, any>;

/** Keywords that annotate and never change whether a value is valid (JSON Schema 2020-12 §9, OpenAPI). */
const ANNOTATIONS = new Set(['title', 'description', 'example', 'examples', '$comment', 'externalDocs', 'xml']);
/** Keywords whose value is one schema. */
const ONE = new Set(['not', 'if', 'then', 'else', 'items', 'additionalItems', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames', 'contentSchema']);
/** Keywords whose value is a list of schemas. */
const LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names (property names, not keywords) to schemas. */
const MAP = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** A copy of `schema` without annotations, walking only schema positions (a property named `description` stays). */
export function pruneSchema(schema: unknown): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new Error(`not a schema: ${JSON.stringify(schema)?.slice(0, 80)}`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (ONE.has(key)) out[key] = Array.isArray(value) ? value.map(pruneSchema) : pruneSchema(value);
    else if (LIST.has(key)) out[key] = (value as unknown[]).map(pruneSchema);
    else if (MAP.has(key)) out[key] = Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, pruneSchema(sub)]));
    else out[key] = value;
  }
  return out;
}

const segmentsOf = (pointer: string) => pointer.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

function localRefs(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) node.forEach((item) => localRefs(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) found.add(value);
      else localRefs(value, found);
    }
  }
}

/**
 * The sparse document the `roots` need: every local `$ref` they reach, transitively, copied
 * (pruned) from `doc` to the same pointer. A reference to nothing is a build error.
 */
export function referencedParts(doc: Doc, roots: unknown[]): Record<string, unknown> {
  const sparse: Record<string, any> = {};
  const pending = new Set<string>();
  roots.forEach((root) => localRefs(root, pending));
  const done = new Set<string>();
  while (pending.size > 0) {
    const pointer: string = pending.values().next().value!;
    pending.delete(pointer);
    if (done.has(pointer)) continue;
    done.add(pointer);
    const segments = segmentsOf(pointer);
    const target = segments.reduce((value: any, segment) => value?.[segment], doc);
    if (target === undefined) throw new Error(`${pointer} is referenced by a request schema but is not in the bundle`);
    const copy = pruneSchema(target);
    let at = sparse;
    for (const segment of segments.slice(0, -1)) at = at[segment] ??= {};
    at[segments[segments.length - 1]] = copy;
    localRefs(copy, pending);
  }
  return sparse;
}
