// Type-level checks, run by `npm run typecheck` (tsc), not by vitest.
import { AuthenticationError, initialize, webhooks, type KeyProvider, type ServerClient, type ServerClientOptions, type WebhookEvent } from '../src/index.js';

export async function documentedSurface(expys: ServerClient) {
  const grant = await expys.exchangeToken({ externalUserID: 'user_42' });
  grant.expiresAt satisfies string;
  grant.enrolled satisfies boolean;
  (await expys.creditPoints({ amount: 100, externalUserID: 'user_42', reason: 'welcome bonus' })).currency.symbol satisfies string;
  const summary = await expys.analyticsSummary();
  summary.memberCount satisfies number;
  summary.pointsMinted satisfies number;
  // @ts-expect-error member operations are not part of the SDK
  expys.listOffers;
  (await expys.addStamps('user_42', { stampCardId: 'stc_Coffee10Card0001', stamps: 1, reason: 'coffee' })).card.stamps satisfies number;
  (await expys.getMemberCashback('user_42')).balance satisfies number;
  // @ts-expect-error a member redeems its own cashback from the app (member client)
  expys.redeemCashback;
  expys.webhooks satisfies typeof webhooks;
}

const provider: KeyProvider = async () => 'test_sk_…';
initialize({ baseUrl: process.env.EXPYS_BASE_URL, environment: 'sandbox', token: provider }) satisfies ServerClient;
({ environment: 'production', token: 'x' }) satisfies ServerClientOptions;
new AuthenticationError('x', { status: 401 }) satisfies Error;
export type Event = WebhookEvent['type'];
