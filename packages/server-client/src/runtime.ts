// Where the code runs. The server client refuses browsers and web workers: anything shipped
// there can be read by its users, and its keys (the Org-API-Key, API keys, the App Secret) act
// for the whole org or application.
import { CredentialError } from '@expys/client-core';

export function isBrowserLike(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): boolean {
  // A page (window + document), or a dedicated/shared/service worker (importScripts exists only
  // in worker scopes; server-side edge runtimes do not define it).
  const page = typeof scope.window !== 'undefined' && typeof scope.document !== 'undefined';
  const worker = typeof scope.WorkerGlobalScope !== 'undefined' && typeof scope.importScripts === 'function';
  return page || worker;
}

export function assertServerRuntime(allowBrowser: boolean | undefined, packageName = '@expys/server-client'): void {
  if (allowBrowser === true || !isBrowserLike()) return;
  throw new CredentialError(
    'browser_environment',
    `Refused: ${packageName} is running in a browser or web worker, where every user can read its keys (the Org-API-Key, an API key, the App Secret) and act for your whole org. ` +
      'Call the Expys API from your backend; apps use @expys/member-client with a member token your backend mints. ' +
      '(If this really is a trusted server-side environment that looks like a browser, pass dangerouslyAllowOrgApiKeyInBrowser: true.)',
  );
}
