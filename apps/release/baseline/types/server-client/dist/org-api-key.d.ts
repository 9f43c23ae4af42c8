import { type CredentialSource, type EnvironmentTable } from '@expys/client-core';
export interface KeyGuardOptions {
    environment: string;
    environments: EnvironmentTable;
    dangerouslyAllowOrgApiKeyInBrowser?: boolean;
}
export declare function assertServerRuntime(allowBrowser: boolean | undefined): void;
/** Throws a CredentialError, which never contains the key, unless it is an Org-API-Key for `environment`. */
export declare function assertOrgApiKey(token: unknown, { environment, environments }: KeyGuardOptions): asserts token is string;
export declare function orgApiKeySource(token: unknown, options: KeyGuardOptions): CredentialSource;
