// Starts the example backend: an @expys/sdk client (the server client, refusing browsers) from
// the configuration, then the HTTP server.
import { initialize } from '@expys/sdk';
import type { FastifyInstance } from 'fastify';
import { createExampleBackend, type ExampleBackendOptions } from './app.js';
import { allowedHostnames, ConfigError, demoSignInRefusal, isLoopbackHost, type BackendConfig } from './config.js';

export interface RunningBackend {
  url: string;
  app: FastifyInstance;
  stop(): Promise<void>;
}

export async function startExampleBackend(
  config: BackendConfig,
  extra: Pick<ExampleBackendOptions, 'onMint' | 'logger' | 'signInRateLimit'> = {},
): Promise<RunningBackend> {
  // Checked here too: a configuration written in code skips readConfig.
  const refusal = demoSignInRefusal(config);
  if (refusal) throw new ConfigError(refusal);
  const expys = initialize({
    environment: config.environment,
    token: config.orgApiKey,
    ...(config.expysBaseUrl ? { baseUrl: config.expysBaseUrl } : {}),
  });
  const app = await createExampleBackend({
    expys,
    environment: config.environment,
    expysBaseUrl: config.expysBaseUrl,
    webRoot: config.webRoot,
    secureCookies: config.cookieSecure ?? !isLoopbackHost(config.host),
    allowedHosts: allowedHostnames(config),
    ...extra,
  });
  const address = await app.listen({ host: config.host, port: config.port });
  return { url: address.replace('[::1]', 'localhost'), app, stop: () => app.close() };
}
