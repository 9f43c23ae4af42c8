// @ts-check
// The member view: what the member bundle (and so the member client, the MSW member handlers and
// the member docs) says about credentials. The app holds member tokens only, but some texts the
// member bundle shares with the server side name the backend's credentials: the spec's
// info.description (its credentials table, scopes, applications, rotation), the servers' (which
// credential to use with each), the Unauthorized and MemberForbidden responses and the ErrorCode
// table. This module writes a member-only version of each, in place. The bundler applies it with
// the `expys-bundle/member-view` decorator (decorators/member-view.js); the docs apply it again
// to their copy (a no-op on a bundle already in the member view). The audience audit then fails
// the member bundle if anything of the backend's credentials is still named (audit.ts).

/** Sections of the spec's description that are about the backend: not in the member view. */
const SERVER_SECTIONS = ['Two modes, two credentials', 'Security checklist', 'Credentials', 'Webhooks'];

/** Problem codes the app gets only by sending a credential of the backend: one member-side meaning. */
export const BACKEND_CREDENTIAL_CODES = ['invalid_api_key', 'api_key_expired', 'api_key_not_allowed', 'app_secret_not_allowed'];
/** Problem codes only the server API answers: never to a member token on a member operation. */
export const SERVER_API_CODES = ['invalid_app_credentials', 'app_credentials_required', 'insufficient_scope'];

const BACKEND_CREDENTIAL =
  'A credential of your backend was sent from the app: it never belongs in an app. Send the member token your backend minted.';

/** The member view's meaning of the codes whose spec text is about the backend's credentials. */
export const MEMBER_CODE_MEANINGS = Object.freeze({
  ...Object.fromEntries(BACKEND_CREDENTIAL_CODES.map((c) => [c, BACKEND_CREDENTIAL])),
  ...Object.fromEntries(SERVER_API_CODES.map((c) => [c, 'Answered by the server API only, never to a member token: see the server reference.'])),
  environment_mismatch:
    'A live member token (`mt_live_…`) was sent to the sandbox, or a test one (`mt_test_…`) to production. Use the token minted for the server you call.',
  member_token_not_allowed: 'A member token called an operation of the server API. Apps never do: your backend makes those calls.',
});

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
 * The member view of the examples a member operation can answer with, by code: `detail` (and
 * `title`, `summary`) are for people and may differ per audience; `type`, `status` and `code`,
 * what a client branches on, are unchanged. The backend-credential codes keep an example, since
 * the MSW member handlers answer them from the member bundle's examples.
 * @type {Readonly<Record<string, { summary?: string, title?: string, detail: string }>>}
 */
const MEMBER_EXAMPLES = {
  // What the gateway answers a member operation called with no credential (packages/gateway, access.ts).
  unauthenticated: { detail: 'No credential was sent. Send Authorization: Bearer <member token> from the app.' },
  invalid_api_key: { summary: 'A credential of your backend, unknown or revoked, sent from the app', title: 'Invalid backend credential', detail: BACKEND_CREDENTIAL },
  api_key_expired: { summary: 'An expired credential of your backend sent from the app', title: 'Backend credential expired', detail: BACKEND_CREDENTIAL },
  api_key_not_allowed: { summary: 'A credential of your backend called a member operation', title: 'Backend credential not allowed', detail: BACKEND_CREDENTIAL },
  app_secret_not_allowed: { summary: 'A credential of your backend called a member operation', title: 'Backend credential not allowed', detail: BACKEND_CREDENTIAL },
};

/**
 * The member description: the spec's, without the backend's sections, with a credentials
 * section of its own (the member token, how the app gets one: the spec's "Flow" and "Member
 * tokens", moved out of the sections dropped). Applied to its own output it gives it back.
 * @param {string} description
 */
export function memberDescription(description) {
  const parts = sectionTaker(description, 'member view');
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
    // "see above" pointed at the credentials section the member view does not have.
    memberTokens.replace(/,\s+see above\)/, ' of the rest)'),
    '',
    sections,
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * "Use `expys_live_…` Org-API-Keys, `prod_sk_…` API keys and `mt_live_…` member tokens." → the member token only.
 * @param {any} server
 * @returns {string | undefined}
 */
function memberServerDescription(server) {
  const description = server?.description;
  const prefix = server?.['x-expys-member-token-prefix'];
  if (typeof description !== 'string' || typeof prefix !== 'string') return undefined;
  return description.replace(/\bUse [^.]*\.?\s*$/, `Use \`${prefix}…\` member tokens.`);
}

/**
 * @typedef {object} MemberViewOptions
 * @property {(node: any) => any} [resolve] Follows a `$ref` (the decorator passes Redocly's);
 *   by default an internal `#/…` reference is looked up in the document.
 * @property {'rewrite' | 'drop'} [backendExamples] What becomes of the examples of the codes only a
 *   backend credential gets: their member-side text (the bundle: its hosts answer from them), or
 *   nothing (a page that shows the app's own examples only).
 */

/**
 * Puts the member view into `doc` (in place): the description, the servers', the two shared
 * credential responses and the ErrorCode table (every code kept, the backend's ones explained
 * from the app's side). Examples of codes only the server API answers are removed.
 * @param {Record<string, any>} doc
 * @param {MemberViewOptions} [options]
 */
