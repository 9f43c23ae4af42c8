// @ts-check
// An operation that validates input documents 422: validation failures are always 422 with a
// problem+json body naming the invalid fields. Input is validated when there is a body or a
// parameter whose schema constrains it (pattern, enum, bounds, format).
import { parametersOf, resolver, webhookTracker } from './shared.js';

const CONSTRAINTS = ['pattern', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'format'];

export default function Validation422() {
  const webhooks = webhookTracker();
  /** Parameters declared on the path item apply to each of its operations. */
  let pathItemParameters = /** @type {any[]} */ ([]);
  return {
    ...webhooks.visitor,
    PathItem(/** @type {any} */ pathItem, /** @type {any} */ ctx) {
      pathItemParameters = parametersOf(pathItem, ctx);
    },
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      if (webhooks.inWebhooks()) return;
      const deref = resolver(ctx);
      const constrained = [...pathItemParameters, ...parametersOf(operation, ctx)].find((p) => {
        const schema = deref(p.schema, p);
        return schema && CONSTRAINTS.some((c) => c in schema);
      });
      if (!operation.requestBody && !constrained) return;
      if (!operation.responses || !('422' in operation.responses)) {
        const input = operation.requestBody ? 'a request body' : `the constrained parameter \`${constrained.name}\``;
        ctx.report({
          message: `Operation takes ${input}, so it must document 422 (validation failed).`,
          location: ctx.location.child(['responses']).key(),
        });
      }
    },
  };
}
