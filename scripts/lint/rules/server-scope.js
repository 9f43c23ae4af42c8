// @ts-check
// A server operation that takes API keys names exactly one scope, from the configured list (the
// documentation's `<area>_<read|write>` names), in `apiKey: [scope]`: API keys are checked
// against it, and the docs and the clients show it.

export default function ServerScope(/** @type {{ scopes?: string[] }} */ options) {
  const known = new Set(options.scopes ?? []);
  return {
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      if (operation['x-expys-mode'] !== 'server' || !Array.isArray(operation.security)) return;
      const index = operation.security.findIndex((/** @type {any} */ requirement) => requirement && 'apiKey' in requirement);
      if (index < 0) return; // the application's own operations take no API key; expys/mode-security checks the shape
      const scopes = operation.security[index].apiKey;
      if (!Array.isArray(scopes) || scopes.length !== 1) {
        ctx.report({
          message: `A server operation names exactly one scope in \`apiKey: [scope]\` (found ${Array.isArray(scopes) ? scopes.length : 'none'}).`,
          location: ctx.location.child(['security', index, 'apiKey']),
        });
      } else if (known.size > 0 && !known.has(scopes[0])) {
        ctx.report({
          message: `Unknown scope \`${scopes[0]}\`; use one of: ${[...known].join(', ')}.`,
          location: ctx.location.child(['security', index, 'apiKey', 0]),
        });
      }
    },
  };
}
