import { type CredentialKind, type Environment } from './formats.js';
/** What an `Authorization` header holds: no credential, a malformed one (`reason` says why), or a key or token of an environment. */
export type BearerFormat = {
    kind: 'missing';
} | {
    kind: 'malformed';
    reason: string;
} | {
    kind: CredentialKind;
    environment: Environment;
    value: string;
};
/**
 * Reads the `Authorization` header: `missing` when absent or blank; `malformed` when it is not
 * `Bearer <credential>`, has no Expys prefix, the wrong length or characters after the prefix, or a
 * checksum that does not match; otherwise the credential's kind, environment and value. The
 * reasons are sentences the mock and the sandbox quote in their 401 problem details.
 */
export declare function readBearer(authorization: string | null | undefined): BearerFormat;
