// @ts-check
// Every response body has an example: the mock serves it, the docs show it, and the built-in
// no-invalid-media-type-examples rule checks it against the schema.

export default function ResponseExample() {
  return {
    Response: {
      MediaType(/** @type {any} */ media, /** @type {any} */ ctx) {
        const schema = media.schema && '$ref' in media.schema ? ctx.resolve(media.schema).node : media.schema;
        const hasExample =
          media.example !== undefined ||
          (media.examples && Object.keys(media.examples).length > 0) ||
          (Array.isArray(schema?.examples) && schema.examples.length > 0) ||
          schema?.example !== undefined;
        if (!hasExample) {
          ctx.report({
            message: `Response \`${ctx.key}\` has no example: add \`example\` or \`examples\` (the mock and the docs use it).`,
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}
