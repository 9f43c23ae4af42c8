// The app's own backend (apps/example-backend): sign-in, and member tokens for the signed-in
// user. The app never sees an Org-API-Key: it asks its backend for a member token instead.

export interface Session {
  externalUserID: string;
  displayName: string;
}

export interface AppConfig {
  environment: 'sandbox' | 'production';
  /** The Expys API to call (the mock or the sandbox in development); null = the environment's default. */
  expysBaseUrl: string | null;
}

/** The backend no longer knows the user: show the sign-in form. */
export class SignedOutError extends Error {
  override name = 'SignedOutError';
}

/** The backend's session is now someone else's (another tab signed in): this page's member is gone. */
export class SessionChangedError extends SignedOutError {
  override name = 'SessionChangedError';
}

// Relative to the page, so the same code runs in the browser and under jsdom in tests.
const api = (pathname: string) => new URL(pathname, globalThis.location.href);

async function request<T>(pathname: string, init?: RequestInit): Promise<T> {
  const response = await fetch(api(pathname), {
    ...init,
    credentials: 'same-origin',
    headers: init?.body ? { 'content-type': 'application/json' } : {},
  });
  if (response.status === 401) throw new SignedOutError('Signed out');
  if (response.status === 409) throw new SessionChangedError('Another member signed in');
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(problem.message ?? `The backend answered ${response.status}.`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const backend = {
  config: () => request<AppConfig>('/api/config'),
  session: () => request<Session>('/api/session'),
  signIn: (userId: string) => request<Session>('/api/session', { method: 'POST', body: JSON.stringify({ userId }) }),
  signOut: () => request<void>('/api/session', { method: 'DELETE' }),
  /**
   * A fresh member token for the member this page shows; the member client calls it on first use
   * and after `token_expired`. The backend checks that its session is still that member's (409
   * otherwise): a token for whoever signed in last, in another tab, must never reach this page.
   */
  memberToken: async (externalUserID: string) =>
    (await request<{ token: string; expiresAt: string }>('/api/expys-token', { method: 'POST', body: JSON.stringify({ externalUserID }) })).token,
};
