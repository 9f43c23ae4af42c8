// @ts-check
// operationId is the SDK method name, so it must be a camelCase identifier.
// (Uniqueness is the built-in `operation-operationId-unique`, set to error.)

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

export default function OperationIdCamelCase() {
  return {
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      const id = operation.operationId;
      if (typeof id === 'string' && !CAMEL_CASE.test(id)) {
        ctx.report({
          message: `operationId \`${id}\` is the SDK method name and must be camelCase (e.g. \`listOffers\`).`,
          location: ctx.location.child(['operationId']),
        });
      }
    },
  };
}
