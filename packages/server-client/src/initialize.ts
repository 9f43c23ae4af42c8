import { createOperationClient, createRedactor, resolveEnvironment, type TransportOptions } from '@expys/client-core';
import type { Client } from 'openapi-fetch';
import { appCredentialsSource, type AppCredentials } from './app-credentials.js';
import { clientIdentity, environmentTable, operationTable, type Environment, type Methods } from './generated/operations.js';
import type { paths } from './generated/schema.js';
import { assertServerRuntime } from './runtime.js';
import { serverKeySource, type KeyProvider } from './server-key.js';
import { webhooks, type Webhooks } from './webhooks/index.js';

export interface ServerClientOptions extends TransportOptions {
  environment: Environment;
  /**
   * The key every server operation authenticates with, read on your backend: the Org-API-Key
   * (`process.env.EXPYS_ORG_API_KEY`, full authority) or an API key (`test_sk_…`/`prod_sk_…`,
   * restricted to its scopes). Or a function returning the current key, asked on every call,
   * so a rotated key is used without a new client (and asked once more after a 401
   * `invalid_api_key` or `api_key_expired`). Keep such a function cheap: cache the key in it.
   * May be left out only when `app` is given, for a client that only manages the application.
   */
  token?: string | KeyProvider | undefined;
  /**
   * The application's credentials, used only by the application operations (getApp,
   * rotateAppSecret and the API key methods), which authenticate with HTTP Basic: the App ID
   * and the App Secret (a value, or a function asked on every call).
   */
  app?: AppCredentials | undefined;
  /**
   * Lets the client run where `window`+`document` or a web worker scope exist. Anything there
   * can be read by its users, keys included: only for trusted server-side runtimes that
   * merely look like a browser (e.g. a jsdom test environment).
   */
  dangerouslyAllowOrgApiKeyInBrowser?: boolean | undefined;
}

/**
 * Every server operation as a method named by its operationId, webhook verification, and
 * `fetchClient`: the openapi-fetch client the methods run on, typed with the server `paths`, for
 * openapi-fetch middleware. Its requests carry the key (the App ID and App Secret for the
 * application's operations) and pass the same guards and size cap.
 */
export type ServerClient = Methods & { readonly webhooks: Webhooks; readonly fetchClient: Client<paths> };

export function initialize(options: ServerClientOptions): ServerClient {
  const env = resolveEnvironment(environmentTable, options?.environment);
  assertServerRuntime(options.dangerouslyAllowOrgApiKeyInBrowser);
  const redact = createRedactor(environmentTable);
  const guard = { environment: options.environment, environments: environmentTable };
  const hasApp = options.app !== undefined && options.app !== null;
  const credentials = serverKeySource(options.token, { ...guard, redact, optional: hasApp });
  const basicCredentials = appCredentialsSource(options.app, environmentTable, redact);
  const baseUrl = options.baseUrl ?? env.baseUrl;
  const client = createOperationClient({
    ...options,
    operations: operationTable,
    baseUrl,
    credentials,
    basicCredentials,
    redact,
    clientIdentity,
    live: env.live,
    environments: environmentTable,
    environment: options.environment,
    describe: { name: 'ExpysServerClient', summary: { environment: options.environment, baseUrl, ...(typeof options.app?.appId === 'string' && options.app.appId !== '' ? { appId: options.app.appId } : {}) } },
  });
  Object.defineProperty(client, 'webhooks', { value: webhooks, enumerable: true });
  return client as unknown as ServerClient;
}
