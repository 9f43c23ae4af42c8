// @vitest-environment jsdom
// The app's unit tests: React in jsdom, the Expys API answered by @expys/msw-handlers (the
// spec's examples and the mock's credential rules), the app's backend by three small handlers.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemberHandlers, memberOperations, memberSamples } from '@expys/msw-handlers/member';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintCredential } from '@expys/credentials';
import { App, createQueryClient } from '../src/App.js';

const EXPYS = 'http://127.0.0.1:4010';
const BACKEND = 'http://localhost:3000';

/**
 * The app's backend, in memory, with the real backend's protocol: who is signed in (one
 * session, as one cookie shared by every tab), and a member token per request, checked against
 * the member the page asks for (409 session_changed otherwise). `tokens` replaces the minted
 * tokens in order (to hand out an expired one first).
 */
function fakeBackend(tokens: string[] = []) {
  const state = {
    signedIn: undefined as string | undefined,
    minted: 0,
    endSessionAfterMints: undefined as number | undefined,
    /** Which member each handed-out token is for, so the Expys side can answer per member. */
    owners: new Map<string, string>(),
    onMint: undefined as (() => void) | undefined,
    /** Token requests in order, by the member asked for (a 409 is marked). */
    tokenRequests: [] as string[],
    /** Holds the next token request for this member until the promise settles. */
    hold: undefined as { member: string; until: Promise<void> } | undefined,
  };
  const handlers = [
    http.get(`${BACKEND}/api/config`, () => HttpResponse.json({ environment: 'sandbox', expysBaseUrl: EXPYS })),
    http.get(`${BACKEND}/api/session`, () =>
      state.signedIn ? HttpResponse.json({ externalUserID: state.signedIn, displayName: state.signedIn }) : HttpResponse.json({ error: 'signed_out' }, { status: 401 }),
    ),
    http.post(`${BACKEND}/api/session`, async ({ request }) => {
      const { userId } = (await request.json()) as { userId: string };
      state.signedIn = userId;
      return HttpResponse.json({ externalUserID: userId, displayName: userId });
    }),
    http.delete(`${BACKEND}/api/session`, () => {
      state.signedIn = undefined;
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(`${BACKEND}/api/expys-token`, async ({ request }) => {
      const { externalUserID } = (await request.json()) as { externalUserID: string };
      state.tokenRequests.push(externalUserID);
      if (state.hold?.member === externalUserID) {
        const { until } = state.hold;
        state.hold = undefined;
        await until;
      }
      if (state.endSessionAfterMints !== undefined && state.minted >= state.endSessionAfterMints) state.signedIn = undefined;
      if (!state.signedIn) return HttpResponse.json({ error: 'signed_out' }, { status: 401 });
      if (externalUserID !== state.signedIn) {
        state.tokenRequests.push(`409 ${externalUserID}`);
        return HttpResponse.json({ error: 'session_changed' }, { status: 409 });
      }
      const token = tokens[state.minted] ?? mintCredential('member-token', 'sandbox');
      state.minted += 1;
      state.owners.set(token, externalUserID);
      state.onMint?.();
      return HttpResponse.json({ token, expiresAt: '2030-01-01T00:00:00Z', externalUserID });
    }),
  ];
  return { state, handlers };
}

/** getWallet answering each member's own balance (the handlers' example is the same for all). */
function walletsByMember(owners: Map<string, string>, balances: Record<string, number>) {
  return http.get(`${EXPYS}/v1/wallet`, ({ request }) => {
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    const member = owners.get(token);
    // Not ours, or the sample expired token: fall through to the spec's handlers (and their 401).
    if (!member || token === memberSamples.expiredMemberToken) return undefined;
    return HttpResponse.json({ externalUserID: member, balance: balances[member] ?? 0, currency: { code: 'STAR', symbol: '★', name: 'Bean Stars' }, tier: 'gold', updatedAt: '2026-03-14T09:30:12Z' });
  });
}

const server = setupServer();
const expysRequests: { url: string; method: string; authorization: string | null; idempotencyKey: string | null }[] = [];
/** The JSON bodies the app sent to redeemCashback and applyReferralCode. */
const redeemBodies: unknown[] = [];
const applyBodies: unknown[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(EXPYS)) {
    expysRequests.push({ url: request.url, method: request.method, authorization: request.headers.get('authorization'), idempotencyKey: request.headers.get('idempotency-key') });
    const bodies = request.url === `${EXPYS}/v1/cashback/redeem` ? redeemBodies : request.url === `${EXPYS}/v1/referrals/apply` ? applyBodies : undefined;
    if (bodies) void request.clone().json().then((body) => bodies.push(body));
  }
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  expysRequests.length = 0;
  redeemBodies.length = 0;
  applyBodies.length = 0;
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

function start(tokens: string[] = [], overrides: Parameters<typeof createMemberHandlers>[0] = {}, balances?: Record<string, number>) {
  const backend = fakeBackend(tokens);
  server.use(...backend.handlers, ...(balances ? [walletsByMember(backend.state.owners, balances)] : []), ...createMemberHandlers({ baseUrl: EXPYS, ...overrides }));
  render(<App queryClient={createQueryClient()} />);
  return backend;
}

async function signIn(userId = 'user_123') {
  fireEvent.change(await screen.findByLabelText('User id'), { target: { value: userId } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByTestId('member-name');
}

/** The first example of an operation's 2xx, as the handlers (and the mock) answer it. */
const exampleOf = <T,>(operationId: string): T => {
  const op = memberOperations.find((o) => o.operationId === operationId)!;
  return Object.values(op.answers[String(op.successStatus)]!.examples)[0] as T;
};
const applied = exampleOf<{ code: string; refereePoints: number }>('applyReferralCode');

const offerCard = async (title: string) => (await screen.findAllByTestId('offer')).find((card) => within(card).queryByText(title))!;

describe('the example app with the MSW handlers', () => {
  it('shows the sign-in form, then the wallet and offers of the spec examples', async () => {
    start();
    await signIn();
    expect(await screen.findByTestId('balance')).toHaveProperty('textContent', '1200');
    expect(await offerCard('Free coffee')).toBeTruthy();
    expect(expysRequests.length).toBeGreaterThanOrEqual(2);
    for (const request of expysRequests) expect(request.authorization).toMatch(/^Bearer mt_test_[A-Za-z0-9]{40}$/);
  });

  it('says the voucher code is being issued while the redemption is pending (voucherCode null), and never shows the id as the code', async () => {
    start([], { overrides: { createRedemption: { example: 'pending' } } });
    await signIn();
    const card = await offerCard('Free coffee');
    fireEvent.click(within(card).getByRole('button', { name: 'Redeem Free coffee' }));
    expect((await within(card).findByTestId('redemption-id')).textContent).toMatch(/^red_/);
    expect(within(card).getByRole('status').textContent).toMatch(/^Redeemed! Your voucher code is being issued\. Redemption red_\w+$/);
    expect(within(card).queryByTestId('voucher-code')).toBeNull();
  });

  it('redeems an offer: one POST with an Idempotency-Key, then the wallet is fetched again', async () => {
    start();
    await signIn();
    await screen.findByTestId('balance');
    const walletCalls = () => expysRequests.filter((r) => r.url === `${EXPYS}/v1/wallet`).length;
    const before = walletCalls();
    const card = await offerCard('Free coffee');
    fireEvent.click(within(card).getByRole('button', { name: 'Redeem Free coffee' }));
    expect((await within(card).findByTestId('redemption-id')).textContent).toMatch(/^red_/);
    const posts = expysRequests.filter((r) => r.method === 'POST' && r.url === `${EXPYS}/v1/redemptions`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.idempotencyKey).toMatch(/\S{16,}/);
    await waitFor(() => expect(walletCalls()).toBe(before + 1));
  });

  it('shows the voucher code of a fulfilled redemption, the id labelled apart', async () => {
    // The mock (and the handlers) answer the operation's first example, `pending`; the Redemption
    // schema's own example is a `fulfilled` one, with its voucher code.
    const fulfilled = memberOperations.find((op) => op.operationId === 'createRedemption')!.answers['201']!.schemaExample as { voucherCode: string };
    expect(fulfilled.voucherCode).toBe('BEAN-7Q2K-9XPL');
    start([], { overrides: { createRedemption: { status: 201, body: fulfilled } } });
    await signIn();
    const card = await offerCard('Free coffee');
    fireEvent.click(within(card).getByRole('button', { name: 'Redeem Free coffee' }));
    expect((await within(card).findByTestId('voucher-code')).textContent).toBe('BEAN-7Q2K-9XPL');
    expect(within(card).getByRole('status').textContent).toMatch(/^Redeemed! Voucher code BEAN-7Q2K-9XPL Redemption red_\w+$/);
  });

  it('says so when the member cannot afford the offer (the spec\'s 422 insufficient_points)', async () => {
    start([], { overrides: { createRedemption: { status: 422, example: 'insufficientPoints' } } });
    await signIn();
    const card = await offerCard('Free coffee');
    fireEvent.click(within(card).getByRole('button', { name: 'Redeem Free coffee' }));
    expect((await within(card).findByRole('alert')).textContent).toMatch(/enough points/);
  });

  it('gets a new member token from the backend when the first has expired, and the member sees nothing of it', async () => {
    const backend = start([memberSamples.expiredMemberToken, memberSamples.memberToken]);
    await signIn();
    expect((await screen.findByTestId('balance')).textContent).toBe('1200');
    expect(backend.state.minted).toBe(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('goes back to the sign-in form when the backend session has ended by the time the token expires', async () => {
    const backend = start([memberSamples.expiredMemberToken]);
    backend.state.endSessionAfterMints = 1;
    await signIn();
    // The expired token's 401 asks the backend for a new one; the backend no longer knows the user.
    await screen.findByLabelText('User id');
    expect(screen.queryByTestId('balance')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(backend.state.minted).toBe(1);
  });

  it('shows the next member only their own data after a sign-out (nothing cached is reused)', async () => {
    const backend = start([], {}, { alice: 1200, bob: 42 });
    await signIn('alice');
    expect((await screen.findByTestId('balance')).textContent).toBe('1200');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await signIn('bob');
    // The first balance shown for bob is bob's: a cached wallet (staleTime 30 s) would show 1200.
    expect((await screen.findByTestId('balance')).textContent).toBe('42');
    expect(backend.state.minted).toBe(2);
  });

  it('follows another tab\'s sign-in: a token for the new member never serves the old page', async () => {
    // Alice's first token has expired; by the time the app asks for a new one, bob has signed in
    // (in another tab: the backend session is bob's now).
    const backend = start([memberSamples.expiredMemberToken], {}, { alice: 1200, bob: 42 });
    backend.state.onMint = () => {
      backend.state.onMint = undefined;
      backend.state.signedIn = 'bob';
    };
    await signIn('alice');
    // The refresh for alice gets 409: the page switches to bob, with bob's data only.
    await waitFor(() => expect(screen.getByTestId('member-name').textContent).toBe('bob'));
    expect((await screen.findByTestId('balance')).textContent).toBe('42');
    expect([...backend.state.owners.values()]).toEqual(['alice', 'bob']);
    expect(backend.state.tokenRequests).toContain('409 alice');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a late answer for the previous member changes nothing for the next one', async () => {
    // Alice's first token has expired; her refresh is held at the backend while she signs out
    // and bob signs in. Then it is answered (409: the session is bob's).
    const backend = start([memberSamples.expiredMemberToken], {}, { alice: 1200, bob: 42 });
    let release!: () => void;
    backend.state.onMint = () => {
      backend.state.onMint = undefined;
      backend.state.hold = { member: 'alice', until: new Promise<void>((resolve) => (release = resolve)) };
    };
    await signIn('alice');
    await waitFor(() => expect(backend.state.tokenRequests).toEqual(['alice', 'alice']));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await signIn('bob');
    expect((await screen.findByTestId('balance')).textContent).toBe('42');
    const before = backend.state.tokenRequests.length;

    release();
    await waitFor(() => expect(backend.state.tokenRequests).toContain('409 alice'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Bob stays, with his data, and nothing more is asked for either member.
    expect(screen.getByTestId('member-name').textContent).toBe('bob');
    expect(screen.getByTestId('balance').textContent).toBe('42');
    expect(backend.state.tokenRequests.slice(before)).toEqual(['409 alice']);
  });
});

describe('the wallet screen: stamp cards and cashback', () => {
  const stampCard = async (name: string) => (await screen.findAllByTestId('stamp-card')).find((card) => within(card).queryByText(name))!;
  const coffeeCard = { id: 'stc_Coffee10Card0001', name: 'Coffee card', threshold: 10, rewardDescription: 'A free coffee of any size' };

  it("shows the spec's stamp card with its progress to the reward; the redeem button waits for a reward", async () => {
    start();
    await signIn();
    const card = await stampCard('Coffee card');
    // The example card holds 7 of 10 stamps: no reward yet.
    expect(within(card).getByTestId('stamp-progress').textContent).toBe('7/10');
    expect(card.textContent).toContain('3 more for a free coffee of any size');
    expect(within(card).getByRole('progressbar')).toHaveProperty('value', 7);
    expect(within(card).getByRole('button', { name: 'Redeem Coffee card reward' })).toHaveProperty('disabled', true);
  });

  it('redeems a ready reward: one POST for that card with an Idempotency-Key and no body, then the cards are fetched again', async () => {
    start([], { overrides: { getStamps: { body: { externalUserID: 'user_123', cards: [{ ...coffeeCard, stamps: 10, rewardsAvailable: 1 }] } } } });
    await signIn();
    const card = await stampCard('Coffee card');
    expect(within(card).getByTestId('rewards-available').textContent).toBe('1 reward ready: A free coffee of any size');
    const stampCalls = () => expysRequests.filter((r) => r.url === `${EXPYS}/v1/stamps`).length;
    const before = stampCalls();
    fireEvent.click(within(card).getByRole('button', { name: 'Redeem Coffee card reward' }));
    expect((await within(card).findByTestId('stamp-reward')).textContent).toBe('A free coffee of any size');
    expect(within(card).getByRole('status').textContent).toBe('Enjoy: A free coffee of any size (10 stamps used)');
    const posts = expysRequests.filter((r) => r.method === 'POST' && r.url === `${EXPYS}/v1/stamps/stc_Coffee10Card0001/redeem`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.idempotencyKey).toMatch(/\S{16,}/);
    await waitFor(() => expect(stampCalls()).toBe(before + 1));
  });

  it("says so when the card holds too few stamps (the spec's 422 insufficient_stamps)", async () => {
    start([], {
      overrides: {
        getStamps: { body: { externalUserID: 'user_123', cards: [{ ...coffeeCard, stamps: 10, rewardsAvailable: 1 }] } },
        redeemStampReward: { status: 422, example: 'insufficientStamps' },
      },
    });
    await signIn();
    const card = await stampCard('Coffee card');
    fireEvent.click(within(card).getByRole('button', { name: 'Redeem Coffee card reward' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('Not enough stamps on this card for a reward yet.');
  });

  it('shows the cashback balance in dollars and redeems an amount in cents', async () => {
    start();
    await signIn();
    // The spec's 1250 minor units of USD.
    expect((await screen.findByTestId('cashback-balance')).textContent).toBe('$12.50');
    const form = screen.getByRole('form', { name: 'Redeem cashback' });
    const button = within(form).getByRole('button', { name: 'Redeem cashback' });
    expect(button).toHaveProperty('disabled', true);
    fireEvent.change(within(form).getByLabelText(/Amount/), { target: { value: '5.00' } });
    fireEvent.click(button);
    expect((await screen.findByTestId('cashback-left')).textContent).toBe('$7.50');
    const section = screen.getByRole('region', { name: 'Cashback' });
    expect(within(section).getByRole('status').textContent).toBe('Redeemed $5.00: $7.50 left.');
    const posts = expysRequests.filter((r) => r.method === 'POST' && r.url === `${EXPYS}/v1/cashback/redeem`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.idempotencyKey).toMatch(/\S{16,}/);
    expect(redeemBodies).toEqual([{ amount: 500 }]);
  });

  it("says so when the balance is lower (the spec's 422 insufficient_cashback), and refuses what is not an amount", async () => {
    start([], { overrides: { redeemCashback: { status: 422, example: 'insufficientCashback' } } });
    await signIn();
    await screen.findByTestId('cashback-balance');
    const form = screen.getByRole('form', { name: 'Redeem cashback' });
    for (const text of ['abc', '0', '-1', '1e3']) {
      fireEvent.change(within(form).getByLabelText(/Amount/), { target: { value: text } });
      expect(within(form).getByRole('button', { name: 'Redeem cashback' }), text).toHaveProperty('disabled', true);
    }
    fireEvent.change(within(form).getByLabelText(/Amount/), { target: { value: '100' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Redeem cashback' }));
    expect((await within(screen.getByRole('region', { name: 'Cashback' })).findByRole('alert')).textContent).toBe("You don't have that much cashback.");
    expect(redeemBodies).toEqual([{ amount: 10000 }]);
  });

  it("shows the member's own referral code to share", async () => {
    start();
    await signIn();
    expect((await screen.findByTestId('my-referral-code')).textContent).toBe(exampleOf<{ code: string }>('getReferrals').code);
  });
});

describe('a referral code at sign-in', () => {
  async function signInWithCode(code: string, userId = 'user_456') {
    fireEvent.change(await screen.findByLabelText('User id'), { target: { value: userId } });
    fireEvent.change(screen.getByLabelText(/Referral code/), { target: { value: code } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByTestId('member-name');
  }
  const applies = () => expysRequests.filter((r) => r.method === 'POST' && r.url === `${EXPYS}/v1/referrals/apply`);

  it('is applied once the member is signed in, with the member token and an Idempotency-Key, and says what it brought', async () => {
    start();
    await signInWithCode(` ${applied.code.toLowerCase()} `);
    expect((await screen.findByTestId('referral-result')).textContent).toBe(`Referral code ${applied.code} applied: you earned ${applied.refereePoints} points.`);
    expect(applies()).toHaveLength(1);
    expect(applies()[0]!.authorization).toMatch(/^Bearer mt_test_[A-Za-z0-9]{40}$/);
    expect(applies()[0]!.idempotencyKey).toMatch(/\S{16,}/);
    // Upper-cased and trimmed, as codes are written.
    expect(applyBodies).toEqual([{ code: applied.code }]);
    // The wallet shown is read after the code was applied (the mutation invalidates the member's
    // queries before it resolves): its points are in it.
    const urls = () => expysRequests.map((r) => r.url);
    await screen.findByTestId('balance');
    expect(urls().indexOf(`${EXPYS}/v1/wallet`)).toBeGreaterThan(urls().indexOf(`${EXPYS}/v1/referrals/apply`));
  });

  it.each([
    ['alreadyApplied', 'You have already used a referral code.'],
    ['invalidCode', "That referral code doesn't exist: check what you typed."],
    ['selfReferral', "That's your own referral code: share it with a friend instead."],
  ])("a refused code (the spec's 422 %s) is explained; the member stays signed in", async (example, message) => {
    start([], { overrides: { applyReferralCode: { status: 422, example } } });
    await signInWithCode(applied.code);
    expect((await screen.findByTestId('referral-result')).textContent).toBe(message);
    expect((await screen.findByTestId('balance')).textContent).toBe('1200');
  });

  it('without a code nothing is applied; a later sign-in without a code applies nothing either', async () => {
    start();
    await signIn('user_456');
    await screen.findByTestId('balance');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await signInWithCode(applied.code, 'user_789');
    await screen.findByTestId('referral-result');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await signIn('user_789');
    await screen.findByTestId('balance');
    expect(applies()).toHaveLength(1);
    expect(screen.queryByTestId('referral-result')).toBeNull();
  });
});
