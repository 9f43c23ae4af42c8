// Rotating an API key without downtime, as the credentials page tells it ("create a new key,
// update the integration, revoke the old key"), on both databases, with requests in flight the
// whole time: workers loop on server operations with whatever key a provider function returns
// at that moment, and every answer on the wire is counted. None may fail; the old key, once
// revoked, gets 401 invalid_api_key. Once with plain fetch (every request is one answer), once
// through @expys/server-client's `token: () => currentKey()` and `app` (its wire recorded: the
// client asks its provider again after a 401, which must never have been needed).
import { initialize as serverClient } from '@expys/server-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, callApp, DATABASES, freshSandbox, SAMPLE_APP } from './support/databases.js';
import { until } from './support/receiver.js';

interface Answer {
  key: string;
  write: boolean;
  status: number;
  code?: string;
}

/**
 * `workers` loops, each sending one request at a time with `provider()`'s key of the moment
 * (alternately a read and a write of a points_write + member_read key). `inFlight(key)` counts the
 * requests sent with a key and not yet answered.
 */
function traffic(sandbox: RunningSandbox, provider: () => string, workers = 6) {
  const answers: Answer[] = [];
  const pending = new Map<string, number>();
  let running = true;
  let turn = 0;
  const loop = async () => {
    while (running) {
      const key = provider();
      pending.set(key, (pending.get(key) ?? 0) + 1);
      try {
        const write = turn++ % 2 === 0;
        const answer = write
          ? await call(sandbox, 'POST', '/v1/points/credit', key, { externalUserID: 'user_123', amount: 1, reason: 'rotation traffic' })
          : await call(sandbox, 'GET', '/v1/members/user_123', key);
        answers.push({ key, write, status: answer.status, ...(answer.status >= 400 ? { code: answer.body?.code } : {}) });
      } finally {
        pending.set(key, pending.get(key)! - 1);
      }
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    answers,
    inFlight: (key: string) => pending.get(key) ?? 0,
    answeredWith: (key: string) => answers.filter((a) => a.key === key).length,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe.each(DATABASES)('API key rotation on %s', (kind) => {
  let sandbox: RunningSandbox;
  let load: ReturnType<typeof traffic> | undefined;
  afterEach(async () => {
    await load?.stop();
    load = undefined;
    await sandbox?.stop();
  });

  const createKey = async (name: string) => {
    const created = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name, scopes: ['member_read', 'points_write'] });
    expect(created.status).toBe(201);
    return created.body as { id: string; key: string };
  };

  it('create a new key → both answer → switch the provider → revoke the old → the old gets 401 invalid_api_key; no request in flight fails', async () => {
    sandbox = await freshSandbox(kind);
    const old = await createKey('points job (v1)');
    let current = old.key;
    load = traffic(sandbox, () => current);
    await until(() => load!.answeredWith(old.key) >= 20, 20_000);

    // 1. A new key, while the old one carries the traffic.
    const fresh = await createKey('points job (v2)');
    // 2. Both answer.
    expect((await call(sandbox, 'GET', '/v1/members/user_123', old.key)).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/members/user_123', fresh.key)).status).toBe(200);
    // 3. The integration switches: the provider returns the new key from now on. Requests sent
    //    with the old key before the switch finish first (as a deploy drains).
    current = fresh.key;
    await until(() => load!.inFlight(old.key) === 0 && load!.answeredWith(fresh.key) >= 20, 20_000);
    // 4. Revoke the old key.
    const revoked = await callApp(sandbox, 'POST', `/v1/app/keys/${old.id}/revoke`, SAMPLE_APP);
    expect([revoked.status, revoked.body.status]).toEqual([200, 'revoked']);
    // 5. The old key is refused at once; the traffic goes on.
    const refused = await call(sandbox, 'GET', '/v1/members/user_123', old.key);
    expect([refused.status, refused.body.code]).toEqual([401, 'invalid_api_key']);
    const afterRevocation = load.answeredWith(fresh.key);
    await until(() => load!.answeredWith(fresh.key) >= afterRevocation + 20, 20_000);
    await load.stop();

    expect(load.answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(load.answeredWith(old.key)).toBeGreaterThanOrEqual(20);
    expect(load.answeredWith(fresh.key)).toBeGreaterThanOrEqual(40);
    // Every write answered landed once.
    const writes = load.answers.filter((a) => a.write).length;
    expect(writes).toBeGreaterThan(0);
    const [{ n }] = await sandbox.context.db.query("SELECT count(*)::int AS n FROM wallet_transactions WHERE description = 'rotation traffic'");
    expect(n).toBe(writes);
  });

  it('with a scheduled revocation instead: the old key works until its revokedAt on the test clock, then 401', async () => {
    sandbox = await freshSandbox(kind);
    const old = await createKey('points job (v1)');
    let current = old.key;
    load = traffic(sandbox, () => current);
    await until(() => load!.answeredWith(old.key) >= 10, 20_000);
    const fresh = await createKey('points job (v2)');
    // Revoke in ten minutes: the overlap in which the new key is deployed.
    const at = new Date(sandbox.context.clock.now().getTime() + 10 * 60_000).toISOString();
    const scheduled = await callApp(sandbox, 'POST', `/v1/app/keys/${old.id}/revoke`, SAMPLE_APP, { at });
    expect(scheduled.body.status).toBe('active');
    await until(() => load!.answeredWith(old.key) >= 20, 20_000);
    current = fresh.key;
    await until(() => load!.inFlight(old.key) === 0 && load!.answeredWith(fresh.key) >= 10, 20_000);
    await sandbox.context.clock.advance(10 * 60_000 + 1000);
    expect((await call(sandbox, 'GET', '/v1/members/user_123', old.key)).body.code).toBe('invalid_api_key');
    const after = load.answeredWith(fresh.key);
    await until(() => load!.answeredWith(fresh.key) >= after + 10, 20_000);
    await load.stop();
    expect(load.answers.filter((a) => a.status !== 200)).toEqual([]);
  });

  it('the same rotation through @expys/server-client: token as a provider, the keys managed with app; no refusal on the wire', async () => {
    sandbox = await freshSandbox(kind);
    const wire: { key: string; status: number }[] = [];
    const recording: typeof fetch = async (input, init) => {
      const authorization = new Request(input, init).headers.get('authorization') ?? '';
      const response = await fetch(input, init);
      wire.push({ key: authorization.replace(/^Bearer /, ''), status: response.status });
      return response;
    };
    const options = { environment: 'sandbox' as const, baseUrl: sandbox.url, fetch: recording };
    const admin = serverClient({ ...options, app: SAMPLE_APP });
    const scopes = ['member_read', 'points_write'] as const;
    const old = await admin.createApiKey({ name: 'points job (v1)', scopes: [...scopes] });
    let current = old.key;
    // One backend client per loop, each with the same provider; `finished[i]` is the key of loop
    // i's last answered request (the provider is asked when a request is sent).
    const finished: string[] = [];
    let running = true;
    const loops = Array.from({ length: 6 }, async (_, i) => {
      let asked = '';
      const backend = serverClient({ ...options, token: () => (asked = current) });
      let n = 0;
      while (running) {
        if ((n++ + i) % 2 === 0) await backend.getMember('user_123');
        else await backend.creditPoints({ externalUserID: 'user_123', amount: 1, reason: 'rotation traffic' });
        finished[i] = asked;
      }
    });
    const sentWith = (key: string) => wire.filter((w) => w.key === key).length;
    try {
      await until(() => sentWith(old.key) >= 20, 20_000);
      const fresh = await admin.createApiKey({ name: 'points job (v2)', scopes: [...scopes] });
      expect((await call(sandbox, 'GET', '/v1/members/user_123', old.key)).status).toBe(200);
      expect((await call(sandbox, 'GET', '/v1/members/user_123', fresh.key)).status).toBe(200);
      current = fresh.key;
      // Each loop sends one request at a time: once each has had an answer for the new key, no request with the old one is left.
      await until(() => finished.length === 6 && finished.every((key) => key === fresh.key), 20_000);
      const revoked = await admin.revokeApiKey(old.id);
      expect(revoked.status).toBe('revoked');
      const refused = await call(sandbox, 'GET', '/v1/members/user_123', old.key);
      expect([refused.status, refused.body.code]).toEqual([401, 'invalid_api_key']);
      const after = sentWith(fresh.key);
      await until(() => sentWith(fresh.key) >= after + 20, 20_000);
    } finally {
      running = false;
      await Promise.all(loops);
    }
    const traffic = wire.filter((w) => w.key === old.key || w.key === current);
    expect(traffic.filter((w) => w.status >= 300)).toEqual([]);
    expect(sentWith(old.key)).toBeGreaterThanOrEqual(20);
  });
});
