// MSW 2 handlers for one audience table: the credential check first (as the mock's gateway), then
// the documented answer the mock would serve, changed by options.overrides or a `Prefer` header.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { checkAccess, readCredential, type Environment } from './access.js';
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
  /** Where the client under test sends requests (default: the spec's sandbox URL). */
  baseUrl?: string;
  /** Per operation: what to answer instead of the default example. */
  overrides?: Partial<Record<Id, Override>>;
}

export function createHandlers<Id extends string>(table: AudienceTable<Id>, options: HandlerOptions<Id> = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? table.sandboxUrl).replace(/\/+$/, '');
  // The production URL stands in for production; any other URL is a sandbox, as the mock is.
  const environment: Environment = baseUrl === table.productionUrl ? 'production' : 'sandbox';
  const overrides: Partial<Record<string, Override>> = options.overrides ?? {};
  const known = new Set<string>(table.operations.map((op) => op.operationId));
  for (const [operationId, override] of Object.entries(overrides)) {
    if (!known.has(operationId)) throw new Error(`overrides.${operationId}: no ${table.audience} operation has this operationId`);
    const op = table.operations.find((o) => o.operationId === operationId)!;
    if (override?.body === undefined) pickAnswer(op, override ?? {}); // throws for an undocumented status or example
  }

  return table.operations.map((op) =>
    http[op.method](`${baseUrl}${op.path.replace(/\{([^}]+)\}/g, ':$1')}`, ({ request }) => {
      const credential = readCredential(request.headers.get('authorization'), table.credentials);
      const denial = checkAccess(op, credential, table.credentials, environment);
      if (denial) return problemResponse(table, op, denial.code, denial.detail);

      const url = new URL(request.url);
      // A next-page request gets the list's last page: static examples never advance a cursor.
      const nextPage = op.lastPageExample && url.searchParams.has('cursor') ? { example: op.lastPageExample } : {};
      const choice: Override = { ...nextPage, ...overrides[op.operationId], ...prefer(request.headers.get('prefer')) };
      try {
        return answer(op, choice);
      } catch (error) {
        return problemResponse(table, op, 'internal_error', `Prefer asked for what ${op.operationId} does not document: ${(error as Error).message}`);
      }
    }),
  );
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

function problemResponse(table: AudienceTable<string>, op: OperationSpec<string>, code: string, detail?: string): Response {
  const documented = table.problems[code];
  if (!documented) throw new Error(`The ${table.audience} bundle documents no problem example for ${code}`);
  const problem = { ...documented, detail: detail ?? documented.detail, requestId: newRequestId() };
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
