import { type TransportOptions } from '@expys/client-core';
import { type Environment, type Methods } from './generated/operations.js';
import { type Webhooks } from './webhooks/index.js';
export interface ServerClientOptions extends TransportOptions {
    environment: Environment;
    /** The Org-API-Key, read on your backend: `process.env.EXPYS_ORG_API_KEY`. */
    token: string | undefined;
    /**
     * Lets the client run where `window`+`document` or a web worker scope exist. Anything there
     * can be read by its users, Org-API-Key included: only for trusted server-side runtimes that
     * merely look like a browser (e.g. a jsdom test environment).
     */
    dangerouslyAllowOrgApiKeyInBrowser?: boolean | undefined;
}
/** Every server operation as a method named by its operationId, plus webhook verification. */
export type ServerClient = Methods & {
    readonly webhooks: Webhooks;
};
export declare function initialize(options: ServerClientOptions): ServerClient;
