// The CLI a developer uses: serve prints the Org-API-Key and the application once, the commands
// drive the running sandbox through its control plane (the Org-API-Key read from the data folder)
// and through the application operations (the App ID and App Secret read from the data folder).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyCredential } from '@expys/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durableDatabaseFor } from './support/databases.js';
import { CLI, startProcess, runCli, type SandboxProcess } from './support/process.js';
import { startReceiver, type Receiver } from './support/receiver.js';

let folder: string;
let data: string;
let sandbox: SandboxProcess;
let receiver: Receiver;
beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'expys-sandbox-cli-'));
  data = path.join(folder, 'data');
  receiver = await startReceiver();
  sandbox = await startProcess(['--data', data]);
});
afterAll(async () => {
  await sandbox?.stop();
  await receiver?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli([...args, '--url', sandbox.url, '--data', data]);

describe('expys-sandbox', () => {
  it('prints a random full-access key at first start, and it works', async () => {
    const key = /(expys_test_[A-Za-z0-9]{32})\s+full access/.exec(sandbox.output())?.[1];
    expect(key).toBeDefined();
    expect(key).not.toBe('expys_test_SandboxFullAccessKey0000004LgBmQ');
    const response = await fetch(new URL('/v1/members/user_123', sandbox.url), { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
  });

  it('names each first-start key\'s access once (its description already says "full access")', () => {
    const line = sandbox.output().split('\n').find((l) => /^ {2}expys_test_/.test(l));
    expect(line).toMatch(/^ {2}expys_test_[A-Za-z0-9]{32} {2}full access \(created at first start\)$/);
  });

  it('listens on $EXPYS_SANDBOX_PORT when --port is not given, and the commands find it there', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const env = { ...process.env, EXPYS_SANDBOX_PORT: String(port) };
    const child = spawn(process.execPath, [CLI, '--memory', '--quiet'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      for (let i = 0; i < 300 && !output.includes('Ready in') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain(`Expys sandbox on http://127.0.0.1:${port}\n`);
      const key = /(expys_test_[A-Za-z0-9]{32}) {2}full access/.exec(output)![1];
      // No --url: the command reads the same variable.
      const status = await runCli(['status', '--key', key], { EXPYS_SANDBOX_PORT: String(port) });
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ database: 'pglite', location: 'memory' });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it('status, clock and token', async () => {
    const status = await cli('status');
    expect(status.code).toBe(0);
    // The seed's members: user_123, and user_456 and user_789 whom the referral examples name.
    expect(JSON.parse(status.stdout)).toMatchObject({ database: 'pglite', counts: { members: 3, offers: 3 } });
    const advanced = await cli('clock', 'advance', '16m');
    expect(advanced.stdout).toMatch(/960 s ahead of real time/);
    const token = await cli('token', 'user_123');
    expect(token.stdout).toMatch(/^mt_test_[A-Za-z0-9]{40}\n/);
    expect(verifyCredential(token.stdout.split('\n')[0])?.checksumValid).toBe(true);
    const missing = await cli('token', 'user_nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No member "user_nobody"');
  });

  /** The application's credentials as the data folder holds them now (a rotation rewrites them). */
  const appFile = () => {
    const text = readFileSync(path.join(data, 'app-credentials'), 'utf8');
    return { appId: /^EXPYS_APP_ID=(\S+)$/m.exec(text)![1], appSecret: /^EXPYS_APP_SECRET=(\S+)$/m.exec(text)![1] };
  };
  const basicAuth = (app: { appId: string; appSecret: string }) => `Basic ${Buffer.from(`${app.appId}:${app.appSecret}`).toString('base64')}`;
  const getApp = (app: { appId: string; appSecret: string }) => fetch(new URL('/v1/app', sandbox.url), { headers: { authorization: basicAuth(app) } });

  it('prints the application at first start, once: its App ID and App Secret work, and the CLI finds them in the data folder', async () => {
    const output = sandbox.output();
    const appId = /App ID {6}(app_[A-Za-z0-9]{16})  Sandbox backend/.exec(output)?.[1];
    const appSecret = /App Secret {2}(secret_[A-Za-z0-9]{32})/.exec(output)?.[1];
    expect(appId).toBeDefined();
    expect(appId).not.toBe('app_SandboxSampleApp');
    expect(verifyCredential(appSecret!)?.checksumValid).toBe(true);
    expect((await getApp({ appId: appId!, appSecret: appSecret! })).status).toBe(200);
    expect(appFile()).toEqual({ appId, appSecret });
    expect(statSync(path.join(data, 'app-credentials')).mode & 0o777).toBe(0o600);
    const status = JSON.parse((await cli('status')).stdout);
    expect(status.applications).toEqual([{ appId, name: 'Sandbox backend' }]);
  });

  it('keys create, list and revoke (now, or at a later time) over the application operations, with clear errors', async () => {
    expect((await cli('keys')).stdout).toContain('No API keys yet');
    const created = await cli('keys', 'create', '--name', 'nightly job', '--scope', 'member_read', '--scope', 'points_write');
    expect(created.code, created.stderr).toBe(0);
    const [key, line] = created.stdout.split('\n');
    expect(key).toMatch(/^test_sk_[A-Za-z0-9]{32}$/);
    const id = /(key_[A-Za-z0-9]{16})/.exec(line)![1];
    expect(line).toMatch(/test_sk_….{4} +active +nightly job +\[member_read, points_write\]/);
    const listed = await cli('keys', 'list');
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(key);
    const member = () => fetch(new URL('/v1/members/user_123', sandbox.url), { headers: { authorization: `Bearer ${key}` } });
    expect((await member()).status).toBe(200);

    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const scheduled = await cli('keys', 'revoke', id, '--at', later);
    expect(scheduled.stdout).toContain(`${id} (test_sk_…${key.slice(-4)}) works until`);
    expect((await member()).status).toBe(200);
    expect((await cli('keys', 'revoke', id)).stdout).toContain(`Revoked ${id}`);
    expect((await member()).status).toBe(401);
    expect((await cli('keys')).stdout).toMatch(new RegExp(`${id} .* revoked `));

    const badScope = await cli('keys', 'create', '--name', 'x', '--scope', 'everything');
    expect(badScope.code).toBe(1);
    expect(badScope.stderr).toMatch(/422 validation_failed/);
    expect(badScope.stderr).toContain('/body/scopes/0');
    const past = await cli('keys', 'create', '--name', 'x', '--scope', 'member_read', '--expires-at', '2020-01-01T00:00:00Z');
    expect([past.code, past.stderr.includes('/body/expiresAt')]).toEqual([1, true]);
    const noName = await cli('keys', 'create', '--scope', 'member_read');
    expect([noName.code, noName.stderr.split('\n')[0]]).toEqual([2, 'keys create needs --name (what the key is for, e.g. --name "Nightly points job").']);
    const badTime = await cli('keys', 'revoke', id, '--at', 'tomorrow');
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--at must be a date-time');
    const unknown = await cli('keys', 'revoke', 'key_NoSuchKeyAtAll00');
    expect([unknown.code, unknown.stderr.startsWith('✖ 404 not_found')]).toEqual([1, true]);
  });

  it('apps shows the application; apps rotate-secret issues a new App Secret, saves it, and the old one works for the overlap', async () => {
    const before = appFile();
    const shown = await cli('apps');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`${before.appId}  Sandbox backend  (sandbox)`);
    expect(shown.stdout).toContain('never rotated');

    const rotated = await cli('apps', 'rotate-secret');
    expect(rotated.code, rotated.stderr).toBe(0);
    const secret = rotated.stdout.split('\n')[0];
    expect(secret).toMatch(/^secret_[A-Za-z0-9]{32}$/);
    expect(rotated.stdout).toContain('The previous one works until');
    expect(rotated.stdout).toContain(`Saved to ${path.join(data, 'app-credentials')}`);
    expect(appFile()).toEqual({ appId: before.appId, appSecret: secret });
    expect((await getApp(before)).status).toBe(200);
    expect((await cli('apps')).stdout).toContain('the previous one works until');

    // "now": the secret in use stops at once.
    const atOnce = await cli('apps', 'rotate-secret', '--previous-expires-at', 'now');
    expect(atOnce.code, atOnce.stderr).toBe(0);
    expect((await getApp({ appId: before.appId, appSecret: secret })).status).toBe(401);
    expect((await getApp(appFile())).status).toBe(200);

    const wrong = await runCli(['apps', '--url', sandbox.url, '--app-id', before.appId, '--app-secret', secret]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('401 invalid_app_credentials');
    expect(wrong.stderr).toContain('apps rotate-secret --key');
    const half = await runCli(['apps', '--url', sandbox.url, '--app-id', before.appId]);
    expect([half.code, half.stderr.includes('only the App ID was given')]).toEqual([1, true]);
    const none = await runCli(['keys', '--url', sandbox.url, '--data', path.join(folder, 'nowhere')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No application credentials');
  });

  it('a lost App Secret: apps rotate-secret with the Org-API-Key issues a new one', async () => {
    const { appId } = appFile();
    const key = /(expys_test_[A-Za-z0-9]{32})\s+full access/.exec(sandbox.output())![1];
    const lost = path.join(folder, 'lost');
    const rotated = await runCli(['apps', 'rotate-secret', '--url', sandbox.url, '--data', lost, '--key', key]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const secret = rotated.stdout.split('\n')[0];
    expect(rotated.stdout).not.toContain('Saved to');
    expect((await getApp({ appId, appSecret: secret })).status).toBe(200);
    // The data folder's secret is now the previous one, still working for an hour: a rotation
    // with it brings the file up to date.
    const saved = await cli('apps', 'rotate-secret');
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('Saved to');
    expect((await getApp(appFile())).status).toBe(200);
  });

  it('org-keys create, list and revoke; an Org-API-Key has no scopes', async () => {
    const created = await cli('org-keys', 'create', '--description', 'CI');
    expect(created.code, created.stderr).toBe(0);
    const [key, idLine] = created.stdout.split('\n');
    expect(key).toMatch(/^expys_test_[A-Za-z0-9]{32}$/);
    const id = /id (key_\w+)/.exec(idLine)![1];
    expect((await cli('org-keys')).stdout).toMatch(new RegExp(`${id} +expys_test_.{4}… +full access +\\(CI\\)`));
    expect((await cli('org-keys', 'revoke', id)).stdout).toContain(`Revoked ${id}`);
    const refused = await fetch(new URL('/v1/members/user_123', sandbox.url), { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(401);
    const scoped = await cli('org-keys', 'create', '--scope', 'member_read');
    expect([scoped.code, scoped.stderr.split('\n')[0]]).toEqual([2, 'Org-API-Keys have full authority and no scopes: for a restricted key use keys create --name … --scope ….']);
  });

  /** A webhook endpoint on a running sandbox, through the API (on loopback: no test sends beyond this machine). */
  const createWebhook = (url: string, key: string, target = 'https://127.0.0.1:9/hooks') =>
    fetch(new URL('/v1/webhooks', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: target, events: ['points.credited'] }),
    }).then((r) => r.json());

  it('test-delivery --to a loopback URL is refused by default, saying why and what to do, and sends nothing', async () => {
    const key = /(expys_test_[A-Za-z0-9]{32})\s+full access/.exec(sandbox.output())![1];
    const created = await createWebhook(sandbox.url, key);
    const local = await startReceiver();
    try {
      const result = await cli('test-delivery', created.id, '--to', local.url);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^✖ refused: 127\.0\.0\.1 is a loopback address; the sandbox delivers webhooks only to public addresses; to deliver to your own machine, start it with --forward-webhooks <url> or --allow-private-webhook-targets \(EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS=1\)/);
      expect([local.connections, local.received.length]).toEqual([0, 0]);
    } finally {
      await local.stop();
    }
  });

  it('test-delivery against a verifying receiver on loopback passes with --allow-private-webhook-targets', async () => {
    const open = await startProcess(['--memory', '--allow-private-webhook-targets']);
    try {
      expect(open.output()).toContain('webhook targets: any address, private and loopback included (--allow-private-webhook-targets)');
      const key = /(expys_test_[A-Za-z0-9]{32})\s+full access/.exec(open.output())![1];
      const created = await createWebhook(open.url, key);
      receiver.secret = created.signingSecret;
      const result = await runCli(['test-delivery', created.id, '--to', receiver.url, '--url', open.url, '--key', key]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/✔ valid\s+expected 2xx, got 200/);
      expect(result.stdout).toMatch(/✔ tampered\s+expected 4xx, got 400/);
      expect(result.stdout).toMatch(/✔ stale\s+expected 4xx, got 400/);
    } finally {
      await open.stop();
    }
  }, 60_000);

  it('the delivery log and redeliver show a delivery refused by the target policy, with the reason', async () => {
    const key = /(expys_test_[A-Za-z0-9]{32})\s+full access/.exec(sandbox.output())![1];
    expect(sandbox.output()).toContain('webhook targets: public addresses only');
    // A real event to an endpoint on loopback: refused before any connection, logged as failed, pending a retry.
    await createWebhook(sandbox.url, key);
    await fetch(new URL('/v1/points/credit', sandbox.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ externalUserID: 'user_123', amount: 3, reason: 'log me' }),
    });
    let log = '';
    for (let i = 0; i < 100 && !/#1 /.test(log); i++) {
      log = (await cli('deliveries')).stdout;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(log).toMatch(/points\.credited .* pending, 1 attempt\(s\), next /);
    expect(log).toMatch(/#1 \S+ https:\/\/127\.0\.0\.1:9\/hooks → refused: 127\.0\.0\.1 is a loopback address; /);
    const deliveryId = /^(dlv_\w+)/.exec(log)![1];
    const redelivered = await cli('redeliver', deliveryId);
    expect(redelivered.stdout).toMatch(/^Not delivered: https:\/\/127\.0\.0\.1:9\/hooks refused: 127\.0\.0\.1 is a loopback address; /);
  });

  it('reset seeds again and keeps the keys', async () => {
    const reset = await cli('reset');
    expect(reset.stdout).toContain('"members":3');
    expect((await cli('status')).code).toBe(0);
  });

  it('refuses a second sandbox on the same data folder, which would corrupt it', async () => {
    const second = await startProcess(['--data', data]).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(second).toMatch(/Another sandbox \(pid \d+\) is using .*data/);
    // The first one is untouched.
    expect((await cli('status')).code).toBe(0);
  });

  it('explains a missing sandbox and a missing key', async () => {
    const gone = await runCli(['status', '--url', 'http://127.0.0.1:9', '--key', 'expys_test_x']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('No sandbox answers at http://127.0.0.1:9');
    const noKey = await runCli(['status', '--url', sandbox.url, '--data', path.join(folder, 'nowhere')], { EXPYS_SANDBOX_KEY: '' });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('No key');
  });
});

describe('expys-sandbox sandboxes (on demand)', () => {
  const tokenFile = () => path.join(data, 'admin-token');
  const member = (url: string, key: string) => fetch(`${url}/v1/members/user_123`, { headers: { authorization: `Bearer ${key}` } });
  /** The sandbox `sandboxes create` printed: its URL and credentials. */
  const parseCreated = (stdout: string) => ({
    id: /^Sandbox (sbx_[a-z0-9]{20})/.exec(stdout)![1],
    url: /^ {2}URL {10}(\S+)$/m.exec(stdout)![1],
    orgApiKey: /^ {2}Org-API-Key {2}(expys_test_[A-Za-z0-9]{32})$/m.exec(stdout)![1],
    appId: /^ {2}App ID {7}(app_[A-Za-z0-9]{16})$/m.exec(stdout)![1],
    appSecret: /^ {2}App Secret {3}(secret_[A-Za-z0-9]{32})$/m.exec(stdout)![1],
    until: /, until (\S+):$/m.exec(stdout)![1],
  });

  it('serve with a data folder makes the admin token at first start (mode 600) and the banner says where it is', () => {
    const token = readFileSync(tokenFile(), 'utf8').trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(tokenFile()).mode & 0o777).toBe(0o600);
    expect(sandbox.output()).toContain(`  Sandboxes on demand: \`expys-sandbox sandboxes create\` (each isolated, at ${sandbox.url}/sandboxes/<id>/); the admin token is in ${tokenFile()} (made now)\n`);
    // The banner never prints the token itself when it is in the file.
    expect(sandbox.output()).not.toContain(token);
  });

  it('sandboxes create, list and delete, end to end, with the admin token from the data folder', async () => {
    expect((await cli('sandboxes')).stdout).toContain('No sandboxes on demand');
    const created = await cli('sandboxes', 'create', '--label', 'cli test', '--ttl', '2h');
    expect(created.code, created.stderr).toBe(0);
    const sbx = parseCreated(created.stdout);
    expect(sbx.url).toBe(`${sandbox.url}/sandboxes/${sbx.id}`);
    expect(created.stdout).toMatch(/^Sandbox sbx_[a-z0-9]{20} \(cli test\), until /);
    expect(created.stdout).toContain('Shown once');
    expect(Date.parse(sbx.until) - Date.now()).toBeGreaterThan(2 * 3_600_000 - 120_000);
    expect(Date.parse(sbx.until) - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
    expect(verifyCredential(sbx.orgApiKey)?.checksumValid).toBe(true);
    expect((await member(sbx.url, sbx.orgApiKey)).status).toBe(200);
    expect((await member(sandbox.url, sbx.orgApiKey)).status).toBe(401);
    const basic = `Basic ${Buffer.from(`${sbx.appId}:${sbx.appSecret}`).toString('base64')}`;
    expect((await fetch(`${sbx.url}/v1/app`, { headers: { authorization: basic } })).status).toBe(200);

    const json = await cli('sandboxes', 'create', '--json');
    expect(json.code, json.stderr).toBe(0);
    const body = JSON.parse(json.stdout);
    expect(body).toEqual({
      id: expect.stringMatching(/^sbx_[a-z0-9]{20}$/),
      label: '',
      url: `${sandbox.url}/sandboxes/${body.id}`,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      orgApiKey: expect.stringMatching(/^expys_test_/),
      appId: expect.stringMatching(/^app_/),
      appSecret: expect.stringMatching(/^secret_/),
    });
    expect((await member(body.url, body.orgApiKey)).status).toBe(200);

    const listed = await cli('sandboxes', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${sbx.id}  expires \\S+  ${sbx.url}  cli test$`, 'm'));
    expect(listed.stdout).toContain(body.id);
    // No credential in the list.
    expect(listed.stdout).not.toContain(sbx.orgApiKey);
    expect(listed.stdout).not.toContain(sbx.appSecret);

    const deleted = await cli('sandboxes', 'delete', sbx.id);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain(`Deleted ${sbx.id}`);
    const gone = await member(sbx.url, sbx.orgApiKey);
    expect([gone.status, (await gone.json()).code]).toEqual([404, 'not_found']);
    expect((await cli('sandboxes')).stdout).not.toContain(sbx.id);
    const again = await cli('sandboxes', 'delete', sbx.id);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining(`✖ 404: No live sandbox "${sbx.id}"`)]);
    expect((await cli('sandboxes', 'delete', body.id)).code).toBe(0);
  });

  it('--url <url>/sandboxes/<id>: every command drives that sandbox (control plane and API), with its own keys', async () => {
    const sbx = parseCreated((await cli('sandboxes', 'create', '--label', 'driven')).stdout);
    const inSandbox = (...args: string[]) => runCli([...args, '--url', sbx.url, '--key', sbx.orgApiKey, '--data', data]);

    const status = await inSandbox('status');
    expect(status.code, status.stderr).toBe(0);
    const shown = JSON.parse(status.stdout);
    expect(shown).toMatchObject({ sandbox: sbx.id, counts: { members: 3 }, applications: [{ appId: sbx.appId }] });
    const defaultStatus = JSON.parse((await cli('status')).stdout);
    expect(defaultStatus.sandbox).toBeUndefined();

    // Its clock moves, the default's does not.
    const advanced = await inSandbox('clock', 'advance', '3h');
    expect(advanced.stdout).toMatch(/10800 s ahead of real time/);
    expect(JSON.parse((await cli('status')).stdout).clockOffsetMs).toBe(defaultStatus.clockOffsetMs);
    const token = await inSandbox('token', 'user_123');
    expect(token.stdout).toMatch(/^mt_test_[A-Za-z0-9]{40}\n/);
    const wallet = await fetch(`${sbx.url}/v1/wallet`, { headers: { authorization: `Bearer ${token.stdout.split('\n')[0]}` } });
    expect(wallet.status).toBe(200);
    const orgKeys = await inSandbox('org-keys');
    expect(orgKeys.stdout.trim().split('\n')).toHaveLength(1);
    // The application operations (/v1/app/…) under its URL too, with its App ID and App Secret.
    const key = await runCli(['keys', 'create', '--name', 'in sbx', '--scope', 'member_read', '--url', sbx.url, '--app-id', sbx.appId, '--app-secret', sbx.appSecret]);
    expect(key.code, key.stderr).toBe(0);
    const apiKey = key.stdout.split('\n')[0];
    expect((await member(sbx.url, apiKey)).status).toBe(200);
    expect((await member(sandbox.url, apiKey)).status).toBe(401);

    // Without its key: the data folder's is the default sandbox's, so the CLI says what to pass.
    const noKey = await runCli(['status', '--url', sbx.url, '--data', data], { EXPYS_SANDBOX_KEY: '' });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr.split('\n')[0]).toBe(`--url names the sandbox ${sbx.id}: pass its Org-API-Key with --key (\`sandboxes create\` printed it) or set EXPYS_SANDBOX_KEY; <data>/admin-key holds the default sandbox's.`);
    const noApp = await runCli(['keys', '--url', sbx.url, '--data', data], { EXPYS_APP_ID: '', EXPYS_APP_SECRET: '' });
    expect([noApp.code, noApp.stderr.split('\n')[0]]).toEqual([1, expect.stringContaining(`--url names the sandbox ${sbx.id}: pass its App ID and App Secret`)]);
    // Sandboxes are made on the server's own URL.
    const nested = await runCli(['sandboxes', 'create', '--url', sbx.url, '--data', data]);
    expect([nested.code, nested.stderr.split('\n')[0]]).toEqual([1, `--url names the sandbox ${sbx.id}: sandboxes are listed, created and deleted on the server's own URL (without /sandboxes/${sbx.id}).`]);
    // A trailing slash on --url is the same sandbox.
    expect(JSON.parse((await runCli(['status', '--url', `${sbx.url}/`, '--key', sbx.orgApiKey])).stdout).sandbox).toBe(sbx.id);
    expect((await cli('sandboxes', 'delete', sbx.id)).code).toBe(0);
  });

  it('explains a missing or wrong admin token and a bad --ttl', async () => {
    const nowhere = path.join(folder, 'nowhere');
    const none = await runCli(['sandboxes', 'create', '--url', sandbox.url, '--data', nowhere], { EXPYS_SANDBOX_ADMIN_TOKEN: '' });
    expect(none.code).toBe(1);
    expect(none.stderr.split('\n')[0]).toContain(`No admin token: pass --admin-token (the token the sandbox was started with) or set EXPYS_SANDBOX_ADMIN_TOKEN; ${path.join(nowhere, 'admin-token')} was not found.`);
    const wrongToken = 'w'.repeat(64);
    const wrong = await runCli(['sandboxes', 'create', '--url', sandbox.url, '--admin-token', wrongToken]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('✖ 401: Creating and deleting sandboxes takes the admin token');
    expect(wrong.stderr).not.toContain(wrongToken);
    const fromEnv = await runCli(['sandboxes', 'list', '--url', sandbox.url, '--data', nowhere], { EXPYS_SANDBOX_ADMIN_TOKEN: readFileSync(tokenFile(), 'utf8').trim() });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    for (const ttl of ['30s', '31d', 'soon', '1500ms']) {
      const bad = await cli('sandboxes', 'create', '--ttl', ttl);
      expect([ttl, bad.code, bad.stderr.split('\n')[0]]).toEqual([ttl, 2, expect.stringMatching(/^--ttl/)]);
    }
    expect((await cli('sandboxes', 'nothing')).code).toBe(2);
  });

  it('--memory: a new admin token, shown once in the banner, works; a short --admin-token is refused before starting', async () => {
    const memory = await startProcess(['--memory']);
    try {
      const token = /sandboxes create --admin-token ([0-9a-f]{64})` \(each isolated, at http:\/\/127\.0\.0\.1:\d+\/sandboxes\/<id>\/\); this admin token is shown once/.exec(memory.output())?.[1];
      expect(token).toBeDefined();
      const created = await runCli(['sandboxes', 'create', '--json', '--url', memory.url, '--admin-token', token!]);
      expect(created.code, created.stderr).toBe(0);
      const body = JSON.parse(created.stdout);
      expect((await member(body.url, body.orgApiKey)).status).toBe(200);
    } finally {
      await memory.stop();
    }
    const short = await runCli(['serve', '--memory', '--port', '0', '--admin-token', 'too-short']);
    expect(short.code).toBe(2);
    expect(short.stderr.split('\n')[0]).toBe('--admin-token (or EXPYS_SANDBOX_ADMIN_TOKEN): The admin token must be at least 32 printable characters without spaces (e.g. `openssl rand -hex 32`).');
  }, 90_000);

  it('a data folder with an admin-token file: serve uses it; an unusable one stops the start', async () => {
    const other = path.join(folder, 'given-token');
    mkdirSync(other, { recursive: true });
    const token = `given-${'t'.repeat(40)}`;
    writeFileSync(path.join(other, 'admin-token'), `${token}\n`, { mode: 0o600 });
    const started = await startProcess(['--data', other]);
    try {
      expect(started.output()).toContain(`the admin token is in ${path.join(other, 'admin-token')}\n`);
      expect(started.output()).not.toContain('(made now)');
      const listed = await runCli(['sandboxes', '--url', started.url, '--data', other]);
      expect(listed.code, listed.stderr).toBe(0);
      expect((await runCli(['sandboxes', '--url', started.url, '--admin-token', token])).code).toBe(0);
      expect(readFileSync(path.join(other, 'admin-token'), 'utf8')).toBe(`${token}\n`);
    } finally {
      await started.stop();
    }
    writeFileSync(path.join(other, 'admin-token'), 'short\n');
    const refused = await runCli(['serve', '--data', other, '--port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toContain(`${path.join(other, 'admin-token')} holds no usable admin token`);
  }, 90_000);

  it('PostgreSQL without an admin token: sandboxes on demand are off and the banner says how to turn them on; with EXPYS_SANDBOX_ADMIN_TOKEN they work', async () => {
    const { args } = await durableDatabaseFor('postgres');
    const off = await startProcess(args);
    try {
      expect(off.output()).toContain('  Sandboxes on demand: off; start with --admin-token <token> (or EXPYS_SANDBOX_ADMIN_TOKEN; e.g. `openssl rand -hex 32`)');
      const refused = await runCli(['sandboxes', 'create', '--url', off.url, '--admin-token', 'x'.repeat(40)]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('✖ 403: Sandboxes on demand are off');
    } finally {
      await off.stop();
    }
    const token = 'p'.repeat(48);
    const on = await startProcess(args, { EXPYS_SANDBOX_ADMIN_TOKEN: token });
    try {
      expect(on.output()).toContain('with the admin token you gave (--admin-token or EXPYS_SANDBOX_ADMIN_TOKEN)');
      expect(on.output()).not.toContain(token);
      const created = await runCli(['sandboxes', 'create', '--json', '--url', on.url], { EXPYS_SANDBOX_ADMIN_TOKEN: token });
      expect(created.code, created.stderr).toBe(0);
      const body = JSON.parse(created.stdout);
      expect((await member(body.url, body.orgApiKey)).status).toBe(200);
      const status = await runCli(['status', '--url', body.url, '--key', body.orgApiKey]);
      expect(JSON.parse(status.stdout)).toMatchObject({ sandbox: body.id, database: 'postgres' });
    } finally {
      await on.stop();
    }
  }, 120_000);
});
