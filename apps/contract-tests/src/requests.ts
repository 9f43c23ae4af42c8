// Valid arguments for an operation, taken from the spec's own examples: what a client call or
// a raw HTTP request sends when the test wants the documented success.
import { exampleOf, type OpenApiDocument, type Operation } from './spec.js';

export interface ExampleRequest {
  /** Path parameter values, in path-template order (the clients take them positionally). */
  pathValues: string[];
  query: Record<string, unknown> | undefined;
  body: unknown;
  /** The concrete URL path, e.g. `/v1/offers/off_7Hq2LmN4pX9rT1vB`. */
  urlPath: string;
}

export function exampleRequest(doc: OpenApiDocument, op: Operation): ExampleRequest {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathValues = names.map((name) => {
    const parameter = op.parameters.find((p) => p.in === 'path' && p.name === name);
    const value = exampleOf(doc, parameter);
    if (value === undefined) throw new Error(`${op.operationId}: path parameter ${name} has no example`);
    return String(value);
  });
  const required = op.parameters.filter((p) => p.in === 'query' && p.required);
  const query = required.length
    ? Object.fromEntries(required.map((p) => [p.name, exampleOf(doc, p)]))
    : undefined;
  const urlPath = names.reduce((path, name, i) => path.replace(`{${name}}`, encodeURIComponent(pathValues[i])), op.path);
  return { pathValues, query, body: op.requestBody?.example, urlPath };
}

/** The arguments of the generated client method: path values, then body or query. */
export function clientArguments(op: Operation, request: ExampleRequest): unknown[] {
  const args: unknown[] = [...request.pathValues];
  if (op.requestBody) args.push(request.body);
  else if (request.query) args.push(request.query);
  else if (op.parameters.some((p) => p.in === 'query')) args.push(undefined);
  return args;
}

/** The URL (path and query string) of a raw request. */
export function requestUrl(base: string, request: ExampleRequest): string {
  const url = new URL(request.urlPath, base);
  for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, String(v));
  return url.toString();
}
