/** A sandbox made on demand is served under /sandboxes/<id>/: its API, control plane and dashboard. */
export const SANDBOXES_PREFIX = '/sandboxes/';
