// The contract checker: validates a request or a response against what the spec documents for
// that operation, with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1). A violation names
// the operation, the status and the JSON path, so a failing test says exactly what broke.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { deref, documentedResponse, type OpenApiDocument, type Operation, type Schema } from './spec.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOC_ID = 'https://contract.expys.local/openapi.json';

export interface Violation {
  operationId: string;
  status?: number;
  /** `response body`, `request body`, `query`, `status`, `content-type`. */
  where: string;
  /** JSON path inside the body (`/currency/symbol`), empty for the whole value. */
  path: string;
  message: string;
}

export function formatViolation(v: Violation): string {
  const status = v.status === undefined ? '' : ` ${v.status}`;
  return `${v.operationId}${status} ${v.where} ${v.path || '/'}: ${v.message}`;
}

/** Points the bundle's local `$ref`s at the bundle registered in Ajv. */
function anchorRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? DOC_ID + v : anchorRefs(v)]),
  );
}

export class ContractChecker {
  readonly #ajv: Ajv2020;
  readonly #compiled = new WeakMap<object, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument) {
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...(anchorRefs(doc) as object), $id: DOC_ID });
  }

  #validate(schema: Schema, value: unknown): ErrorObject[] {
    let validate = this.#compiled.get(schema);
    if (!validate) {
      validate = this.#ajv.compile(anchorRefs(schema) as Schema);
      this.#compiled.set(schema, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []);
  }

  checkResponse(op: Operation, status: number, contentType: string | null, body: unknown): Violation[] {
    const base = { operationId: op.operationId, status };
    const documented = documentedResponse(this.doc, op, status);
    if (!documented) return [{ ...base, where: 'status', path: '', message: `status ${status} is not documented (documented: ${op.statuses.join(', ')})` }];
    const content = documented.response.content as Record<string, any> | undefined;
    if (!content) {
      return body === undefined || body === '' ? [] : [{ ...base, where: 'response body', path: '', message: 'the spec documents no body for this status' }];
    }
    const mediaType = (contentType ?? '').split(';')[0].trim();
    const media = content[mediaType];
    if (!media) {
      return [{ ...base, where: 'content-type', path: '', message: `${mediaType || 'no content-type'} is not documented (expected ${Object.keys(content).join(', ')})` }];
    }
    const schema = deref(this.doc, media.schema);
    return this.#validate(schema, body).map((e) => ({ ...base, where: 'response body', path: e.instancePath, message: describe(e) }));
  }

  checkRequestBody(op: Operation, body: unknown): Violation[] {
    if (!op.requestBody) return [];
    return this.#validate(op.requestBody.schema, body).map((e) => ({
      operationId: op.operationId,
      where: 'request body',
      path: e.instancePath,
      message: describe(e),
    }));
  }

  /** Whether `value` is valid for a schema of the bundle (used to keep fuzzed inputs invalid). */
  isValid(schema: Schema, value: unknown): boolean {
    return this.#validate(schema, value).length === 0;
  }
}

function describe(error: ErrorObject): string {
  const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
  return `${error.message ?? error.keyword}${extra}`;
}
