// Stamps: the app reads its member's cards and history and redeems rewards (member mode); the
// backend adds stamps and reads any member's cards (server mode).
import { pageOf } from '../domain/pages.js';
import { addStamps as add, redeemStampReward as redeem, stampBalance, stampTransaction } from '../domain/stamps.js';
import { json, memberOf, pageQuery, type Operation } from './context.js';
import { idempotent } from './idempotent.js';

export const getStamps: Operation = async (request, { db }) => json(200, await stampBalance(db, memberOf(request)));

export const listStampHistory: Operation = async (request, { db }) =>
  json(200, await pageOf(db, { table: 'stamp_transactions', where: 'external_user_id = $1', params: [memberOf(request)], order: 'desc', query: pageQuery(request), map: stampTransaction }));

export const redeemStampReward: Operation = async (request, context) => {
  const externalUserID = memberOf(request);
  return idempotent(request, context, async (tx) => ({ status: 200, body: await redeem(tx, context.clock, externalUserID, request.pathParams.stampCardId) }));
};

export const getMemberStamps: Operation = async (request, { db }) => json(200, await stampBalance(db, request.pathParams.externalUserID));

export const addStamps: Operation = async (request, context) =>
  idempotent(request, context, async (tx) => ({
    status: 200,
    body: await add(tx, context.clock, request.pathParams.externalUserID, request.body as { stampCardId: string; stamps: number; reason: string }),
  }));
