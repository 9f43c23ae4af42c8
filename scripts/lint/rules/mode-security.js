// @ts-check
// The security requirement follows the mode:
// - member → `[{ memberToken: [] }]`;
// - server → `[{ orgApiKey: [] }, { apiKey: [<scope>] }]`: the Org-API-Key (full authority) or an
//   API key with the operation's scope (expys/server-scope checks the scope);
// - server, the application's own operations → `[{ appCredentials: [] }]` (HTTP Basic with the
//   App ID and App Secret), nothing else;
// - webhook events → none (Expys calls the customer; the Standard Webhooks signature authenticates it instead).
import { webhookTracker } from './shared.js';

const SHAPES = /** @type {Record<string, string[][]>} */ ({
  member: [['memberToken']],
  server: [['orgApiKey', 'apiKey'], ['appCredentials']],
});
const describe = (/** @type {string[]} */ shape) => `[${shape.map((name) => `{ ${name}: [${name === 'apiKey' ? '<scope>' : ''}] }`).join(', ')}]`;

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
      const mode = operation['x-expys-mode'];
      const shapes = SHAPES[mode];
      if (!shapes) return; // expys/operation-mode reports the mode itself
      const where = security ? ctx.location.child(['security']) : ctx.location.key();
      const wanted = shapes.map(describe).join(' or ');
      if (!Array.isArray(security)) {
        ctx.report({ message: `A ${mode} operation needs its security requirement: ${wanted}.`, location: where });
        return;
      }
      // Each requirement names one scheme, in the shape's order.
      const found = security.map((requirement) => Object.keys(requirement ?? {}));
      const matches = shapes.some((shape) => shape.length === found.length && shape.every((name, i) => found[i].length === 1 && found[i][0] === name));
      if (!matches) {
        ctx.report({
          message: `x-expys-mode is ${mode}, so security must be ${wanted} (found ${JSON.stringify(security)}).`,
          location: where,
        });
        return;
      }
      // Only the API key's requirement names a scope: the others carry no list.
      security.forEach((/** @type {any} */ requirement, /** @type {number} */ i) => {
        const [name] = Object.keys(requirement);
        if (name !== 'apiKey' && requirement[name].length > 0) {
          ctx.report({ message: `\`${name}\` takes no scopes (\`${name}: []\`): only \`apiKey\` names one.`, location: ctx.location.child(['security', i, name]) });
        }
      });
    },
  };
}
