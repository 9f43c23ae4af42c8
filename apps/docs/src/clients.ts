// Which client package and which credential each audience uses. The samples, the notes and the
// tests all read these, so a page can be checked for naming the other side's client or key.
import type { Audience } from './bundles.js';

export const CLIENT_PACKAGE: Record<Audience, string> = {
  member: '@expys/member-client',
  server: '@expys/server-client',
};

/** The shell variable the curl samples read the credential from (server: the Org-API-Key, or an API key in its place). */
export const CREDENTIAL_ENV: Record<Audience, string> = {
  member: 'EXPYS_MEMBER_TOKEN',
  server: 'EXPYS_ORG_API_KEY',
};

/** The application's credentials, for its own operations (HTTP Basic), as the server client's messages name them. */
export const APP_CREDENTIAL_ENV = { appId: 'EXPYS_APP_ID', appSecret: 'EXPYS_APP_SECRET' } as const;

/** The endpoint's `whsec_…` signing secret, returned once by createWebhook. */
export const WEBHOOK_SECRET_ENV = 'EXPYS_WEBHOOK_SECRET';
