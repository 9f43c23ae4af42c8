// @ts-check
// Every integer says its width (`format: int32` or `int64`), so generators in every language pick
// a type that holds it; points, balances and totals are `int64` (org-wide totals overflow 32 bits).
// Which property names count as points or totals is configured in redocly.yaml (`int64Names`).
import { typesOf } from './shared.js';

const FORMATS = ['int32', 'int64'];

export default function IntegerFormat(/** @type {{ int64Names?: string }} */ options) {
  const int64Names = new RegExp(options.int64Names ?? '(?!)', 'i');
  /** @type {Set<string>} a shared schema is visited once per use: report it once */
  const reported = new Set();
  return {
    Schema(/** @type {any} */ schema, /** @type {any} */ ctx) {
      if (!typesOf(schema).includes('integer') || reported.has(ctx.location.absolutePointer)) return;
      // The property name, when this schema is the value of a property.
      const name = ctx.location.pointer.match(/\/properties\/([^/]+)$/)?.[1];
      let message;
      if (!FORMATS.includes(schema.format)) message = 'Integer needs `format: int32` or `format: int64`.';
      else if (name && int64Names.test(name) && schema.format !== 'int64') {
        message = `\`${name}\` holds points or a total: it must be \`format: int64\`.`;
      }
      if (!message) return;
      reported.add(ctx.location.absolutePointer);
      ctx.report({ message, location: ctx.location.key() });
    },
  };
}
