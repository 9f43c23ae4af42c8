// The prose the docs add per audience, derived from each operation's mode and security:
// a "backend only" callout on every server operation, the server page's intro with the
// security rules first, the member page's intro, and the webhook verification recipe.
// The rules themselves are moved out of the spec's own description (not rewritten), and the
// build fails if one of them can no longer be found there: the docs never lose them silently.
import { CREDENTIAL_ENV, WEBHOOK_SECRET_ENV } from './clients.js';

/** The callout on a server operation, from its security requirement. */
export function serverOperationNote(scope: string | undefined): string {
  const scopeText = scope ? `scope \`${scope}\`, ` : '';
  return [
    '> **Backend only: needs the Org-API-Key.** Call it from your backend with the Org-API-Key',
    `> (${scopeText}sent as \`Authorization: Bearer $${CREDENTIAL_ENV.server}\`), never from an app.`,
    '> A member token gets `403 member_token_not_allowed`.',
  ].join('\n');
}

// The spec ends server descriptions with a sentence saying the same as the callout; drop that
// sentence (keeping any extra remark after it) so the page does not say it twice.
// Matched word by word (`loose`): the spec wraps its lines anywhere.
const loose = (text: string) => text.split(/\s+/).map(escapeRegExp).join('\\s+');
const RESTATED_MODE_LINE = new RegExp(
  `^${loose('Server mode: backend only, with the Org-API-Key (scope')}\\s+\`[^\`]+\`` +
    `${loose('). A member token gets 403 `member_token_not_allowed`')}(?<rest>[\\s\\S]*)$`,
);

export function withServerNote(description: string | undefined, scope: string | undefined): string {
  const paragraphs = (description ?? '').trim().split(/\n{2,}/).filter(Boolean);
  const kept = paragraphs.flatMap((paragraph) => {
    const match = RESTATED_MODE_LINE.exec(paragraph.trim());
    if (!match) return [paragraph];
    const rest = match.groups!.rest.replace(/^[\s.;,:]+/, '').trim();
    return rest ? [rest.charAt(0).toUpperCase() + rest.slice(1)] : [];
  });
  return [serverOperationNote(scope), ...kept].join('\n\n') + '\n';
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

/** The server page's intro: the security rules first, moved out of the spec's description. */
export function serverIntro(description: string): string {
  let rest = description.trim();
  const take = (what: string, pattern: RegExp): string => {
    const match = pattern.exec(rest);
    if (!match) throw new Error(`server intro: the spec's info.description no longer has ${what}`);
    rest = (rest.slice(0, match.index) + rest.slice(match.index + match[0].length)).replace(/\n{3,}/g, '\n\n');
    return match[0].trim();
  };
  const why = take('the "Why the split exists" paragraph', /^\*\*Why the split exists\.\*\*[\s\S]*?(?=\n\n|(?![\s\S]))/m);
  const checklist = body(take('a "## Security checklist" section', section(2, 'Security checklist')));
  const rotation = body(take('a "### Key rotation" section', section(3, 'Key rotation')));

  return [
    '> **Backend only.** Every operation on this page takes the **Org-API-Key**',
    `> (\`Authorization: Bearer $${CREDENTIAL_ENV.server}\`) and runs on your backend, never in an app:`,
    '> a member token gets `403 member_token_not_allowed`. [All Expys docs](index.html)',
    '',
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
    rotation,
    '',
    '### The webhook signing secret is shown only once',
    '',
    'createWebhook returns the endpoint\'s signing secret (`whsec_…`) in its response and never again.',
    `Store it right away as a backend secret (here \`$${WEBHOOK_SECRET_ENV}\`), like the Org-API-Key, and`,
    'accept a delivery only after its `webhook-signature` (Standard Webhooks) verifies with it (see',
    'Webhooks below). If the secret is lost or exposed, create a new endpoint and delete the old one.',
    '',
    rest,
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

/** A markdown section (heading included) up to the next heading of the same or a higher level. */
function section(level: number, title: string): RegExp {
  const hashes = '#'.repeat(level);
  return new RegExp(`^${hashes} ${title}\\s*\\n[\\s\\S]*?(?=^#{1,${level}} |(?![\\s\\S]))`, 'm');
}

const body = (sectionText: string) => sectionText.replace(/^#+ .*\n/, '').trim();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
