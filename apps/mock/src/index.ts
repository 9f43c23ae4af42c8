// Public API of @expys/mock.
export { startMock, defaultBundleFile, type MockOptions, type RunningMock } from './mock.js';
export {
  SAMPLE_CREDENTIALS,
  CREDENTIAL_FORMATS,
  classifyCredential,
  type Credential,
  type RestrictedKey,
} from './credentials.js';
export type { RequestLogEntry } from './boundary.js';
// The spec-driven request matcher the boundary uses; the contract tests map traffic with it too.
export { buildRoutes, canonicalPath, matchRoute, type Route, type Mode } from './routes.js';
export type { Problem } from './problems.js';
