// Member-mode operations: one member (the token's), in the app.
import { checkEligibility, offerView, redeem, redeemStatement, walletTransactionsOf } from '../domain/ledger.js';
import { requireMember } from '../domain/members.js';
import { pageOf } from '../domain/pages.js';
import { notFound } from '../domain/problem.js';
import { iso, redemption, tierRank } from '../domain/representations.js';
import { json, memberOf, pageQuery, queryValue, type Operation } from './context.js';
import { idempotent, idempotentStatement } from './idempotent.js';

export const listOffers: Operation = async (request, { db }) => {
  const category = queryValue(request, 'category');
  const page = await pageOf(db, {
    table: 'offers',
    where: category === undefined ? 'TRUE' : 'category = $1',
    params: category === undefined ? [] : [category],
    order: 'asc',
    query: pageQuery(request),
    map: offerView,
  });
  return json(200, page);
};

export const getOffer: Operation = async (request, { db }) => {
  const [row] = await db.query('SELECT * FROM offers WHERE id = $1', [request.pathParams.offerId], { cacheable: true });
  if (!row) throw notFound(`The offer ${JSON.stringify(request.pathParams.offerId)}`);
  return json(200, offerView(row));
};

export const checkEligibilityOperation: Operation = async (request, { db, clock }) =>
  json(200, await checkEligibility(db, clock, memberOf(request), request.pathParams.offerId));

export const createRedemption: Operation = async (request, context) => {
  const externalUserID = memberOf(request);
  const { offerId } = request.body as { offerId: string };
  // One statement when it goes through; a refusal is decided (every reason named) and stored by redeem.
  return idempotentStatement(request, context, redeemStatement(context.clock, externalUserID, offerId), async (tx) => ({
    status: 201,
    body: await redeem(tx, context.clock, externalUserID, offerId),
  }));
};

export const listRedemptions: Operation = async (request, { db }) =>
  json(200, await pageOf(db, { table: 'redemptions', where: 'external_user_id = $1', params: [memberOf(request)], order: 'desc', query: pageQuery(request), map: redemption }));

export const getRedemption: Operation = async (request, { db }) => {
  // Another member's redemption is as absent as a missing one.
  const [row] = await db.query('SELECT * FROM redemptions WHERE id = $1 AND external_user_id = $2', [request.pathParams.redemptionId, memberOf(request)], { cacheable: true });
  if (!row) throw notFound(`The redemption ${JSON.stringify(request.pathParams.redemptionId)}`);
  return json(200, redemption(row));
};

export const getWallet: Operation = async (request, { db, currency }) => {
  const member = await requireMember(db, memberOf(request));
  return json(200, { externalUserID: member.external_user_id, balance: Number(member.balance), currency, tier: member.tier, updatedAt: iso(member.updated_at) });
};

export const listWalletTransactions: Operation = async (request, { db }) => json(200, await walletTransactionsOf(db, memberOf(request), pageQuery(request)));

const CATEGORY_WORDS: Record<string, string[]> = {
  dining: ['coffee', 'food', 'eat', 'dining', 'pastry', 'drink', 'lunch', 'dinner'],
  travel: ['travel', 'trip', 'flight', 'hotel'],
  shopping: ['shop', 'shopping', 'store', 'gift'],
  entertainment: ['movie', 'cinema', 'film', 'show', 'concert', 'entertainment'],
  wellness: ['spa', 'gym', 'yoga', 'wellness', 'massage'],
};

/**
 * A rule-based concierge: it reads a budget ("under 600") and interests from the message and
 * recommends the offers the member can redeem now. Deterministic, so tests can rely on it.
 */
export const concierge: Operation = async (request, { db, clock }) => {
  const message = String((request.body as { message: string }).message);
  const member = await requireMember(db, memberOf(request));
  const words = message.toLowerCase();
  const budget = /(?:under|below|less than|max(?:imum)?|up to)\s+(\d{1,9})/.exec(words);
  const limit = Math.min(budget ? Number(budget[1]) : Number.POSITIVE_INFINITY, Number(member.balance));
  const categories = Object.entries(CATEGORY_WORDS).filter(([, list]) => list.some((w) => words.includes(w))).map(([c]) => c);
  const now = clock.now().getTime();
  const offers = (await db.query('SELECT * FROM offers ORDER BY seq', [], { cacheable: true }))
    .filter((o) => o.available_until === null || new Date(o.available_until).getTime() >= now)
    .filter((o) => tierRank(member.tier) >= tierRank(o.minimum_tier) && Number(o.points_cost) <= limit)
    .filter((o) => categories.length === 0 || categories.includes(o.category))
    .slice(0, 3);
  const reply =
    offers.length > 0
      ? `With your ${member.balance} points, you can redeem ${offers.map((o) => `"${o.title}" (${o.points_cost})`).join(', ')} right now.`
      : `Nothing matches that right now with your ${member.balance} points. Try another kind of reward, or earn a few more points.`;
  return json(200, { reply, suggestedOffers: offers.map(offerView) });
};
