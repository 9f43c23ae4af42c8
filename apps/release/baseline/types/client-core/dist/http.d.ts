import type { HttpMethod } from './types.js';
export type HttpAnswer = {
    ok: true;
    data: unknown;
    response: Response;
} | {
    ok: false;
    body: unknown;
    response: Response;
};
/**
 * The query string as openapi-fetch wrote it for the spec's parameters (form style, exploded):
 * `undefined` and `null` are left out, an array repeats its key.
 */
export declare function queryString(query: Record<string, unknown> | undefined): string;
/** `baseUrl` (no trailing slash) + the path template filled in, percent-encoded + the query. */
export declare function urlFor(baseUrl: string, path: string, pathParams: Record<string, string>, query: Record<string, unknown> | undefined): string;
/** The fetch options: the JSON text of the body (with its Content-Type) when there is one. */
export declare function requestInit(method: HttpMethod, headers: Record<string, string>, json: string | undefined, signal: AbortSignal): RequestInit;
/**
 * Reads an answer: a 2xx body is JSON (none for 204 or an empty body); an error body is JSON
 * when it parses, its text otherwise. A body that breaks off, or a 2xx that is not JSON, rejects
 * with what the parser threw: the caller decides what it means.
 */
export declare function readAnswer(response: Response): Promise<HttpAnswer>;
