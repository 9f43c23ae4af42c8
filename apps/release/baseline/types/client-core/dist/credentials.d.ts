import type { EnvironmentTable } from './types.js';
/** Org-API-Key: prefix + 32 base62 characters; member token: prefix + 40 (the API's formats), each ending with a 6-character checksum. */
export declare const ORG_API_KEY_BODY_LENGTH: number;
export declare const MEMBER_TOKEN_BODY_LENGTH: number;
export type CredentialKind = 'org-api-key' | 'member-token' | 'unknown';
export interface CredentialShape {
    kind: CredentialKind;
    /** The environment whose prefix it carries, if any. */
    environment?: string;
    /** Exactly prefix + the right number of base62 characters, the last 6 a checksum that matches. */
    wellFormed: boolean;
    /** Prefix, length and characters are right but the checksum does not match: a mistyped or made-up credential. */
    checksumMismatch: boolean;
}
export declare function credentialShape(token: string, environments: EnvironmentTable): CredentialShape;
