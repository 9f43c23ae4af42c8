// Where the code runs. The Org-API-Key client refuses browsers and web workers: anything
// shipped there can be read by its users, and the key carries full org authority.

export function isBrowserLike(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): boolean {
  // A page (window + document), or a dedicated/shared/service worker (importScripts exists only
  // in worker scopes; server-side edge runtimes do not define it).
  const page = typeof scope.window !== 'undefined' && typeof scope.document !== 'undefined';
  const worker = typeof scope.WorkerGlobalScope !== 'undefined' && typeof scope.importScripts === 'function';
  return page || worker;
}
