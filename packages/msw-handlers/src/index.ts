// @expys/msw-handlers: both audiences, for tests that need both (a backend-for-frontend, an
// end-to-end test in Node). An app's tests import `@expys/msw-handlers/member`, which carries no
// server operation; a backend's import `@expys/msw-handlers/server`.
export * from './member.js';
export * from './server.js';
// Both entries re-export it; named here so the two `export *` do not make it ambiguous.
export type { Override } from './handlers.js';
