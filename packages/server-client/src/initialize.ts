import { createOperationClient, createRedactor, resolveEnvironment, type TransportOptions } from '@expys/client-core';
import { clientIdentity, environmentTable, operationTable, type Environment, type Methods } from './generated/operations.js';
import { orgApiKeySource } from './org-api-key.js';
import { webhooks, type Webhooks } from './webhooks/index.js';

export interface ServerClientOptions extends TransportOptions {
  environment: Environment;
  /** The Org-API-Key, read on your backend: `process.env.EXPYS_ORG_API_KEY`. */
  token: string | undefined;
  /**
   * Lets the client run where `window`+`document` or a web worker scope exist. Anything there
   * can be read by its users, Org-API-Key included: only for trusted server-side runtimes that
   * merely look like a browser (e.g. a jsdom test environment).
   */
  dangerouslyAllowOrgApiKeyInBrowser?: boolean | undefined;
}

/** Every server operation as a method named by its operationId, plus webhook verification. */
export type ServerClient = Methods & { readonly webhooks: Webhooks };

export function initialize(options: ServerClientOptions): ServerClient {
  const env = resolveEnvironment(environmentTable, options?.environment);
  const credentials = orgApiKeySource(options.token, {
    environment: options.environment,
    environments: environmentTable,
    dangerouslyAllowOrgApiKeyInBrowser: options.dangerouslyAllowOrgApiKeyInBrowser,
  });
  const baseUrl = options.baseUrl ?? env.baseUrl;
  const client = createOperationClient({
    ...options,
    operations: operationTable,
    baseUrl,
    credentials,
    redact: createRedactor(environmentTable),
    clientIdentity,
    live: env.live,
    describe: { name: 'ExpysServerClient', summary: { environment: options.environment, baseUrl } },
  });
  Object.defineProperty(client, 'webhooks', { value: webhooks, enumerable: true });
  return client as unknown as ServerClient;
}
