// @ts-check
// A server operation names exactly one Org-API-Key scope, from the configured list, in its
// security requirement (`orgApiKey: [members:read]`): restricted keys are checked against it.

export default function ServerScope(/** @type {{ scopes?: string[] }} */ options) {
  const known = new Set(options.scopes ?? []);
  return {
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      if (operation['x-expys-mode'] !== 'server') return;
      const requirement = Array.isArray(operation.security) ? operation.security[0] : undefined;
      const scopes = requirement?.orgApiKey;
      if (!requirement || !Array.isArray(scopes)) return; // expys/mode-security reports it
      if (scopes.length !== 1) {
        ctx.report({
          message: `A server operation names exactly one scope in \`orgApiKey: [scope]\` (found ${scopes.length}).`,
          location: ctx.location.child(['security', 0, 'orgApiKey']),
        });
      } else if (known.size > 0 && !known.has(scopes[0])) {
        ctx.report({
          message: `Unknown scope \`${scopes[0]}\`; use one of: ${[...known].join(', ')}.`,
          location: ctx.location.child(['security', 0, 'orgApiKey', 0]),
        });
      }
    },
  };
}
