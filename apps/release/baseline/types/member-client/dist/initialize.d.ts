import { type TransportOptions } from '@expys/client-core';
import { type Environment, type Methods } from './generated/operations.js';
import { type TokenProvider } from './member-token.js';
export interface MemberClientOptions extends TransportOptions {
    environment: Environment;
    /**
     * The signed-in member's token, or an async function returning a fresh one from your backend.
     * With a function, a 401 `token_expired` asks it once for a new token and retries once.
     */
    token: string | TokenProvider;
}
/** Every member operation as a method named by its operationId. */
export type MemberClient = Methods;
export declare function initialize(options: MemberClientOptions): MemberClient;
