// MSW 2 handlers for one audience table: the boundary of @expys/gateway, the one the mock and
// the sandbox run, decides first (the credential: 401/403; the body's framing: 400/415/413; the
// request against the spec's schemas: 422), and only then the documented answer the mock would
// serve, changed by options.overrides or a `Prefer` header. This file is the MSW host: it hands
// the boundary a request and turns answers into Responses; nothing of the boundary is copied here.
import { Boundary, BODY_LIMIT_BYTES, catalogOf, headersOf, knownCredentials, toResponse, type AccessContext, type Answer, type RequestState } from '@expys/gateway';
import { http, type HttpHandler } from 'msw';
import type { AnswerSpec, AudienceTable, OperationSpec } from './table.js';

/** What to answer instead of the default for one operation (every field optional). */
export interface Override {
  /** A documented status, e.g. 404: its first example is served. */
  status?: number;
  /** A named example of that status (the spec's example names, as `Prefer: example=`). */
  example?: string;
  /** Your own JSON body (any status allowed then; not checked against the spec). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HandlerOptions<Id extends string> {
  /**
   * Where the code under test sends requests (default: the spec's sandbox URL). A path prefix is
   * kept (`http://localhost:3000/api`); a relative URL (`/api`) resolves against the page's location.
   */
  baseUrl?: string;
  /** Per operation: what to answer instead of the default example. Requests are still validated first. */
  overrides?: Partial<Record<Id, Override>>;
}

/**
 * The table as the OpenAPI document the boundary reads: each operation with its mode, security,
 * parameters and body schema, the schemas they reference and the audience's security schemes
 * (the member table has only the member token's, so the member entry names no server scheme).
 */
function documentOf(table: AudienceTable<string>): Record<string, any> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of table.operations) {
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      'x-expys-mode': op.mode,
      security: op.security,
      parameters: op.parameters,
      ...(op.acceptsBody ? { requestBody: { required: op.body?.required === true, content: op.body ? { 'application/json': { schema: op.body.schema } } : {} } } : {}),
      responses: {},
    };
  }
  const schemaDocument = table.schemaDocument as { components?: Record<string, unknown> };
  return { ...schemaDocument, components: { ...schemaDocument.components, securitySchemes: table.securitySchemes }, paths };
}

// One boundary per table and environment, shared by every createHandlers call (server.use in each
// test compiles nothing new). No rate limit: answers carry the spec's example RateLimit-* headers, the same in every test.
const boundaries = new WeakMap<AudienceTable<string>, Map<string, Boundary>>();
function boundaryOf(table: AudienceTable<string>, access: AccessContext): Boundary {
  let byEnvironment = boundaries.get(table);
  if (!byEnvironment) boundaries.set(table, (byEnvironment = new Map()));
  let boundary = byEnvironment.get(access.environment!);
  if (!boundary) {
    boundary = new Boundary({ doc: documentOf(table), problems: catalogOf(table.problems), authenticate: knownCredentials(table.credentials), access, bodyBytes: BODY_LIMIT_BYTES, rateLimit: false });
    byEnvironment.set(access.environment!, boundary);
  }
  return boundary;
}

export function createHandlers<Id extends string>(table: AudienceTable<Id>, options: HandlerOptions<Id> = {}): HttpHandler[] {
  const base = apiBase(options.baseUrl ?? table.sandboxUrl);
  // The production URL stands in for production; any other URL is a sandbox, as the mock is.
  const access: AccessContext = {
    environment: base.prefix === apiBase(table.productionUrl).prefix ? 'production' : 'sandbox',
    productionUrl: table.productionUrl,
  };
  const overrides: Partial<Record<string, Override>> = options.overrides ?? {};
  const known = new Set<string>(table.operations.map((op) => op.operationId));
  for (const [operationId, override] of Object.entries(overrides)) {
    if (!known.has(operationId)) throw new Error(`overrides.${operationId}: no ${table.audience} operation has this operationId`);
    const op = table.operations.find((o) => o.operationId === operationId)!;
    if (override?.body === undefined) pickAnswer(op, override ?? {}); // throws for an undocumented status or example
  }
  const boundary = boundaryOf(table, access);

  // A RegExp on the raw path, like the gateway's route patterns: a `{param}` matches any segment,
  // even an empty one, and MSW decodes nothing (a bad escape is the boundary's 400, not an exception).
  return table.operations.map((op) =>
    http[op.method](routePattern(base.prefix, op.path), async ({ request }) => {
      const url = new URL(request.url);
      const bytes = new Uint8Array(await request.arrayBuffer());
      const headers = headersOf(request.headers);
      const head = { method: request.method, url: `${url.pathname.slice(base.pathLength)}${url.search}`, headers, hasBody: bytes.length > 0 };
      const state = boundary.start(head);
      // The mock's router refuses a bad percent-escape before the boundary routes, in its own words.
      if (!decodable(head.url.split('?')[0])) return toResponse(await boundary.unroutable(head, `'${url.pathname}${url.search}' is not a valid url component`, state));
      const decision = await boundary.head(head, state);
      if (decision.kind !== 'continue') return toResponse(decision.kind === 'answer' ? decision.answer : boundary.refuse(state, 'not_found'));
      if (bytes.length > BODY_LIMIT_BYTES) return toResponse(boundary.refuse(state, 'payload_too_large', boundary.tooLarge()));
      const checked = boundary.body(state, bytes.length > 0 ? bytes : undefined, headers);
      if (checked.kind === 'answer') return toResponse(checked.answer);

      // A next-page request gets the list's last page: static examples never advance a cursor.
      const nextPage = op.lastPageExample && url.searchParams.has('cursor') ? { example: op.lastPageExample } : {};
      const choice: Override = { ...nextPage, ...overrides[op.operationId], ...prefer(request.headers.get('prefer')) };
      try {
        return toResponse(answer(boundary, state, op, choice));
      } catch (error) {
        return toResponse(boundary.refuse(state, 'internal_error', `Prefer asked for what ${op.operationId} does not document: ${(error as Error).message}`));
      }
    }),
  );
}

