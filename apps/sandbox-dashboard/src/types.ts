// What the sandbox's control plane (/_sandbox/) answers, as the dashboard reads it.

export interface Session {
  /** The first characters of the Org-API-Key that signed in (never the key). */
  keyHint: string;
  expiresAt: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface Application {
  appId: string;
  name: string;
  environment: 'sandbox' | 'production';
  createdAt: string;
  secretRotatedAt: string | null;
  previousSecretExpiresAt: string | null;
}

export interface SecretRotation {
  appId: string;
  /** Shown once. */
  appSecret: string;
  rotatedAt: string;
  previousSecretExpiresAt: string;
}

export interface ApiKey {
  id: string;
  appId: string;
  name: string;
  scopes: string[];
  hint: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  /** Shown once. */
  key: string;
}

export interface NewApiKey {
  name: string;
  scopes: string[];
  expiresAt?: string;
}

export interface Member {
  externalUserID: string;
  displayName: string;
  tier: string;
  pointsBalance: number;
  cashbackBalance: number;
  createdAt: string;
  updatedAt: string;
}

export interface MemberPage {
  data: Member[];
  nextAfter: string | null;
}

export interface WalletTransaction {
  id: string;
  type: 'credit' | 'redemption';
  amount: number;
  balanceAfter: number;
  description: string;
  redemptionId: string | null;
  createdAt: string;
}

export interface Ledger extends Page<WalletTransaction> {
  member: Member;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
}

export interface DeliveryAttempt {
  attempt: number;
  url: string;
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  webhookId: string;
  state: 'pending' | 'sending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  log: DeliveryAttempt[];
}

export interface AttemptResult {
  url: string;
  status: number | null;
  error: string | null;
  ok: boolean;
  durationMs: number;
}

export interface TestDeliveryResult extends AttemptResult {
  kind: 'valid' | 'tampered' | 'stale' | 'duplicate';
  expected: '2xx' | '4xx';
  passed: boolean;
  eventId: string;
}

export interface TestDeliveries {
  passed: boolean;
  results: TestDeliveryResult[];
}

export interface ClockState {
  now: string;
  offsetMs: number;
}
