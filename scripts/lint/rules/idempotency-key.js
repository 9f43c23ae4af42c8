// @ts-check
// Every POST says whether it is idempotent (`x-expys-idempotent`). An idempotent POST takes the
// `Idempotency-Key` header (the clients generate one per logical call and reuse it on retry)
// and documents 409 for a key reused with a different body.
import { parametersOf, webhookTracker } from './shared.js';

export default function IdempotencyKey() {
  const webhooks = webhookTracker();
  return {
    ...webhooks.visitor,
    PathItem: {
      Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
        if (ctx.key !== 'post' || webhooks.inWebhooks()) return;
        const flag = operation['x-expys-idempotent'];
        if (typeof flag !== 'boolean') {
          ctx.report({
            message: 'Every POST sets `x-expys-idempotent: true` (takes Idempotency-Key) or `false`.',
            location: ctx.location.key(),
          });
          return;
        }
        if (!flag) return;
        const header = parametersOf(operation, ctx).find(
          (p) => p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key',
        );
        if (!header) {
          ctx.report({
            message:
              'Idempotent POST must take the `Idempotency-Key` header: add `$ref: ../components/parameters/IdempotencyKey.yaml`.',
            location: ctx.location.child(['parameters']).key(),
          });
        }
        if (!operation.responses || !('409' in operation.responses)) {
          ctx.report({
            message: 'Idempotent POST must document 409 (the key was reused with a different body).',
            location: ctx.location.child(['responses']).key(),
          });
        }
      },
    },
  };
}
