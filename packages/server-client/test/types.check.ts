// Type-level checks, run by `npm run typecheck` (tsc), not by vitest.
import type { IncomingHttpHeaders } from 'node:http';
import { constructEvent, initialize, sign, verify, type ServerClient, type WebhookEvent } from '../src/index.js';

export async function typedSurface(expys: ServerClient) {
  (await expys.exchangeToken({ externalUserID: 'user_42' })).expiresAt satisfies string;
  (await expys.setMember('user_42', { displayName: 'Ada Lovelace', tier: 'gold' })).tier satisfies string;
  (await expys.removeMember('user_42')) satisfies void;
  for await (const hook of expys.listWebhooks({ limit: 10 })) hook.id satisfies string;

  // @ts-expect-error tier is an enum
  expys.setMember('user_42', { displayName: 'Ada', tier: 'mithril' });
  // @ts-expect-error the path parameter comes first
  expys.setMember({ displayName: 'Ada', tier: 'gold' });
  // @ts-expect-error events are the spec's event types
  expys.createWebhook({ events: ['order.shipped'], url: 'https://example.com' });
  // @ts-expect-error member operations are not part of the server client
  expys.listOffers;

  // Issue 22: value moved for a member, and any member read, by the backend.
  (await expys.addStamps('user_42', { stampCardId: 'stc_Coffee10Card0001', stamps: 1, reason: 'coffee' })).rewardsEarned satisfies number;
  (await expys.creditCashback('user_42', { amount: 250, reason: '2% back' }, { idempotencyKey: 'order-1043' })).balance satisfies number;
  (await expys.approveClaim('clm_4Rt8Vn2QxL7wKp3M')).status satisfies 'pending' | 'approved' | 'rejected';
  (await expys.validateReferralCode('BEAN-7KQ2')).valid satisfies boolean;
  for await (const card of expys.listMemberCards('user_42')) card.id satisfies string;
  // @ts-expect-error stamps is a number of stamps
  expys.addStamps('user_42', { stampCardId: 'stc_Coffee10Card0001', stamps: '1', reason: 'coffee' });
  // @ts-expect-error a rejection needs its reason
  expys.rejectClaim('clm_4Rt8Vn2QxL7wKp3M', {});
  // @ts-expect-error redeeming is the member's own, in the member client
  expys.redeemStampReward;
  // @ts-expect-error the member's own cashback read is the member client's
  expys.getCashback;

  // Issue 23: the openapi-fetch client the methods run on, typed with the server paths.
  const { data } = await expys.fetchClient.POST('/v1/auth/exchange', { body: { externalUserID: 'user_42' } });
  data?.token satisfies string | undefined;
  // @ts-expect-error a member-only path is not part of the server paths
  expys.fetchClient.GET('/v1/wallet');
}

export async function typedHeaders(raw: Uint8Array, nodeHeaders: IncomingHttpHeaders, request: Request) {
  await verify(raw, nodeHeaders, 'whsec_x'); // Node's req.headers as is
  await verify(raw, request.headers, ['whsec_new', 'whsec_old']); // a fetch handler's Headers
  await verify(raw, await sign(raw, 'whsec_x', { id: 'msg_1', timestamp: 1 }), 'whsec_x'); // what sign returns
  // @ts-expect-error the second argument is the headers, not one header value
  await verify(raw, 'v1,abc=', 'whsec_x');
  (await sign(raw, 'whsec_x'))['webhook-signature'] satisfies string;
}

export async function typedEvents(raw: string, headers: Headers) {
  const event = await constructEvent(raw, headers, 'whsec_x');
  switch (event.type) {
    case 'redemption.created':
      event.data.pointsSpent satisfies number;
      break;
    case 'stamps.reward_earned':
      event.data.rewardsEarned satisfies number;
      break;
    case 'cashback.credited':
      event.data.balance satisfies number;
      break;
    case 'claim.approved':
    case 'claim.rejected':
    case 'claim.submitted':
      event.data.status satisfies 'pending' | 'approved' | 'rejected';
      break;
    case 'referral.applied':
      event.data.refereeExternalUserID satisfies string;
      break;
    case 'member.removed':
    case 'member.updated':
    case 'points.credited':
      break;
    default:
      event satisfies never; // the union is exhaustive
  }
  // @ts-expect-error not an event type of the spec
  if (event.type === 'order.shipped') return;
  return event satisfies WebhookEvent;
}

// @ts-expect-error environment is sandbox or production
initialize({ environment: 'live', token: 'x' });

// The key as a value, a sync or an async function; the application's credentials apart.
initialize({ environment: 'sandbox', token: process.env.EXPYS_ORG_API_KEY });
initialize({ environment: 'sandbox', token: () => 'test_sk_…' });
initialize({ environment: 'sandbox', token: async () => 'test_sk_…', app: { appId: 'app_…', appSecret: async () => 'secret_…' } });
initialize({ environment: 'sandbox', baseUrl: process.env.EXPYS_BASE_URL, app: { appId: 'app_…', appSecret: 'secret_…' } });
// @ts-expect-error a provider returns the key, not an object
initialize({ environment: 'sandbox', token: () => ({ key: 'x' }) });
// Read from the environment (string | undefined): an application method rejects when one is missing.
initialize({ environment: 'sandbox', token: process.env.EXPYS_ORG_API_KEY, app: { appId: process.env.EXPYS_APP_ID, appSecret: process.env.EXPYS_APP_SECRET } });
// @ts-expect-error the App ID is required with the App Secret (undefined when read from an unset variable, but named)
initialize({ environment: 'sandbox', app: { appSecret: 'secret_…' } });
// @ts-expect-error the App ID is a string
initialize({ environment: 'sandbox', app: { appId: 42, appSecret: 'secret_…' } });

export async function typedApplications(expys: ServerClient) {
  const created = await expys.createApiKey({ name: 'job', scopes: ['member_read', 'points_write'] });
  created.key satisfies string; // shown once
  // @ts-expect-error scopes are the spec's names (<area>_<read|write>)
  expys.createApiKey({ name: 'job', scopes: ['members:read'] });
  for await (const key of expys.listApiKeys()) key.status satisfies 'active' | 'expired' | 'revoked';
  (await expys.getApp()).appId satisfies string;
  (await expys.exchangeToken({ externalUserID: 'user_42' })).enrolled satisfies boolean;
}
