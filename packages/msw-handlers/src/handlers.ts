// MSW 2 handlers for one audience table, in the order the mock's gateway checks a request: the
// credential (401/403), then the body's framing (400/415/413), then the request against the
// spec's schemas (422), and only then the documented answer the mock would serve, changed by
// options.overrides or a `Prefer` header.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { checkAccess, checkIdentity, readCredential, type AccessContext } from './access.js';
import { BODY_LIMIT_BYTES, decodeBody, formatBytes, jsonMediaType } from './body.js';
import type { AnswerSpec, AudienceTable, OperationSpec } from './table.js';
import { RequestValidator, type FieldError } from './validation.js';

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

// One validator per table, shared by every createHandlers call (server.use in each test compiles nothing new).
const validators = new WeakMap<AudienceTable<string>, RequestValidator>();
function validatorOf(table: AudienceTable<string>): RequestValidator {
  let validator = validators.get(table);
  if (!validator) validators.set(table, (validator = new RequestValidator(table)));
  return validator;
}

export function createHandlers<Id extends string>(table: AudienceTable<Id>, options: HandlerOptions<Id> = {}): HttpHandler[] {
  const base = apiBase(options.baseUrl ?? table.sandboxUrl);
  // The production URL stands in for production; any other URL is a sandbox, as the mock is.
  const context: AccessContext = {
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
  const validator = validatorOf(table);

  // A RegExp on the raw path, like the gateway's route patterns: a `{param}` matches any segment,
  // even an empty one, and MSW decodes nothing (a bad escape is the 400 below, not an exception).
  return table.operations.map((op) =>
    http[op.method](routePattern(base.prefix, op.path), async ({ request }) => {
      const problem = (code: string, detail?: string, errors?: FieldError[]) => problemResponse(table, op, code, detail, errors);
      const credential = readCredential(request.headers.get('authorization'));
      const url = new URL(request.url);
      const routed = canonicalPath(url.pathname.slice(base.pathLength), `${url.pathname}${url.search}`);
      if ('refused' in routed) {
        // The mock cannot route such a path: it asks who is calling, and nothing more.
        const unknown = checkIdentity(credential, table.credentials, context);
        if (unknown) return problem(unknown.code, unknown.detail);
        return problem('bad_request', routed.refused);
      }
      const pathname = routed.path;
      const denial = checkAccess(op, credential, table.credentials, context);
      if (denial) return problem(denial.code, denial.detail);

      let body: unknown;
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (bytes.length > 0) {
        if (!op.acceptsBody) {
          return problem('bad_request', `${request.method} ${op.path} takes no request body; send parameters in the path or query. Nothing was done.`);
        }
        const media = jsonMediaType(request.headers.get('content-type'));
        if (!media.ok) return problem('unsupported_media_type', `The body cannot be read: ${media.reason}. Nothing was done.`);
        if (bytes.length > BODY_LIMIT_BYTES) return problem('payload_too_large', `The request body is over the ${formatBytes(BODY_LIMIT_BYTES)} limit. Nothing was done.`);
        try {
          body = JSON.parse(decodeBody(bytes, media.charset));
        } catch (error) {
          return problem('validation_failed', 'The request body is not valid JSON; see errors. Nothing was done.', [
            { path: '/body', message: (error as Error).message.slice(0, 200) },
          ]);
        }
      }
      const errors = validator.validate(op, { pathParams: pathParameters(op.path, pathname), query: queryOf(url.search), headers: request.headers, body });
      if (errors.length > 0) {
        const summary = errors.map((e) => `${e.path} ${e.message}`).join('; ').slice(0, 500);
        return problem('validation_failed', `The request failed validation: ${summary}. Nothing was done.`, errors);
      }

      // A next-page request gets the list's last page: static examples never advance a cursor.
      const nextPage = op.lastPageExample && url.searchParams.has('cursor') ? { example: op.lastPageExample } : {};
      const choice: Override = { ...nextPage, ...overrides[op.operationId], ...prefer(request.headers.get('prefer')) };
      try {
        return answer(op, choice);
      } catch (error) {
        return problem('internal_error', `Prefer asked for what ${op.operationId} does not document: ${(error as Error).message}`);
      }
    }),
  );
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

/**
 * Each segment percent-decoded, as the mock routes; a bad escape, an encoded "/" or a dot segment
 * is refused with the mock's words (its router refuses a bad escape first, naming the target).
 */
function canonicalPath(rawPathname: string, target: string): { path: string } | { refused: string } {
  let segments: string[];
  try {
    segments = rawPathname.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return { refused: `The request cannot be routed ('${target}' is not a valid url component). Nothing was done.` };
  }
  if (segments.some((segment) => segment.includes('/') || segment === '.' || segment === '..')) {
    return { refused: 'The request path cannot be decoded (a bad percent-escape, an encoded "/" or a dot segment). Nothing was done.' };
  }
  return { path: segments.join('/') };
}

/** The path parameters of a canonical path, by the names the template gives them. */
function pathParameters(template: string, pathname: string): Record<string, string> {
  const values = pathname.split('/');
  const params: Record<string, string> = {};
  template.split('/').forEach((segment, i) => {
    const m = /^\{(.+)\}$/.exec(segment);
    if (m) params[m[1]] = values[i] ?? '';
  });
  return params;
}

/** The query string as a record; a repeated name gives an array (the gateway's queryOf). */
function queryOf(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const existing = query[name];
    query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
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
  const body = choice.example !== undefined ? spec.examples[choice.example] : 'schemaExample' in spec ? spec.schemaExample : spec.examples[names[0]];
  return { status, spec, body };
}

function answer(op: OperationSpec<string>, choice: Override): Response {
  const status = choice.status ?? op.successStatus;
  const { spec, body } = choice.body === undefined ? pickAnswer(op, choice) : { spec: op.answers[String(status)], body: choice.body };
  const headers = answerHeaders(spec, body, spec?.contentType ?? 'application/json', choice.headers);
  if (body === undefined || status === 204) return new HttpResponse(null, { status, headers });
  return new HttpResponse(JSON.stringify(body), { status, headers });
}

function problemResponse(table: AudienceTable<string>, op: OperationSpec<string>, code: string, detail?: string, errors?: FieldError[]): Response {
  const documented = table.problems[code];
  if (!documented) throw new Error(`The ${table.audience} bundle documents no problem example for ${code}`);
  const problem = { ...documented, detail: detail ?? documented.detail, requestId: newRequestId(), ...(errors ? { errors } : {}) };
  const headers = answerHeaders(op.answers[String(problem.status)], problem, 'application/problem+json', {
    'cache-control': 'no-store',
    ...(problem.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
  });
  return new HttpResponse(JSON.stringify(problem), { status: problem.status, headers });
}

/** The documented header examples; Request-Id is the body's `requestId` when it has one, else fresh. */
function answerHeaders(spec: AnswerSpec | undefined, body: unknown, contentType: string, extra: Record<string, string> = {}): Headers {
  const headers = new Headers(spec?.headers);
  const bodyId = (body as { requestId?: unknown } | undefined)?.requestId;
  headers.set('request-id', typeof bodyId === 'string' ? bodyId : newRequestId());
  if (body !== undefined) headers.set('content-type', contentType);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `req_` + 16 base62: test data, so Math.random is enough (no Web Crypto needed in jsdom). */
function newRequestId(): string {
  let id = 'req_';
  for (let i = 0; i < 16; i++) id += BASE62[Math.floor(Math.random() * BASE62.length)];
  return id;
}
