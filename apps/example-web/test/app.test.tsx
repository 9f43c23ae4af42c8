// @vitest-environment jsdom
// The app's unit tests: React in jsdom, the Expys API answered by @expys/msw-handlers (the
// spec's examples and the mock's credential rules), the app's backend by three small handlers.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemberHandlers, memberSamples } from '@expys/msw-handlers/member';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App, createQueryClient } from '../src/App.js';

const EXPYS = 'http://127.0.0.1:4010';
const BACKEND = 'http://localhost:3000';

/** The app's backend, in memory: who is signed in, and which member tokens it hands out. */
function fakeBackend(tokens: string[]) {
  const state = { signedIn: undefined as string | undefined, minted: 0, endSessionAfterMints: undefined as number | undefined };
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
    http.post(`${BACKEND}/api/expys-token`, () => {
      if (!state.signedIn) return HttpResponse.json({ error: 'signed_out' }, { status: 401 });
      if (state.endSessionAfterMints !== undefined && state.minted >= state.endSessionAfterMints) {
        state.signedIn = undefined;
        return HttpResponse.json({ error: 'signed_out' }, { status: 401 });
      }
      const token = tokens[Math.min(state.minted++, tokens.length - 1)]!;
      return HttpResponse.json({ token, expiresAt: '2030-01-01T00:00:00Z' });
    }),
  ];
  return { state, handlers };
}

const server = setupServer();
const expysRequests: { url: string; method: string; authorization: string | null; idempotencyKey: string | null }[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(EXPYS)) {
    expysRequests.push({ url: request.url, method: request.method, authorization: request.headers.get('authorization'), idempotencyKey: request.headers.get('idempotency-key') });
  }
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  expysRequests.length = 0;
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

function start(tokens: string[] = [memberSamples.memberToken], overrides: Parameters<typeof createMemberHandlers>[0] = {}) {
  const backend = fakeBackend(tokens);
  server.use(...backend.handlers, ...createMemberHandlers({ baseUrl: EXPYS, ...overrides }));
  render(<App queryClient={createQueryClient()} />);
  return backend;
}

async function signIn(userId = 'user_123') {
  fireEvent.change(await screen.findByLabelText('User id'), { target: { value: userId } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByTestId('member-name');
}

const offerCard = async (title: string) => (await screen.findAllByTestId('offer')).find((card) => within(card).queryByText(title))!;

describe('the example app with the MSW handlers', () => {
  it('shows the sign-in form, then the wallet and offers of the spec examples', async () => {
    start();
    await signIn();
    expect(await screen.findByTestId('balance')).toHaveProperty('textContent', '1200');
    expect(await offerCard('Free coffee')).toBeTruthy();
    for (const request of expysRequests) expect(request.authorization).toBe(`Bearer ${memberSamples.memberToken}`);
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

  it('says so when the member cannot afford the offer (the spec\'s 422 insufficient_points)', async () => {
    start([memberSamples.memberToken], { overrides: { createRedemption: { status: 422, example: 'insufficientPoints' } } });
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

  it('forgets the member\'s data on sign-out', async () => {
    start();
    await signIn('user_123');
    await screen.findByTestId('balance');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByLabelText('User id');
    expect(screen.queryByTestId('balance')).toBeNull();
  });
});
