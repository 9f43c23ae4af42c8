// @expys/msw-handlers/server: handlers for every server operation, for backend tests.
import { table, type OperationId, type SampleName } from './generated/server.js';
import { createHandlers, type HandlerOptions } from './handlers.js';

export type ServerOperationId = OperationId;
export type { Override } from './handlers.js';
export type ServerHandlerOptions = HandlerOptions<ServerOperationId>;
export type ServerSampleName = SampleName;

/** Server handlers at `baseUrl` (default the sandbox URL), with optional per-operation overrides. */
export function createServerHandlers(options: ServerHandlerOptions = {}) {
  return createHandlers(table, options);
}

/** The server handlers with the defaults: the spec's examples at the sandbox URL. */
export const serverHandlers = createServerHandlers();

/** The mock's sample Org-API-Keys (full access, revoked, live), which these handlers know too. */
export const serverSamples = table.credentials.samples as Readonly<Record<ServerSampleName, string>>;

/** The operations served, with their documented answers (for tests that iterate them). */
export const serverOperations = table.operations;
