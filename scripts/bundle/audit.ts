// Walks an audience bundle and lists everything that does not belong to its audience.
// The bundler runs it after Redocly (a leaky bundle is deleted, never shipped) and the tests
// run it again on the files on disk: the boundary is proven by walking, not by trusting a filter.
import { CREDENTIAL_FORMATS } from '@expys/credentials';
import { escapeRegExp, matchesIn, wholePathPattern, wholeWordsIn } from './find-names.js';
import { operationsOf, refsIn, resolvePointer, type OpenApiDocument } from './walk.js';

export type Audience = 'member' | 'server';

/** The security schemes each audience's operations may use: the member token alone; the Org-API-Key, API keys and the application's credentials. */
export const SCHEMES_OF: Record<Audience, readonly string[]> = { member: ['memberToken'], server: ['orgApiKey', 'apiKey', 'appCredentials'] };

export interface Violation {
  /** JSON pointer in the audited bundle. */
  where: string;
  message: string;
}

/** Names that belong to the other audience: operationIds and paths only it uses. */
export function foreignNames(full: OpenApiDocument, audience: Audience) {
  const ours = operationsOf(full).filter((e) => e.operation['x-expys-mode'] === audience);
  const ourPaths = new Set(ours.map((e) => e.key));
  const others = operationsOf(full).filter((e) => e.operation['x-expys-mode'] !== audience);
  return {
    operationIds: [...new Set(others.map((e) => String(e.operation.operationId)))],
    paths: [...new Set(others.filter((e) => e.section === 'paths' && !ourPaths.has(e.key)).map((e) => e.key))],
  };
}

/** The characters a credential's name must not touch to count as named: `Org-API-Key` is not "API key", `app_secret_not_allowed` not `secret_…`. */
const NAME_CHARS = 'A-Za-z0-9_-';

export interface BackendCredentialName {
  name: string;
  /** Matches where the text names it (no `g` flag). */
  pattern: RegExp;
}

/**
 * What names the backend's credentials other than the Org-API-Key (which the member texts name
 * to say that the app never holds it): the API keys (their prefixes, "API key"), the App Secret
 * (its prefix, "App Secret"), the App ID, and every scope (the ApiKeyScope enum and the scopes
 * the operations' `apiKey` requirements name). Phrases in any case and plural; prefixes at the
 * start of a word; scopes as whole words.
 */
export function backendCredentialNames(full: OpenApiDocument): BackendCredentialName[] {
  const phrase = (text: string) => {
    const [first, second] = text.split(' ');
    // Markdown wraps lines: "the App\nSecret" names it too.
    return { name: text, pattern: new RegExp(`(?<![${NAME_CHARS}])${first}[\\s-]+${second}s?(?![${NAME_CHARS}])`, 'i') };
  };
  const prefixes = [...new Set([...Object.values(CREDENTIAL_FORMATS['api-key'].prefixes), ...Object.values(CREDENTIAL_FORMATS['app-secret'].prefixes)])];
  const fromSchema: unknown = full.components?.schemas?.ApiKeyScope?.enum;
  const fromOperations = operationsOf(full).flatMap((e) => (e.operation.security ?? []).flatMap((r: Record<string, string[]>) => r.apiKey ?? []));
  const scopes = [...new Set([...(Array.isArray(fromSchema) ? fromSchema.map(String) : []), ...fromOperations])];
  return [
    ...[CREDENTIAL_FORMATS['api-key'].label, CREDENTIAL_FORMATS['app-secret'].label, 'App ID'].map(phrase),
    ...prefixes.map((prefix) => ({ name: prefix, pattern: new RegExp(`(?<![${NAME_CHARS}])${escapeRegExp(prefix)}`) })),
    ...scopes.map((scope) => ({ name: scope, pattern: new RegExp(`(?<![${NAME_CHARS}])${escapeRegExp(scope)}(?![${NAME_CHARS}])`) })),
  ];
}

/**
 * Where `doc` names one of `names`: the JSON pointer of each key or string that does, with the
 * names it holds. One pass over the document; a string is tried name by name only when the
 * union of the patterns (one per case sensitivity) matches it.
 */
export function whereNamed(doc: unknown, names: readonly BackendCredentialName[]): { where: string; names: string[] }[] {
  const unions = ['', 'i'].map((flags) => {
    const sources = names.filter((n) => n.pattern.flags.includes('i') === (flags === 'i')).map((n) => `(?:${n.pattern.source})`);
    return sources.length > 0 ? new RegExp(sources.join('|'), flags) : undefined;
  });
  const found: { where: string; names: string[] }[] = [];
  const check = (text: string, where: string) => {
    if (!unions.some((u) => u?.test(text))) return;
    found.push({ where, names: names.filter((n) => n.pattern.test(text)).map((n) => n.name) });
  };
  const walk = (node: unknown, pointer: string): void => {
    if (typeof node === 'string') return check(node, pointer);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      check(key, at);
      walk(value, at);
    }
  };
  walk(doc, '#');
  return found;
}

