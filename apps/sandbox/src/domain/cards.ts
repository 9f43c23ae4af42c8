// Membership cards. Each member has one card, made the first time its cards are read (listCards,
// listMemberCards): a `crd_` id, a 16-digit number with a Luhn check digit, status active. Its
// tier is the member's, read live (a tier change shows at once), and its rewards are the member's
// stamp rewards ready to redeem, one entry per reward (two free coffees are two entries). The
// sandbox never blocks a card. Cards go with their member (removeMember).
import { randomInt } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';
import { requireMember } from './members.js';
import { pageOf, type Page, type PageQuery } from './pages.js';
import { iso } from './representations.js';
import { stampCardsOf } from './stamps.js';

/** Card numbers start as the spec's example does. */
const CARD_PREFIX = '6012';
/** Card.rewards holds at most this many. */
const MAX_REWARDS = 50;

/** The Luhn check digit of `digits` (the one a card reader verifies). */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubled from the rightmost digit of the payload, as the check digit will follow it.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function newCardNumber(): string {
  let payload = CARD_PREFIX;
  while (payload.length < 15) payload += String(randomInt(10));
  return payload + luhnDigit(payload);
}

/** The member's card, made now if it has none (two first reads at once make one). The member must exist. */
export async function ensureCard(db: Queryable, clock: Clock, externalUserID: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [existing] = await db.query('SELECT id FROM member_cards WHERE external_user_id = $1', [externalUserID], { cacheable: true });
    if (existing) return;
    // Conflicts on the member (another first read won: read above on the next turn) or on the number (drawn again).
    await db.query("INSERT INTO member_cards (id, external_user_id, number, status, issued_at) VALUES ($1, $2, $3, 'active', $4) ON CONFLICT DO NOTHING", [
      newId('crd'),
      externalUserID,
      newCardNumber(),
      clock.now(),
    ]);
  }
  throw new Error('Could not issue a membership card in 20 tries.');
}

/** The rewards on the card: one entry per stamp reward the member can redeem now. */
async function rewardsOf(db: Queryable, externalUserID: string) {
  const rewards: { id: string; title: string; expiresAt: string | null }[] = [];
  for (const card of await stampCardsOf(db, externalUserID)) {
    for (let n = 1; n <= card.rewardsAvailable && rewards.length < MAX_REWARDS; n++) {
      rewards.push({ id: `rwd_${card.id}_${n}`, title: card.rewardDescription, expiresAt: null });
    }
  }
  return rewards;
}

/** The spec's CardList for the member (404 when no member has this id). */
export async function listCards(db: Queryable, clock: Clock, externalUserID: string, query: PageQuery): Promise<Page<unknown>> {
  const member = await requireMember(db, externalUserID);
  await ensureCard(db, clock, externalUserID);
  const page = await pageOf<any, any>(db, { table: 'member_cards', where: 'external_user_id = $1', params: [externalUserID], order: 'asc', query, map: (row) => row });
  const rewards = page.data.length > 0 ? await rewardsOf(db, externalUserID) : [];
  return {
    ...page,
    data: page.data.map((row) => ({ id: row.id, number: row.number, tier: member.tier, status: row.status, issuedAt: iso(row.issued_at), rewards })),
  };
}
