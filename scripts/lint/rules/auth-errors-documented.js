// @ts-check
// Every credentialed operation documents 401 and 403, so clients, the mock and the docs
// all know what a wrong credential gets: a member token on a server operation is a 403.
// Webhook events are calls Expys makes to the customer: no credential, nothing to document.
import { webhookTracker } from './shared.js';

export default function AuthErrorsDocumented() {
  const webhooks = webhookTracker();
  return {
    ...webhooks.visitor,
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      if (webhooks.inWebhooks()) return;
      const mode = operation['x-expys-mode'];
      if (mode !== 'member' && mode !== 'server') return;
      const responses = operation.responses ?? {};
      for (const status of ['401', '403']) {
        if (!(status in responses)) {
          const why =
            status === '403'
              ? mode === 'server'
                ? 'a member token or a key without the scope gets 403'
                : 'an Org-API-Key used from an app gets 403'
              : 'a missing, malformed or expired credential gets 401';
          ctx.report({
            message: `${mode} operation must document ${status} (${why}).`,
            location: ctx.location.child(['responses']),
          });
        }
      }
    },
  };
}
