// Public API of @expys/sandbox.
export {
  startSandbox,
  defaultBundleFile,
  SANDBOX_HOST,
  ADMIN_KEY_FILE,
  APP_CREDENTIALS_FILE,
  parseAppCredentialsFile,
  type RunningSandbox,
  type SandboxOptions,
} from './sandbox.js';
export type { DatabaseOptions } from './db/database.js';
export { SANDBOX_ANSWER_HEADER, EXAMPLE_ANSWER } from './operations/index.js';
export { migrate, migrationFiles, MIGRATIONS_DIR } from './db/migrate.js';
export { MEMBER_TOKEN_TTL_MS, type OrgApiKeyInfo, type CreatedOrgApiKey } from './domain/credentials.js';
export {
  API_KEY_SCOPES,
  DEFAULT_PREVIOUS_SECRET_MS,
  MAX_PREVIOUS_SECRET_MS,
  type ApiKeyView,
  type ApiKeyWithSecret,
  type ApplicationView,
  type CreatedApplication,
  type SecretRotation,
} from './domain/applications.js';
export { parseDuration } from './domain/clock.js';
export { RETRY_SCHEDULE_MS, MAX_ATTEMPTS, type DeliveryRecord, type AttemptResult } from './webhooks/deliveries.js';
export { newSigningSecret, sign, type SignedHeaders } from './webhooks/signing.js';
export type { TestDeliveryResult } from './webhooks/test-deliveries.js';
