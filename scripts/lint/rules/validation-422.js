// @ts-check
// An operation that takes a body documents 422: validation failures are always 422 with a
// problem+json body naming the invalid fields.
import { webhookTracker } from './shared.js';

export default function Validation422() {
  const webhooks = webhookTracker();
  return {
    ...webhooks.visitor,
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      if (webhooks.inWebhooks() || !operation.requestBody) return;
      if (!operation.responses || !('422' in operation.responses)) {
        ctx.report({
          message: 'Operation takes a request body, so it must document 422 (validation failed).',
          location: ctx.location.child(['responses']).key(),
        });
      }
    },
  };
}
