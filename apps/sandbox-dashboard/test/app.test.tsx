// @vitest-environment jsdom
// The dashboard in jsdom against a control plane in memory (fake-control-plane.ts): the Org-API-Key
// sent once and kept nowhere, X-Expys-Dashboard: 1 on every state-changing request, secrets
// revealed once, scopes as the sandbox serves them, and each page's reads and actions.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, createQueryClient } from '../src/App.js';
import { APP_ID, fakeControlPlane, ORG_API_KEY } from './fake-control-plane.js';

let plane: ReturnType<typeof fakeControlPlane>;
const clipboard = { writeText: vi.fn(async (_text: string) => {}) };

beforeEach(() => {
  plane = fakeControlPlane();
  vi.stubGlobal('fetch', plane.fetch);
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  clipboard.writeText.mockClear();
  globalThis.history.replaceState(null, '', '/');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  sessionStorage.clear();
});

async function signedIn() {
  render(<App queryClient={createQueryClient()} />);
  fireEvent.change(await screen.findByLabelText('Org-API-Key'), { target: { value: ORG_API_KEY } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByTestId('key-hint');
}

const stateChanging = () => plane.state.requests.filter((r) => r.method !== 'GET');

describe('signing in', () => {
  it('sends the Org-API-Key once, in the body, with the dashboard header; then the key is nowhere in the page or its storage', async () => {
    await signedIn();
    const signIns = plane.state.requests.filter((r) => JSON.stringify(r.body ?? {}).includes(ORG_API_KEY));
    expect(signIns.map((r) => [r.method, r.path, r.headers['x-expys-dashboard'], r.credentials])).toEqual([['POST', 'session', '1', 'same-origin']]);
    expect(signIns[0]!.body).toEqual({ orgApiKey: ORG_API_KEY });
    // No request carries it in a header, and none carries an Authorization header at all.
    for (const request of plane.state.requests) {
      expect(JSON.stringify(request.headers)).not.toContain(ORG_API_KEY);
      expect(request.headers.authorization).toBeUndefined();
      expect(request.credentials).toBe('same-origin');
    }
    await screen.findByRole('heading', { name: 'Applications' });
    expect(document.body.innerHTML).not.toContain(ORG_API_KEY);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it("shows the sandbox's refusal for a wrong key, empties the field and stays signed out", async () => {
    render(<App queryClient={createQueryClient()} />);
    const field = (await screen.findByLabelText('Org-API-Key')) as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'expys_test_wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not a working Org-API-Key');
    expect(field.value).toBe('');
    expect(screen.queryByTestId('key-hint')).toBeNull();
  });

  it('a 401 on any page (signed out elsewhere, expired, key revoked) brings the sign-in form back; sign-out ends the session', async () => {
    await signedIn();
    await screen.findByTestId('app-id');
    plane.state.endSession();
    fireEvent.click(screen.getByRole('link', { name: 'Members' }));
    await screen.findByLabelText('Org-API-Key');

    fireEvent.change(screen.getByLabelText('Org-API-Key'), { target: { value: ORG_API_KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByLabelText('Org-API-Key');
    expect(plane.state.requests.filter((r) => r.method === 'DELETE')).toMatchObject([{ path: 'session', headers: { 'x-expys-dashboard': '1' } }]);
    expect(plane.state.signedIn).toBe(false);
  });
});

describe('applications', () => {
  it('creates an API key with the scopes the sandbox serves and an expiry, reveals it once with a copy button, revokes it now', async () => {
    await signedIn();
    expect((await screen.findByTestId('app-id')).textContent).toBe(APP_ID);
    const form = screen.getByRole('form', { name: 'Create API key' });
    // The sandbox's list, including a scope the page could not have known.
    const custom = (await within(form).findByLabelText('loyalty_custom')) as HTMLInputElement;
    expect(within(form).getAllByRole('checkbox').map((box) => (box as HTMLInputElement).value)).toEqual(plane.state.scopes);
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'CRM sync' } });
    fireEvent.click(custom);
    fireEvent.click(within(form).getByLabelText('member_read'));
    fireEvent.change(within(form).getByLabelText('Expires (optional)'), { target: { value: '2030-01-02T03:04' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create API key' }));

    const revealed = await screen.findByTestId('revealed-secret');
    const key = revealed.textContent!;
    expect(key).toMatch(/^test_sk_/);
    const create = plane.state.requests.find((r) => r.method === 'POST' && r.path === `apps/${APP_ID}/keys`)!;
    expect(create.body).toEqual({ name: 'CRM sync', scopes: ['loyalty_custom', 'member_read'], expiresAt: new Date('2030-01-02T03:04').toISOString() });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(clipboard.writeText).toHaveBeenCalledWith(key));
    expect(await screen.findByText('Copied')).toBeTruthy();

    // The list shows the hint; once dismissed the key is gone from the page.
    const row = await screen.findByText('CRM sync', { selector: 'td' });
    expect(row.closest('tr')!.textContent).toContain(`test_sk_…${key.slice(-4)}`);
    fireEvent.click(screen.getByRole('button', { name: 'I have saved it' }));
    await waitFor(() => expect(document.body.innerHTML).not.toContain(key));

    fireEvent.click(screen.getByRole('button', { name: 'Revoke CRM sync now' }));
    await waitFor(() => expect(screen.getByTestId('key-status').textContent).toBe('revoked'));
    expect(plane.state.requests.find((r) => r.path === `apps/${APP_ID}/keys/key_1/revoke`)?.body).toEqual({});
    for (const request of stateChanging()) expect(request.headers['x-expys-dashboard'], request.path).toBe('1');
  });

  it('revokes at a chosen time, and the key stays active until then', async () => {
    await signedIn();
    const form = await screen.findByRole('form', { name: 'Create API key' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Old job' } });
    fireEvent.click(await within(form).findByLabelText('points_write'));
    fireEvent.click(within(form).getByRole('button', { name: 'Create API key' }));
    await screen.findByTestId('revealed-secret');
    fireEvent.change(await screen.findByLabelText('Revoke Old job at'), { target: { value: '2030-05-06T07:08' } });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke at this time' }));
    await waitFor(() => expect(screen.getByTestId('key-status').textContent).toBe('active (revocation scheduled)'));
    expect(plane.state.requests.find((r) => r.path.endsWith('/revoke'))?.body).toEqual({ at: new Date('2030-05-06T07:08').toISOString() });
  });

  it('rotates the App Secret after a confirmation and reveals the new one once', async () => {
    await signedIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate App Secret' }));
    expect(plane.state.requests.some((r) => r.path.endsWith('/secret'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm rotation' }));
    expect((await screen.findByTestId('revealed-secret')).textContent).toBe('secret_from-the-fake-sandbox');
    expect(screen.getByText(/The previous App Secret works until 2026-01-01 01:00:00 UTC/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I have saved it' }));
    await waitFor(() => expect(document.body.innerHTML).not.toContain('secret_from-the-fake-sandbox'));
  });
});

describe('the other pages', () => {
  it('members: balances, and a member’s ledger', async () => {
    await signedIn();
    fireEvent.click(screen.getByRole('link', { name: 'Members' }));
    expect(globalThis.location.pathname).toBe('/members');
    const rows = await screen.findAllByTestId('member');
    expect(rows.map((row) => within(row).getByTestId('points').textContent)).toEqual(['1,450', '0']);
    fireEvent.click(screen.getByRole('button', { name: 'Ledger of user_123' }));
    const ledger = await screen.findByRole('table', { name: 'Ledger of user_123' });
    expect(within(ledger).getAllByRole('row').slice(1).map((row) => row.textContent)).toEqual([
      '2026-01-02 00:00:00 UTCredemption-501,450Redeemed: Free coffee',
      '2026-01-01 00:00:00 UTCcredit+1,5001,500Welcome',
    ]);
    expect(screen.getByTestId('ledger-balance').textContent).toBe('1,450');
  });

  it('webhooks: the endpoints, the delivery log with each attempt, redelivery and test deliveries with their results', async () => {
    await signedIn();
    fireEvent.click(screen.getByRole('link', { name: 'Webhooks' }));
    expect(await screen.findByText('https://backend.example.com/hooks', { selector: 'h3 code' })).toBeTruthy();
    const delivery = await screen.findByTestId('delivery');
    expect(delivery.textContent).toContain('points.credited');
    expect(within(delivery).getByRole('table', { name: 'Attempts of dlv_1' }).textContent).toContain('500');
    fireEvent.click(within(delivery).getByRole('button', { name: 'Redeliver' }));
    await waitFor(() => expect(plane.state.requests.some((r) => r.method === 'POST' && r.path === 'deliveries/dlv_1/redeliver')).toBe(true));

    const tests = screen.getByRole('form', { name: 'Test deliveries to we_Test' });
    fireEvent.change(within(tests).getByLabelText(/To \(optional/), { target: { value: 'http://127.0.0.1:3000/webhooks' } });
    fireEvent.click(within(tests).getByRole('button', { name: 'Send test deliveries' }));
    const results = await screen.findByRole('table', { name: 'Test delivery results' });
    expect(within(results).getAllByRole('row').slice(1).map((row) => row.firstElementChild!.textContent)).toEqual(['valid', 'tampered', 'stale', 'duplicate']);
    expect(screen.getByText(/did not answer every test as expected/)).toBeTruthy();
    expect(plane.state.requests.find((r) => r.path === 'webhooks/we_Test/test-deliveries')?.body).toEqual({ url: 'http://127.0.0.1:3000/webhooks' });
    for (const request of stateChanging()) expect(request.headers['x-expys-dashboard'], request.path).toBe('1');
  });

  it('clock: the sandbox time, advanced by a duration typed or picked; a bad one shows the refusal', async () => {
    await signedIn();
    fireEvent.click(screen.getByRole('link', { name: 'Clock' }));
    expect((await screen.findByTestId('sandbox-now')).textContent).toBe('2026-01-01 00:00:00 UTC');
    fireEvent.change(screen.getByLabelText('Advance by'), { target: { value: '16m' } });
    fireEvent.click(screen.getByRole('button', { name: 'Advance' }));
    await waitFor(() => expect(screen.getByTestId('sandbox-now').textContent).toBe('2026-01-01 00:16:00 UTC'));
    fireEvent.click(screen.getByRole('button', { name: '+1d' }));
    await waitFor(() => expect(screen.getByTestId('sandbox-now').textContent).toBe('2026-01-02 00:16:00 UTC'));
    expect(plane.state.requests.filter((r) => r.path === 'clock/advance').map((r) => r.body)).toEqual([{ by: '16m' }, { by: '1d' }]);
    fireEvent.change(screen.getByLabelText('Advance by'), { target: { value: 'soon' } });
    fireEvent.click(screen.getByRole('button', { name: 'Advance' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Cannot read the duration');
  });
});
