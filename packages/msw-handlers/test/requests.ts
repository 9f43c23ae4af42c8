// Requests for the parity tests, derived from an audience bundle: a valid one per operation (the
// spec's own parameter and body examples) and, per operation, bad ones built from each parameter's
// and body field's schema (too long, wrong type, outside an enum, empty, repeated, missing), bodies
// that are not JSON or not JSON media types, and paths that cannot be decoded.
import { bundle } from './support.js';

type Doc = Record<string, any>;
type Schema = Record<string, any>;

export interface Call {
  operationId: string;
  /** What is wrong with it ("valid" for the good one). */
  label: string;
  method: string;
  /** Path and query, without the base URL. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
  example: string;
}

interface Operation {
  operationId: string;
  method: string;
  template: string;
  parameters: Parameter[];
  body?: { required: boolean; schema: Schema; example: unknown };
}

const deref = (doc: Doc, node: any): any =>
  typeof node?.$ref === 'string' ? deref(doc, node.$ref.slice(2).split('/').reduce((v: any, k: string) => v?.[k], doc)) : node;

const exampleOf = (doc: Doc, node: any) => {
  const schema = deref(doc, node?.schema);
  return node?.example ?? Object.values<any>(node?.examples ?? {}).map((e) => deref(doc, e)?.value)[0] ?? schema?.example ?? schema?.examples?.[0];
};

export function operationsOf(audience: 'member' | 'server'): Operation[] {
  const doc = bundle(audience);
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!op?.operationId) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map((p) => deref(doc, p))
        .map((p) => ({ name: p.name, in: p.in, required: p.required === true, schema: deref(doc, p.schema), example: String(exampleOf(doc, p)) }));
      const requestBody = deref(doc, op.requestBody);
      const content = requestBody?.content?.['application/json'];
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        template,
        parameters,
        ...(content ? { body: { required: requestBody.required === true, schema: resolveDeep(doc, content.schema), example: exampleOf(doc, content) } } : {}),
      });
    }
  }
  return operations;
}

/** The schema with `$ref`s replaced by their targets (request schemas have no cycles). */
function resolveDeep(doc: Doc, node: any): any {
  if (Array.isArray(node)) return node.map((item) => resolveDeep(doc, item));
  if (!node || typeof node !== 'object') return node;
  const target = deref(doc, node);
  return Object.fromEntries(Object.entries(target).map(([k, v]) => [k, resolveDeep(doc, v)]));
}

interface Parts {
  path?: Record<string, string>;
  /** A value, a list (repeated), or null (left out). */
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string | null>;
  body?: string | Uint8Array<ArrayBuffer> | null;
  contentType?: string | null;
}

/** The operation's valid request with `parts` changed. */
export function callOf(op: Operation, label: string, parts: Parts = {}): Call {
  let path = op.template;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in === 'path') path = path.replace(`{${p.name}}`, parts.path?.[p.name] ?? encodeURIComponent(p.example));
    else if (p.in === 'query') {
      const value = parts.query && p.name in parts.query ? parts.query[p.name] : p.required ? p.example : null;
      for (const v of value === null ? [] : Array.isArray(value) ? value : [value]) query.append(p.name, v);
    } else if (p.in === 'header') {
      const value = parts.headers && p.name in parts.headers ? parts.headers[p.name] : p.required ? p.example : null;
      if (value !== null) headers[p.name.toLowerCase()] = value;
    }
  }
  const body = parts.body === undefined ? (op.body ? JSON.stringify(op.body.example) : undefined) : (parts.body ?? undefined);
  const contentType = parts.contentType === undefined ? (body !== undefined ? 'application/json' : null) : parts.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  return { operationId: op.operationId, label, method: op.method, path: query.size ? `${path}?${query}` : path, headers, ...(body !== undefined ? { body } : {}) };
}

/** Values the schema refuses, as parameter text: each one is refused whatever the others are. */
function invalidTexts(schema: Schema): [string, string][] {
  const values: [string, string][] = [['empty', '']];
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('integer') || types.includes('number')) {
    values.push(['not a number', 'abc']);
    if (types.includes('integer')) values.push(['a fraction', '1.5']);
    if (schema.minimum !== undefined) values.push(['below the minimum', String(schema.minimum - 1)]);
    if (schema.maximum !== undefined) values.push(['above the maximum', String(schema.maximum + 1)]);
  }
  if (types.includes('string')) {
    if (schema.enum) values.push(['outside the enum', 'zz_not_listed']);
    if (schema.maxLength !== undefined) values.push(['too long', 'a'.repeat(schema.maxLength + 1)]);
    if (schema.minLength !== undefined && schema.minLength > 1) values.push(['too short', 'a']);
    if (schema.pattern) values.push(['against the pattern', '~'.repeat(Math.max(schema.minLength ?? 1, 1))]);
    if (schema.format === 'date') values.push(['not a date', '2026-13-45']);
  }
  return values;
}

