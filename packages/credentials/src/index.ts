// @expys/credentials: the Expys credential formats, checked offline by their checksum.
export {
  APP_ID_PATTERN,
  CHECKSUM_LENGTH,
  CREDENTIAL_FORMATS,
  CREDENTIAL_KINDS,
  ENVIRONMENTS,
  SERVER_SECRET_KINDS,
  environmentOf,
  type CredentialFormat,
  type CredentialKind,
  type Environment,
  type EnvironmentBoundKind,
  type KindAndEnvironment,
} from './formats.js';
export { BASE62_ALPHABET, checksum, crc32, toBase62 } from './checksum.js';
export { checksumMatches, verifyCredential, type CredentialCheck } from './verify.js';
export { appIdFromEntropy, credentialFromEntropy, mintAppId, mintCredential, randomBase62, type RandomSource } from './mint.js';
export { findCredentials, type FoundCredential } from './find.js';
export { readAppCredentials, readBearer, type AppCredentialsFormat, type BearerFormat } from './bearer.js';
