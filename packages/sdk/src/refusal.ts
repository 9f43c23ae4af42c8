// Why @expys/sdk does not run in a browser, in one place: the browser module throws it on
// import, `initialize` throws it when it finds a page or a web worker at run time.

export const BROWSER_REFUSAL =
  'Refused: @expys/sdk is for backends, and this is a browser (or a web worker). It authenticates with backend secrets ' +
  '(the Org-API-Key, API keys test_sk_…/prod_sk_…, the App Secret) that act for your whole organisation or application, ' +
  'and anything a page loads, its users can read. In an app, use @expys/member-client with a member token that your backend ' +
  'mints with exchangeToken and hands to the app; call @expys/sdk from your backend only.';

/** A page (window and document) or a dedicated, shared or service worker (importScripts exists only in worker scopes). */
export function isBrowserLike(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): boolean {
  const page = typeof scope.window !== 'undefined' && typeof scope.document !== 'undefined';
  const worker = typeof scope.WorkerGlobalScope !== 'undefined' && typeof scope.importScripts === 'function';
  return page || worker;
}
