// A control plane in memory, with the sandbox's protocol for the dashboard: a session made by
// POST /_sandbox/session (the Org-API-Key in the body), a 401 once it has ended, and a 403 for a
// state-changing request without X-Expys-Dashboard: 1. Every request is recorded as the page sent it.
import type { ApiKey, CreatedApiKey, Delivery, Member, WalletTransaction, WebhookEndpoint } from '../src/types.js';

export const ORG_API_KEY = 'expys_test_unit-test-org-key';
export const APP_ID = 'app_DashboardTest01';

export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: any;
  credentials: RequestCredentials | undefined;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeControlPlane() {
  const state = {
    signedIn: false,
    // Not the spec's list: the page must show what the sandbox serves.
    scopes: ['member_read', 'points_write', 'loyalty_custom'],
    keys: [] as ApiKey[],
    members: [
      { externalUserID: 'user_123', displayName: 'Ada', tier: 'gold', pointsBalance: 1450, cashbackBalance: 1250, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
      { externalUserID: 'user_456', displayName: 'Bo', tier: 'bronze', pointsBalance: 0, cashbackBalance: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
    ] as Member[],
    ledger: [
      { id: 'txn_2', type: 'redemption', amount: -50, balanceAfter: 1450, description: 'Redeemed: Free coffee', redemptionId: 'red_1', createdAt: '2026-01-02T00:00:00.000Z' },
      { id: 'txn_1', type: 'credit', amount: 1500, balanceAfter: 1500, description: 'Welcome', redemptionId: null, createdAt: '2026-01-01T00:00:00.000Z' },
    ] as WalletTransaction[],
    webhooks: [{ id: 'we_Test', url: 'https://backend.example.com/hooks', events: ['points.credited'], createdAt: '2026-01-01T00:00:00.000Z' }] as WebhookEndpoint[],
    deliveries: [
      {
        id: 'dlv_1',
        eventId: 'evt_1',
        eventType: 'points.credited',
        webhookId: 'we_Test',
        state: 'pending',
        attempts: 1,
        nextAttemptAt: '2026-01-01T00:00:05.000Z',
        lastStatus: 500,
        lastError: 'answered 500',
        createdAt: '2026-01-01T00:00:00.000Z',
        log: [{ attempt: 1, url: 'https://backend.example.com/hooks', at: '2026-01-01T00:00:00.000Z', status: 500, error: null, durationMs: 12 }],
      },
    ] as Delivery[],
    clockOffsetMs: 0,
    requests: [] as SentRequest[],
    /** Answers 401 to everything from now on (the session ended elsewhere). */
    endSession() {
      this.signedIn = false;
    },
  };

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const path = url.pathname.replace(/^\/_sandbox\//, '');
    state.requests.push({ method, path, query: url.searchParams, headers, body, credentials: init.credentials });
    if (!url.pathname.startsWith('/_sandbox/')) return json(404, { error: 'not the control plane' });
    if (method !== 'GET' && headers['x-expys-dashboard'] !== '1') return json(403, { error: 'X-Expys-Dashboard: 1 is required' });

    if (path === 'session') {
      if (method === 'POST') {
        if (body?.orgApiKey !== ORG_API_KEY) return json(401, { error: 'This is not a working Org-API-Key of this sandbox.' });
        state.signedIn = true;
        return json(200, { keyHint: 'expys_test_Dash…', expiresAt: '2026-01-01T08:00:00.000Z' });
      }
      if (method === 'DELETE') {
        state.signedIn = false;
        return json(200, { signedOut: true });
      }
    }
    if (!state.signedIn) return json(401, { error: 'Not signed in to the dashboard (or the session has ended).' });

    const route = `${method} ${path}`;
    if (route === 'GET session') return json(200, { keyHint: 'expys_test_Dash…', expiresAt: '2026-01-01T08:00:00.000Z' });
    if (route === 'GET apps') {
      return json(200, { data: [{ appId: APP_ID, name: 'Backend', environment: 'sandbox', createdAt: '2026-01-01T00:00:00.000Z', secretRotatedAt: null, previousSecretExpiresAt: null }] });
    }
    if (route === 'GET scopes') return json(200, { data: state.scopes });
    if (route === `POST apps/${APP_ID}/secret`) {
      return json(200, { appId: APP_ID, appSecret: 'secret_from-the-fake-sandbox', rotatedAt: '2026-01-01T00:00:00.000Z', previousSecretExpiresAt: '2026-01-01T01:00:00.000Z' });
    }
    if (route === `GET apps/${APP_ID}/keys`) return json(200, { data: state.keys, nextCursor: null, hasMore: false });
    if (route === `POST apps/${APP_ID}/keys`) {
      if (!Array.isArray(body.scopes) || body.scopes.length === 0) return json(422, { error: 'The request failed validation: /body/scopes must name at least one scope. Nothing was done.' });
      const n = state.keys.length + 1;
      const key = `test_sk_FakeKeyNumber${n}000000000000000000`.slice(0, 40);
      const created: CreatedApiKey = {
        id: `key_${n}`,
        appId: APP_ID,
        name: body.name,
        scopes: body.scopes,
        hint: `test_sk_…${key.slice(-4)}`,
        status: 'active',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: body.expiresAt ?? null,
        revokedAt: null,
        key,
      };
      const { key: _shownOnce, ...view } = created;
      state.keys.unshift(view);
      return json(200, created);
    }
    const revoke = new RegExp(`^POST apps/${APP_ID}/keys/(key_\\d+)/revoke$`).exec(route);
    if (revoke) {
      const key = state.keys.find((k) => k.id === revoke[1]);
      if (!key) return json(404, { error: 'no such key' });
      key.revokedAt = body?.at ?? '2026-01-01T00:00:00.000Z';
      if (body?.at === undefined) key.status = 'revoked';
      return json(200, key);
    }
    if (route === 'GET members') return json(200, { data: state.members, nextAfter: null });
    if (route === 'GET members/user_123/ledger') return json(200, { member: state.members[0], data: state.ledger, nextCursor: null, hasMore: false });
    if (route === 'GET webhooks') return json(200, { data: state.webhooks, nextCursor: null, hasMore: false });
    if (route === 'GET deliveries') return json(200, { data: state.deliveries });
    if (route === 'POST deliveries/dlv_1/redeliver') return json(200, { url: 'https://backend.example.com/hooks', status: 200, error: null, ok: true, durationMs: 9 });
    if (route === 'POST webhooks/we_Test/test-deliveries') {
      const results = (['valid', 'tampered', 'stale', 'duplicate'] as const).map((kind) => ({
        kind,
        expected: kind === 'valid' || kind === 'duplicate' ? '2xx' : '4xx',
        status: 200,
        error: null,
        ok: true,
        durationMs: 3,
        passed: kind === 'valid' || kind === 'duplicate',
        eventId: 'evt_test',
        url: body?.url ?? 'https://backend.example.com/hooks',
      }));
      return json(200, { passed: false, results });
    }
    if (route === 'GET clock') return json(200, { now: new Date(Date.UTC(2026, 0, 1) + state.clockOffsetMs).toISOString(), offsetMs: state.clockOffsetMs });
    if (route === 'POST clock/advance') {
      const minutes = /^(\d+)m$/.exec(body.by);
      const days = /^(\d+)d$/.exec(body.by);
      if (!minutes && !days) return json(422, { error: `Cannot read the duration ${JSON.stringify(body.by)}.` });
      state.clockOffsetMs += minutes ? Number(minutes[1]) * 60_000 : Number(days![1]) * 86_400_000;
      return json(200, { now: new Date(Date.UTC(2026, 0, 1) + state.clockOffsetMs).toISOString(), offsetMs: state.clockOffsetMs });
    }
    return json(404, { error: `Nothing is at ${route}` });
  };
  return { state, fetch };
}
