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
export type { Route, Mode } from './routes.js';
export type { Problem } from './problems.js';
