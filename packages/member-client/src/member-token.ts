// The member client's credential: a member token, or an async provider that fetches one from
// your backend. Every token, given or provided, passes the same guards before it is sent.
import {
  CREDENTIAL_FORMATS,
  CredentialError,
  SERVER_SECRET_KINDS,
  short,
  verifyCredential,
  type CredentialKind,
  type CredentialProblem,
  type CredentialSource,
  type EnvironmentTable,
} from '@expys/client-core';

// Long texts in development, a code in production builds (see "Error codes" in
// @expys/client-core): bundlers replace process.env.NODE_ENV in an app's production build.
declare const process: { env: { NODE_ENV?: string } };

export type TokenProvider = () => string | Promise<string>;

const BACKEND_MINTS = 'Your backend mints member tokens with @expys/server-client (or @expys/sdk) and hands them to the app.';

type ServerSecretKind = Extract<CredentialKind, 'org-api-key' | 'api-key' | 'app-secret'>;

// What each backend secret can do, said to whoever tried to put it in an app.
const SECRETS: Record<ServerSecretKind, string> = {
  'org-api-key': "an Org-API-Key, your organisation's secret key with full authority: it acts on every member.",
  'api-key': 'an API key (test_sk_…/prod_sk_…), a backend secret created within your application: it acts on every member within its scopes.',
  'app-secret': "an App Secret (secret_…), your application's secret: with the App ID it creates and revokes the application's API keys.",
};
const REPAIR: Record<ServerSecretKind, string> = {
  'org-api-key': 'rotate it',
  'api-key': 'create a new key and revoke this one',
  'app-secret': 'rotate the App Secret',
};

/** Throws a CredentialError, which never contains the token, unless it is a member token for `environment`. */
export function assertMemberToken(token: unknown, environment: string, environments: EnvironmentTable): asserts token is string {
  if (typeof token !== 'string' || token.length === 0) {
    throw new CredentialError(
      'missing_credential',
      process.env.NODE_ENV !== 'production'
        ? `No member token. Pass \`token\`: the member token for the signed-in user, or an async function that gets a fresh one from your backend. ${BACKEND_MINTS}`
        : short('E20'),
    );
  }
  // What the token is by its prefix (@expys/credentials' formats, the spec's prefixes), and
  // whether its checksum matches; a kind's family prefix catches an environment this build does
  // not know (`expys_staging_…`).
  const check = verifyCredential(token);
  const kind = check?.kind ?? (Object.keys(CREDENTIAL_FORMATS) as CredentialKind[]).find((k) => CREDENTIAL_FORMATS[k as keyof typeof CREDENTIAL_FORMATS].family && token.startsWith(CREDENTIAL_FORMATS[k as keyof typeof CREDENTIAL_FORMATS].family));
  const expectedPrefix = environments[environment].memberTokenPrefix;
  // Every backend secret, whatever its checksum says: a key-looking value is never sent from an app.
  if (kind && (SERVER_SECRET_KINDS as readonly string[]).includes(kind)) {
    throw new CredentialError(
      'wrong_credential',
      process.env.NODE_ENV !== 'production'
        ? `Refused: this is ${SECRETS[kind as ServerSecretKind]} It must never ship in an app, where anyone can extract it. ` +
            `The app uses member tokens only (${expectedPrefix}…). ${BACKEND_MINTS} If this secret was ever in an app build, ${REPAIR[kind as ServerSecretKind]} now.`
        : short('E21'),
    );
  }
  if (kind === 'member-token' && check?.environment && check.environment !== environment) {
    throw new CredentialError(
      'environment_mismatch',
      process.env.NODE_ENV !== 'production'
        ? `Refused: this member token is for ${check.environment} but the client is set to ${environment}. ` +
            `Use ${expectedPrefix}… tokens with ${environment}; a token and the environment it was minted for must match.`
        : short('E22'),
    );
  }
  if (kind === 'member-token' && check?.wellFormed && !check.checksumValid) {
    throw new CredentialError(
      'malformed_credential',
      process.env.NODE_ENV !== 'production'
        ? 'Refused: the checksum of this member token does not match (its last 6 characters check the rest), so it is a mistyped, ' +
            `truncated or made-up token, not one Expys minted. Pass the token exactly as your backend received it from the token exchange. ${BACKEND_MINTS}`
        : short('E23'),
    );
  }
  if (kind !== 'member-token' || !check?.checksumValid) {
    throw new CredentialError(
      'malformed_credential',
      process.env.NODE_ENV !== 'production'
        ? `This is not a member token: expected ${expectedPrefix} followed by ${CREDENTIAL_FORMATS['member-token'].length} letters and digits (no "Bearer ", no whitespace).`
        : short('E24'),
    );
  }
}

export function memberTokenSource(token: unknown, environment: string, environments: EnvironmentTable): CredentialSource {
  return tokenSource(token, (value) => assertMemberToken(value, environment, environments));
}

/**
 * The lean client's check (createMemberClient), without the checksum arithmetic in production
 * builds: refused in every build are no token, a backend secret (by its prefix, whatever follows),
 * a member token of the other environment, and anything not shaped `mt_<env>_` + 40 letters and
 * digits. Development builds also verify the checksum (assertMemberToken): a mistyped token is a
 * mistake to catch early, not a secret leaving; in production the API answers it with a 401.
 */
export function assertMemberTokenShape(
  token: unknown,
  environment: string,
  environments: EnvironmentTable,
  { serverPrefixes, memberTokenLength }: { readonly serverPrefixes: readonly string[]; readonly memberTokenLength: number },
): asserts token is string {
  if (process.env.NODE_ENV !== 'production') return assertMemberToken(token, environment, environments);
  if (typeof token !== 'string' || !token) throw new CredentialError('missing_credential', short('E20'));
  const prefix = environments[environment].memberTokenPrefix;
  if (token.startsWith(prefix) && new RegExp(`^[A-Za-z0-9]{${memberTokenLength}}$`).test(token.slice(prefix.length))) return;
  throw new CredentialError(
    ...((serverPrefixes.some((start) => token.startsWith(start))
      ? ['wrong_credential', short('E21')]
      : Object.values(environments).some((env) => env.memberTokenPrefix !== prefix && token.startsWith(env.memberTokenPrefix))
        ? ['environment_mismatch', short('E22')]
        : ['malformed_credential', short('E24')]) as [CredentialProblem, string]),
  );
}

/** A fixed token (checked now, before any call) or a provider (each token it gives checked), as a credential source. */
export function tokenSource(token: unknown, check: (token: unknown) => void): CredentialSource {
  if (typeof token !== 'function') {
    check(token); // at initialize: fail before any call
    // The same settled promise every time: the client reads the credential from it without waiting.
    const settled = Promise.resolve(token as string);
    return { current: () => settled };
  }

  const provider = token as TokenProvider;
  const fetchChecked = async () => {
    const fresh = await provider();
    check(fresh);
    return fresh;
  };
  // One pending or settled token shared by every call; a failed fetch is forgotten, so the
  // next call asks the provider again.
  let current: Promise<string> | undefined;
  const fetchOnce = () =>
    (current ??= fetchChecked().catch((error) => {
      current = undefined;
      throw error;
    }));
  return {
    current: fetchOnce,
    // Calls that hit token_expired together share one provider call: the token is fetched again
    // only while the expired one is still the current one.
    refresh: async (expired) => {
      const seen = current;
      if ((await seen?.catch(() => undefined)) === expired && current === seen) current = undefined;
      return fetchOnce();
    },
  };
}
