import { credentialFromEntropy } from '@expys/credentials';

export { startApiServer } from '../../client-core/test/support/api-server.js';

// Shaped like a real Org-API-Key (prefix + base62 entropy + checksum), never a real one.
export const SANDBOX_KEY = credentialFromEntropy('org-api-key', 'sandbox', 'Sd7k2'.repeat(6).slice(0, 26));
export const PACKAGE_DIR = new URL('..', import.meta.url).pathname;
