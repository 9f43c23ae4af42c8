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
