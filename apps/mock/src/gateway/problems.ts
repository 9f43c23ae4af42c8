// Error bodies the boundary answers with, in the spec's problem+json shape. `type`, `title` and
// `status` come from the examples the bundle documents for each code, so the mock cannot drift
// from the spec; only `detail` (what happened here) and a fresh `requestId` are the mock's own.
import { randomInt } from 'node:crypto';
import { deref, type OpenApiDocument } from './routes.js';

/** The codes the boundary itself can answer with. */
export const BOUNDARY_CODES = [
  'unauthenticated',
  'token_expired',
  'invalid_api_key',
  'environment_mismatch',
  'member_token_not_allowed',
  'org_api_key_not_allowed',
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

export function newRequestId(): string {
  let id = 'req_';
  for (let i = 0; i < 16; i++) id += BASE62[randomInt(BASE62.length)];
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

/** Indexes the documented problem examples by code; refuses a bundle that lacks one we need. */
export function problemCatalog(doc: OpenApiDocument): ProblemCatalog {
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
  if (missing.length > 0) throw new Error(`The bundle documents no problem+json example for: ${missing.join(', ')}`);
  const documented = Object.fromEntries(BOUNDARY_CODES.map((code) => [code, byCode.get(code)!])) as Record<BoundaryCode, DocumentedProblem>;

  return {
    documented,
    create(code, detail, errors) {
      const base = documented[code];
      return { ...base, detail: detail ?? base.detail, requestId: newRequestId(), ...(errors ? { errors } : {}) };
    },
    createDocumented(code, detail, errors) {
      const base = byCode.get(code);
      if (!base) throw new Error(`The bundle documents no problem+json example for ${code}`);
      return { ...base, detail: detail ?? base.detail, requestId: newRequestId(), ...(errors ? { errors } : {}) };
    },
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
