import { type CredentialSource, type EnvironmentTable } from '@expys/client-core';
export type TokenProvider = () => string | Promise<string>;
/** Throws a CredentialError, which never contains the token, unless it is a member token for `environment`. */
export declare function assertMemberToken(token: unknown, environment: string, environments: EnvironmentTable): asserts token is string;
export declare function memberTokenSource(token: unknown, environment: string, environments: EnvironmentTable): CredentialSource;