export function applyMemberView(doc, options = {}) {
  const resolve = options.resolve ?? ((/** @type {any} */ node) => resolveInternal(doc, node));
  const backendExamples = options.backendExamples ?? 'rewrite';
  const info = resolve(doc.info);
  info.description = memberDescription(info.description ?? '');
  for (const ref of resolve(doc.servers) ?? []) {
    const server = resolve(ref);
    const description = memberServerDescription(server);
    if (description !== undefined) server.description = description;
  }

  const components = resolve(doc.components) ?? {};
  const responses = resolve(components.responses) ?? {};
  const dropped = new Set([...SERVER_API_CODES, 'member_token_not_allowed', ...(backendExamples === 'drop' ? BACKEND_CREDENTIAL_CODES : [])]);
  for (const ref of Object.values(responses)) {
    for (const media of Object.values(resolve(ref)?.content ?? {})) {
      const examples = resolve(media?.examples);
      for (const [name, exampleRef] of Object.entries(examples ?? {})) {
        const example = resolve(exampleRef);
        const value = resolve(example?.value);
        const code = value?.code;
        const member = MEMBER_EXAMPLES[code];
        if (dropped.has(code)) delete examples[name];
        else if (member) {
          if (member.summary && typeof example.summary === 'string') example.summary = member.summary;
          if (member.title && typeof value.title === 'string') value.title = member.title;
          if (typeof value.detail === 'string') value.detail = member.detail;
        }
      }
    }
  }
  const unauthorized = resolve(responses.Unauthorized);
  if (unauthorized) unauthorized.description = MEMBER_UNAUTHORIZED;
  const memberForbidden = resolve(responses.MemberForbidden);
  if (memberForbidden) memberForbidden.description = MEMBER_FORBIDDEN;

  const errorCode = resolve(resolve(components.schemas)?.ErrorCode);
  if (errorCode?.description) {
    const rows = tableRows(errorCode.description);
    for (const code of errorCode.enum ?? []) {
      if (!rows.has(code)) throw new Error(`member view: the ErrorCode table has no row for \`${code}\``);
    }
    errorCode.description = String(errorCode.description)
      .split('\n')
      .map((line) => {
        const cells = /^\|\s*`([^`]+)`\s*\|\s*([^|]*?)\s*\|/.exec(line);
        const meaning = cells && /** @type {Record<string, string>} */ (MEMBER_CODE_MEANINGS)[cells[1]];
        return cells && meaning ? `| \`${cells[1]}\` | ${cells[2]} | ${meaning} |` : line;
      })
      .join('\n');
  }
}

/**
 * @param {Record<string, any>} doc
 * @param {any} node
 */
function resolveInternal(doc, node) {
  if (typeof node?.$ref !== 'string') return node;
  if (!node.$ref.startsWith('#/')) throw new Error(`member view: cannot follow ${node.$ref} (an external reference): bundle first`);
  /** @type {string[]} */
  const keys = node.$ref
    .slice(2)
    .split('/')
    .map((/** @type {string} */ s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const target = keys.reduce((/** @type {any} */ at, key) => at?.[key], doc);
  return resolveInternal(doc, target);
}

// Sections of a markdown text by heading (apps/docs/src/markdown-sections.ts has the docs' own
// copy, with what the server page needs besides).

/**
 * A markdown section (heading included) up to the next heading of the same or a higher level.
 * @param {number} level
 * @param {string} title
 */
export function sectionPattern(level, title) {
  const hashes = '#'.repeat(level);
  return new RegExp(`^${hashes} ${escapeRegExp(title)}\\s*\\n[\\s\\S]*?(?=^#{1,${level}} |(?![\\s\\S]))`, 'm');
}

/**
 * Takes sections out of a markdown text one by one: `take` returns the match and removes it from
 * what is left, a missing one throws (naming `where` and what was looked for); `drop` removes one
 * that may be absent.
 * @param {string} text
 * @param {string} where
 */
function sectionTaker(text, where) {
  let rest = text.trim();
  /** @param {RegExp} pattern */
  const cut = (pattern) => {
    const match = pattern.exec(rest);
    if (!match) return undefined;
    rest = (rest.slice(0, match.index) + rest.slice(match.index + match[0].length)).replace(/\n{3,}/g, '\n\n').trim();
    return match[0].trim();
  };
  return {
    /** @param {string} what @param {RegExp} pattern */
    take(what, pattern) {
      const section = cut(pattern);
      if (section === undefined) throw new Error(`${where}: the spec's info.description no longer has ${what}`);
      return section;
    },
    /** @param {RegExp} pattern */
    drop: (pattern) => cut(pattern) ?? '',
    get rest() {
      return rest;
    },
  };
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The rows of the markdown tables in `text` whose first cell is a code span: `code` → the other cells.
 * @param {string} text
 */
function tableRows(text) {
  /** @type {Map<string, string[]>} */
  const rows = new Map();
  for (const line of text.split('\n')) {
    const cells = /^\|(.*)\|\s*$/.exec(line.trim())?.[1].split('|').map((c) => c.trim());
    const key = cells && /^`([^`]+)`$/.exec(cells[0])?.[1];
    if (cells && key) rows.set(key, cells.slice(1));
  }
  return rows;
}
