// Application operations: the application's own key management, called with HTTP Basic (App ID :
// App Secret). The gateway has let through only valid application credentials; the application
// is the one they name, so every key operation is confined to its own keys.
import type { OperationRequest } from '@expys/gateway';
import { createApiKey as create, getApiKey as getKey, getApplication, listApiKeys as list, revokeApiKey as revoke, rotateAppSecret as rotate } from '../domain/applications.js';
import { json, pageQuery, type Operation } from './context.js';
import { idempotent } from './idempotent.js';

/** The App ID of the request's valid application credentials. */
export function appOf(request: OperationRequest): string {
  const credential = request.credential;
  if (credential.kind !== 'app-credentials' || !credential.valid) throw new Error('an application operation ran without valid application credentials');
  return credential.appId;
}

/** A request body that may be absent (the spec makes it optional): an empty object then. */
const optionalBody = <T extends object>(request: OperationRequest): Partial<T> => (request.body && typeof request.body === 'object' ? (request.body as T) : {});

export const getApp: Operation = async (request, { db, clock }) => json(200, await getApplication(db, clock, appOf(request)));

export const rotateAppSecret: Operation = async (request, context) => {
  const appId = appOf(request);
  const answer = await idempotent(request, context, async (tx) => ({ status: 200, body: await rotate(tx, context.clock, appId, optionalBody(request)) }));
  // After the commit: an App Secret sent as a bearer is cached (it is answered 401 once rotated out).
  context.credentials.forget();
  return answer;
};

export const listApiKeys: Operation = async (request, { db, clock }) => json(200, await list(db, clock, appOf(request), pageQuery(request)));

export const createApiKey: Operation = async (request, context) => {
  const appId = appOf(request);
  const input = request.body as { name: string; scopes: string[]; expiresAt?: string };
  return idempotent(request, context, async (tx) => ({
    status: 201,
    body: await create(tx, context.clock, appId, { name: input.name, scopes: input.scopes, ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }) }, context.scopes),
  }));
};

export const getApiKey: Operation = async (request, { db, clock }) => json(200, await getKey(db, clock, appOf(request), request.pathParams.keyId));

export const revokeApiKey: Operation = async (request, context) => {
  const appId = appOf(request);
  const key = await context.db.transaction((tx) => revoke(tx, context.clock, appId, request.pathParams.keyId, optionalBody<{ at: string }>(request)));
  // After the commit, so no lookup in between caches the key as it was.
  context.credentials.forget();
  return json(200, key);
};
