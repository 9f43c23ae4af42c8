// Reads operations, example requests and response schemas out of the bundle, so the tests cover
// whatever the spec holds instead of a hand-written list.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { deref, HTTP_METHODS, type OpenApiDocument } from '@expys/gateway';

export interface Operation {
  id: string;
  method: string;
  template: string;
  mode: 'member' | 'server';
  scopes: string[];
  /** The application's own operations: HTTP Basic (the spec's `appCredentials` scheme). */
  application: boolean;
  /** The scopes the operation's `apiKey` requirement names (what an API key needs). */
  apiKeyScopes?: string[];
  operation: Record<string, any>;
  hasBody: boolean;
}

/** Every served operation (`paths`; `webhooks` are sent by Expys, not served). */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const found: Operation[] = [];
  for (const [template, pathItem] of Object.entries<any>(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      found.push({
        id: operation.operationId,
        method: method.toUpperCase(),
        template,
        mode: operation['x-expys-mode'],
        scopes: (operation.security ?? []).flatMap((r: Record<string, string[]>) => Object.values(r).flat()),
        application: (operation.security ?? []).some((r: Record<string, string[]>) => 'appCredentials' in r),
        apiKeyScopes: (operation.security ?? []).find((r: Record<string, string[]>) => 'apiKey' in r)?.apiKey,
        operation: { ...operation, parameters: [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])] },
        hasBody: Boolean(operation.requestBody),
      });
    }
  }
  return found;
}

export interface ExampleRequest {
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

function exampleOf(doc: OpenApiDocument, node: any, what: string): unknown {
  const schema = deref(doc, node.schema ?? {});
  const named = node.examples ? deref(doc, Object.values<any>(node.examples)[0])?.value : undefined;
  const value = node.example ?? named ?? schema.example ?? schema.examples?.[0] ?? schema.default ?? schema.enum?.[0];
  if (value === undefined) throw new Error(`the spec gives no example for ${what}`);
  return value;
}

/** A request built from the spec's own examples: path parameters, required query, headers, body. */
export function exampleRequest(doc: OpenApiDocument, op: Operation): ExampleRequest {
  const parameters = op.operation.parameters.map((p: any) => deref(doc, p));
  const param = (name: string) => parameters.find((p: any) => p.in === 'path' && p.name === name);
  const path = op.template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(exampleOf(doc, param(name), `${op.id} path.${name}`))),
  );
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of parameters) {
    if (p.in === 'query' && p.required) query.set(p.name, String(exampleOf(doc, p, `${op.id} query.${p.name}`)));
    if (p.in === 'header') headers[p.name] = String(exampleOf(doc, p, `${op.id} header ${p.name}`));
  }
  let body: unknown;
  if (op.hasBody) {
    const media = deref(doc, op.operation.requestBody).content['application/json'];
    body = exampleOf(doc, media, `${op.id} request body`);
    headers['content-type'] = 'application/json';
  }
  return { path: query.size > 0 ? `${path}?${query}` : path, headers, body };
}

/** The response the operation documents for `status`, with local `$ref`s followed. */
export function documentedResponse(doc: OpenApiDocument, op: Operation, status: number): any {
  return deref(doc, op.operation.responses[String(status)]);
}

export function successStatuses(op: Operation): number[] {
  return Object.keys(op.operation.responses).map(Number).filter((s) => s >= 200 && s < 300);
}

const BASE = 'https://expys.test/bundle.json';

/** ajv 2020 validators against the bundle's components; compiled once per schema. */
export function schemaValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS; its plugin is also exposed as `.default`, which works under every interop.
  addFormatsModule.default(ajv);
  ajv.addSchema({ $id: BASE, components: doc.components });
  const cache = new Map<string, ValidateFunction>();
  const absolute = (node: unknown): unknown =>
    JSON.parse(JSON.stringify(node), (key, value) => (key === '$ref' && String(value).startsWith('#/') ? `${BASE}${value}` : value));

  return (schema: unknown, data: unknown): string[] => {
    const key = JSON.stringify(schema);
    const validate = cache.get(key) ?? ajv.compile(absolute(schema) as object);
    cache.set(key, validate);
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}