/** Every component reachable from the operations (transitively through `$ref`s). */
function reachableComponents(doc: OpenApiDocument): Set<string> {
  const roots: unknown[] = [doc.paths, doc.webhooks, doc.security];
  const seen = new Set<string>();
  const queue = [...refsIn(roots)];
  while (queue.length > 0) {
    const ref = queue.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    queue.push(...refsIn(resolvePointer(doc, ref)));
  }
  return seen;
}

export function auditAudienceBundle(doc: OpenApiDocument, audience: Audience, full: OpenApiDocument): Violation[] {
  const violations: Violation[] = [];
  const schemes = SCHEMES_OF[audience];
  const usedSchemes = new Set<string>();
  const usedTags = new Set<string>();

  for (const entry of operationsOf(doc)) {
    const { operation, pointer } = entry;
    const mode = operation['x-expys-mode'];
    if (mode !== audience) {
      violations.push({ where: pointer, message: `operation ${operation.operationId} has mode ${JSON.stringify(mode)}, not ${audience}` });
    }
    for (const tag of operation.tags ?? []) usedTags.add(tag);
    for (const requirement of operation.security ?? []) {
      for (const name of Object.keys(requirement)) {
        usedSchemes.add(name);
        if (!schemes.includes(name)) violations.push({ where: `${pointer}/security`, message: `uses ${name}; the ${audience} bundle allows only ${schemes.join(', ')}` });
      }
    }
    if (entry.section === 'paths' && !operation.security?.length) {
      violations.push({ where: pointer, message: `operation ${operation.operationId} has no security requirement` });
    }
  }

  if (doc.security) violations.push({ where: '#/security', message: 'a root security requirement would apply to every operation' });

  for (const name of Object.keys(doc.components?.securitySchemes ?? {})) {
    if (!schemes.includes(name) || !usedSchemes.has(name)) {
      violations.push({ where: `#/components/securitySchemes/${name}`, message: `security scheme ${name} does not belong in the ${audience} bundle` });
    }
  }

  const reachable = reachableComponents(doc);
  for (const [kind, map] of Object.entries<Record<string, unknown>>(doc.components ?? {})) {
    if (kind === 'securitySchemes') continue;
    for (const name of Object.keys(map ?? {})) {
      const ref = `#/components/${kind}/${name}`;
      if (!reachable.has(ref)) violations.push({ where: ref, message: `component ${kind}/${name} is used by no ${audience} operation` });
    }
  }

  for (const tag of doc.tags ?? []) {
    if (!usedTags.has(tag.name)) violations.push({ where: '#/tags', message: `tag ${tag.name} is used by no ${audience} operation` });
  }

  // The member bundle feeds the app-side client and docs: the server side must not even be named.
  if (audience === 'member') {
    const text = JSON.stringify(doc);
    const { operationIds, paths } = foreignNames(full, audience);
    // Each name as a whole word (not inside a longer identifier), each path as a whole template
    // (not the start of a longer path), the text read once for all of them.
    const words = [...operationIds, ...SCHEMES_OF.server];
    const mentioned = wholeWordsIn(text, words, 'A-Za-z0-9_');
    const pathPatterns = paths.map((name) => ({ prefix: name.split(/\{[^}]+\}/)[0], pattern: wholePathPattern(name) }));
    // A match that is one of this bundle's own paths is that path, not the other side's template
    // filled in (`/v1/offers/featured` beside a server-only `/v1/offers/{offerId}`).
    const own = new Set(Object.keys(doc.paths ?? {}));
    for (const i of matchesIn(text, pathPatterns)) {
      if ([...text.matchAll(wholePathPattern(paths[i], 'g'))].some((m) => !own.has(m[0]))) mentioned.add(paths[i]);
    }
    for (const name of [...words, ...paths]) {
      if (mentioned.has(name)) {
        violations.push({ where: '#', message: `the member bundle mentions ${JSON.stringify(name)}, which belongs to the server side` });
      }
    }
    // The app holds member tokens only: no text of the member bundle (and so of the member
    // client's generated code, the MSW member handlers, the member docs) names the backend's
    // other credentials. The member view (member-view.js) writes the member-only texts.
    for (const { where, names } of whereNamed(doc, backendCredentialNames(full))) {
      violations.push({
        where,
        message: `the member bundle names ${names.map((n) => JSON.stringify(n)).join(', ')}: the app holds member tokens only (the member view, scripts/bundle/member-view.js, writes the member-only texts)`,
      });
    }
  }
  return violations;
}
