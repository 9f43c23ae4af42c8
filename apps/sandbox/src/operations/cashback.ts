// Cashback: the app reads its member's balance and history and redeems cashback (member mode);
// the backend credits cashback and reads any member's balance (server mode).
import { cashbackBalance, cashbackTransaction, creditCashback as credit, redeemCashback as redeem } from '../domain/cashback.js';
import { pageOf } from '../domain/pages.js';
import { json, memberOf, pageQuery, type Operation } from './context.js';
import { idempotent } from './idempotent.js';

export const getCashback: Operation = async (request, { db }) => json(200, await cashbackBalance(db, memberOf(request)));

export const listCashbackHistory: Operation = async (request, { db }) =>
  json(200, await pageOf(db, { table: 'cashback_transactions', where: 'external_user_id = $1', params: [memberOf(request)], order: 'desc', query: pageQuery(request), map: cashbackTransaction }));

export const redeemCashback: Operation = async (request, context) => {
  const externalUserID = memberOf(request);
  return idempotent(request, context, async (tx) => ({ status: 200, body: await redeem(tx, context.clock, externalUserID, request.body as { amount: number; reason?: string }) }));
};

export const getMemberCashback: Operation = async (request, { db }) => json(200, await cashbackBalance(db, request.pathParams.externalUserID));

export const creditCashback: Operation = async (request, context) =>
  idempotent(request, context, async (tx) => ({ status: 200, body: await credit(tx, context.clock, request.pathParams.externalUserID, request.body as { amount: number; reason: string }) }));
