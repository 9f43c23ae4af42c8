// The dashboard's only way to the sandbox: its control plane, same origin, under /_sandbox/. The
// browser sends the session cookie (HttpOnly: this code never sees it); every request that
// changes state carries X-Expys-Dashboard: 1, without which the control plane refuses a
// cookie-authenticated request (CSRF). The Org-API-Key is sent once, to sign in, and kept nowhere.
import type {
  Application,
  ApiKey,
  ClockState,
  CreatedApiKey,
  Delivery,
  Ledger,
  MemberPage,
  NewApiKey,
  Page,
  SecretRotation,
  Session,
  TestDeliveries,
  WebhookEndpoint,
} from './types.js';

import { mount } from './mount.js';

export const DASHBOARD_HEADER = 'X-Expys-Dashboard';

/** The control plane refused or failed: its status and its message. */
export class ControlPlaneError extends Error {
  override name = 'ControlPlaneError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 401: not signed in, or the session ended (signed out elsewhere, expired, its key revoked). */
export class SignedOutError extends ControlPlaneError {
  override name = 'SignedOutError';
}

type Method = 'GET' | 'POST' | 'DELETE';

/**
 * Relative to the page, so the same code runs under /_dashboard/, Vite's dev server and jsdom; a
 * sandbox made on demand (/sandboxes/<id>/_dashboard/) calls its own control plane.
 */
const controlPlane = (path: string) => new URL(`${mount()}/_sandbox/${path}`, globalThis.location.href);

const encode = encodeURIComponent;

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[DASHBOARD_HEADER] = '1';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(controlPlane(path), {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) {
    const message = answer.error ?? `The sandbox answered ${response.status}.`;
    throw response.status === 401 ? new SignedOutError(401, message) : new ControlPlaneError(response.status, message);
  }
  return answer as T;
}

export const api = {
  session: () => request<Session>('GET', 'session'),
  /** The one request that carries the Org-API-Key: the answer sets the session cookie. */
  signIn: (orgApiKey: string) => request<Session>('POST', 'session', { orgApiKey }),
  signOut: () => request<{ signedOut: true }>('DELETE', 'session'),

  applications: () => request<{ data: Application[] }>('GET', 'apps'),
  rotateSecret: (appId: string) => request<SecretRotation>('POST', `apps/${encode(appId)}/secret`, {}),
  scopes: () => request<{ data: string[] }>('GET', 'scopes'),
  apiKeys: (appId: string, cursor?: string) => request<Page<ApiKey>>('GET', withQuery(`apps/${encode(appId)}/keys`, { limit: '100', cursor })),
  createApiKey: (appId: string, input: NewApiKey) => request<CreatedApiKey>('POST', `apps/${encode(appId)}/keys`, input),
  revokeApiKey: (appId: string, keyId: string, at?: string) =>
    request<ApiKey>('POST', `apps/${encode(appId)}/keys/${encode(keyId)}/revoke`, at === undefined ? {} : { at }),

  webhooks: () => request<Page<WebhookEndpoint>>('GET', withQuery('webhooks', { limit: '100' })),
  deliveries: (webhookId?: string) => request<{ data: Delivery[] }>('GET', withQuery('deliveries', { webhookId, limit: '100' })),
  redeliver: (deliveryId: string) => request<unknown>('POST', `deliveries/${encode(deliveryId)}/redeliver`),
  testDeliveries: (webhookId: string, url?: string) => request<TestDeliveries>('POST', `webhooks/${encode(webhookId)}/test-deliveries`, url ? { url } : {}),

  members: (after?: string) => request<MemberPage>('GET', withQuery('members', { after, limit: '50' })),
  ledger: (externalUserID: string, cursor?: string) => request<Ledger>('GET', withQuery(`members/${encode(externalUserID)}/ledger`, { cursor, limit: '50' })),

  clock: () => request<ClockState>('GET', 'clock'),
  advanceClock: (by: string) => request<ClockState>('POST', 'clock/advance', { by }),
};
