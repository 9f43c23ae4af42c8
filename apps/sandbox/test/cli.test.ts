// The CLI a developer uses: serve prints the Org-API-Key and the application once, the commands
// drive the running sandbox through its control plane (the Org-API-Key read from the data folder)
// and through the application operations (the App ID and App Secret read from the data folder).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyCredential } from '@expys/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
