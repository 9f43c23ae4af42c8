// readConfig: the refusals that keep the demo sign-in (any user id, no password) away from
// production, and the Secure cookie flag.
import { SAMPLE_CREDENTIALS } from '@expys/mock';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, startExampleBackend } from '../src/index.js';

const KEY = SAMPLE_CREDENTIALS.fullAccessKey;
const DEMO_REFUSAL = /any user id.*real authentication.*EXAMPLE_ALLOW_DEMO_SIGN_IN=1/s;

describe('readConfig', () => {
  it('says which variable to set when the Org-API-Key is missing, and where it belongs', () => {
    expect(() => readConfig({})).toThrow(ConfigError);
    expect(() => readConfig({})).toThrow(/EXPYS_ORG_API_KEY.*never be given to the app/);
    expect(() => readConfig({ EXPYS_ORG_API_KEY: KEY, EXPYS_ENVIRONMENT: 'staging' })).toThrow(/sandbox.*production/);
  });

  it('starts the demo sign-in on loopback with a sandbox key', () => {
    for (const HOST of [undefined, '127.0.0.1', '::1', 'localhost']) {
      expect(readConfig({ EXPYS_ORG_API_KEY: KEY, ...(HOST ? { HOST } : {}) })).toMatchObject({ host: HOST ?? '127.0.0.1', allowDemoSignIn: false });
    }
  });

  it('refuses production, a live key or a host others can reach, unless EXAMPLE_ALLOW_DEMO_SIGN_IN=1', () => {
    const risky: [NodeJS.ProcessEnv, RegExp][] = [
      [{ EXPYS_ORG_API_KEY: SAMPLE_CREDENTIALS.liveKey, EXPYS_ENVIRONMENT: 'production' }, /EXPYS_ENVIRONMENT is production/],
      [{ EXPYS_ORG_API_KEY: SAMPLE_CREDENTIALS.liveKey }, /live key/],
      [{ EXPYS_ORG_API_KEY: KEY, HOST: '0.0.0.0' }, /HOST is "0\.0\.0\.0"/],
      [{ EXPYS_ORG_API_KEY: KEY, HOST: '192.168.1.10' }, /HOST/],
      [{ EXPYS_ORG_API_KEY: KEY, HOST: 'localhost.evil.com' }, /HOST/],
      [{ EXPYS_ORG_API_KEY: KEY, HOST: '127.0.0.1.nip.io' }, /HOST/],
    ];
    for (const [env, reason] of risky) {
      const label = JSON.stringify({ ...env, EXPYS_ORG_API_KEY: undefined });
      expect(() => readConfig(env), label).toThrow(ConfigError);
      expect(() => readConfig(env), label).toThrow(reason);
      expect(() => readConfig(env), label).toThrow(DEMO_REFUSAL);
      // Only "1" opts in.
      expect(() => readConfig({ ...env, EXAMPLE_ALLOW_DEMO_SIGN_IN: 'true' }), label).toThrow(DEMO_REFUSAL);
      expect(readConfig({ ...env, EXAMPLE_ALLOW_DEMO_SIGN_IN: '1' }), label).toMatchObject({ allowDemoSignIn: true });
    }
    // The key itself is never repeated in the message.
    const message = (() => {
      try {
        readConfig({ EXPYS_ORG_API_KEY: SAMPLE_CREDENTIALS.liveKey });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/live key/);
    expect(message).not.toContain(SAMPLE_CREDENTIALS.liveKey);
  });

  it('sets the Secure cookie flag unless HOST is exactly loopback, and COOKIE_SECURE overrides it', () => {
    const allow = { EXPYS_ORG_API_KEY: KEY, EXAMPLE_ALLOW_DEMO_SIGN_IN: '1' };
    for (const HOST of ['127.0.0.1', '::1', 'localhost']) expect(readConfig({ ...allow, HOST }).cookieSecure, HOST).toBe(false);
    for (const HOST of ['0.0.0.0', 'localhost.evil.com', '127.0.0.1.nip.io', 'example.com']) expect(readConfig({ ...allow, HOST }).cookieSecure, HOST).toBe(true);
    expect(readConfig({ ...allow, HOST: '127.0.0.1', COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(readConfig({ ...allow, HOST: '0.0.0.0', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(() => readConfig({ ...allow, COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE.*true.*false/);
  });
});

describe('startExampleBackend', () => {
  it('refuses a literal configuration that readConfig would refuse', async () => {
    const config = { orgApiKey: KEY, environment: 'sandbox', expysBaseUrl: undefined, webRoot: undefined, host: '0.0.0.0', port: 0 } as const;
    await expect(startExampleBackend(config)).rejects.toThrow(ConfigError);
    await expect(startExampleBackend({ ...config, environment: 'production', orgApiKey: SAMPLE_CREDENTIALS.liveKey, host: '127.0.0.1' })).rejects.toThrow(DEMO_REFUSAL);
  });
});

describe('allowed host names (DNS rebinding)', () => {
  it('are the loopback names on loopback, the host itself elsewhere, plus EXAMPLE_ALLOWED_HOSTS', async () => {
    const { allowedHostnames } = await import('../src/config.js');
    expect(allowedHostnames(readConfig({ EXPYS_ORG_API_KEY: KEY }))).toEqual(['127.0.0.1', 'localhost', '[::1]']);
    expect(allowedHostnames(readConfig({ EXPYS_ORG_API_KEY: KEY, EXAMPLE_ALLOWED_HOSTS: ' Dev.Example.com , ' }))).toEqual(['127.0.0.1', 'localhost', '[::1]', 'dev.example.com']);
    const lan = readConfig({ EXPYS_ORG_API_KEY: KEY, HOST: '192.168.1.20', EXAMPLE_ALLOW_DEMO_SIGN_IN: '1' });
    expect(allowedHostnames(lan)).toEqual(['192.168.1.20']);
  });
});