/** Whether every segment of a raw path percent-decodes (the mock's router refuses one that does not). */
function decodable(rawPathname: string): boolean {
  try {
    for (const segment of rawPathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The URL the handlers serve under: origin and path prefix, without a trailing slash. */
function apiBase(baseUrl: string): { prefix: string; pathLength: number } {
  let url: URL;
  try {
    url = new URL(baseUrl, globalThis.location?.href);
  } catch {
    throw new Error(`baseUrl ${JSON.stringify(baseUrl)} is not a URL (a relative one needs a page to resolve against)`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { prefix: url.origin + path, pathLength: path.length };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What MSW matches against: origin + path, query left out. */
function routePattern(prefix: string, template: string): RegExp {
  const path = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]*' : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${escapeRegExp(prefix)}${path}$`);
}

/** `Prefer: code=404, example=NAME`, as the mock (and Prism) read it. */
function prefer(header: string | null): Override {
  const choice: Override = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const [key, value = ''] = part.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (key === 'code' && /^\d{3}$/.test(value)) choice.status = Number(value);
    else if (key === 'example' && value) choice.example = value;
  }
  return choice;
}

/** The status and body to serve; throws for what the operation does not document. */
function pickAnswer(op: OperationSpec<string>, choice: Override): { status: number; spec: AnswerSpec; body: unknown } {
  const status = choice.status ?? op.successStatus;
  const spec = op.answers[String(status)];
  if (!spec) throw new Error(`${op.operationId} documents no ${status} answer (it documents ${Object.keys(op.answers).join(', ')})`);
  const names = Object.keys(spec.examples);
  if (choice.example !== undefined && !names.includes(choice.example)) {
    throw new Error(`${op.operationId} ${status} has no example "${choice.example}" (it has ${names.join(', ') || 'none'})`);
  }
  // By default the mock serves the first example the 2xx names (it asks Prism for it by name); for
  // a status asked for (Prefer: code=…, an override's status) it leaves the choice to Prism, which
  // serves the schema's own example ahead of the named ones.
  const body =
    choice.example !== undefined
      ? spec.examples[choice.example]
      : choice.status === undefined && names.length > 0
        ? spec.examples[names[0]]
        : 'schemaExample' in spec
          ? spec.schemaExample
          : spec.examples[names[0]];
  return { status, spec, body };
}

function answer(boundary: Boundary, state: RequestState, op: OperationSpec<string>, choice: Override): Answer {
  const status = choice.status ?? op.successStatus;
  const { spec, body } = choice.body === undefined ? pickAnswer(op, choice) : { spec: op.answers[String(status)], body: choice.body };
  // The documented header examples (the boundary then sets Request-Id, the rate-limit figures and CORS).
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec?.headers ?? {})) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(choice.headers ?? {})) headers[name.toLowerCase()] = value;
  if (body === undefined || status === 204) return boundary.respond(state, { status, headers });
  headers['content-type'] ??= spec?.contentType ?? 'application/json';
  // An object goes as is, so a documented problem example's `requestId` is also its Request-Id.
  return boundary.respond(state, { status, headers, body: typeof body === 'object' && body !== null ? body : JSON.stringify(body) });
}
