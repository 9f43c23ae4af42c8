// Shared by the tests: the bundles, a Problem-schema validator and raw-fetch helpers.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export const bundle = (audience: 'member' | 'server' | 'full') => JSON.parse(readFileSync(require.resolve(`@expys/openapi/${audience}.json`), 'utf8'));

/** Validates a body against `#/components/schemas/<name>` of an audience bundle. */
export function schemaValidator(audience: 'member' | 'server', name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...bundle(audience), $id: 'https://bundle.invalid/openapi.json' });
  const validate = ajv.getSchema(`https://bundle.invalid/openapi.json#/components/schemas/${name}`)!;
  return (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

export const SANDBOX = 'https://sandbox.api.expys.com';

/** A request sent with plain fetch (no client guards), answered by whatever MSW serves. */
export async function rawCall(path: string, authorization?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (authorization !== undefined) headers.set('authorization', authorization);
  const response = await fetch(`${SANDBOX}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The server bundle's application operations (HTTP Basic, the spec's appCredentials scheme). */
export const applicationOperationIds: ReadonlySet<string> = new Set(
  Object.values<any>(bundle('server').paths).flatMap((item) =>
    Object.values<any>(item).filter((op) => op?.security?.some((requirement: object) => 'appCredentials' in requirement)).map((op) => op.operationId as string),
  ),
);

/** HTTP Basic with the App ID as the user name and the App Secret as the password. */
export const basicAuth = (appId: string, appSecret: string) => `Basic ${btoa(`${appId}:${appSecret}`)}`;

/**
 * The Authorization header an operation's right credential goes in: the sample application's
 * Basic pair for its own operations, else `Bearer <credential>` (the audience's credential).
 */
export function authorizationFor(operationId: string, bearer: string, app: { appId: string; appSecret: string }): string {
  return applicationOperationIds.has(operationId) ? basicAuth(app.appId, app.appSecret) : `Bearer ${bearer}`;
}
