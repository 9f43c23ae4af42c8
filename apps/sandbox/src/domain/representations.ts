// Rows as the spec's schemas: the only place column names meet property names.
const iso = (value: unknown) => new Date(value as string).toISOString().replace('.000Z', 'Z');
const isoOrNull = (value: unknown) => (value === null || value === undefined ? null : iso(value));

export const TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
export const tierRank = (tier: string) => TIERS.indexOf(tier as (typeof TIERS)[number]);

export const offer = (row: any) => ({
  id: row.id,
  title: row.title,
  description: row.description,
  category: row.category,
  pointsCost: Number(row.points_cost),
  minimumTier: row.minimum_tier,
  imageUrl: row.image_url,
  availableUntil: isoOrNull(row.available_until),
});

export const member = (row: any) => ({
  externalUserID: row.external_user_id,
  displayName: row.display_name,
  tier: row.tier,
  pointsBalance: Number(row.balance),
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

export const redemption = (row: any) => ({
  id: row.id,
  offerId: row.offer_id,
  externalUserID: row.external_user_id,
  pointsSpent: Number(row.points_spent),
  status: row.status,
  voucherCode: row.voucher_code,
  createdAt: iso(row.created_at),
});

export const walletTransaction = (row: any) => ({
  id: row.id,
  type: row.type,
  amount: Number(row.amount),
  balanceAfter: Number(row.balance_after),
  description: row.description,
  redemptionId: row.redemption_id,
  createdAt: iso(row.created_at),
});

export const webhook = (row: any) => ({
  id: row.id,
  url: row.url,
  events: row.events,
  createdAt: iso(row.created_at),
});

export { iso };
