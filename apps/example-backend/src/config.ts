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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
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
  return {
    orgApiKey,
    environment,
    expysBaseUrl: env.EXPYS_BASE_URL || undefined,
    webRoot: env.EXAMPLE_WEB_ROOT || undefined,
    host: env.HOST ?? '127.0.0.1',
    port,
  };
}
