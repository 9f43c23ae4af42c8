// The prose the docs add per audience, derived from each operation's mode and security:
// a "backend only" callout on every server operation, the server page's intro with the
// security rules first, the member page's intro, and the webhook verification recipe.
// The rules themselves are moved out of the spec's own description (not rewritten), and the
// build fails if one of them can no longer be found there: the docs never lose them silently.
import { APP_CREDENTIAL_ENV, CREDENTIAL_ENV, WEBHOOK_SECRET_ENV } from './clients.js';
import { escapeRegExp, sectionBody, sectionPattern, sectionTaker } from './markdown-sections.js';
import type { ServerAuth } from './server-auth.js';

/** The callout on a server operation, from its security requirement. */
export function serverOperationNote(auth: ServerAuth): string {
  if (auth.kind === 'application') {
    return [
      "> **Backend only: the application's App ID and App Secret.** Call it with HTTP Basic, the App ID as",
      `> the user name and the App Secret as the password (\`curl -u "$${APP_CREDENTIAL_ENV.appId}:$${APP_CREDENTIAL_ENV.appSecret}"\`), from your`,
      '> backend or a one-off script, never from an app. A bearer credential (the Org-API-Key, an API key)',
      '> gets `403 app_credentials_required`; a wrong App ID or App Secret `401 invalid_app_credentials`.',
    ].join('\n');
  }
  return [
    `> **Backend only: the Org-API-Key, or an API key with \`${auth.scope}\`.** Call it from your backend with the`,
    `> Org-API-Key or an API key that has the \`${auth.scope}\` scope (sent as \`Authorization: Bearer $${CREDENTIAL_ENV.server}\`),`,
    '> never from an app. A member token gets `403 member_token_not_allowed`, an API key without the',
    '> scope `403 insufficient_scope`.',
  ].join('\n');
}

// The spec ends server descriptions with a sentence saying the same as the callout; drop that
// sentence (keeping any extra remark after it) so the page does not say it twice.
// Matched word by word (`loose`): the spec wraps its lines anywhere.
const loose = (text: string) => text.split(/\s+/).map(escapeRegExp).join('\\s+');
const RESTATED = [
  new RegExp(
    `^${loose('Server mode: backend only, with the Org-API-Key or an API key with the')}\\s+\`[^\`]+\`\\s+` +
      `${loose('scope. A member token gets 403 `member_token_not_allowed`')}(?<rest>[\\s\\S]*)$`,
  ),
  new RegExp(
    `^${loose('Application operation: HTTP Basic with the App ID as the user name and the App Secret as the password, from your backend or a one-off script, never from an app. A bearer credential gets 403 `app_credentials_required`; wrong or expired application credentials get 401 `invalid_app_credentials`')}(?<rest>[\\s\\S]*)$`,
  ),
];

export function withServerNote(description: string | undefined, auth: ServerAuth): string {
  const paragraphs = (description ?? '').trim().split(/\n{2,}/).filter(Boolean);
  const kept = paragraphs.flatMap((paragraph) => {
    const match = RESTATED.map((pattern) => pattern.exec(paragraph.trim())).find(Boolean);
    if (!match) return [paragraph];
    const rest = match.groups!.rest.replace(/^[\s.;,:]+/, '').trim();
    return rest ? [rest.charAt(0).toUpperCase() + rest.slice(1)] : [];
  });
  return [serverOperationNote(auth), ...kept].join('\n\n') + '\n';
}

/** The member page's intro: who this page is for and which credential it takes. */
export function memberIntro(description: string): string {
  const note = [
    '> **For apps.** Every operation here is called from your app with the member\'s short-lived',
    `> member token (\`Authorization: Bearer $${CREDENTIAL_ENV.member}\`), which your backend mints and hands`,
    '> to the app. [All Expys docs](index.html)',
  ].join('\n');
  return `${note}\n\n${description.trim()}\n`;
}

