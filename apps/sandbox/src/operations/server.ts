// Server-mode operations: the whole org, from the integrator's backend.
import { dateRange, offerPerformance, summary, timeseries } from '../domain/analytics.js';
import { creditStatement } from '../domain/ledger.js';
import { enrolMember, removeMember as remove, requireMember, setMember as upsert } from '../domain/members.js';
import { iso, member } from '../domain/representations.js';
import { createEndpoint, deleteEndpoint, listEndpoints } from '../webhooks/endpoints.js';
import { json, pageQuery, queryValue, type Operation } from './context.js';
import { idempotent, idempotentStatement } from './idempotent.js';

export const exchangeToken: Operation = async (request, context) => {
  const { externalUserID } = request.body as { externalUserID: string };
  return idempotent(request, context, async (tx) => {
    // The member and its first token in one transaction: a token never exists without its member.
    const enrolled = await enrolMember(tx, context.clock, externalUserID);
    const minted = await context.credentials.mintToken(externalUserID, tx);
    return { status: 200, body: { token: minted.token, tokenType: 'Bearer', externalUserID, expiresAt: iso(minted.expiresAt), enrolled } };
  });
};

export const creditPoints: Operation = async (request, context) =>
  idempotentStatement(request, context, creditStatement(context.clock, context.currency, request.body as { externalUserID: string; amount: number; reason: string }));

export const setMember: Operation = async (request, context) => {
  const body = await context.db.transaction((tx) => upsert(tx, context.clock, request.pathParams.externalUserID, request.body as { displayName: string; tier: string }));
  context.deliveries.kick();
  return json(200, body);
};

export const getMember: Operation = async (request, { db }) => json(200, member(await requireMember(db, request.pathParams.externalUserID)));

export const removeMember: Operation = async (request, context) => {
  await context.db.transaction((tx) => remove(tx, context.clock, request.pathParams.externalUserID));
  // Its tokens were deleted with it: no cached credential may outlive them.
  context.credentials.forget();
  context.deliveries.kick();
  return { status: 204 };
};

export const analyticsSummary: Operation = async (request, { db, clock }) =>
  json(200, await summary(db, dateRange(clock, queryValue(request, 'from'), queryValue(request, 'to'))));

export const analyticsOffers: Operation = async (request, { db }) => json(200, await offerPerformance(db, pageQuery(request)));

export const analyticsTimeseries: Operation = async (request, { db, clock }) =>
  json(
    200,
    await timeseries(db, dateRange(clock, queryValue(request, 'from'), queryValue(request, 'to')), queryValue(request, 'metric')!, queryValue(request, 'interval') ?? 'day'),
  );

export const createWebhook: Operation = async (request, context) =>
  idempotent(request, context, async (tx) => ({ status: 201, body: await createEndpoint(tx, context.clock, request.body as { url: string; events: string[] }) }));

export const listWebhooks: Operation = async (request, { db }) => json(200, await listEndpoints(db, pageQuery(request)));

export const deleteWebhook: Operation = async (request, context) => {
  await context.db.transaction((tx) => deleteEndpoint(tx, context.clock, request.pathParams.webhookId));
  return { status: 204 };
};
