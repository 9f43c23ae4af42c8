// @expys/sdk: the Expys API for your backend, under the name the documentation uses. It is
// @expys/server-client (every server method, the application methods, webhook verification,
// the errors and the types), with `initialize` refusing to start in a browser or web worker.
import { CredentialError, initialize as initializeServerClient, type ServerClient, type ServerClientOptions } from '@expys/server-client';
import { BROWSER_REFUSAL, isBrowserLike } from './refusal.js';

export * from '@expys/server-client';

/**
 * Creates the client for your backend: `initialize({ baseUrl, environment, token })`, `token`
 * being the Org-API-Key or an API key (or a function returning the current one), `app` the
 * application's App ID and App Secret for its own key management. Refused in a browser or web
 * worker (`window` and `document`, or a worker scope): apps use `@expys/member-client`.
 */
export function initialize(options: ServerClientOptions): ServerClient {
  // Checked here too, not only by the server client: this package's name is the one in the
  // documentation, so its refusal says what to use instead in an app.
  if (isBrowserLike() && options?.dangerouslyAllowOrgApiKeyInBrowser !== true) {
    throw new CredentialError(
      'browser_environment',
      `${BROWSER_REFUSAL} (A trusted server-side runtime that only looks like a browser, a jsdom test environment say, may pass dangerouslyAllowOrgApiKeyInBrowser: true.)`,
    );
  }
  return initializeServerClient(options);
}