/**
 * The server page's intro: the security rules first, moved out of the spec's description, then
 * the credentials page (credentials-page.ts), then the rest of the description.
 */
export function serverIntro(description: string, credentials = ''): string {
  const parts = sectionTaker(description, 'server intro');
  const why = parts.take('the "Why the split exists" paragraph', /^\*\*Why the split exists\.\*\*[\s\S]*?(?=\n\n|(?![\s\S]))/m);
  const checklist = sectionBody(parts.take('a "## Security checklist" section', sectionPattern(2, 'Security checklist')));
  // The spec's opening paragraph (before its first section) stays at the top, under the callout.
  const firstSection = parts.rest.search(/^## /m);
  const [preamble, sections] = firstSection < 0 ? [parts.rest, ''] : [parts.rest.slice(0, firstSection).trim(), parts.rest.slice(firstSection).trim()];

  return [
    '> **Backend only.** Every operation on this page runs on your backend, never in an app: with the',
    `> **Org-API-Key** or an **API key** (\`Authorization: Bearer $${CREDENTIAL_ENV.server}\`), or, for the application's`,
    "> own operations, its **App ID and App Secret** (HTTP Basic). A member token gets",
    '> `403 member_token_not_allowed`. [All Expys docs](index.html)',
    '',
    ...(preamble ? [preamble, ''] : []),
    '## Security rules (read first)',
    '',
    why,
    '',
    '### Security checklist',
    '',
    checklist,
    '',
    '### Key rotation',
    '',
    'Rotate API keys periodically, without downtime: create a new key, update the integration, revoke',
    'the old one (the recipe is under **Credentials**, below). An exposed Org-API-Key, API key or App',
    'Secret is rotated at once.',
    '',
    '### The webhook signing secret is shown only once',
    '',
    'createWebhook returns the endpoint\'s signing secret (`whsec_…`) in its response and never again.',
    `Store it right away as a backend secret (here \`$${WEBHOOK_SECRET_ENV}\`), like the Org-API-Key, and`,
    'accept a delivery only after its `webhook-signature` (Standard Webhooks) verifies with it (see',
    'Webhooks below). If the secret is lost or exposed, create a new endpoint and delete the old one.',
    '',
    ...(credentials ? [credentials.trim(), ''] : []),
    sections,
    '',
  ].join('\n');
}

/** Appended to the Webhooks tag: a handler verifying with the SDK, then the same check by hand. */
export function webhookVerification(handlerSample: string, recipeSource: string): string {
  return [
    '### Verifying a delivery',
    '',
    'With `@expys/server-client`: `expys.webhooks.verify(rawBody, req.headers, secret)` on the raw request',
    'body (bytes, before any JSON parsing), the request headers (`webhook-id`, `webhook-timestamp`,',
    '`webhook-signature`) and the endpoint\'s signing secret. Deliveries follow',
    '[Standard Webhooks](https://www.standardwebhooks.com/), so its libraries for other languages',
    '(Python, Go, Ruby, PHP, Java…) verify them the same way, with the same secret.',
    '',
    '```ts',
    handlerSample.trim(),
    '```',
    '',
    'The same check by hand, in Node.js: HMAC-SHA256 over `${id}.${timestamp}.${rawBody}`, keyed with',
    'the base64-decoded part of the secret after `whsec_`, a 300 s tolerance on `webhook-timestamp`, a',
    'constant-time compare, and any of several `v1,` signatures accepted during a secret rotation.',
    '',
    '```ts',
    recipeSource.trim(),
    '```',
  ].join('\n');
}

/** Appended to each webhook event: a correctly signed delivery of its example, to test locally. */
export function webhookEventNote(signedDeliverySample: string): string {
  return [
    '**Test your endpoint.** This sends the example payload of this event, signed the way Expys signs it (see',
    '"Verifying a delivery" under Webhooks), to a local endpoint:',
    '',
    '```bash',
    signedDeliverySample.trim(),
    '```',
  ].join('\n');
}
