// The backend's configuration, from the environment. The Org-API-Key is read here, on the
// server, and nowhere else: it is never sent to the browser, not even in /api/config.

export interface BackendConfig {
  /** The organisation's secret key (`expys_test_…` / `expys_live_…`). */
  orgApiKey: string;
  /** `sandbox` or `production`: which credentials the API expects. */
  environment: 'sandbox' | 'production';
  /** Where the Expys API is (the mock or the sandbox in development); unset = the environment's default URL. */
  expysBaseUrl: string | undefined;
  /** Where the app's production build is, served at `/`. */
  webRoot: string | undefined;
  host: string;
  port: number;
  /** The Secure flag of the session cookie; default: on unless `host` is exactly a loopback address. */
  cookieSecure?: boolean | undefined;
  /**
   * Start the demo sign-in (any user id, no password) in production, with a live key or on a
   * host others can reach. Default false: see demoSignInRefusal.
   */
  allowDemoSignIn?: boolean | undefined;
  /**
   * Host names this backend answers for (the `Host` header, port aside), besides `host` itself;
   * every other name is refused, so a DNS-rebinding page cannot reach it under its own name.
   * On a loopback `host`: 127.0.0.1, localhost and [::1] are always allowed.
   */
  allowedHosts?: readonly string[] | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Exactly a loopback address: a prefix test would also match `localhost.evil.com`. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host);
}

/**
 * Why this configuration must not run the demo sign-in, or undefined when it may. The sign-in
 * takes any user id without a password, so anyone who reaches it gets member tokens for any
 * member: it is for a developer's own machine and the sandbox only.
 */
export function demoSignInRefusal(config: Pick<BackendConfig, 'orgApiKey' | 'environment' | 'host' | 'allowDemoSignIn'>): string | undefined {
  if (config.allowDemoSignIn) return undefined;
  const reasons: string[] = [];
  if (config.environment === 'production') reasons.push('EXPYS_ENVIRONMENT is production');
  if (config.orgApiKey.startsWith('expys_live_')) reasons.push('EXPYS_ORG_API_KEY is a live key');
  if (!isLoopbackHost(config.host)) reasons.push(`HOST is "${config.host}", which is not a loopback address (127.0.0.1, ::1, localhost)`);
  if (reasons.length === 0) return undefined;
  return (
    `Refusing to start the example backend: ${reasons.join('; ')}. Its demo sign-in takes any user id without a password, ` +
    'so anyone who can reach it gets member tokens for any member. Replace it with real authentication first; ' +
    'to run the demo this way anyway (a test deployment with nothing real behind it), set EXAMPLE_ALLOW_DEMO_SIGN_IN=1.'
  );
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const orgApiKey = env.EXPYS_ORG_API_KEY?.trim();
  if (!orgApiKey) {
    throw new ConfigError(
      'EXPYS_ORG_API_KEY is not set. Set it to your Org-API-Key (expys_test_… for the sandbox) in the backend\'s environment or secret store; it must never be given to the app.',
    );
  }
  const environment = env.EXPYS_ENVIRONMENT ?? 'sandbox';
  if (environment !== 'sandbox' && environment !== 'production') {
    throw new ConfigError(`EXPYS_ENVIRONMENT is "${environment}": use "sandbox" or "production".`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT is "${env.PORT}": use a port number (0 picks a free one).`);
  const host = env.HOST ?? '127.0.0.1';
  const cookieSecure = env.COOKIE_SECURE === undefined || env.COOKIE_SECURE === '' ? !isLoopbackHost(host) : env.COOKIE_SECURE;
  if (typeof cookieSecure === 'string' && cookieSecure !== 'true' && cookieSecure !== 'false') {
    throw new ConfigError(`COOKIE_SECURE is "${cookieSecure}": use "true" or "false" (unset = true unless HOST is 127.0.0.1, ::1 or localhost).`);
  }
  const config: BackendConfig = {
    orgApiKey,
    environment,
    expysBaseUrl: env.EXPYS_BASE_URL || undefined,
    webRoot: env.EXAMPLE_WEB_ROOT || undefined,
    host,
    port,
    cookieSecure: cookieSecure === true || cookieSecure === 'true',
    allowDemoSignIn: env.EXAMPLE_ALLOW_DEMO_SIGN_IN === '1',
    allowedHosts: (env.EXAMPLE_ALLOWED_HOSTS ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean),
  };
  const refusal = demoSignInRefusal(config);
  if (refusal) throw new ConfigError(refusal);
  return config;
}

/** The host names a backend on `config.host` answers for (see BackendConfig.allowedHosts). */
export function allowedHostnames(config: Pick<BackendConfig, 'host' | 'allowedHosts'>): string[] {
  const own = isLoopbackHost(config.host) ? ['127.0.0.1', 'localhost', '[::1]'] : [config.host.includes(':') ? `[${config.host}]` : config.host];
  return [...new Set([...own, ...(config.allowedHosts ?? [])].map((name) => name.toLowerCase()))];
}
