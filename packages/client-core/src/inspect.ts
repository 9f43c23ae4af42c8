// What a client object shows when logged, inspected or serialised: a summary, never the
// credential (which lives in closures anyway). No node:util import: this ships to browsers.
const NODE_INSPECT = Symbol.for('nodejs.util.inspect.custom');

export function describeAs(target: object, name: string, summary: Record<string, unknown>): void {
  const text = `${name} ${JSON.stringify(summary)}`;
  Object.defineProperties(target, {
    [NODE_INSPECT]: { value: () => `${name} ${JSON.stringify(summary, null, 2)}` },
    toJSON: { value: () => ({ ...summary }) },
    toString: { value: () => text },
    [Symbol.toStringTag]: { value: name },
  });
}
