// Request validation as the mock's gateway does it (apps/mock/src/gateway/validation.ts), ported:
// the gateway's module graph loads Fastify and Node built-ins, and these handlers also run in
// browsers. Same library (Ajv, JSON Schema 2020-12 with ajv-formats), same options, same
// coercion of parameters and same error mapping, on the schemas the generator copied from the
// audience bundle. test/validation-parity.test.ts compares every result with the gateway's.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { AudienceTable, OperationSpec, ParameterSpec } from './table.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOC_ID = 'https://msw-handlers.expys.local/openapi.json';
/** The spec's ValidationProblem holds at most this many errors. */
const MAX_ERRORS = 100;

/** One failing field, as the spec's ValidationErrorDetail: a JSON pointer and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

export interface RequestParts {
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Headers;
  /** Parsed JSON, or undefined when the request has no body. */
  body: unknown;
}

interface CompiledOperation {
  parameters: { spec: ParameterSpec; schema: Record<string, any>; validate: ValidateFunction }[];
  body?: { required: boolean; validate: ValidateFunction };
}

const LOCATION = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' } as const;

/** Points the document's local `$ref`s at the document registered in Ajv. */
function anchorRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? DOC_ID + v : anchorRefs(v)]),
  );
}

/** Follows local `$ref`s within the schema document (for the type a parameter is read as). */
function deref(doc: Record<string, unknown>, node: any): any {
  if (typeof node?.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
  const target = node.$ref
    .slice(2)
    .split('/')
    .map((segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((value: any, segment: string) => value?.[segment], doc);
  return deref(doc, target);
}

const pointerToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

export class RequestValidator {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  readonly #operations = new Map<string, CompiledOperation>();
  readonly #doc: Record<string, unknown>;

  constructor(table: Pick<AudienceTable<string>, 'schemaDocument'>) {
    this.#doc = table.schemaDocument;
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...(anchorRefs(table.schemaDocument) as object), $id: DOC_ID });
  }

  /** Compiles every operation now (the generator does, so a schema Ajv cannot compile fails the build). */
  prepare(operations: readonly OperationSpec<string>[]): void {
    for (const op of operations) this.#operation(op);
  }

  validate(op: OperationSpec<string>, parts: RequestParts): FieldError[] {
    const operation = this.#operation(op);
    const errors: FieldError[] = [];
    for (const parameter of operation.parameters) errors.push(...checkParameter(parameter, parts));
    if (operation.body) {
      if (parts.body === undefined) {
        if (operation.body.required) errors.push({ path: '/body', message: 'a JSON body is required' });
      } else if (!operation.body.validate(parts.body)) {
        errors.push(...(operation.body.validate.errors ?? []).map((e) => fieldError('/body', e)));
      }
    }
    return dedupe(errors).slice(0, MAX_ERRORS);
  }

  // Compiled on first use: a test file that calls two operations compiles two, not all of them.
  #operation(op: OperationSpec<string>): CompiledOperation {
    const key = `${op.method} ${op.path}`;
    let compiled = this.#operations.get(key);
    if (compiled) return compiled;
    compiled = {
      parameters: op.parameters.map((spec) => ({
        spec,
        schema: deref(this.#doc, spec.schema) ?? {},
        validate: this.#ajv.compile(anchorRefs(spec.schema) as object),
      })),
      body: op.body ? { required: op.body.required, validate: this.#ajv.compile(anchorRefs(op.body.schema) as object) } : undefined,
    };
    this.#operations.set(key, compiled);
    return compiled;
  }
}

function checkParameter({ spec, schema, validate }: CompiledOperation['parameters'][number], parts: RequestParts): FieldError[] {
  const at = `/${LOCATION[spec.in]}/${pointerToken(spec.name)}`;
  const raw = rawValue(spec, parts);
  if (raw === undefined) return spec.required ? [{ path: at, message: 'is required' }] : [];
  if (Array.isArray(raw) && schema.type !== 'array') return [{ path: at, message: 'must be given once' }];
  if (raw === '') return [{ path: at, message: 'must not be empty: omit the parameter instead' }];
  const value = coerce(raw, schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => fieldError(at, e));
}

function rawValue(spec: ParameterSpec, parts: RequestParts): string | string[] | undefined {
  switch (spec.in) {
    case 'path':
      return parts.pathParams[spec.name];
    case 'query':
      return parts.query[spec.name];
    case 'header':
      // Headers joins a repeated header with ", ", as Node does for the gateway.
      return parts.headers.get(spec.name) ?? undefined;
    default:
      return undefined;
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
