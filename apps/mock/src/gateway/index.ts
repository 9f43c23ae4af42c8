// The gateway: the credential boundary, request checks and problem bodies, driven by the bundle.
// The mock mounts it in front of Prism; the sandbox mounts it, unchanged, in front of real code.
export { createGateway, DEFAULT_LIMITS, queryOf, type Gateway, type GatewayLimits, type GatewayOptions, type OperationHandler, type OperationRequest, type OperationResponse, type RequestLogEntry } from './server.js';
export { checkAccess, checkIdentity, type AccessContext, type Denial } from './access.js';
export { classifyCredential, readBearer, CREDENTIAL_FORMATS, SAMPLE_CREDENTIALS, type Credential, type Environment, type RestrictedKey, type BearerFormat } from './credentials.js';
export { problemCatalog, BOUNDARY_CODES, type BoundaryCode, type Problem, type ProblemCatalog } from './problems.js';
export { buildRoutes, canonicalPath, loadBundle, matchRoute, methodsForPath, pathParameters, type Mode, type OpenApiDocument, type Route } from './routes.js';
export { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
export { RequestValidator, type FieldError } from './validation.js';
export { listen, close } from './listen.js';
export { corsHeaders, isAllowedOrigin, isLocalOrigin, type CorsOrigins } from './cors.js';
