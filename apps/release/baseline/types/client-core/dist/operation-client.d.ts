import { PagePromise, type Page } from './pagination.js';
import type { Redact } from './redact.js';
import { ApiPromise } from './response.js';
import type { CredentialSource, OperationTable, TransportOptions } from './types.js';
export interface OperationClientConfig extends TransportOptions {
    operations: OperationTable;
    baseUrl: string;
    credentials: CredentialSource;
    redact: Redact;
    /** How the client shows itself when logged: a name and credential-free facts. */
    describe: {
        name: string;
        summary: Record<string, unknown>;
    };
    /** `name/version` of the client package, sent as `Expys-Client`. */
    clientIdentity: string;
    /** The environment takes production credentials: https only (see dangerouslyAllowInsecureHttp). */
    live: boolean;
}
type Method = (...args: unknown[]) => ApiPromise<unknown> | PagePromise<Page>;
export declare function createOperationClient(config: OperationClientConfig): Record<string, Method>;
export {};
