// A server that answers every operation of an audience bundle with the spec's own examples, and
// the arguments a client method takes for it, read from the same examples. Nothing here names an
// operation: a test over "every operation" covers an operation added to the spec with no edit.
// Shared by the member and the server client's tests (imported by relative path, like
// client-core's api-server).
import type { RecordedRequest, Reply } from '../../client-core/test/support/api-server.js';

type Doc = Record<string, any>;

export interface ExampleOperation {
  operationId: string;
  mode: string;
  method: string;
  template: string;
  /** The client's arguments: path parameters in template order, then the body or the required query. */
  args: unknown[];
  successStatus: number;
  /** The documented answer to a first call (the first named example of the lowest 2xx). */
  first: unknown;
  /** For a list: the page answered when a cursor is sent (the example with `hasMore: false`). */
  lastPage?: unknown;
  paginated: boolean;
}

const deref = (doc: Doc, node: any): any =>
  typeof node?.$ref === 'string'
    ? deref(doc, node.$ref.slice(2).split('/').reduce((at: any, key: string) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc))
    : node;

const exampleOf = (doc: Doc, node: any): unknown => {
  if (node?.example !== undefined) return node.example;
  const named = Object.values<any>(node?.examples ?? {}).map((e) => deref(doc, e)?.value);
  if (named.length > 0) return named[0];
  const schema = deref(doc, node?.schema);
  return schema?.example ?? schema?.examples?.[0];
};

export function exampleOperations(doc: Doc): ExampleOperation[] {
  const operations: ExampleOperation[] = [];
  for (const [template, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!op?.operationId) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p));
      const pathArgs = [...template.matchAll(/\{([^{}]+)\}/g)].map(([, name]) => exampleOf(doc, parameters.find((p) => p.in === 'path' && p.name === name)));
      const requiredQuery = parameters.filter((p) => p.in === 'query' && p.required);
      const body = deref(doc, op.requestBody)?.content?.['application/json'];
      const slot = body ? [exampleOf(doc, body)] : requiredQuery.length ? [Object.fromEntries(requiredQuery.map((p) => [p.name, exampleOf(doc, p)]))] : [];
      const successStatus = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s)).sort()[0];
      const content = Object.values<any>(deref(doc, op.responses[successStatus])?.content ?? {})[0];
      const answers = content ? [...(content.example !== undefined ? [content.example] : []), ...Object.values<any>(content.examples ?? {}).map((e) => deref(doc, e)?.value)] : [];
      const paginated = parameters.some((p) => p.in === 'query' && p.name === 'cursor');
      const lastPage = answers.find((a) => (a as { hasMore?: unknown })?.hasMore === false);
      operations.push({
        operationId: op.operationId,
        mode: String(op['x-expys-mode']),
        method: method.toUpperCase(),
        template,
        args: [...pathArgs, ...slot],
        successStatus: Number(successStatus),
        first: answers[0],
        ...(paginated ? { lastPage } : {}),
        paginated,
      });
    }
  }
  return operations;
}

const matcher = (template: string) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^{}]+\}/g, '([^/]+)')}$`);

/**
 * The answer to a request: the operation whose method and path template match, its first example,
 * or its last page when a cursor is sent. A request no operation matches is a 599 the test sees.
 */
export function exampleServer(operations: ExampleOperation[]): (request: RecordedRequest) => Reply {
  // Literal paths before templates (as the gateway routes): /v1/stamps/history is not /v1/stamps/{stampCardId}.
  const placeholders = (t: string) => (t.match(/\{/g) ?? []).length;
  const routes = [...operations].sort((a, b) => placeholders(a.template) - placeholders(b.template)).map((op) => ({ op, pattern: matcher(op.template) }));
  return (request) => {
    const route = routes.find(({ op, pattern }) => op.method === request.method && pattern.test(request.pathname));
    if (!route) return { status: 599, body: `no operation for ${request.method} ${request.pathname}` };
    const { op } = route;
    if (op.successStatus === 204) return { status: 204 };
    const answer = op.paginated && request.query.has('cursor') ? op.lastPage : op.first;
    return { status: op.successStatus, json: answer };
  };
}
