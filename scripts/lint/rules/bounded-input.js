// @ts-check
// Every request input is bounded, so no client can send (and no server has to parse) a 1 MB id
// or an endless array: strings have `maxLength` (unless an `enum` or `const` fixes them), arrays
// `maxItems`, integers a `format`. Parameter strings also have `minLength` of at least 1: an
// empty `cursor=` or `Idempotency-Key:` means nothing and must be a validation error, not "absent".
import { follow, requestInputs, typesOf, walkSchema, webhookTracker } from './shared.js';

export default function BoundedInput() {
  const webhooks = webhookTracker();
  /** @type {{ node: any, location: any }[]} */
  let pathItemParameters = [];
  /** @type {Set<string>} one report per place, even when a shared schema is used twice */
  const reported = new Set();
  return {
    ...webhooks.visitor,
    PathItem(/** @type {any} */ pathItem, /** @type {any} */ ctx) {
      pathItemParameters = (pathItem.parameters ?? []).map((/** @type {any} */ p, /** @type {number} */ i) =>
        follow(ctx, p, ctx.location.child(['parameters', i])),
      );
    },
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      // Webhook payloads are sent by Expys, not accepted from callers.
      if (webhooks.inWebhooks()) return;
      const report = (/** @type {any} */ location, /** @type {string} */ message) => {
        const key = location.absolutePointer;
        if (reported.has(key)) return;
        reported.add(key);
        ctx.report({ message, location: location.key() });
      };
      for (const input of requestInputs(operation, ctx, pathItemParameters)) {
        walkSchema(ctx, input.schema, input.location, (schema, location, name) => {
          const what = name ? `\`${name}\` in the ${input.label}` : `the ${input.label}`;
          const types = typesOf(schema);
          const fixed = 'enum' in schema || 'const' in schema;
          if (types.includes('string') && !fixed) {
            if (typeof schema.maxLength !== 'number') {
              report(location, `${capital(what)} is a string without \`maxLength\`: unbounded input reaches every server and mock.`);
            }
            if (input.parameter && name === undefined && !(schema.minLength >= 1)) {
              report(location, `${capital(what)} needs \`minLength: 1\`: an empty value must fail validation, not count as absent.`);
            }
          }
          if (types.includes('array') && typeof schema.maxItems !== 'number') {
            report(location, `${capital(what)} is an array without \`maxItems\`.`);
          }
        });
      }
    },
  };
}

const capital = (/** @type {string} */ text) => text[0].toUpperCase() + text.slice(1);
