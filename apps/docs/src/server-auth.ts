// How a server operation authenticates, read from its security requirement (the spec's
// conventions, checked by lint): a bearer backend key, the Org-API-Key or an API key with the
// one scope named in `apiKey: [scope]`; or, for the application's own operations
// (`appCredentials`), HTTP Basic with the App ID and App Secret.
import type { OpenApiDocument } from '../../../scripts/bundle/walk.js';

export type ServerAuth = { kind: 'bearer'; scope: string } | { kind: 'application' };

export function serverAuthOf(operation: { operationId?: string; security?: Record<string, string[]>[] }): ServerAuth {
  const requirements = operation.security ?? [];
  if (requirements.some((r) => 'appCredentials' in r)) return { kind: 'application' };
  const scope = requirements.flatMap((r) => r.apiKey ?? [])[0];
  if (!scope) throw new Error(`${operation.operationId}: a server operation names the scope an API key needs (\`apiKey: [scope]\`)`);
  return { kind: 'bearer', scope };
}

/** The sandbox prefix of API keys (`test_sk_`), from the `apiKey` scheme's bearerFormat (`test_sk_… / prod_sk_…`). */
export function apiKeyPrefix(doc: OpenApiDocument): string {
  const format: unknown = doc.components?.securitySchemes?.apiKey?.bearerFormat;
  const prefix = typeof format === 'string' ? /^([a-z_]+_)…/.exec(format)?.[1] : undefined;
  if (!prefix) throw new Error('the bundle has no apiKey security scheme with a bearerFormat such as `test_sk_… / prod_sk_…`');
  return prefix;
}
