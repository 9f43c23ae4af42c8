// Seed data taken from the spec's own examples, so a fresh sandbox answers the documented calls
// at once: every example offer, member, redemption and webhook endpoint, with a ledger that adds
// up (a welcome credit, then the example redemptions, ending at the example balance). Example
// times are moved so that the latest of them is "now": the history keeps its shape, and offers
// that were current in the examples are current in the sandbox.
import type { Queryable } from '../db/database.js';
import type { Currency } from './ledger.js';
import { newSigningSecret } from '../webhooks/signing.js';
import { newId } from './ids.js';
import { seedCashback } from './cashback.js';
import { seedStamps } from './stamps.js';
import { areaSeedFromExamples, writeAreaSeed, type AreaSeed } from './seed-referrals-claims-passcodes.js';

export interface SeedData {
  offers: any[];
  members: any[];
  redemptions: any[];
  webhooks: any[];
  currency: Currency;
  /** The examples' referral codes, claims and passcodes (and the members they name). */
  areas: AreaSeed;
  /** The latest timestamp among the examples: it becomes the seed time. */
  reference: number;
}

const DEFAULT_CURRENCY: Currency = { code: 'PTS', symbol: 'P', name: 'Points' };

/** Every example value in the bundle (component examples, media-type and schema examples), deep. */
function exampleValues(doc: any): unknown[] {
  const values: unknown[] = [];
  const visit = (node: any, inExample: boolean) => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, inExample));
    if (!node || typeof node !== 'object') return;
    if (inExample) values.push(node);
    for (const [key, child] of Object.entries(node)) {
      visit(child, inExample || key === 'example' || key === 'examples' || (key === 'value' && !inExample));
    }
  };
  visit(doc, false);
  return values;
}

const is = (value: any, prefix: string, keys: string[]) =>
  typeof value?.id === 'string' && value.id.startsWith(prefix) && keys.every((k) => k in value);

export function seedFromBundle(doc: any): SeedData {
  const byId = new Map<string, any>();
  const members = new Map<string, any>();
  let currency: Currency | undefined;
  for (const value of exampleValues(doc) as any[]) {
    if (is(value, 'off_', ['title', 'pointsCost', 'minimumTier']) || is(value, 'red_', ['offerId', 'pointsSpent']) || is(value, 'we_', ['url', 'events'])) {
      if (!byId.has(value.id)) byId.set(value.id, value);
    }
    if (typeof value?.externalUserID === 'string' && 'displayName' in value && 'pointsBalance' in value && !members.has(value.externalUserID)) {
      members.set(value.externalUserID, value);
    }
    if (!currency && value?.currency && typeof value.currency.code === 'string' && 'balance' in value) currency = value.currency;
  }
  const all = [...byId.values()];
  const times = [...all, ...members.values()].flatMap((v) => [v.createdAt, v.updatedAt]).filter((t) => typeof t === 'string').map(Date.parse);
  return {
    offers: all.filter((v) => v.id.startsWith('off_')),
    members: [...members.values()],
    redemptions: all.filter((v) => v.id.startsWith('red_')),
    webhooks: all.filter((v) => v.id.startsWith('we_')),
    currency: currency ?? DEFAULT_CURRENCY,
    areas: areaSeedFromExamples(exampleValues(doc)),
    reference: times.length ? Math.max(...times) : Date.now(),
  };
}

/** Writes the seed into an empty database (in the caller's transaction). */
export async function writeSeed(tx: Queryable, seed: SeedData, now: Date): Promise<void> {
  const shift = now.getTime() - seed.reference;
  const moved = (time: string | null | undefined) => (time ? new Date(Date.parse(time) + shift) : null);

  for (const offer of seed.offers) {
    await tx.query(
      'INSERT INTO offers (id, title, description, category, points_cost, minimum_tier, image_url, available_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [offer.id, offer.title, offer.description ?? '', offer.category, offer.pointsCost, offer.minimumTier, offer.imageUrl, moved(offer.availableUntil)],
    );
  }
  const offerIds = new Set(seed.offers.map((o) => o.id));
  for (const member of seed.members) {
    const redemptions = seed.redemptions
      .filter((r) => r.externalUserID === member.externalUserID && offerIds.has(r.offerId))
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const spent = redemptions.reduce((sum, r) => sum + r.pointsSpent, 0);
    const joined = moved(member.createdAt)!;
    await tx.query('INSERT INTO members (external_user_id, display_name, tier, balance, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      member.externalUserID,
      member.displayName,
      member.tier,
      member.pointsBalance,
      joined,
      moved(member.updatedAt),
    ]);
    let balance = member.pointsBalance + spent;
    if (balance > 0) {
      await tx.query(
        "INSERT INTO wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at) VALUES ($1, $2, 'credit', $3, $3, 'Welcome points', NULL, $4)",
        [newId('txn'), member.externalUserID, balance, joined],
      );
    }
    for (const r of redemptions) {
      balance -= r.pointsSpent;
      const offer = seed.offers.find((o) => o.id === r.offerId);
      await tx.query('INSERT INTO redemptions (id, offer_id, external_user_id, points_spent, status, voucher_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        r.id,
        r.offerId,
        r.externalUserID,
        r.pointsSpent,
        r.status,
        r.voucherCode ?? null,
        moved(r.createdAt),
      ]);
      await tx.query(
        "INSERT INTO wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at) VALUES ($1, $2, 'redemption', $3, $4, $5, $6, $7)",
        [newId('txn'), r.externalUserID, -r.pointsSpent, balance, `Redeemed: ${offer?.title ?? r.offerId}`, r.id, moved(r.createdAt)],
      );
    }
  }
  for (const webhook of seed.webhooks) {
    // A secret nobody knows: the example endpoint exists to be listed and deleted, not delivered to.
    await tx.query('INSERT INTO webhook_endpoints (id, url, events, signing_secret, example, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
      webhook.id,
      webhook.url,
      webhook.events,
      newSigningSecret(),
      moved(webhook.createdAt) ?? now,
    ]);
  }
  await seedStamps(tx, now);
  await seedCashback(tx, now);
  await writeAreaSeed(tx, seed.areas, now, shift);
}

/** Empties every table the seed and the API write (keys, the clock, migrations and the stamp card definitions stay). */
export async function wipe(tx: Queryable): Promise<void> {
  for (const table of ['webhook_attempts', 'webhook_deliveries', 'events', 'webhook_endpoints', 'idempotency_keys', 'referral_applications', 'referral_codes', 'claims', 'passcodes', 'member_cards', 'stamp_transactions', 'stamp_balances', 'cashback_transactions', 'wallet_transactions', 'redemptions', 'member_tokens', 'members', 'offers']) {
    await tx.query(`DELETE FROM ${table}`);
  }
}
