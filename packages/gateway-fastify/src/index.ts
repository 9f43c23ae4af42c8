// @expys/gateway-fastify: the boundary of @expys/gateway hosted on Fastify, for the mock and the
// sandbox (private: apps on Node import it; anything else hosts the core with createFetchHandler).
export { createGateway, DEFAULT_LIMITS, tenantOf, type Gateway, type GatewayLimits, type GatewayOptions, type TenancyOptions } from './server.js';
export { listen, close } from './listen.js';
export { loadBundle } from './load.js';
export { BodyError, hasBody, readBody } from './body-reader.js';
