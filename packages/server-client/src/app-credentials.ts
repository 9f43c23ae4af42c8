// The application's credentials, for its own operations (getApp, rotateAppSecret, the API key
// methods: those whose security is the spec's HTTP Basic `appCredentials`): the App ID as the
// user name and the App Secret as the password. The App Secret, like a key, is a value or a
// function asked on every call, so a rotated secret is used without a new client.
// Both may be undefined (`process.env.EXPYS_APP_ID` where the variable is not set): a backend
// that manages no keys in this deployment still starts, and an application method says what is
// missing when it is called. A value that is there but wrong fails at initialize.
import { APP_ID_PATTERN, APP_SECRET_BODY_LENGTH, CREDENTIAL_LABELS, credentialShape, CredentialError, type CredentialSource, type EnvironmentTable, type Redact } from '@expys/client-core';
import { ask, type KeyProvider } from './server-key.js';

export interface AppCredentials {
  /**
   * The App ID, `app_` + 16 letters and digits: public, it names the application
   * (`process.env.EXPYS_APP_ID`). Undefined or empty: the application methods reject when called.
   */
  appId: string | undefined;
  /**
   * The App Secret (`secret_…`), or a function returning the current one. Private: a backend
   * secret (`process.env.EXPYS_APP_SECRET`). Undefined or empty: the application methods reject
   * when called.
   */
  appSecret: string | KeyProvider | undefined;
}

const HOW = 'pass `app: { appId: process.env.EXPYS_APP_ID, appSecret: process.env.EXPYS_APP_SECRET }` to initialize';

const missingAppSecret = (from: 'value' | 'provider') =>
  new CredentialError(
    'missing_credential',
    `No App Secret${from === 'provider' ? ': the appSecret function returned none' : ' in app.appSecret'}. The application operations authenticate with the App ID and the App Secret (secret_…): ${HOW}.`,
  );

/** Throws a CredentialError, which never contains the secret, unless `secret` is an App Secret. */
export function assertAppSecret(secret: unknown, environments: EnvironmentTable, from: 'value' | 'provider' = 'value'): asserts secret is string {
  if (typeof secret !== 'string' || secret.length === 0) throw missingAppSecret(from);
  const shape = credentialShape(secret, environments);
  if (shape.kind !== 'app-secret' && shape.kind !== 'unknown') {
    throw new CredentialError(
      'wrong_credential',
      `Refused: app.appSecret is ${shape.kind === 'api-key' || shape.kind === 'org-api-key' ? 'an' : 'a'} ${CREDENTIAL_LABELS[shape.kind]}, not the App Secret (secret_…). ` +
        'Keys go in `token`; the App Secret is shown when the application is created or its secret rotated.',
    );
  }
  if (shape.checksumMismatch) {
    throw new CredentialError(
      'malformed_credential',
      'Refused: the checksum of this App Secret does not match (its last 6 characters check the rest), so it is mistyped, truncated or made up. Copy it again, exactly.',
    );
  }
  if (!shape.wellFormed) {
    throw new CredentialError('malformed_credential', `This is not an App Secret: expected secret_ followed by ${APP_SECRET_BODY_LENGTH} letters and digits (no whitespace).`);
  }
}

// base64 of ASCII (both parts are checked to be letters, digits and "_").
const basic = (appId: string, secret: string) => btoa(`${appId}:${secret}`);

/** A source whose every use rejects with `error`: nothing is sent. */
const rejecting = (error: () => CredentialError): CredentialSource => ({
  current: async () => {
    throw error();
  },
});

const absent = (value: unknown) => value === undefined || value === null || value === '';

export function appCredentialsSource(app: AppCredentials | undefined, environments: EnvironmentTable, redact: Redact): CredentialSource {
  if (app === undefined || app === null) {
    return rejecting(
      () =>
        new CredentialError(
          'missing_credential',
          `This is an application operation: it authenticates with HTTP Basic, the application's App ID and App Secret, not with \`token\`. ${HOW}. ` +
            'The App Secret is a backend secret, like the keys.',
        ),
    );
  }
  if (typeof app !== 'object') {
    throw new CredentialError('malformed_credential', `app is not the application's credentials: ${HOW}.`);
  }
  const { appId, appSecret } = app;
  // Present but wrong: at initialize, as a mistyped key is.
  if (!absent(appId) && (typeof appId !== 'string' || !APP_ID_PATTERN.test(appId))) {
    throw new CredentialError('malformed_credential', `app.appId is not an App ID: expected app_ followed by 16 letters and digits. ${HOW}.`);
  }
  if (!absent(appSecret) && typeof appSecret !== 'function') assertAppSecret(appSecret, environments);
  // Missing: when an application method is called.
  if (absent(appId)) {
    return rejecting(
      () =>
        new CredentialError(
          'missing_credential',
          `No App ID in app.appId. The application operations authenticate with the App ID (app_…) and the App Secret: ${HOW}, with EXPYS_APP_ID set in your backend's environment.`,
        ),
    );
  }
  if (absent(appSecret)) return rejecting(() => missingAppSecret('value'));
  const id = appId as string;
  if (typeof appSecret === 'function') {
    const current = async () => {
      const secret = await ask(appSecret, 'appSecret', redact);
      assertAppSecret(secret, environments, 'provider');
      return basic(id, secret);
    };
    // A rotated secret: the old one stops working when its overlap ends; ask once more.
    return { current, refresh: current, refreshOn: ['invalid_app_credentials'] };
  }
  const value = basic(id, appSecret as string); // checked above, at initialize
  // The same settled promise every time: the client reads the credential from it without waiting.
  const settled = Promise.resolve(value as string);
  return { current: () => settled };
}
