// Where this dashboard is mounted: /_dashboard/ for the default sandbox, /sandboxes/<id>/_dashboard/
// for a sandbox made on demand. Its pages and its control plane are under the same prefix, so a
// dashboard opened for one sandbox only ever talks to that sandbox. (The built files are the same
// for every sandbox: they load from /_dashboard/assets/ wherever the page is.)
const DASHBOARD = '/_dashboard/';

/** The path before /_dashboard/ in the page's address: '' or '/sandboxes/<id>'. */
export function mountOf(pathname: string): string {
  const at = pathname.indexOf(DASHBOARD);
  return at > 0 ? pathname.slice(0, at) : '';
}

export const mount = () => mountOf(globalThis.location.pathname);
