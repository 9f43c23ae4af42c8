// @expys/gateway: the Expys credential boundary on web standards, for every host. A request's
// head and body in, a decision or an answer out: credentials, access by mode and scope, routes
// from the bundle, request validation with field pointers, problem bodies, rate limits and CORS.
// Credentials: Bearer (Org-API-Key, API key, member token) and HTTP Basic (App ID : App Secret).
// No Node built-ins and no framework: the Fastify host (the mock, the sandbox), the MSW handlers
// and `createFetchHandler` (any runtime with the Fetch API) are thin adapters over it.
export { Boundary, bodyBytes, headerValue, queryOf, type BodyDecision, type BoundaryOptions, type HeadDecision, type RequestHead, type RequestState } from './boundary.js';
export { createFetchHandler, headersOf, toResponse, type FetchHandler, type FetchHandlerOptions } from './fetch.js';
export type { Answer, HeaderBag, OperationHandler, OperationRequest, OperationResponse, RequestLogEntry } from './types.js';
export { checkAccess, checkIdentity, type AccessContext, type Denial } from './access.js';
export {
  CREDENTIAL_FORMATS,
  knownCredentials,
  rateKey,
  readAuthorization,
  readBearer,
  type ApiKeyCredential,
  type AppCredentials,
  type AppSecretCredential,
  type Authenticator,
  type AuthorizationFormat,
  type BearerFormat,
  type Credential,
  type CredentialKind,
  type Environment,
  type KnownCredentials,
  type MemberTokenCredential,
  type OrgApiKeyCredential,
} from './credentials.js';
export { API_KEY_SCOPES, KNOWN_SAMPLES, SAMPLE_CREDENTIALS, type ApiKeyScope, type SampleApiKey } from './samples.js';
export { BOUNDARY_CODES, catalogOf, newRequestId, problemCatalog, type BoundaryCode, type DocumentedProblem, type Problem, type ProblemCatalog } from './problems.js';
export { buildRoutes, canonicalPath, deref, HTTP_METHODS, matchRoute, methodsForPath, pathParameters, type Mode, type OpenApiDocument, type Route } from './routes.js';
export { RequestValidator, type FieldError, type RequestParts } from './validation.js';
export { BODY_LIMIT_BYTES, decodeBody, formatBytes, jsonMediaType, parseMimeType, type MediaTypeCheck } from './body.js';
export { corsHeaders, EXPOSED_RESPONSE_HEADERS, isAllowedOrigin, isLocalOrigin, isPreflight, preflightHeaders, type CorsOrigins } from './cors.js';
export { DEFAULT_RATE_LIMIT, RateLimiter, UNLIMITED, type RateDecision, type RateLimitOptions } from './rate-limit.js';
