// @ts-check
// A list must show how it ends: its 200 has an example with `hasMore: false` and
// `nextCursor: null`. Without one, `for await` over the list never ends against a static mock
// (every page says "more to come"), and readers never see what the last page looks like.
import { follow, parametersOf } from './shared.js';

export default function LastPageExample() {
  return {
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      if (!parametersOf(operation, ctx).some((p) => p.in === 'query' && p.name === 'cursor')) return;
      const ok = follow(ctx, operation.responses?.['200'], ctx.location.child(['responses', '200']));
      const media = follow(ctx, ok.node?.content?.['application/json'], ok.location.child(['content', 'application/json']));
      if (!media.node) return; // expys/cursor-pagination reports a list without a JSON 200
      const values = [
        ...('example' in media.node ? [media.node.example] : []),
        ...Object.entries(media.node.examples ?? {}).map(
          ([name, example]) => follow(ctx, example, media.location.child(['examples', name])).node?.value,
        ),
      ];
      if (values.some((value) => value?.hasMore === false && value?.nextCursor === null)) return;
      ctx.report({
        message:
          'Paginated operation needs a last-page example in its 200 (`hasMore: false`, `nextCursor: null`): without one `for await` never ends against the mock.',
        location: media.location.key(),
      });
    },
  };
}
