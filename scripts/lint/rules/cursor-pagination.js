// @ts-check
// Lists share one shape: `cursor` and `limit` query parameters in, `{ data, nextCursor, hasMore }`
// out, so every client can offer `for await` over all pages the same way.
import { parametersOf, resolver } from './shared.js';

export default function CursorPagination() {
  return {
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      const deref = resolver(ctx);
      const ok = deref(operation.responses?.['200']);
      const media = deref(ok?.content?.['application/json'], ok);
      const schema = deref(media?.schema, media);
      const data = deref(schema?.properties?.data, schema);
      const query = parametersOf(operation, ctx).filter((p) => p.in === 'query').map((p) => p.name);
      const takesCursor = query.includes('cursor');
      const returnsList = data?.type === 'array';
      if (!takesCursor && !returnsList) return;
      const missing = [];
      if (!takesCursor) missing.push('the `cursor` query parameter');
      if (!query.includes('limit')) missing.push('the `limit` query parameter');
      for (const field of ['data', 'nextCursor', 'hasMore']) {
        if (!schema?.properties?.[field]) missing.push(`\`${field}\` in the 200 response`);
      }
      if (schema?.properties?.data && !returnsList) missing.push('`data` as an array');
      if (missing.length > 0) {
        ctx.report({
          message: `List operation must use the shared cursor pagination: missing ${missing.join(', ')}.`,
          location: ctx.location.key(),
        });
      }
    },
  };
}
