// Public API of @expys/mock.
export { startMock, defaultBundleFile, MOCK_HOST, type MockOptions, type RunningMock } from './mock.js';
// Prism in-process as an operation handler (also `@expys/mock/prism`, which loads nothing else):
// the sandbox answers the operations it has no code for with it.
export { createPrismHandler, preferences, type PrismEngineOptions } from './prism-engine.js';
// The boundary itself is @expys/gateway (hosted here by @expys/gateway-fastify); re-exported for
// the mock's users: its sample credentials, and the request matcher the contract tests map traffic with.
export {
  SAMPLE_CREDENTIALS,
  CREDENTIAL_FORMATS,
  type Credential,
  API_KEY_SCOPES,
  type SampleApiKey,
  type ApiKeyScope,
  type RequestLogEntry,
  // The spec-driven request matcher the gateway uses; the contract tests map traffic with it too.
  buildRoutes,
  canonicalPath,
  matchRoute,
  type Route,
  type Mode,
  type Problem,
} from '@expys/gateway';
