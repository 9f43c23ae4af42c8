// @expys/msw-handlers/member: handlers for every member operation, for app tests. Built from the
// member bundle alone, so nothing here names a server operation.
import { table, type OperationId, type SampleName } from './generated/member.js';
import { createHandlers, type HandlerOptions } from './handlers.js';

export type MemberOperationId = OperationId;
export type { Override } from './handlers.js';
export type MemberHandlerOptions = HandlerOptions<MemberOperationId>;
export type MemberSampleName = SampleName;

/** Member handlers at `baseUrl` (default the sandbox URL), with optional per-operation overrides. */
export function createMemberHandlers(options: MemberHandlerOptions = {}) {
  return createHandlers(table, options);
}

/** The member handlers with the defaults: the spec's examples at the sandbox URL. */
export const memberHandlers = createMemberHandlers();

/** The mock's sample member tokens (valid, expired, live), which these handlers know too. */
export const memberSamples = table.credentials.samples as Readonly<Record<MemberSampleName, string>>;

/** The operations served, with their documented answers (for tests that iterate them). */
export const memberOperations = table.operations;
