// Reads an audience bundle into the few facts a client needs per operation. Everything comes
// from the spec (operationId, parameters, x-expys-idempotent, servers' x-expys-* fields): the
// generator keeps no list of its own, so a new operation needs no edit here.
import { operationsOf, resolvePointer, type OpenApiDocument } from '../bundle/walk.js';

export interface OperationDescriptor {
  operationId: string;
  /** Upper-case HTTP method, as sent. */
  method: string;
  /** Lower-case key in the path item, as openapi-typescript indexes it. */
  methodKey: string;
  path: string;
  summary?: string;
  /** The spec's description: what the method does, for the method's JSDoc. */
  description?: string;
  /** `x-expys-mode` and the security requirement: who may call it, with which scopes. */
  access: { mode: string; schemes: { name: string; scopes: string[] }[] };
  /** How the client authenticates: HTTP Basic when every scheme of its requirement is `type: http, scheme: basic`, bearer otherwise. */
  auth: 'basic' | 'bearer';
  /** Every documented error status, with the first sentence of its description. */
  errors: { status: string; summary: string }[];
  /** `deprecated: true` in the spec; `x-expys-deprecation` says what to use instead. */
  deprecated?: { note?: string };
  /** Path parameter names in the order they appear in the path template. */
  pathParams: string[];
  queryParams: { name: string; required: boolean }[];
  hasBody: boolean;
  bodyRequired: boolean;
  /** `x-expys-idempotent: true`: send an Idempotency-Key, reused on every retry. */
  idempotent: boolean;
  /** Takes `cursor`: a list answering `{ data, nextCursor, hasMore }`. */
  paginated: boolean;
  /** The first 2xx status, and whether it has a JSON body (204 has none). */
  success: { status: string; jsonMediaType?: string };
}

export interface EnvironmentDescriptor {
  name: string;
  baseUrl: string;
  keyPrefix: string;
  memberTokenPrefix: string;
  /** Production credentials (`x-expys-live`): sent over https only. */
  live: boolean;
}

export interface WebhookEventDescriptor {
  /** The event name, the key under `webhooks:` and the payload's `type`. */
  type: string;
  operationId: string;
  jsonMediaType: string;
}

const isJson = (mediaType: string) => /^application\/(?:[\w.+-]+\+)?json\b/.test(mediaType);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function deref<T = Record<string, any>>(doc: OpenApiDocument, node: any): T {
  return node && typeof node.$ref === 'string' ? (resolvePointer(doc, node.$ref) as T) : node;
}

