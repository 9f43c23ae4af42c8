// The server client's bearer credential: the Org-API-Key (full authority over the org) or an API
// key (created within an application, restricted to scopes), as a value or as a function the
// client asks on every call, so a rotated key is used without a new client. Every key, given or
// provided, passes the same guards before it is sent; no message ever contains it.
import {
  apiKeyPrefix,
  API_KEY_BODY_LENGTH,
  CREDENTIAL_LABELS,
  credentialShape,
  CredentialError,
  ORG_API_KEY_BODY_LENGTH,
  type CredentialSource,
  type EnvironmentTable,
  type Redact,
} from '@expys/client-core';

/** Returns the current key (or App Secret): asked on every call, so it may change between calls. */
export type KeyProvider = () => string | Promise<string>;

const BACKEND_ONLY =
  'Server keys belong on your backend only, stored as secrets: never in an app, a browser bundle, client-side environment variables or a public repository.';

export interface KeyGuardOptions {
  environment: string;
  environments: EnvironmentTable;
}

function prefixes({ environment, environments }: KeyGuardOptions) {
  const env = environments[environment];
  return { org: env.keyPrefix, api: apiKeyPrefix(env) };
}

/**
 * Throws a CredentialError, which never contains the key, unless `token` is an Org-API-Key or an
 * API key for `environment`. `from` says where the value came from, for the messages.
 */
export function assertServerKey(token: unknown, options: KeyGuardOptions, from: 'token' | 'provider' = 'token'): asserts token is string {
  const { environment, environments } = options;
  const { org, api } = prefixes(options);
  const expected = `an Org-API-Key (${org}…) or an API key (${api}…)`;
  if (typeof token !== 'string' || token.length === 0) {
    throw new CredentialError(
      'missing_credential',
      from === 'provider'
        ? `The token function returned ${typeof token === 'string' ? 'an empty string' : String(typeof token)}, not a key: it must return ${expected} for ${environment}. ${BACKEND_ONLY}`
        : `No server key. Set EXPYS_ORG_API_KEY in your backend's environment (${expected} for ${environment}) and pass it: ` +
            `initialize({ environment: "${environment}", token: process.env.EXPYS_ORG_API_KEY }). The Org-API-Key belongs on your backend only; ${BACKEND_ONLY}`,
    );
  }
  const shape = credentialShape(token, environments);
  if (shape.kind === 'member-token') {
    throw new CredentialError(
      'wrong_credential',
      `Refused: this is a member token. Server operations need ${expected}: set EXPYS_ORG_API_KEY on your backend and pass it as \`token\`. ` +
        'Member tokens are for the app, with @expys/member-client.',
    );
  }
  if (shape.kind === 'app-secret') {
    throw new CredentialError(
      'wrong_credential',
      "Refused: this is an App Secret (secret_…). It authenticates only the application's own key management, together with its App ID: " +
        `pass it as \`app: { appId, appSecret }\`. As \`token\` pass ${expected}.`,
    );
  }
  if (shape.kind === 'org-api-key' || shape.kind === 'api-key') {
    const label = CREDENTIAL_LABELS[shape.kind];
    const own = shape.kind === 'org-api-key' ? org : api;
    if (shape.environment !== undefined && shape.environment !== environment) {
      throw new CredentialError(
        'environment_mismatch',
        `Refused: this ${label} is for ${shape.environment} but the client is set to ${environment}. ` +
          `Use ${own}… keys with ${environment}; never mix test and live credentials.`,
      );
    }
    if (shape.checksumMismatch) {
      throw new CredentialError(
        'malformed_credential',
        `Refused: the checksum of this ${label} does not match (its last 6 characters check the rest), so it is a mistyped, ` +
          `truncated or made-up key, not one Expys issued. Copy the key again, exactly, into your backend's secret (EXPYS_ORG_API_KEY).`,
      );
    }
    if (!shape.wellFormed) {
      const length = shape.kind === 'org-api-key' ? ORG_API_KEY_BODY_LENGTH : API_KEY_BODY_LENGTH;
      throw new CredentialError(
        'malformed_credential',
        `This is not an ${label} for ${environment}: expected ${own} followed by ${length} letters and digits (no "Bearer ", no whitespace). Check EXPYS_ORG_API_KEY.`,
      );
    }
    return;
  }
  throw new CredentialError(
    'malformed_credential',
    `This is not a server key: expected ${expected}, the prefix followed by ${ORG_API_KEY_BODY_LENGTH} letters and digits (no "Bearer ", no whitespace). Check EXPYS_ORG_API_KEY.`,
  );
}

/**
 * A provider's failure, without the provider's error: its message is redacted, its stack and
 * `cause` (which may hold the key it was reading) are not kept.
 */
export function providerFailure(what: string, error: unknown, redact: Redact): CredentialError {
  if (error instanceof CredentialError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  return new CredentialError('credential_provider_failed', `The ${what} function threw: ${redact(`${name}${message}`)}`);
}

/** Asks a provider, then checks what it returned: a thrown error becomes a redacted CredentialError. */
export async function ask(provider: KeyProvider, what: string, redact: Redact): Promise<unknown> {
  try {
    return await provider();
  } catch (error) {
    throw providerFailure(what, error, redact);
  }
}

// A revoked or expired key: a provider may already hand out its successor (a rotation), so the
// call asks once more and, with another key, sends again (a 401 means nothing was done).
const REFUSED_KEY_CODES = ['invalid_api_key', 'api_key_expired'] as const;

export function serverKeySource(token: unknown, options: KeyGuardOptions & { redact: Redact; optional: boolean }): CredentialSource {
  if (typeof token === 'function') {
    const provider = token as KeyProvider;
    const current = async () => {
      const key = await ask(provider, 'token', options.redact);
      assertServerKey(key, options, 'provider');
      return key;
    };
    return { current, refresh: current, refreshOn: REFUSED_KEY_CODES };
  }
  if (token === undefined && options.optional) {
    // Only application credentials were given: the bearer methods say what is missing when called.
    return {
      current: async () => {
        assertServerKey(token, options);
        return '';
      },
    };
  }
  assertServerKey(token, options); // at initialize: fail before any call
  // No refresh: the same key would be refused again; pass a function to rotate keys.
  // The same settled promise every time: the client reads the credential from it without waiting.
  const settled = Promise.resolve(token as string);
  return { current: () => settled };
}
