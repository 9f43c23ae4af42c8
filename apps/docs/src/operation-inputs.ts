// What a caller has to send for one operation, with the spec's own example values:
// path parameters in path-template order, query and header parameters, the example body.
// The samples are built from this, so they change whenever the spec does.
import type { OpenApiDocument, OperationEntry } from '../../../scripts/bundle/walk.js';
import { deref } from './bundles.js';

export interface ParamValue {
  name: string;
  required: boolean;
  value: unknown;
}

export interface OperationInputs {
  method: string;
  /** The path template (`/v1/offers/{offerId}`); the event name for webhooks. */
  path: string;
  pathParams: ParamValue[];
  queryParams: ParamValue[];
  headerParams: ParamValue[];
  /** The request body example, or undefined when the operation takes no body. */
  body: unknown;
  /** Takes a `cursor`: a list the SDK can also iterate page after page. */
  paginated: boolean;
  /** Every documented success is 204: the SDK call resolves to void. */
  noContent: boolean;
}

export function operationInputs(doc: OpenApiDocument, entry: OperationEntry): OperationInputs {
  const { operation } = entry;
  const pathItem = deref(doc, doc[entry.section]?.[entry.key]) ?? {};
  const params = mergeParameters(doc, pathItem.parameters, operation.parameters);
  const id = operation.operationId;

  const byLocation = (where: string) =>
    params
      .filter((p) => p.in === where)
      .map((p): ParamValue => ({ name: p.name, required: p.required === true, value: exampleOf(doc, p, `${id} parameter ${p.name}`) }));

  // The SDK takes path parameters positionally, in the order they appear in the template.
  const pathParams = byLocation('path');
  const templateOrder = [...entry.key.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const orderedPathParams = templateOrder.map((name) => {
    const param = pathParams.find((p) => p.name === name);
    if (!param) throw new Error(`${id}: path parameter {${name}} is not declared`);
    return param;
  });

  const successCodes = Object.keys(operation.responses ?? {}).filter((code) => code.startsWith('2'));
  return {
    method: entry.method.toUpperCase(),
    path: entry.key,
    pathParams: orderedPathParams,
    queryParams: byLocation('query'),
    headerParams: byLocation('header'),
    body: operation.requestBody ? bodyExample(doc, operation.requestBody, id) : undefined,
    paginated: params.some((p) => p.in === 'query' && p.name === 'cursor'),
    noContent: successCodes.length > 0 && successCodes.every((code) => code === '204'),
  };
}

/** Operation-level parameters override path-item ones with the same name and location. */
function mergeParameters(doc: OpenApiDocument, fromPathItem: unknown[] = [], fromOperation: unknown[] = []): any[] {
  const merged = new Map<string, any>();
  for (const raw of [...fromPathItem, ...fromOperation]) {
    const param = deref(doc, raw);
    merged.set(`${param.in}:${param.name}`, param);
  }
  return [...merged.values()];
}

function exampleOf(doc: OpenApiDocument, node: any, what: string): unknown {
  if (node.example !== undefined) return node.example;
  const named = Object.values<any>(node.examples ?? {})[0];
  if (named !== undefined) return deref(doc, named).value;
  const schema = deref(doc, node.schema ?? {});
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  // A sample with an invented value would teach the wrong thing: make the spec say it.
  throw new Error(`${what} has no example`);
}

function bodyExample(doc: OpenApiDocument, requestBody: unknown, id: string): unknown {
  const content = deref(doc, requestBody).content ?? {};
  const media = content['application/json'] ?? Object.values(content)[0];
  if (!media) throw new Error(`${id}: the request body has no media type`);
  return exampleOf(doc, media, `${id} request body`);
}
