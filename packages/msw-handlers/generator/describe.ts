// Reads one audience bundle into the table the handlers serve from. The choice of answer follows
// the mock (Prism, static mode; test/mock-parity.test.ts compares them): the lowest documented
// 2xx; the schema's `examples[0]`/`example` first, else the first named example.
import { deref } from '@expys/gateway';
import type { AnswerSpec, AudienceTable, OperationSpec, ParameterSpec } from '../src/table.js';
import { pruneSchema, referencedParts } from './schemas.js';

export type Audience = 'member' | 'server';
type Doc = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The codes the handlers answer with themselves: the bundle must document each (the mock requires it too). */
const COMMON_CODES = ['unauthenticated', 'token_expired', 'invalid_api_key', 'api_key_expired', 'environment_mismatch', 'validation_failed', 'bad_request', 'payload_too_large', 'unsupported_media_type', 'internal_error'];
const AUDIENCE_CODES: Record<Audience, string[]> = {
  member: ['org_api_key_not_allowed', 'api_key_not_allowed', 'app_secret_not_allowed'],
  server: ['member_token_not_allowed', 'insufficient_scope', 'app_secret_not_allowed', 'app_credentials_required', 'invalid_app_credentials'],
};


function answerOf(doc: Doc, response: any): AnswerSpec {
  const resolved = deref(doc, response) ?? {};
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries<any>(resolved.headers ?? {})) {
    const h = deref(doc, header);
    const example = h?.example ?? h?.examples?.[Object.keys(h.examples)[0]]?.value ?? deref(doc, h?.schema)?.examples?.[0] ?? deref(doc, h?.schema)?.example;
    if (example !== undefined) headers[name] = String(example);
  }
  const [contentType, content] = Object.entries<any>(resolved.content ?? {})[0] ?? [];
  const examples: Record<string, unknown> = {};
  for (const [name, example] of Object.entries<any>(content?.examples ?? {})) examples[name] = deref(doc, example)?.value;
  if (content?.example !== undefined && Object.keys(examples).length === 0) examples.default = content.example;
  // Prism serves the schema's own example ahead of the named ones (checkEligibility, createRedemption).
  const schema = deref(doc, content?.schema);
  const schemaExample = schema?.examples?.[0] ?? schema?.example;
  return { ...(contentType ? { contentType } : {}), headers, examples, ...(schemaExample !== undefined ? { schemaExample } : {}) };
}

function lastPageExample(answer: AnswerSpec | undefined): string | undefined {
  return Object.entries(answer?.examples ?? {}).find(([, value]) => (value as { hasMore?: unknown })?.hasMore === false)?.[0];
}

export function describeAudience(doc: Doc, audience: Audience): Omit<AudienceTable<string>, 'credentials'> {
  const operations: OperationSpec<string>[] = [];
  for (const [template, pathItem] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem?.[method];
      if (!operation) continue;
      if (operation['x-expys-mode'] !== audience) throw new Error(`${operation.operationId} is not a ${audience} operation`);
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: unknown) => deref(doc, p));
      // As the gateway's validator: an operation parameter replaces the path item's of the same name and place.
      const byKey = new Map<string, ParameterSpec>();
      for (const p of parameters) byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.required === true, schema: pruneSchema(p.schema ?? {}) });
      const requestBody = deref(doc, operation.requestBody);
      const json = requestBody?.content?.['application/json'];
      const security: Record<string, string[]>[] = operation.security ?? doc.security ?? [];
      const answers: Record<string, AnswerSpec> = {};
      for (const [status, response] of Object.entries(operation.responses ?? {})) answers[status] = answerOf(doc, response);
      const statuses = Object.keys(answers).filter((s) => /^\d{3}$/.test(s)).map(Number).sort((a, b) => a - b);
      const success = statuses.find((s) => s >= 200 && s < 300);
      if (success === undefined) throw new Error(`${operation.operationId} documents no 2xx answer`);
      const paginated = parameters.some((p: any) => p?.in === 'query' && p.name === 'cursor');
      const lastPage = paginated ? lastPageExample(answers[String(success)]) : undefined;
      operations.push({
        operationId: String(operation.operationId),
        method,
        path: template,
        mode: audience,
        security,
        scopes: [...new Set(security.flatMap((requirement) => Object.values(requirement).flat()))],
        isPublic: security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0),
        successStatus: success,
        ...(lastPage ? { lastPageExample: lastPage } : {}),
        answers,
        parameters: [...byKey.values()],
        acceptsBody: operation.requestBody !== undefined,
        ...(json?.schema ? { body: { required: requestBody.required === true, schema: pruneSchema(json.schema) } } : {}),
      });
    }
  }
  // Fewer `{param}` segments first: a literal path wins over a template that also matches it.
  const placeholders = (p: string) => (p.match(/\{/g) ?? []).length;
  operations.sort((a, b) => placeholders(a.path) - placeholders(b.path) || b.path.length - a.path.length);
  const sandbox = (doc.servers ?? []).find((s: any) => s['x-expys-environment'] === 'sandbox');
  const production = (doc.servers ?? []).find((s: any) => s['x-expys-environment'] === 'production');
  const problems = problemCatalog(doc);
  const missing = [...COMMON_CODES, ...AUDIENCE_CODES[audience]].filter((code) => !problems[code]);
  if (missing.length > 0) throw new Error(`The ${audience} bundle documents no problem+json example for: ${missing.join(', ')}`);
  const requestSchemas = operations.flatMap((op) => [...op.parameters.map((p) => p.schema), ...(op.body ? [op.body.schema] : [])]);
  // Only the schemes this audience's operations name (the member bundle has the member token's alone).
  const used = new Set(operations.flatMap((op) => op.security.flatMap((requirement) => Object.keys(requirement))));
  const securitySchemes = Object.fromEntries(
    Object.entries<any>(doc.components?.securitySchemes ?? {})
      .filter(([name]) => used.has(name))
      .map(([name, scheme]) => [name, { type: scheme.type, scheme: scheme.scheme }]),
  );
  return { audience, sandboxUrl: sandbox.url, productionUrl: production.url, operations, problems, schemaDocument: referencedParts(doc, requestSchemas), securitySchemes };
}

/** Every documented problem+json example, by code (shared responses first, as the mock indexes them). */
function problemCatalog(doc: Doc): AudienceTable<string>['problems'] {
  const responses: any[] = Object.values(doc.components?.responses ?? {});
  for (const pathItem of Object.values<any>(doc.paths ?? {})) for (const op of Object.values<any>(pathItem ?? {})) if (op?.responses) responses.push(...Object.values(op.responses));
  const catalog: AudienceTable<string>['problems'] = {};
  for (const response of responses.map((r) => deref(doc, r))) {
    for (const [mediaType, content] of Object.entries<any>(response?.content ?? {})) {
      if (!mediaType.includes('problem+json')) continue;
      for (const example of [content.example, ...Object.values<any>(content.examples ?? {}).map((e) => deref(doc, e)?.value)]) {
        if (typeof example?.code === 'string' && !catalog[example.code]) {
          const { type, title, status, detail, code } = example;
          catalog[code] = { type, title, status, detail, code };
        }
      }
    }
  }
  return catalog;
}
