// Prints example values as a JavaScript literal for the SDK samples: unquoted keys where
// JavaScript allows it, one line when short, indented otherwise.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const ONE_LINE_MAX = 60;

export function jsLiteral(value: unknown, indent = ''): string {
  const oneLine = inline(value);
  if (oneLine.length <= ONE_LINE_MAX || value === null || typeof value !== 'object') return oneLine;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${inner}${jsLiteral(item, inner)},`).join('\n')}\n${indent}]`;
  }
  const lines = Object.entries(value).map(([key, item]) => `${inner}${jsKey(key)}: ${jsLiteral(item, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${jsKey(key)}: ${inline(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const jsKey = (key: string) => (IDENTIFIER.test(key) ? key : JSON.stringify(key));
