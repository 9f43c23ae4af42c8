// Error bodies the boundary answers with, in the spec's problem+json shape. `type`, `title` and
// `status` come from the examples the bundle documents for each code, so a host cannot drift
// from the spec; only `detail` (what happened here) and a fresh `requestId` are its own.
import { deref, type OpenApiDocument } from './routes.js';

/** The codes the boundary itself can answer with. */
export const BOUNDARY_CODES = [
  'unauthenticated',
  'token_expired',
  'invalid_api_key',
  'api_key_expired',
  'invalid_app_credentials',
  'environment_mismatch',
  'member_token_not_allowed',
  'org_api_key_not_allowed',
  'api_key_not_allowed',
  'app_secret_not_allowed',
  'app_credentials_required',
  'insufficient_scope',
  'validation_failed',
  'not_found',
  'rate_limited',
  'internal_error',
  'bad_request',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'not_acceptable',
] as const;
export type BoundaryCode = (typeof BOUNDARY_CODES)[number];

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: { path: string; message: string }[];
}

export type DocumentedProblem = Omit<Problem, 'requestId' | 'errors'>;

export interface ProblemCatalog {
  documented: Record<BoundaryCode, DocumentedProblem>;
  /** A problem for `code`; `detail` defaults to the documented one. */
  create(code: BoundaryCode, detail?: string, errors?: Problem['errors']): Problem;
  /** A problem for any code the bundle documents (e.g. `insufficient_points`); throws for an undocumented one. */
  createDocumented(code: string, detail?: string, errors?: Problem['errors']): Problem;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Random bytes drawn 4 KiB at a time: one getRandomValues per ~200 request ids instead of one per
// id (a fresh 24-byte draw cost ~9 µs a request in the sandbox's GET profile, most of it the call).
const POOL = new Uint8Array(4096);
let poolAt = POOL.length;

/** `req_` + 16 base62 characters, from Web Crypto (every runtime has `crypto.getRandomValues`). */
export function newRequestId(): string {
  let id = 'req_';
  // 62 × 4 = 248: bytes of 248 and above are drawn again, so every character is equally likely.
  while (id.length < 20) {
    if (poolAt === POOL.length) {
      crypto.getRandomValues(POOL);
      poolAt = 0;
    }
    const byte = POOL[poolAt++];
    if (byte < 248) id += BASE62[byte % 62];
  }
  return id;
}

/**
 * Codes that no operation documents, because no operation answers them: a method the path does
 * not have, an Accept the API cannot satisfy. The spec's ErrorCode enum lists them; their type
 * and title follow the documented ones' pattern.
 */
const GATEWAY_ONLY: Partial<Record<BoundaryCode, DocumentedProblem>> = {
  method_not_allowed: {
    type: 'https://docs.expys.com/errors/method_not_allowed',
    title: 'Method not allowed',
    status: 405,
    detail: 'This path does not have this method; the Allow header lists the methods it has.',
    code: 'method_not_allowed',
  },
  not_acceptable: {
    type: 'https://docs.expys.com/errors/not_acceptable',
    title: 'Not acceptable',
    status: 406,
    detail: 'The Accept header excludes JSON. Accept application/json and application/problem+json.',
    code: 'not_acceptable',
  },
};

/**
 * Indexes the documented problem examples by code. A host that must answer every boundary code
 * (the mock, the sandbox) refuses a bundle that lacks one; an audience's own (the MSW handlers of
 * one audience) passes `complete: false`, and only a code it is asked for must be documented.
 */
export function problemCatalog(doc: OpenApiDocument, { complete = true } = {}): ProblemCatalog {
  const byCode = new Map<string, DocumentedProblem>();
  for (const value of documentedProblemExamples(doc)) {
    if (typeof value.code === 'string' && !byCode.has(value.code)) {
      byCode.set(value.code, { type: value.type, title: value.title, status: value.status, detail: value.detail, code: value.code });
    }
  }
  const enumerated: string[] = doc.components?.schemas?.ErrorCode?.enum ?? [];
  for (const [code, problem] of Object.entries(GATEWAY_ONLY)) {
    if (!byCode.has(code) && enumerated.includes(code)) byCode.set(code, problem);
  }
  const missing = BOUNDARY_CODES.filter((code) => !byCode.has(code));
  if (complete && missing.length > 0) throw new Error(`The bundle documents no problem+json example for: ${missing.join(', ')}`);
  return catalogOf(Object.fromEntries(byCode));
}

/** A catalog over problems already indexed by code (a generated table's). */
export function catalogOf(byCode: Readonly<Record<string, DocumentedProblem>>): ProblemCatalog {
  const createDocumented = (code: string, detail?: string, errors?: Problem['errors']): Problem => {
    const base = byCode[code];
    if (!base) throw new Error(`The bundle documents no problem+json example for ${code}`);
    return { ...base, detail: detail ?? base.detail, requestId: newRequestId(), ...(errors ? { errors } : {}) };
  };
  return {
    documented: Object.fromEntries(BOUNDARY_CODES.filter((code) => byCode[code]).map((code) => [code, byCode[code]])) as Record<BoundaryCode, DocumentedProblem>,
    create: createDocumented,
    createDocumented,
  };
}

/** Every example value of a problem+json response: shared responses first, then operations'. */
function documentedProblemExamples(doc: OpenApiDocument): Record<string, any>[] {
  const responses: any[] = Object.values(doc.components?.responses ?? {});
  for (const pathItem of Object.values<any>(doc.paths ?? {})) {
    for (const operation of Object.values<any>(pathItem ?? {})) {
      if (operation?.responses) responses.push(...Object.values(operation.responses));
    }
  }
  const values: Record<string, any>[] = [];
  for (const response of responses.map((r) => deref(doc, r))) {
    for (const [mediaType, content] of Object.entries<any>(response?.content ?? {})) {
      if (!mediaType.includes('problem+json')) continue;
      if (content.example) values.push(content.example);
      for (const example of Object.values<any>(content.examples ?? {})) {
        const value = deref(doc, example)?.value;
        if (value) values.push(value);
      }
    }
  }
  return values;
}
