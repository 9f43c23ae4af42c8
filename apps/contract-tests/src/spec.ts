// The operations and their documented responses, read from the full bundle: the suite covers
// whatever the spec says, so a new operation is covered the moment it is added.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

export type Mode = 'member' | 'server';
export type Schema = Record<string, any>;
export type OpenApiDocument = Record<string, any>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

export interface Operation {
  operationId: string;
  method: string;
  /** Path template, e.g. `/v1/offers/{offerId}`. */
  path: string;
  mode: Mode;
  /** The scope an API key needs for this server operation (its `apiKey` requirement). */
  scope?: string;
  /** An application operation: HTTP Basic with the App ID and App Secret (`appCredentials`). */
  application: boolean;
  idempotent: boolean;
  paginated: boolean;
  parameters: Parameter[];
  requestBody?: { schema: Schema; example: unknown; required: boolean };
  /** Documented status codes, as strings (`'200'`, `'404'`). */
  statuses: string[];
  /** The raw operation object from the bundle. */
  raw: Record<string, any>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The full bundle under test: @expys/openapi's, or the JSON bundle named by EXPYS_CONTRACT_BUNDLE
 * (the scale bench runs the suite on a synthetic spec; the mock then serves that bundle too).
 */
export function fullBundleFile(): string {
  return process.env.EXPYS_CONTRACT_BUNDLE || createRequire(import.meta.url).resolve('@expys/openapi/full.json');
}

export function loadFullBundle(): OpenApiDocument {
  return JSON.parse(readFileSync(fullBundleFile(), 'utf8'));
}

/** Follows local `$ref`s (`#/components/...`). */
export function deref<T = any>(doc: OpenApiDocument, node: any): T {
  let current = node;
  for (let hops = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n: any, s: string) => n?.[s], doc);
  }
  return current;
}

/** First example of a media type / parameter / schema, whichever the spec gives. */
export function exampleOf(doc: OpenApiDocument, holder: any): unknown {
  if (!holder) return undefined;
  if (holder.example !== undefined) return holder.example;
  const named = holder.examples && !Array.isArray(holder.examples) ? Object.values<any>(holder.examples)[0] : undefined;
  if (named) return deref(doc, named).value;
  const schema = deref(doc, holder.schema ?? holder);
  if (Array.isArray(schema?.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema?.example !== undefined) return schema.example;
  return undefined;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, pathItem] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!op) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref<Parameter>(doc, p));
      const body = op.requestBody ? deref(doc, op.requestBody) : undefined;
      const media = body?.content?.['application/json'];
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        mode: op['x-expys-mode'],
        scope: (op.security ?? []).find((r: Record<string, string[]>) => 'apiKey' in r)?.apiKey?.[0],
        application: (op.security ?? []).some((r: Record<string, string[]>) => 'appCredentials' in r),
        idempotent: op['x-expys-idempotent'] === true,
        paginated: parameters.some((p) => p.in === 'query' && p.name === 'cursor'),
        parameters,
        requestBody: media ? { schema: deref(doc, media.schema), example: exampleOf(doc, media), required: !!body.required } : undefined,
        statuses: Object.keys(op.responses ?? {}),
        raw: op,
      });
    }
  }
  return operations;
}

/**
 * The operations whose example call ends what later calls rely on, in the order they may run: the
 * example rotation ends the sample App Secret at once, and once user_123 is removed its member
 * token is unknown and its stamps, claims, cashback and passcodes are gone. On a stateful target
 * they run after every other operation.
 */
const ENDING = ['rotateAppSecret', 'removeMember'];

/** `operations` with the ones that end state moved to the end (otherwise in order). */
export function endingLast(operations: Operation[]): Operation[] {
  return [...operations].sort((a, b) => ENDING.indexOf(a.operationId) - ENDING.indexOf(b.operationId));
}

/** The documented response of `status` (exact code, then `4XX`-style ranges, then `default`). */
export function documentedResponse(doc: OpenApiDocument, op: Operation, status: number): any {
  const responses = op.raw.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  return key ? { key, response: deref(doc, responses[key]) } : undefined;
}

/** The problem `code`s the spec's examples document for this operation and status. */
export function documentedCodes(doc: OpenApiDocument, op: Operation, status: number): string[] {
  const media = documentedResponse(doc, op, status)?.response.content?.['application/problem+json'];
  if (!media) return [];
  const named = Object.values<any>(media.examples ?? {}).map((e) => deref(doc, e).value);
  return [...named, media.example].filter(Boolean).map((e: any) => e.code);
}
