export { CHECKSUM_LENGTH, CREDENTIAL_FORMATS, CREDENTIAL_KINDS, ENVIRONMENTS, type CredentialFormat, type CredentialKind, type Environment } from './formats.js';
export { BASE62_ALPHABET, checksum, crc32, toBase62 } from './checksum.js';
export { checksumMatches, verifyCredential, type CredentialCheck } from './verify.js';
export { credentialFromEntropy, mintCredential, randomBase62, type RandomSource } from './mint.js';
export { findCredentials, type FoundCredential } from './find.js';
export { readBearer, type BearerFormat } from './bearer.js';
