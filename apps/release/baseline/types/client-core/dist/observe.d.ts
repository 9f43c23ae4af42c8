import { type ExpysError } from './errors.js';
import type { Redact } from './redact.js';
import type { HttpMethod } from './types.js';
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';
/** Any object with these methods: `console`, pino, winston… */
export interface Logger {
    error(message: string, ...rest: unknown[]): void;
    warn(message: string, ...rest: unknown[]): void;
    info(message: string, ...rest: unknown[]): void;
    debug(message: string, ...rest: unknown[]): void;
}
export interface RequestEvent {
    operationId: string;
    method: HttpMethod;
    /** The full URL, query included. */
    url: string;
    /** 1 for the first attempt, 2 for the first retry… */
    attempt: number;
    /** The headers sent (lower-case names), Authorization redacted. */
    headers: Record<string, string>;
}
export interface ResponseEvent extends RequestEvent {
    status: number;
    requestId: string | undefined;
    durationMs: number;
    /** The response, its body already read by the client (headers and status are what to use). */
    response: Response;
}
export interface ErrorEvent {
    operationId: string;
    method: HttpMethod;
    /** What the call rejects with (or, when `willRetry`, what this attempt failed with). */
    error: ExpysError;
    attempt: number;
    /** True when the client retries after this failure. */
    willRetry: boolean;
}
export interface Hooks {
    /** Before each attempt is sent. */
    onRequest?: ((event: RequestEvent) => void) | undefined;
    /** After each HTTP answer, successful or not, once its body is read. */
    onResponse?: ((event: ResponseEvent) => void) | undefined;
    /** After each failed attempt (`willRetry`) and once when the call fails. */
    onError?: ((event: ErrorEvent) => void) | undefined;
}
export interface Observer {
    request(event: RequestEvent): void;
    response(event: ResponseEvent): void;
    error(event: ErrorEvent): void;
}
export declare function checkedLogLevel(level: unknown): LogLevel;
/**
 * Hooks and logs for one client. A hook that throws does not break the call (it is reported
 * through the logger at `warn`): observing a request must not change its outcome.
 */
export declare function createObserver(hooks: Hooks, logger: Logger, level: LogLevel, redact: Redact): Observer | undefined;
