// @ts-check
// Small helpers shared by the rules. The set of modes is defined once, here.

/** The only valid values of `x-expys-mode`. */
export const MODES = /** @type {const} */ (['member', 'server']);

/** @param {unknown} mode @returns {mode is 'member' | 'server'} */
export function isValidMode(mode) {
  return typeof mode === 'string' && /** @type {readonly string[]} */ (MODES).includes(mode);
}

/**
 * Tracks whether the walk is inside the top-level `webhooks:` map: webhook operations are
 * calls Expys makes to the customer, so they carry no credential.
 * @returns {{ visitor: Record<string, { enter(): void, leave(): void }>, inWebhooks(): boolean }}
 */
export function webhookTracker() {
  let depth = 0;
  return {
    visitor: { WebhooksMap: { enter: () => void depth++, leave: () => void depth-- } },
    inWebhooks: () => depth > 0,
  };
}

/**
 * A resolver that follows `$ref`s across files: each resolved node remembers the file it came
 * from, so a `$ref` inside it is resolved relative to that file, not to the operation's.
 * @param {any} ctx the visitor context
 */
export function resolver(ctx) {
  /** @type {WeakMap<object, string>} */
  const origin = new WeakMap();
  /**
   * @param {any} node
   * @param {any} [parent] the node `node` was read from (for its file)
   * @returns {any}
   */
  return function deref(node, parent) {
    if (!node || typeof node !== 'object' || !('$ref' in node)) {
      if (node && typeof node === 'object' && parent && origin.has(parent)) origin.set(node, /** @type {string} */ (origin.get(parent)));
      return node;
    }
    const from = parent && origin.get(parent);
    const resolved = from ? ctx.resolve(node, from) : ctx.resolve(node);
    if (resolved.node && typeof resolved.node === 'object' && resolved.location) {
      origin.set(resolved.node, resolved.location.source.absoluteRef);
    }
    return resolved.node;
  };
}

/**
 * The operation's parameters, resolved.
 * @param {any} operation
 * @param {any} ctx
 * @returns {any[]}
 */
export function parametersOf(operation, ctx) {
  const deref = resolver(ctx);
  return (operation.parameters ?? []).map((/** @type {any} */ p) => deref(p)).filter(Boolean);
}

/**
 * Follows a `$ref` (if any) and returns the node with the place it is written, so a finding in
 * a shared file is reported in that file, at that line.
 * @param {any} ctx the visitor context
 * @param {any} node
 * @param {any} location where `node` is written
 * @returns {{ node: any, location: any }}
 */
export function follow(ctx, node, location) {
  if (!node || typeof node !== 'object' || !('$ref' in node)) return { node, location };
  const resolved = ctx.resolve(node, location.source.absoluteRef);
  return resolved.node === undefined ? { node: undefined, location } : { node: resolved.node, location: resolved.location };
}

/** @param {any} schema @returns {string[]} the schema's types (`type: [string, 'null']` included) */
export function typesOf(schema) {
  if (!schema || typeof schema !== 'object') return [];
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/**
 * Visits a schema and every schema inside it (properties, items, combinators), across files.
 * `name` is the property name a schema is the value of, when it is one.
 * @param {any} ctx
 * @param {any} schema
 * @param {any} location
 * @param {(schema: any, location: any, name: string | undefined) => void} visit
 * @param {string} [name]
 * @param {Set<any>} [seen] guards against recursive schemas
 */
export function walkSchema(ctx, schema, location, visit, name, seen = new Set()) {
  const here = follow(ctx, schema, location);
  if (!here.node || typeof here.node !== 'object' || seen.has(here.node)) return;
  seen.add(here.node);
  visit(here.node, here.location, name);
  const node = here.node;
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    walkSchema(ctx, value, here.location.child(['properties', key]), visit, key, seen);
  }
  if (node.items) walkSchema(ctx, node.items, here.location.child(['items']), visit, name, seen);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    walkSchema(ctx, node.additionalProperties, here.location.child(['additionalProperties']), visit, undefined, seen);
  }
  for (const combinator of ['allOf', 'oneOf', 'anyOf']) {
    (node[combinator] ?? []).forEach((/** @type {any} */ sub, /** @type {number} */ i) =>
      walkSchema(ctx, sub, here.location.child([combinator, i]), visit, name, seen),
    );
  }
}

/**
 * The request inputs of an operation: each parameter's schema (path-item parameters included)
 * and each request body media type's schema, with where they are written.
 * @param {any} operation
 * @param {any} ctx
 * @param {{ node: any, location: any }[]} pathItemParameters
 * @returns {{ label: string, schema: any, location: any, parameter?: any }[]}
 */
export function requestInputs(operation, ctx, pathItemParameters) {
  const inputs = [];
  const own = (operation.parameters ?? []).map((/** @type {any} */ p, /** @type {number} */ i) =>
    follow(ctx, p, ctx.location.child(['parameters', i])),
  );
  for (const { node, location } of [...pathItemParameters, ...own]) {
    if (!node?.schema) continue;
    inputs.push({ label: `${node.in} parameter \`${node.name}\``, schema: node.schema, location: location.child(['schema']), parameter: node });
  }
  const body = follow(ctx, operation.requestBody, ctx.location.child(['requestBody']));
  for (const [type, media] of Object.entries(body.node?.content ?? {})) {
    const m = /** @type {any} */ (media);
    if (m?.schema) inputs.push({ label: `request body (${type})`, schema: m.schema, location: body.location.child(['content', type, 'schema']) });
  }
  return inputs;
}
