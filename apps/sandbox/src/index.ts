// Public API of @expys/sandbox.
export { startSandbox, defaultBundleFile, SANDBOX_HOST, ADMIN_KEY_FILE, type RunningSandbox, type SandboxOptions } from './sandbox.js';
export type { DatabaseOptions } from './db/database.js';
export { SANDBOX_ANSWER_HEADER, EXAMPLE_ANSWER } from './operations/index.js';
export { migrate, migrationFiles, MIGRATIONS_DIR } from './db/migrate.js';
export { MEMBER_TOKEN_TTL_MS, SCOPES, type ApiKeyInfo, type CreatedKey } from './domain/credentials.js';
export { parseDuration } from './domain/clock.js';
export { RETRY_SCHEDULE_MS, MAX_ATTEMPTS, type DeliveryRecord, type AttemptResult } from './webhooks/deliveries.js';
export { newSigningSecret, sign, type SignedHeaders } from './webhooks/signing.js';
export type { TestDeliveryResult } from './webhooks/test-deliveries.js';
