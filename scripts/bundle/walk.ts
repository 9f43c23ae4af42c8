// Small helpers to walk a bundled OpenAPI document as plain data.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OpenApiDocument = Record<string, any>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationEntry {
  /** `paths` or `webhooks` */
  section: 'paths' | 'webhooks';
  /** The path (`/v1/offers`) or the webhook event name. */
  key: string;
  method: (typeof HTTP_METHODS)[number];
  operation: Record<string, any>;
  /** JSON pointer of the operation in the document. */
  pointer: string;
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every operation of the document, under `paths` and `webhooks`. */
export function operationsOf(doc: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const section of ['paths', 'webhooks'] as const) {
    for (const [key, pathItem] of Object.entries<Record<string, any>>(doc[section] ?? {})) {
      for (const method of HTTP_METHODS) {
        const operation = pathItem?.[method];
        if (operation) {
          entries.push({ section, key, method, operation, pointer: `#/${section}/${escapePointer(key)}/${method}` });
        }
      }
    }
  }
  return entries;
}

/**
 * How many operations a document has, counted one way wherever a count is printed (the bundler,
 * the client generator): the HTTP operations under `paths`, and apart from them the webhook
 * events under `webhooks` (Expys sends them; no client method calls them).
 */
export function countOperations(doc: OpenApiDocument): { operations: number; webhookEvents: number } {
  const entries = operationsOf(doc);
  return {
    operations: entries.filter((e) => e.section === 'paths').length,
    webhookEvents: entries.filter((e) => e.section === 'webhooks' && e.method === 'post').length,
  };
}

/** `11 operations (+ 4 webhook events)`, or `9 operations` when there is no webhook event. */
export function formatOperationCount({ operations, webhookEvents }: { operations: number; webhookEvents: number }): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(operations, 'operation')}${webhookEvents ? ` (+ ${plural(webhookEvents, 'webhook event')})` : ''}`;
}

/** Every local `$ref` target (`#/components/schemas/Offer`) found anywhere under `node`. */
export function refsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) refsIn(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value);
      else refsIn(value, found);
    }
  }
  return found;
}

/** Resolves a local JSON pointer such as `#/components/schemas/Offer`. */
export function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, segment) => (node == null ? undefined : node[segment]), doc);
}
