import type { Observer } from './observe.js';
import type { Redact } from './redact.js';
import { type ApiResponse } from './response.js';
import type { CredentialSource, OperationMeta, RequestOptions, RetryDelays } from './types.js';
export interface SendContext {
    /** No trailing slash. */
    baseUrl: string;
    /** The fetch to use (the option, or the global one at call time). */
    fetch: () => typeof fetch;
    credentials: CredentialSource;
    redact: Redact;
    maxRetries: number;
    delays: Required<RetryDelays>;
    headers: Record<string, string>;
    /** The client's default call deadline, in ms. */
    timeout: number;
    /** `name/version` of the client package, sent as `Expys-Client`. */
    clientIdentity: string;
    /** Present only when hooks or logging are on: otherwise a call pays nothing for them. */
    observer: Observer | undefined;
}
export declare const DEFAULT_TIMEOUT_MS = 60000;
export interface PreparedCall {
    operationId: string;
    meta: OperationMeta;
    path: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    options: RequestOptions;
}
/** A `Headers`, a Map or an array of pairs would spread to nothing (or to index keys): refuse them. */
export declare function plainHeaders(value: unknown): Record<string, unknown>;
export declare function checkedTimeout(value: unknown, where: string): number;
export declare function send(ctx: SendContext, call: PreparedCall): Promise<ApiResponse<unknown>>;
