// @ts-check
// The security requirement follows the mode: member → memberToken, server → orgApiKey,
// webhook events → none (Expys calls the customer; the Standard Webhooks signature authenticates it instead).
import { webhookTracker } from './shared.js';

const SCHEME_FOR_MODE = /** @type {Record<string, string>} */ ({ member: 'memberToken', server: 'orgApiKey' });

export default function ModeSecurity() {
  const webhooks = webhookTracker();
  return {
    ...webhooks.visitor,
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      const security = operation.security;
      if (webhooks.inWebhooks()) {
        if (!Array.isArray(security) || security.length > 0) {
          ctx.report({
            message: 'Webhook events are sent by Expys and carry no credential: set `security: []`.',
            location: security ? ctx.location.child(['security']) : ctx.location.key(),
          });
        }
        return;
      }
      const scheme = SCHEME_FOR_MODE[operation['x-expys-mode']];
      if (!scheme) return; // expys/operation-mode reports the mode itself
      const where = security ? ctx.location.child(['security']) : ctx.location.key();
      if (!Array.isArray(security) || security.length !== 1) {
        ctx.report({
          message: `A ${operation['x-expys-mode']} operation needs exactly one security requirement: \`[{ ${scheme}: [...] }]\`.`,
          location: where,
        });
        return;
      }
      const names = Object.keys(security[0] ?? {});
      if (names.length !== 1 || names[0] !== scheme) {
        ctx.report({
          message: `x-expys-mode is ${operation['x-expys-mode']}, so security must be \`${scheme}\` alone (found ${names.join(', ') || 'none'}).`,
          location: where,
        });
      }
    },
  };
}
