// Claims: the app submits and reads its member's claims (member mode); the backend approves or
// rejects them, once (server mode). Every POST is idempotent.
import { approveClaim as approve, claimView, createClaim as create, memberClaim, rejectClaim as reject, type ClaimInput } from '../domain/claims.js';
import { pageOf } from '../domain/pages.js';
import { json, memberOf, pageQuery, type Operation } from './context.js';
import { idempotent } from './idempotent.js';

export const createClaim: Operation = async (request, context) => {
  const externalUserID = memberOf(request);
  return idempotent(request, context, async (tx) => ({ status: 201, body: await create(tx, context.clock, externalUserID, request.body as ClaimInput) }));
};

export const listClaims: Operation = async (request, { db }) =>
  json(200, await pageOf(db, { table: 'claims', where: 'external_user_id = $1', params: [memberOf(request)], order: 'desc', query: pageQuery(request), map: claimView }));

export const getClaim: Operation = async (request, { db }) => json(200, await memberClaim(db, memberOf(request), request.pathParams.claimId));

/** The approval's body is optional (the spec): an empty object then. */
const approval = (body: unknown) => (body && typeof body === 'object' ? (body as { points?: number; reason?: string }) : {});

export const approveClaim: Operation = async (request, context) =>
  idempotent(request, context, async (tx) => ({ status: 200, body: await approve(tx, context.clock, request.pathParams.claimId, approval(request.body)) }));

export const rejectClaim: Operation = async (request, context) =>
  idempotent(request, context, async (tx) => ({ status: 200, body: await reject(tx, context.clock, request.pathParams.claimId, request.body as { reason: string }) }));
