// The dashboard's session on both databases: an Org-API-Key, sent once, becomes an HttpOnly,
// SameSite=Strict cookie for /_sandbox holding a random id (stored as a hash, never the key);
// the control plane takes it instead of a bearer, and a state-changing request made with it needs
// X-Expys-Dashboard: 1 and must come from the dashboard's own origin (CSRF). Signing out, expiry
// and revoking the Org-API-Key end it.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { SESSION_TTL_MS } from '../src/dashboard/sessions.js';
import { call, DATABASES, freshSandbox, FULL_KEY } from './support/databases.js';
import { controlCall, DASHBOARD_HEADERS, signIn } from './support/dashboard.js';

describe.each(DATABASES)('the dashboard session on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  it('signing in sets an HttpOnly, SameSite=Strict cookie for /_sandbox with a random id, stored as a hash, never the key', async () => {
    sandbox = await freshSandbox(kind);
    const { cookie, setCookie, answer } = await signIn(sandbox, FULL_KEY);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ keyHint: expect.stringMatching(/^expys_test_\w{4}…$/), expiresAt: expect.any(String) });
    expect(JSON.stringify(answer.body)).not.toContain(FULL_KEY);
    const expiresIn = Date.parse(answer.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(SESSION_TTL_MS - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(SESSION_TTL_MS);

    const attributes = setCookie.split(';').map((part) => part.trim());
    expect(attributes[0]).toMatch(/^expys_dashboard_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', `Max-Age=${SESSION_TTL_MS / 1000}`, 'Path=/_sandbox', 'SameSite=Strict']);
    expect(setCookie).not.toContain(FULL_KEY);
    const id = cookie.split('=')[1]!;
    // Only a hash of the id is stored, with the key's id: neither the id nor the key is in the table.
    const stored = JSON.stringify(await sandbox.context.db.query('SELECT * FROM dashboard_sessions'));
    expect(stored).not.toContain(id);
    expect(stored).not.toContain(FULL_KEY);
    // Each sign-in is a new random session.
    const again = await signIn(sandbox, FULL_KEY);
    expect(again.cookie).not.toBe(cookie);

    const who = await controlCall(sandbox, 'GET', '/_sandbox/session', { cookie });
    expect([who.status, who.body.keyHint]).toEqual([200, answer.body.keyHint]);
  });

  it('the control plane takes the session: reads as they are, changes only with X-Expys-Dashboard: 1 and from its own origin', async () => {
    sandbox = await freshSandbox(kind);
    const { cookie } = await signIn(sandbox, FULL_KEY);
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status', { cookie })).status).toBe(200);
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status')).status).toBe(401);

    const before = (await controlCall(sandbox, 'GET', '/_sandbox/clock', { cookie })).body.offsetMs;
    // A form or a script of another site could send the cookie (were it not SameSite), never the header.
    const forged = await controlCall(sandbox, 'POST', '/_sandbox/clock/advance', { cookie, body: { by: '1d' } });
    expect(forged.status).toBe(403);
    expect(forged.body.error).toContain('X-Expys-Dashboard: 1');
    const wrongValue = await controlCall(sandbox, 'POST', '/_sandbox/clock/advance', { cookie, body: { by: '1d' }, headers: { 'x-expys-dashboard': 'yes' } });
    expect(wrongValue.status).toBe(403);
    // Another site saying so (Sec-Fetch-Site, or an Origin that is not this host) is refused, header or not.
    const crossSite = await controlCall(sandbox, 'POST', '/_sandbox/clock/advance', { cookie, body: { by: '1d' }, headers: { ...DASHBOARD_HEADERS, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const otherOrigin = await controlCall(sandbox, 'POST', '/_sandbox/clock/advance', { cookie, body: { by: '1d' }, headers: { ...DASHBOARD_HEADERS, origin: 'http://evil.example' } });
    expect(otherOrigin.status).toBe(403);
    expect((await controlCall(sandbox, 'GET', '/_sandbox/clock', { cookie })).body.offsetMs).toBe(before);

    const own = new URL(sandbox.url).origin;
    const advanced = await controlCall(sandbox, 'POST', '/_sandbox/clock/advance', { cookie, body: { by: '1d' }, headers: { ...DASHBOARD_HEADERS, origin: own, 'sec-fetch-site': 'same-origin' } });
    expect(advanced.status).toBe(200);
    expect(advanced.body.offsetMs - before).toBeGreaterThanOrEqual(86_400_000);
    // The clock is the simulation's: advancing it ends no session (sessions run on real time).
    expect((await controlCall(sandbox, 'GET', '/_sandbox/session', { cookie })).status).toBe(200);

    // A bearer decides alone: with an Authorization header the cookie is not looked at, and the
    // CLI's calls need no dashboard header.
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status', { cookie, headers: { authorization: 'Bearer expys_test_RevokedSandboxKey0000000000iPnj3' } })).status).toBe(401);
    expect((await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: '1m' })).status).toBe(200);
    // A cookie that names no session is no session.
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status', { cookie: `expys_dashboard_session=${'A'.repeat(43)}` })).status).toBe(401);
  });

  it('only a working Org-API-Key of this sandbox signs in, and only with the dashboard header', async () => {
    sandbox = await freshSandbox(kind);
    const refused = [SAMPLE_CREDENTIALS.revokedKey, SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key, 'expys_test_nothing', ''];
    for (const key of refused) {
      const attempt = await signIn(sandbox, key);
      expect(attempt.answer.status, key).toBe(key === '' ? 422 : 401);
      expect(attempt.setCookie, key).toBe('');
    }
    const noHeader = await controlCall(sandbox, 'POST', '/_sandbox/session', { body: { orgApiKey: FULL_KEY } });
    expect(noHeader.status).toBe(403);
    expect(noHeader.headers.get('set-cookie')).toBeNull();
    expect((await sandbox.context.db.query('SELECT count(*)::int AS n FROM dashboard_sessions'))[0]!.n).toBe(0);
  });

  it('signing out ends the session at once and clears the cookie', async () => {
    sandbox = await freshSandbox(kind);
    const { cookie } = await signIn(sandbox, FULL_KEY);
    const other = await signIn(sandbox, FULL_KEY);
    // Signing out changes state: it needs the header too (no other site can sign a developer out).
    expect((await controlCall(sandbox, 'DELETE', '/_sandbox/session', { cookie })).status).toBe(403);
    const out = await controlCall(sandbox, 'DELETE', '/_sandbox/session', { cookie, headers: DASHBOARD_HEADERS });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^expys_dashboard_session=; Path=\/_sandbox; Max-Age=0; HttpOnly; SameSite=Strict$/);
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status', { cookie })).status).toBe(401);
    const ended = await controlCall(sandbox, 'GET', '/_sandbox/session', { cookie });
    expect(ended.status).toBe(401);
    expect(ended.headers.get('set-cookie')).toContain('Max-Age=0');
    // Another browser's session is its own.
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status', { cookie: other.cookie })).status).toBe(200);
  });

  it('revoking the Org-API-Key ends its sessions, and only its own', async () => {
    sandbox = await freshSandbox(kind);
    const second = await call(sandbox, 'POST', '/_sandbox/keys', FULL_KEY, { description: 'a teammate' });
    expect(second.status).toBe(200);
    const teammate = await signIn(sandbox, second.body.key);
    const mine = await signIn(sandbox, FULL_KEY);
    expect((await controlCall(sandbox, 'GET', '/_sandbox/apps', { cookie: teammate.cookie })).status).toBe(200);

    // Revoked from the dashboard itself, with my session.
    const revoked = await controlCall(sandbox, 'POST', `/_sandbox/keys/${second.body.id}/revoke`, { cookie: mine.cookie, headers: DASHBOARD_HEADERS });
    expect(revoked.status).toBe(200);
    const after = await controlCall(sandbox, 'GET', '/_sandbox/apps', { cookie: teammate.cookie });
    expect(after.status).toBe(401);
    expect(after.body.error).toContain('revoked');
    expect((await controlCall(sandbox, 'GET', '/_sandbox/apps', { cookie: mine.cookie })).status).toBe(200);
    // The revoked key cannot sign in again.
    expect((await signIn(sandbox, second.body.key)).answer.status).toBe(401);
  });

  it('a revoked key ends its sessions even when it was revoked behind the control plane (another process)', async () => {
    sandbox = await freshSandbox(kind);
    const second = await call(sandbox, 'POST', '/_sandbox/keys', FULL_KEY, {});
    const { cookie } = await signIn(sandbox, second.body.key);
    // Straight in the database, as another sandbox process on the same PostgreSQL would.
    await sandbox.context.db.query('UPDATE org_api_keys SET revoked_at = now() WHERE id = $1', [second.body.id]);
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status', { cookie })).status).toBe(401);
  });

  it('an expired session is refused', async () => {
    sandbox = await freshSandbox(kind);
    const { cookie } = await signIn(sandbox, FULL_KEY);
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status', { cookie })).status).toBe(200);
    await sandbox.context.db.query("UPDATE dashboard_sessions SET expires_at = now() - interval '1 second'");
    expect((await controlCall(sandbox, 'GET', '/_sandbox/status', { cookie })).status).toBe(401);
    // Ended sessions are dropped as new ones are made.
    await signIn(sandbox, FULL_KEY);
    expect((await sandbox.context.db.query('SELECT count(*)::int AS n FROM dashboard_sessions'))[0]!.n).toBe(1);
  });
});
