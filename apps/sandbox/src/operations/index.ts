// Every operation of the spec, by operationId. The sandbox refuses to start when the bundle has
// an operation this table lacks: "implements every operation" is checked, not hoped.
import type { OperationHandler, Route } from '@expys/mock/gateway';
import { ApiProblem } from '../domain/problem.js';
import { problemBody, type Operation, type SandboxContext } from './context.js';
import * as member from './member.js';
import * as server from './server.js';

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
};

export function createHandler(routes: readonly Route[], context: SandboxContext): OperationHandler {
  const missing = routes.filter((route) => !OPERATIONS[route.operationId]).map((route) => route.operationId);
  if (missing.length > 0) throw new Error(`The sandbox does not implement ${missing.join(', ')}: add them to apps/sandbox/src/operations.`);
  return async (request) => {
    try {
      return await OPERATIONS[request.route.operationId](request, context);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const { status, body } = problemBody(context, error);
      return { status, headers: { 'content-type': 'application/problem+json' }, body };
    }
  };
}