/** The first sentence of a description, on one line: enough for a @throws line. */
function firstSentence(text: unknown): string {
  const flat = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  const end = flat.search(/\.(\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

export function describeOperations(doc: OpenApiDocument): OperationDescriptor[] {
  const seen = new Set<string>();
  return operationsOf(doc)
    .filter((entry) => entry.section === 'paths')
    .map(({ key: path, method, operation, pointer }) => {
      const operationId = operation.operationId;
      const where = `${method.toUpperCase()} ${path} (${pointer})`;
      if (typeof operationId !== 'string' || !IDENTIFIER.test(operationId)) {
        throw new Error(`${where}: operationId ${JSON.stringify(operationId)} cannot name a method`);
      }
      if (seen.has(operationId)) throw new Error(`${where}: operationId ${operationId} is used twice`);
      seen.add(operationId);

      const pathItem = doc.paths[path];
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
      const pathParams = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
      for (const name of pathParams) {
        if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
          throw new Error(`${where}: path parameter {${name}} is not declared`);
        }
      }
      for (const p of parameters.filter((p) => p.in === 'query')) {
        // The runtime writes form-style, exploded query strings (client-core's http.ts): primitives and arrays of them.
        const schema = deref(doc, p.schema ?? {});
        if (p.content || (p.style && p.style !== 'form') || p.explode === false || schema.type === 'object') {
          throw new Error(`${where}: query parameter ${p.name} is not a primitive or an array in form style: the client runtime cannot serialise it`);
        }
      }
      const queryParams = parameters
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: String(p.name), required: p.required === true }));
      const requestBody = deref(doc, operation.requestBody);
      const hasBody = Boolean(requestBody);
      // The method convention has one slot after the path parameters: body or query, never both.
      if (hasBody && queryParams.length > 0) {
        throw new Error(`${where}: ${operationId} has both a request body and query parameters; the client method convention has no place for both`);
      }
      // The runtime sends JSON (client-core's http.ts) and the types index it.
      if (hasBody && !requestBody.content?.['application/json']) {
        throw new Error(`${where}: ${operationId} has a request body that is not application/json`);
      }

      const schemes = (operation.security ?? doc.security ?? []).flatMap((requirement: Record<string, string[]>) =>
        Object.entries(requirement).map(([name, scopes]) => ({ name, scopes: [...scopes] })),
      );
      // The runtime sends one Authorization header: Basic (an application's credentials) or Bearer, never a choice of both.
      const isBasic = (name: string) => {
        const scheme = deref(doc, doc.components?.securitySchemes?.[name]);
        return scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic';
      };
      const basic = schemes.filter((s: { name: string }) => isBasic(s.name)).length;
      if (basic > 0 && basic < schemes.length) {
        throw new Error(`${where}: ${operationId} accepts HTTP Basic and another scheme; the client sends one kind of Authorization per operation`);
      }

      const successStatus = Object.keys(operation.responses ?? {}).filter((s) => /^2\d\d$/.test(s)).sort()[0];
      if (!successStatus) throw new Error(`${where}: ${operationId} documents no 2xx response`);
      const successResponse = deref(doc, operation.responses[successStatus]);
      const jsonMediaType = Object.keys(successResponse.content ?? {}).find(isJson);

      return {
        operationId,
        method: method.toUpperCase(),
        methodKey: method,
        path,
        summary: typeof operation.summary === 'string' ? operation.summary : undefined,
        description: typeof operation.description === 'string' ? operation.description.trim() : undefined,
        access: { mode: String(operation['x-expys-mode'] ?? 'unknown'), schemes },
        auth: basic > 0 ? 'basic' : 'bearer',
        errors: Object.keys(operation.responses ?? {})
          .filter((status) => /^[45]\d\d$/.test(status))
          .sort()
          .map((status) => ({ status, summary: firstSentence(deref(doc, operation.responses[status]).description) })),
        ...(operation.deprecated === true
          ? { deprecated: typeof operation['x-expys-deprecation'] === 'string' ? { note: operation['x-expys-deprecation'] } : {} }
          : {}),
        pathParams,
        queryParams,
        hasBody,
        bodyRequired: requestBody?.required === true,
        idempotent: operation['x-expys-idempotent'] === true,
        paginated: queryParams.some((q) => q.name === 'cursor'),
        success: { status: successStatus, jsonMediaType },
      };
    });
}

export function describeEnvironments(doc: OpenApiDocument): EnvironmentDescriptor[] {
  const environments = (doc.servers ?? []).map((server: Record<string, any>, i: number) => {
    const fields = ['x-expys-environment', 'x-expys-key-prefix', 'x-expys-member-token-prefix'];
    for (const field of fields) {
      if (typeof server[field] !== 'string') throw new Error(`servers[${i}] (${server.url}) has no ${field}`);
    }
    if (typeof server['x-expys-live'] !== 'boolean') throw new Error(`servers[${i}] (${server.url}) has no x-expys-live (true for production credentials)`);
    return {
      name: server['x-expys-environment'],
      baseUrl: String(server.url).replace(/\/+$/, ''),
      keyPrefix: server['x-expys-key-prefix'],
      memberTokenPrefix: server['x-expys-member-token-prefix'],
      live: server['x-expys-live'] as boolean,
    };
  });
  if (environments.length === 0) throw new Error('the bundle has no servers: no default baseUrl per environment');
  return environments;
}

export function describeWebhookEvents(doc: OpenApiDocument): WebhookEventDescriptor[] {
  return operationsOf(doc)
    .filter((entry) => entry.section === 'webhooks' && entry.method === 'post')
    .map(({ key, operation }) => {
      const body = deref(doc, operation.requestBody);
      const jsonMediaType = Object.keys(body?.content ?? {}).find(isJson);
      if (!jsonMediaType) throw new Error(`webhook ${key} has no JSON request body`);
      return { type: key, operationId: String(operation.operationId), jsonMediaType };
    });
}
