// Every operation of the spec, by operationId. An operation of the bundle this table lacks (one
// just added to the spec) is answered from the spec's examples by Prism instead, behind the same
// gateway, and every such answer says so in its `Expys-Sandbox-Answer: example` header; the
// sandbox names them at start-up. Nothing goes unnoticed, and nothing refuses to start.
import type { OperationHandler, Route } from '@expys/gateway';
import { ApiProblem } from '../domain/problem.js';
import { problemBody, type Operation, type SandboxContext } from './context.js';
import * as apps from './apps.js';
import * as cards from './cards.js';
import * as cashback from './cashback.js';
import * as claims from './claims.js';
import * as member from './member.js';
import * as passcodes from './passcodes.js';
import * as referrals from './referrals.js';
import * as server from './server.js';
import * as stamps from './stamps.js';

export const OPERATIONS: Record<string, Operation> = {
  listOffers: member.listOffers,
  getOffer: member.getOffer,
  checkEligibility: member.checkEligibilityOperation,
  createRedemption: member.createRedemption,
  listRedemptions: member.listRedemptions,
  getRedemption: member.getRedemption,
  getWallet: member.getWallet,
  listWalletTransactions: member.listWalletTransactions,
  concierge: member.concierge,
  exchangeToken: server.exchangeToken,
  creditPoints: server.creditPoints,
  setMember: server.setMember,
  getMember: server.getMember,
  removeMember: server.removeMember,
  analyticsSummary: server.analyticsSummary,
  analyticsOffers: server.analyticsOffers,
  analyticsTimeseries: server.analyticsTimeseries,
  createWebhook: server.createWebhook,
  listWebhooks: server.listWebhooks,
  deleteWebhook: server.deleteWebhook,
  getApp: apps.getApp,
  rotateAppSecret: apps.rotateAppSecret,
  listApiKeys: apps.listApiKeys,
  createApiKey: apps.createApiKey,
  getApiKey: apps.getApiKey,
  revokeApiKey: apps.revokeApiKey,
  getStamps: stamps.getStamps,
  listStampHistory: stamps.listStampHistory,
  redeemStampReward: stamps.redeemStampReward,
  getMemberStamps: stamps.getMemberStamps,
  addStamps: stamps.addStamps,
  getCashback: cashback.getCashback,
  listCashbackHistory: cashback.listCashbackHistory,
  redeemCashback: cashback.redeemCashback,
  getMemberCashback: cashback.getMemberCashback,
  creditCashback: cashback.creditCashback,
  requestPasscode: passcodes.requestPasscode,
  verifyPasscode: passcodes.verifyPasscode,
  listCards: cards.listCards,
  listMemberCards: cards.listMemberCards,
  createClaim: claims.createClaim,
  listClaims: claims.listClaims,
  getClaim: claims.getClaim,
  approveClaim: claims.approveClaim,
  rejectClaim: claims.rejectClaim,
  getReferrals: referrals.getReferrals,
  applyReferralCode: referrals.applyReferralCode,
  validateReferralCode: referrals.validateReferralCode,
  getMemberReferrals: referrals.getMemberReferrals,
  applyMemberReferral: referrals.applyMemberReferral,
};

/** The response header on every answer of an operation the sandbox answers from the spec's examples. */
export const SANDBOX_ANSWER_HEADER = 'Expys-Sandbox-Answer';
/** Its value: the answer is the spec's example (chosen as the mock chooses it), not computed from stored data. */
export const EXAMPLE_ANSWER = 'example';

/** The operations of `routes` that have no code here, in the bundle's order. */
export function unimplementedOperations(routes: readonly Route[]): string[] {
  return [...new Set(routes.filter((route) => !Object.hasOwn(OPERATIONS, route.operationId)).map((route) => route.operationId))];
}

/**
 * The sandbox's operation handler: its own code for every operation in OPERATIONS and, for the
 * others, `examples` (Prism on the same bundle), each answer marked with SANDBOX_ANSWER_HEADER.
 */
export function createHandler(routes: readonly Route[], context: SandboxContext, examples?: OperationHandler): OperationHandler {
  const missing = unimplementedOperations(routes);
  if (missing.length > 0 && !examples) throw new Error(`The sandbox has no code for ${missing.join(', ')} and no handler for the spec's examples was given.`);
  const fromExamples = new Set(missing);
  const marker = SANDBOX_ANSWER_HEADER.toLowerCase();
  return async (request) => {
    if (fromExamples.has(request.route.operationId)) {
      const answer = await examples!(request);
      return { ...answer, headers: { ...answer.headers, [marker]: EXAMPLE_ANSWER } };
    }
    try {
      return await OPERATIONS[request.route.operationId](request, context);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const { status, body } = problemBody(context, error);
      return { status, headers: { 'content-type': 'application/problem+json' }, body };
    }
  };
}