/** JSON values of the wrong kind for a body field. */
function invalidValues(schema: Schema): [string, unknown][] {
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const values: [string, unknown][] = [];
  if (types.includes('string')) {
    values.push(['a number for a string', 12345]);
    if (schema.enum) values.push(['outside the enum', 'zz_not_listed']);
    if (schema.maxLength !== undefined) values.push(['too long', 'a'.repeat(schema.maxLength + 1)]);
    if (schema.format === 'uri') values.push(['not a URI', 'not a uri']);
  }
  if (types.includes('integer') || types.includes('number')) {
    values.push(['a string for a number', '12']);
    if (schema.maximum !== undefined) values.push(['above the maximum', schema.maximum + 1]);
  }
  if (types.includes('array')) values.push(['a string for an array', 'x'], ['an empty array', []]);
  if (types.includes('object')) values.push(['a string for an object', 'x']);
  return values;
}

/** Bad requests for one operation: each breaks one thing of the valid request. */
export function badCallsOf(op: Operation): Call[] {
  const calls: Call[] = [];
  for (const p of op.parameters) {
    const where = { path: 'path', query: 'query', header: 'headers' }[p.in];
    for (const [what, text] of invalidTexts(p.schema)) {
      if (p.in === 'path') calls.push(callOf(op, `${where}.${p.name} ${what}`, { path: { [p.name]: encodeURIComponent(text) } }));
      if (p.in === 'query') calls.push(callOf(op, `${where}.${p.name} ${what}`, { query: { [p.name]: text } }));
      if (p.in === 'header') calls.push(callOf(op, `${where}.${p.name} ${what}`, { headers: { [p.name]: text } }));
    }
    if (p.in === 'path') {
      calls.push(callOf(op, `${where}.${p.name} a bad percent-escape`, { path: { [p.name]: '%E0%A4%A' } }));
      calls.push(callOf(op, `${where}.${p.name} an encoded slash`, { path: { [p.name]: 'a%2Fb' } }));
    }
    if (p.in === 'query') calls.push(callOf(op, `${where}.${p.name} repeated`, { query: { [p.name]: [p.example, p.example] } }));
    if (p.in === 'query' && p.required) calls.push(callOf(op, `${where}.${p.name} missing`, { query: { [p.name]: null } }));
  }
  if (op.body) {
    const example = op.body.example as Record<string, unknown>;
    if (op.body.required) calls.push(callOf(op, 'body missing', { body: null }));
    calls.push(callOf(op, 'body not JSON', { body: '{"offerId": ' }));
    calls.push(callOf(op, 'body an array', { body: '[]' }));
    // An empty object is a bad body only where a field is required (rotateAppSecret's and revokeApiKey's are all optional).
    if ((op.body.schema.required ?? []).length > 0) calls.push(callOf(op, 'body empty object', { body: '{}' }));
    calls.push(callOf(op, 'body with an unknown field', { body: JSON.stringify({ ...example, zzUnknown: 1 }) }));
    for (const [field, schema] of Object.entries<Schema>(op.body.schema.properties ?? {})) {
      for (const [what, value] of invalidValues(schema)) calls.push(callOf(op, `body.${field} ${what}`, { body: JSON.stringify({ ...example, [field]: value }) }));
    }
    calls.push(callOf(op, 'body as text/plain', { contentType: 'text/plain' }));
    calls.push(callOf(op, 'body without a Content-Type', { contentType: null, body: new TextEncoder().encode(JSON.stringify(example)) }));
    calls.push(callOf(op, 'an unparsable Content-Type', { contentType: 'nonsense' }));
    calls.push(callOf(op, 'an unsupported charset', { contentType: 'application/json; charset=latin1' }));
    calls.push(callOf(op, 'UTF-8 bytes declared UTF-16BE', { contentType: 'application/json; charset=utf-16be', body: new TextEncoder().encode('{"a":"\u00e9\u00e9"}x') }));
    calls.push(callOf(op, 'a body over 1 MiB', { body: JSON.stringify({ ...example, zzPadding: 'a'.repeat(1024 * 1024) }) }));
  } else if (op.method !== 'GET') {
    calls.push(callOf(op, 'a body on an operation that takes none', { body: '{}', contentType: 'application/json' }));
  }
  return calls;
}

/** Good requests that exercise the body reader's other paths (a +json media type, UTF-16). */
export function goodBodyCallsOf(op: Operation): Call[] {
  if (!op.body) return [];
  const text = JSON.stringify(op.body.example);
  const utf16 = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    utf16[i * 2] = text.charCodeAt(i) & 0xff; // little-endian: low byte first
    utf16[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return [
    callOf(op, 'a +json media type', { contentType: 'application/vnd.expys+json' }),
    callOf(op, 'a UTF-16LE body', { contentType: 'application/json; charset=UTF-16LE', body: utf16 }),
    callOf(op, 'quoted charset and other parameters', { contentType: 'Application/JSON ; foo=bar; charset="utf-8"' }),
  ];
}
