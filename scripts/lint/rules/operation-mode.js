// @ts-check
// Every operation says who may call it: `x-expys-mode: member` or `server`, nothing else.
// The bundler relies on it: an operation without a valid mode lands in no audience bundle.
import { MODES, isValidMode } from './shared.js';

export default function OperationMode() {
  return {
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      const mode = operation['x-expys-mode'];
      if (mode === undefined) {
        ctx.report({
          message: `Operation has no \`x-expys-mode\`: set it to ${MODES.map((m) => `\`${m}\``).join(' or ')}.`,
          location: ctx.location.key(),
        });
      } else if (!isValidMode(mode)) {
        ctx.report({
          message: `\`x-expys-mode\` is ${JSON.stringify(mode)}; it must be exactly one of ${MODES.join(', ')}.`,
          location: ctx.location.child(['x-expys-mode']),
        });
      }
    },
  };
}
