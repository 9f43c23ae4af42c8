// The member page says only that the app holds member tokens. The member bundle shares some
// texts with the server side: the spec's info.description (its credentials table, scopes,
// applications, rotation), the Unauthorized and MemberForbidden responses and the ErrorCode
// table, which name the backend's credentials (API keys, the App Secret, scopes). The member docs
// copy gets a member-only version of each, written here; the boundary check (boundary.ts) then
// fails the build if anything of the server side is still named, wherever it comes from.
import type { OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { sectionPattern, sectionTaker, tableRows } from './markdown-sections.js';

/** Sections of the spec's description that are about the backend: not on the member page. */
const SERVER_SECTIONS = ['Two modes, two credentials', 'Security checklist', 'Credentials', 'Webhooks'];

/**
 * The member page's description: the spec's, without the backend's sections, with a credentials
 * section of its own (the member token, how the app gets one: the spec's "Flow" and "Member
 * tokens", moved out of the sections dropped).
 */
export function memberDescription(description: string): string {
  const parts = sectionTaker(description, 'member page');
  const flow = parts.take('a "### Flow" section', sectionPattern(3, 'Flow'));
  const memberTokens = parts.take('a "### Member tokens" section', sectionPattern(3, 'Member tokens'));
  for (const title of SERVER_SECTIONS) parts.drop(sectionPattern(2, title));
  // The preamble (before the first section) stays first; the credentials section follows it.
  const firstSection = parts.rest.search(/^## /m);
  const [preamble, sections] = firstSection < 0 ? [parts.rest, ''] : [parts.rest.slice(0, firstSection).trim(), parts.rest.slice(firstSection).trim()];
  return [
    preamble,
    '',
    '## Credentials',
    '',
    'The app holds **member tokens** only: one member each, short-lived, minted by your backend and',
    'handed to the app, which sends it as `Authorization: Bearer <member token>`. The credentials of',
    'your backend never go into an app (its code, its client-shipped environment variables, its logs):',
    'a member operation refuses them (`403`), and `@expys/member-client` refuses them before sending',
    'anything.',
    '',
    flow,
    '',
    // "see above" pointed at the credentials section the member page does not have.
    memberTokens.replace(/,\s+see above\)/, ' of the rest)'),
    '',
    sections,
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Problem codes the app gets only by sending a credential of the backend: one member-side meaning. */
const BACKEND_CREDENTIAL_CODES = ['invalid_api_key', 'api_key_expired', 'api_key_not_allowed', 'app_secret_not_allowed'];
/** Problem codes only the server API answers: never to a member token on a member operation. */
const SERVER_API_CODES = ['invalid_app_credentials', 'app_credentials_required', 'insufficient_scope'];

const BACKEND_CREDENTIAL =
  'A credential of your backend was sent from the app: it never belongs in an app. Send the member token your backend minted.';

/** The member page's meaning of the codes whose spec text is about the backend's credentials. */
export const MEMBER_CODE_MEANINGS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(BACKEND_CREDENTIAL_CODES.map((c) => [c, BACKEND_CREDENTIAL])),
  ...Object.fromEntries(SERVER_API_CODES.map((c) => [c, 'Answered by the server API only, never to a member token: see the server reference.'])),
  environment_mismatch:
    'A live member token (`mt_live_…`) was sent to the sandbox, or a test one (`mt_test_…`) to production. Use the token minted for the server you call.',
  member_token_not_allowed: 'A member token called an operation of the server API. Apps never do: your backend makes those calls.',
};

const MEMBER_UNAUTHORIZED = [
  'The member token is missing, malformed, expired, or for the other environment. Check `code`:',
  '`unauthenticated` (send `Authorization: Bearer <member token>`), `token_expired` (the token is past',
  '`expiresAt`: get a new one from your backend, which runs the token exchange, then retry),',
  '`environment_mismatch` (a `mt_live_…` token sent to the sandbox, or a `mt_test_…` token to',
  'production). A credential of your backend sent by mistake gets a 401 or a 403 of its own: it never',
  'belongs in an app.',
].join('\n');

const MEMBER_FORBIDDEN = [
  'A credential of your backend was sent to a member operation (`org_api_key_not_allowed`,',
  '`api_key_not_allowed` or `app_secret_not_allowed`, by its kind). None of them may ever be used from an',
  'app: your backend mints a member token with the token exchange and hands it to the app, which sends it',
  'as the bearer.',
].join('\n');

/**
 * What the member page shows as the `detail` of an example whose text, written for every
 * caller, also tells the backend what to send. `detail` is for people and may differ per
 * caller; `code` is what a client branches on, and it is unchanged.
 */
const MEMBER_EXAMPLE_DETAILS: Readonly<Record<string, string>> = {
  unauthenticated: 'No bearer credential was sent. Send Authorization: Bearer <member token> from the app.',
};

/** "Use `expys_live_…` Org-API-Keys, `prod_sk_…` API keys and `mt_live_…` member tokens." → the member token only. */
function memberServerDescription(server: any): string | undefined {
  const description: unknown = server?.description;
  const prefix: unknown = server?.['x-expys-member-token-prefix'];
  if (typeof description !== 'string' || typeof prefix !== 'string') return undefined;
  return description.replace(/\bUse [^.]*\.?\s*$/, `Use \`${prefix}…\` member tokens.`);
}

/**
 * The member docs copy's member-only texts (in place): the description, the servers' (which
 * credential to use with each), the two shared credential responses (without the examples about
 * the backend's credentials) and the ErrorCode table (every code kept, the backend's ones
 * explained from the app's side).
 */
export function applyMemberView(doc: OpenApiDocument): void {
  doc.info.description = memberDescription(doc.info.description ?? '');
  for (const server of doc.servers ?? []) {
    const description = memberServerDescription(server);
    if (description !== undefined) server.description = description;
  }

  const responses = doc.components?.responses ?? {};
  const dropped = new Set([...BACKEND_CREDENTIAL_CODES, ...SERVER_API_CODES, 'member_token_not_allowed']);
  for (const response of Object.values<any>(responses)) {
    for (const media of Object.values<any>(response?.content ?? {})) {
      for (const [name, example] of Object.entries<any>(media?.examples ?? {})) {
        const code = example?.value?.code;
        if (dropped.has(code)) delete media.examples[name];
        else if (MEMBER_EXAMPLE_DETAILS[code] && typeof example.value.detail === 'string') example.value.detail = MEMBER_EXAMPLE_DETAILS[code];
      }
    }
  }
  if (responses.Unauthorized) responses.Unauthorized.description = MEMBER_UNAUTHORIZED;
  if (responses.MemberForbidden) responses.MemberForbidden.description = MEMBER_FORBIDDEN;

  const errorCode = doc.components?.schemas?.ErrorCode;
  if (errorCode?.description) {
    const rows = tableRows(errorCode.description);
    for (const code of errorCode.enum ?? []) {
      if (!rows.has(code)) throw new Error(`member page: the ErrorCode table has no row for \`${code}\``);
    }
    errorCode.description = String(errorCode.description)
      .split('\n')
      .map((line) => {
        const cells = /^\|\s*`([^`]+)`\s*\|\s*([^|]*?)\s*\|/.exec(line);
        const meaning = cells && MEMBER_CODE_MEANINGS[cells[1]];
        return meaning ? `| \`${cells[1]}\` | ${cells[2]} | ${meaning} |` : line;
      })
      .join('\n');
  }
}
