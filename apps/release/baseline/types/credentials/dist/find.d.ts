import { type CredentialKind, type Environment } from './formats.js';
export interface FoundCredential {
    kind: CredentialKind;
    environment: Environment;
    /** The whole credential: handle with care, never print it. */
    value: string;
    /** UTF-16 offset of its first character in the text. */
    index: number;
    checksumValid: boolean;
}
/** Every credential-shaped string in `text`, in order, each with whether its checksum verifies. */
export declare function findCredentials(text: string): FoundCredential[];
