// Walks an audience bundle and lists everything that does not belong to its audience.
// The bundler runs it after Redocly (a leaky bundle is deleted, never shipped) and the tests
// run it again on the files on disk: the boundary is proven by walking, not by trusting a filter.
import { matchesIn, wholePathPattern, wholeWordsIn } from './find-names.js';
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
  }
  return violations;
}
