// @ts-check
// Keeps only the operations whose `x-expys-mode` is exactly this bundle's audience.
//
// Fail-closed on purpose: an operation with no mode, a misspelt mode or a list of modes is
// dropped from every audience bundle (lint reports it). Redocly's own `filter-in` matches
// lists and, without `applyTo`, keeps operations that lack the property.
// Path items left empty and tags no remaining operation uses are removed as well;
// `remove-unused-components` then prunes the components only the dropped operations used.

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** @param {{ audience: string }} options */
export default function Audience({ audience }) {
  if (audience !== 'member' && audience !== 'server') {
    throw new Error(`expys-bundle/audience: \`audience\` must be member or server, got ${JSON.stringify(audience)}`);
  }
  const usedTags = new Set();
  /** @param {any} pathItem @param {any} ctx */
  const keepAudienceOnly = (pathItem, ctx) => {
    for (const method of METHODS) {
      if (!(method in pathItem)) continue;
      const operation = ctx.resolve(pathItem[method]).node;
      if (operation?.['x-expys-mode'] === audience) {
        for (const tag of operation.tags ?? []) usedTags.add(tag);
      } else {
        delete pathItem[method];
      }
    }
    if (!METHODS.some((method) => method in pathItem)) delete ctx.parent[ctx.key];
  };
  return {
    PathItem: { enter: keepAudienceOnly },
    Root: {
      leave(/** @type {any} */ root) {
        if (Array.isArray(root.tags)) root.tags = root.tags.filter((/** @type {any} */ t) => usedTags.has(t.name));
        if (root['x-tagGroups']) delete root['x-tagGroups'];
        if (root.webhooks && Object.keys(root.webhooks).length === 0) delete root.webhooks;
        root.info = { ...root.info, 'x-expys-audience': audience };
      },
    },
  };
}
