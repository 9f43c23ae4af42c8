// Request validation from the spec's own schemas (JSON Schema 2020-12, OpenAPI 3.1's dialect):
// path, query and header parameters and the JSON body, with no check written per route. Each
// failure names its field as a JSON pointer (`/body/amount`, `/query/limit`,
// `/headers/Idempotency-Key`), and an empty value is an error, never "absent".
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { deref, type OpenApiDocument, type Route } from './routes.js';
import type { HeaderBag } from './types.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOC_ID = 'https://gateway.expys.local/openapi.json';
/** The spec's ValidationProblem holds at most this many errors. */
const MAX_ERRORS = 100;

export interface FieldError {
  path: string;
  message: string;
}

export interface RequestParts {
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Lower-case names, as Node and the Fetch API give them. */
  headers: HeaderBag;
  /** Parsed JSON, or undefined when the request has no body. */
  body: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Record<string, any>;
  validate: ValidateFunction;
}

interface OperationValidator {
  parameters: Parameter[];
  body?: { required: boolean; validate: ValidateFunction };
}

const LOCATION = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' } as const;

/** Points the bundle's local `$ref`s at the bundle registered in Ajv. */
function anchorRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? DOC_ID + v : anchorRefs(v)]),
  );
}

const pointerToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

export class RequestValidator {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  readonly #operations = new Map<string, OperationValidator>();

  constructor(private readonly doc: OpenApiDocument) {
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...(anchorRefs(doc) as object), $id: DOC_ID });
  }

  /** Compiles every route up front, so a schema Ajv cannot compile fails at start-up, not per request. */
  prepare(routes: readonly Route[]): void {
    for (const route of routes) this.#operation(route);
  }

  validate(route: Route, parts: RequestParts): FieldError[] {
    const operation = this.#operation(route);
    const errors: FieldError[] = [];
    for (const parameter of operation.parameters) errors.push(...this.#checkParameter(parameter, parts));
    if (operation.body) {
      if (parts.body === undefined) {
        if (operation.body.required) errors.push({ path: '/body', message: 'a JSON body is required' });
      } else if (!operation.body.validate(parts.body)) {
        errors.push(...(operation.body.validate.errors ?? []).map((e) => fieldError('/body', e)));
      }
    }
    return dedupe(errors).slice(0, MAX_ERRORS);
  }

  #checkParameter(parameter: Parameter, parts: RequestParts): FieldError[] {
    const at = `/${LOCATION[parameter.in]}/${pointerToken(parameter.name)}`;
    const raw = this.#raw(parameter, parts);
    if (raw === undefined) return parameter.required ? [{ path: at, message: 'is required' }] : [];
    if (Array.isArray(raw) && parameter.schema.type !== 'array') return [{ path: at, message: 'must be given once' }];
    if (raw === '') return [{ path: at, message: 'must not be empty: omit the parameter instead' }];
    const value = coerce(raw, parameter.schema);
    if (parameter.validate(value)) return [];
    return (parameter.validate.errors ?? []).map((e) => fieldError(at, e));
  }

  #raw(parameter: Parameter, parts: RequestParts): string | string[] | undefined {
    switch (parameter.in) {
      case 'path':
        return parts.pathParams[parameter.name];
      case 'query':
        return parts.query[parameter.name];
      case 'header':
        return parts.headers[parameter.name.toLowerCase()];
      default:
        return undefined;
    }
  }

  #operation(route: Route): OperationValidator {
    const key = `${route.method} ${route.template}`;
    let compiled = this.#operations.get(key);
    if (compiled) return compiled;
    const pathItem = this.doc.paths[route.template];
    const operation = pathItem[route.method];
    // Operation parameters override path-item parameters of the same name and location.
    const byKey = new Map<string, any>();
    for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: unknown) => deref(this.doc, p))) {
      byKey.set(`${p.in}:${p.name}`, p);
    }
    const parameters = [...byKey.values()].map((p) => {
      const schema = deref(this.doc, p.schema) ?? {};
      return { name: p.name, in: p.in, required: p.required === true, schema, validate: this.#ajv.compile(anchorRefs(p.schema ?? {}) as object) };
    });
    const requestBody = deref(this.doc, operation.requestBody);
    const media = requestBody?.content?.['application/json'];
    compiled = {
      parameters,
      body: media?.schema ? { required: requestBody.required === true, validate: this.#ajv.compile(anchorRefs(media.schema) as object) } : undefined,
    };
    this.#operations.set(key, compiled);
    return compiled;
  }
}

/** Parameters arrive as text: read them as the type the schema asks for, so `limit=20` is 20. */
function coerce(raw: string | string[], schema: Record<string, any>): unknown {
  if (Array.isArray(raw)) return raw.map((item) => coerce(item, schema.items ?? {}));
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return Number(raw);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function fieldError(base: string, error: ErrorObject): FieldError {
  let path = base + error.instancePath;
  let message = error.message ?? 'is invalid';
  const params = error.params as Record<string, any>;
  if (error.keyword === 'required') {
    path += `/${pointerToken(params.missingProperty)}`;
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    path += `/${pointerToken(params.additionalProperty)}`;
    message = 'is not a field of this request';
  } else if (error.keyword === 'enum') {
    message = `must be one of ${params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
  }
  return { path, message };
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path} ${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
