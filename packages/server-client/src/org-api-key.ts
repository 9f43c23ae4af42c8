// The server client's credential: the Org-API-Key, checked before anything is sent.
import { credentialShape, CredentialError, ORG_API_KEY_BODY_LENGTH, type CredentialSource, type EnvironmentTable } from '@expys/client-core';
import { isBrowserLike } from './runtime.js';

const BACKEND_ONLY =
  'The Org-API-Key belongs on your backend only, stored as a secret: never in an app, a browser bundle, client-side environment variables or a public repository.';

export interface KeyGuardOptions {
  environment: string;
  environments: EnvironmentTable;
  dangerouslyAllowOrgApiKeyInBrowser?: boolean;
}

export function assertServerRuntime(allowBrowser: boolean | undefined): void {
  if (allowBrowser === true || !isBrowserLike()) return;
  throw new CredentialError(
    'browser_environment',
    'Refused: @expys/server-client is running in a browser or web worker, where every user can read the Org-API-Key. ' +
      'Call the Expys API from your backend; apps use @expys/member-client with a member token your backend mints. ' +
      '(If this really is a trusted server-side environment that looks like a browser, pass dangerouslyAllowOrgApiKeyInBrowser: true.)',
  );
}

/** Throws a CredentialError, which never contains the key, unless it is an Org-API-Key for `environment`. */
export function assertOrgApiKey(token: unknown, { environment, environments }: KeyGuardOptions): asserts token is string {
  const expectedPrefix = environments[environment].keyPrefix;
  if (typeof token !== 'string' || token.length === 0) {
    throw new CredentialError(
      'missing_credential',
      `No Org-API-Key. Set EXPYS_ORG_API_KEY in your backend's environment (an ${expectedPrefix}… key for ${environment}) and pass it: ` +
        `initialize({ environment: "${environment}", token: process.env.EXPYS_ORG_API_KEY }). ${BACKEND_ONLY}`,
    );
  }
  const shape = credentialShape(token, environments);
  if (shape.kind === 'member-token') {
    throw new CredentialError(
      'wrong_credential',
      'Refused: this is a member token. Server operations need the Org-API-Key (set EXPYS_ORG_API_KEY on your backend); ' +
        'member tokens are for the app, with @expys/member-client.',
    );
  }
  if (shape.kind === 'org-api-key' && shape.environment !== undefined && shape.environment !== environment) {
    throw new CredentialError(
      'environment_mismatch',
      `Refused: this Org-API-Key is for ${shape.environment} but the client is set to ${environment}. ` +
        `Use ${expectedPrefix}… keys with ${environment}; never mix test and live credentials.`,
    );
  }
  if (shape.checksumMismatch) {
    throw new CredentialError(
      'malformed_credential',
      'Refused: the checksum of this Org-API-Key does not match (its last 6 characters check the rest), so it is a mistyped, ' +
        'truncated or made-up key, not one Expys issued. Copy the key again, exactly, into EXPYS_ORG_API_KEY.',
    );
  }
  if (!shape.wellFormed) {
    throw new CredentialError(
      'malformed_credential',
      `This is not an Org-API-Key: expected ${expectedPrefix} followed by ${ORG_API_KEY_BODY_LENGTH} letters and digits (no "Bearer ", no whitespace). ` +
        'Check EXPYS_ORG_API_KEY.',
    );
  }
}

export function orgApiKeySource(token: unknown, options: KeyGuardOptions): CredentialSource {
  assertServerRuntime(options.dangerouslyAllowOrgApiKeyInBrowser);
  assertOrgApiKey(token, options);
  // No refresh: an Org-API-Key does not expire; a 401 means it is wrong or revoked.
  return { current: async () => token };
}
