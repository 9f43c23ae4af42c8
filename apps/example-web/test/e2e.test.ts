// The whole flow in a real headless Chromium: the production build of the app, served by the
// example backend, which mints member tokens with the Org-API-Key; the app calls the Expys API
// (the mock, then the stateful sandbox) with member tokens only.
import { SAMPLE_CREDENTIALS, startMock, type RunningMock } from '@expys/mock';
import { memberOperations } from '@expys/msw-handlers/member';
import { startExampleBackend, type RunningBackend, type TokenGrantSummary } from '@expys/example-backend';
import { startSandbox, type RunningSandbox } from '@expys/sandbox';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../../../scripts/testing/chromium.js';
import { openRecorded, type PageRecord } from './support/browser.js';
import { requireBuild } from './support/paths.js';

const ORG_API_KEY = SAMPLE_CREDENTIALS.fullAccessKey;
/** applyReferralCode's documented answer (the mock's), from the same bundle as the MSW handlers. */
const APPLIED = Object.values(memberOperations.find((op) => op.operationId === 'applyReferralCode')!.answers['200']!.examples)[0] as { code: string; refereePoints: number };
const MEMBER_TOKEN = /^Bearer mt_test_[A-Za-z0-9]{40}$/;

let browser: LaunchedChromium;
const webRoot = requireBuild();

beforeAll(async () => {
  browser = await launchChromium({ name: 'example' });
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, userId: string, referralCode?: string): Promise<void> {
  await page.getByLabel('User id').fill(userId);
  if (referralCode !== undefined) await page.getByLabel(/Referral code/).fill(referralCode);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('member-name').waitFor();
}

const balanceOf = async (page: Page) => Number(await page.getByTestId('balance').textContent());
const cashbackOf = (page: Page) => page.getByTestId('cashback-balance').textContent();

async function redeemCashback(page: Page, amount: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Redeem cashback' });
  await form.getByLabel(/Amount/).fill(amount);
  await form.getByRole('button', { name: 'Redeem cashback' }).click();
}

/** The credential boundary, as the browser saw it: member tokens to the API, no key anywhere. */
async function expectOnlyMemberTokens(record: PageRecord, apiUrl: string): Promise<void> {
  await record.settled();
  const apiCalls = record.requests.filter((r) => r.url.startsWith(apiUrl) && r.authorization !== undefined);
  expect(apiCalls.length).toBeGreaterThan(2);
  for (const call of apiCalls) expect(call.authorization, call.url).toMatch(MEMBER_TOKEN);
  for (const request of record.requests) expect(JSON.stringify(request.headers), request.url).not.toMatch(/expys_(test|live)_/);
}

describe('against the mock', () => {
  let mock: RunningMock;
  let backend: RunningBackend;

  beforeAll(async () => {
    mock = await startMock({ port: 0 });
    backend = await startExampleBackend({ orgApiKey: ORG_API_KEY, environment: 'sandbox', expysBaseUrl: mock.url, webRoot, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await backend?.stop();
    await mock?.stop();
  });

  it('signs in, lists offers, redeems one and shows the wallet, from the spec examples', async () => {
    const { page, record } = await openRecorded(browser.context, backend.url);
    try {
      await signIn(page, 'user_123');
      await expect.poll(() => balanceOf(page)).toBe(1200);
      const coffee = page.getByTestId('offer').filter({ hasText: 'Free coffee' });
      await coffee.getByRole('button', { name: 'Redeem Free coffee' }).click();
      await expect.poll(() => coffee.getByTestId('redemption-id').textContent()).toMatch(/^red_/);
      // The mock answers createRedemption's first example: a `pending` redemption, its code to come.
      expect(await coffee.getByRole('status').textContent()).toContain('Your voucher code is being issued.');

      await expectOnlyMemberTokens(record, mock.url);
      await record.settled();
      const redemption = record.requests.find((r) => r.url === `${mock.url}/v1/redemptions`);
      expect(redemption?.headers['idempotency-key']).toBeTruthy();
      expect(record.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows the stamp card and the cashback of the examples; redeems cashback in cents; applies a referral code at sign-in', async () => {
    const { page, record } = await openRecorded(browser.context, backend.url);
    try {
      await signIn(page, 'user_456', APPLIED.code.toLowerCase());
      await expect.poll(() => page.getByTestId('referral-result').textContent()).toBe(`Referral code ${APPLIED.code} applied: you earned ${APPLIED.refereePoints} points.`);
      const card = page.getByTestId('stamp-card').filter({ hasText: 'Coffee card' });
      await expect.poll(() => card.getByTestId('stamp-progress').textContent()).toBe('7/10');
      expect(await card.getByRole('button', { name: 'Redeem Coffee card reward' }).isDisabled()).toBe(true);
      await expect.poll(() => cashbackOf(page)).toBe('$12.50');
      await redeemCashback(page, '5');
      await expect.poll(() => page.getByTestId('cashback-left').textContent()).toBe('$7.50');

      await expectOnlyMemberTokens(record, mock.url);
      await record.settled();
      const apply = record.requests.find((r) => r.url === `${mock.url}/v1/referrals/apply`);
      const cashOut = record.requests.find((r) => r.url === `${mock.url}/v1/cashback/redeem`);
      expect(apply?.headers['idempotency-key']).toBeTruthy();
      expect(cashOut?.headers['idempotency-key']).toBeTruthy();
      expect(record.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('against the sandbox', () => {
  let sandbox: RunningSandbox;
  let backend: RunningBackend;
  const mints: TokenGrantSummary[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ database: { kind: 'memory' }, sampleKeys: true, port: 0 });
    backend = await startExampleBackend(
      { orgApiKey: ORG_API_KEY, environment: 'sandbox', expysBaseUrl: sandbox.url, webRoot, host: '127.0.0.1', port: 0 },
      { onMint: (grant) => mints.push(grant) },
    );
  });
  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('redeems an offer and the balance drops; an expired token is refreshed without the member noticing', async () => {
    const { page, record } = await openRecorded(browser.context, backend.url);
    try {
      await signIn(page, 'user_123');
      await page.getByTestId('balance').waitFor();
      const before = await balanceOf(page);
      expect(before).toBeGreaterThanOrEqual(500);
      const coffee = page.getByTestId('offer').filter({ hasText: 'Free coffee' });
      await coffee.getByRole('button', { name: 'Redeem Free coffee' }).click();
      await expect.poll(() => coffee.getByTestId('redemption-id').textContent()).toMatch(/^red_/);
      // The sandbox issues the voucher at once: a code of its own, not the example's.
      expect(await coffee.getByTestId('voucher-code').textContent()).toMatch(/^EXPY-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      // The mutation invalidates the member's queries: the wallet refetches by itself.
      await expect.poll(() => balanceOf(page)).toBe(before - 500);
      expect(mints).toHaveLength(1);

      // 16 minutes later on the sandbox clock the member token has expired (15 min lifetime).
      await sandbox.context.clock.advance(16 * 60_000);
      const wallet = `${sandbox.url}/v1/wallet`;
      const walletAnswers = () => record.responses.filter((r) => r.url === wallet).map((r) => r.status);
      const answeredBefore = walletAnswers().length;
      const refreshed = page.waitForResponse((r) => r.url() === wallet && r.status() === 200);
      await page.getByRole('button', { name: 'Refresh balance' }).click();
      await refreshed;
      // Exactly: the expired token's 401, one new token from the backend, the retried call's 200.
      expect(walletAnswers().slice(answeredBefore)).toEqual([401, 200]);
      expect(mints).toHaveLength(2);
      expect(await balanceOf(page)).toBe(before - 500);
      expect(await page.getByRole('alert').count()).toBe(0);

      await expectOnlyMemberTokens(record, sandbox.url);
      expect(record.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("redeems a stamp reward and cashback for real: the card's stamps and the balance drop, and stay", async () => {
    const { page, record } = await openRecorded(browser.context, backend.url);
    try {
      await signIn(page, 'user_123');
      // The seed gives user_123 the examples' 10 stamps (one reward ready) and 1250 cents.
      const card = page.getByTestId('stamp-card').filter({ hasText: 'Coffee card' });
      await expect.poll(() => card.getByTestId('rewards-available').textContent()).toBe('1 reward ready: A free coffee of any size');
      await card.getByRole('button', { name: 'Redeem Coffee card reward' }).click();
      await expect.poll(() => card.getByTestId('stamp-reward').textContent()).toBe('A free coffee of any size');
      // The cards are read again: the 10 stamps were spent, the button waits for the next reward.
      await expect.poll(() => card.getByTestId('stamp-progress').textContent()).toBe('0/10');
      expect(await card.getByRole('button', { name: 'Redeem Coffee card reward' }).isDisabled()).toBe(true);

      await expect.poll(() => cashbackOf(page)).toBe('$12.50');
      await redeemCashback(page, '5.00');
      await expect.poll(() => cashbackOf(page)).toBe('$7.50');

      // Still so after a reload: the sandbox kept it.
      await page.reload();
      await expect.poll(() => cashbackOf(page)).toBe('$7.50');
      await expect.poll(() => page.getByTestId('stamp-card').filter({ hasText: 'Coffee card' }).getByTestId('stamp-progress').textContent()).toBe('0/10');
      await expectOnlyMemberTokens(record, sandbox.url);
      expect(record.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a new member signs in with user_123's referral code: both are rewarded once, the new member's wallet shows it", async () => {
    const { page, record } = await openRecorded(browser.context, backend.url);
    try {
      await signIn(page, 'user_123');
      const code = (await page.getByTestId('my-referral-code').textContent())!;
      expect(code).toMatch(/^[A-Z0-9-]{4,32}$/);
      await page.getByTestId('balance').waitFor();
      const referrerBefore = await balanceOf(page);
      await page.getByRole('button', { name: 'Sign out' }).click();

      await signIn(page, `friend_${Date.now()}`, code.toLowerCase());
      const result = page.getByTestId('referral-result');
      await expect.poll(() => result.textContent()).toMatch(new RegExp(`^Referral code ${code} applied: you earned \\d+ points\\.$`));
      const points = Number(await page.getByTestId('referral-points').textContent());
      expect(points).toBeGreaterThan(0);
      // A new member: the referral's points are the whole balance, read after the code was applied.
      await expect.poll(() => balanceOf(page)).toBe(points);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, 'user_123');
      await expect.poll(() => balanceOf(page)).toBeGreaterThan(referrerBefore);
      await expectOnlyMemberTokens(record, sandbox.url);
      expect(record.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('enrols a new user at sign-in, with no points: redeeming says so', async () => {
    const { page } = await openRecorded(browser.context, backend.url);
    try {
      await signIn(page, `new_user_${Date.now()}`);
      await expect.poll(() => balanceOf(page)).toBe(0);
      const coffee = page.getByTestId('offer').filter({ hasText: 'Free coffee' });
      await coffee.getByRole('button', { name: 'Redeem Free coffee' }).click();
      await expect.poll(() => coffee.getByRole('alert').textContent()).toMatch(/enough points/);
    } finally {
      await page.close();
    }
  });

  it('another tab signs in as someone else: this tab switches to that member instead of using their token as its own', async () => {
    const first = await openRecorded(browser.context, backend.url, [401, 409]);
    try {
      await signIn(first.page, 'user_123');
      await first.page.getByTestId('balance').waitFor();
      const second = await browser.context.newPage(); // same browser profile: the same cookie
      await second.goto(backend.url);
      await second.getByRole('button', { name: 'Sign out' }).click();
      await signIn(second, `other_${Date.now()}`);
      await second.close();

      // user_123's tab, once its token has expired, asks for a new one for user_123: the backend
      // session is the other member's now, so it answers 409 and the tab follows the session.
      const mintsBefore = mints.length;
      await sandbox.context.clock.advance(16 * 60_000);
      await first.page.getByRole('button', { name: 'Refresh balance' }).click();
      await expect.poll(() => first.page.getByTestId('member-name').textContent()).toMatch(/^other_/);
      await expect.poll(() => balanceOf(first.page)).toBe(0);
      // It went through the 409 (not, say, a session refetch on focus).
      expect(first.record.responses).toContainEqual({ url: `${backend.url}/api/expys-token`, status: 409 });
      // Minted afterwards: for the other member only, never for user_123 from this tab.
      expect(mints.slice(mintsBefore).every((m) => m.externalUserID.startsWith('other_'))).toBe(true);
      expect(first.record.errors).toEqual([]);
    } finally {
      await first.page.close();
    }
  });
});
