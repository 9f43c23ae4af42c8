// Turns the bundle's `paths` into a request matcher: method + path → the operation's mode, the
// scope an API key needs and whether it is an application operation (HTTP Basic). Everything the
// boundary enforces comes from here, none of it per path.

export type OpenApiDocument = Record<string, any>;
export type Mode = 'member' | 'server';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Route {
  method: string;
  /** The path template as written in the spec, e.g. `/v1/offers/{offerId}`. */
  template: string;
  operationId: string;
  mode: Mode;
  /** Every scope listed in the operation's security requirements. */
  scopes: string[];
  /**
   * The scopes an API key needs: those its security requirement lists (e.g. `['member_read']`).
   * Undefined when no requirement lists a scope: no API key may call the operation.
   */
  apiKeyScopes?: string[];
  /**
   * An application operation: its security is the application's own credentials (an HTTP Basic
   * scheme: App ID : App Secret), never a bearer credential.
   */
  application: boolean;
  /** Required parameters (path, query, header), e.g. `path.offerId`, `query.metric`. */
  requiredParameters: string[];
  /** The operation reads a request body; a body sent to any other operation is refused. */
  acceptsBody: boolean;
  /** No security requirement: anyone may call it (none today; kept so a public operation stays public). */
  isPublic: boolean;
  pattern: RegExp;
  /** Number of `{param}` placeholders: fewer means more specific (`/a/me` before `/a/{id}`). */
  placeholders: number;
  /**
   * For a cursor-paginated list: the documented 200 example that ends the list (`hasMore: false`).
   * Static examples never advance a cursor, so the mock serves this one for "next page" requests,
   * and a client iterating every page stops instead of being handed the first page forever.
   */
  lastPageExample?: string;
}

/** Every served operation (`paths`, not `webhooks`), most specific template first. */
export function buildRoutes(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, pathItem] of Object.entries<Record<string, any>>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method];
      if (!operation) continue;
      const mode = operation['x-expys-mode'];
      // Refuse rather than guess: an operation without a mode would be served unguarded.
      if (mode !== 'member' && mode !== 'server') {
        throw new Error(`${method.toUpperCase()} ${template} has x-expys-mode ${JSON.stringify(mode)}; expected member or server`);
      }
      const security: Record<string, string[]>[] = operation.security ?? doc.security ?? [];
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
      const apiKeyScopes = apiKeyScopesOf(security);
      routes.push({
        method,
        template,
        operationId: String(operation.operationId),
        mode,
        scopes: [...new Set(security.flatMap((requirement) => Object.values(requirement).flat()))],
        ...(apiKeyScopes ? { apiKeyScopes } : {}),
        application: security.some((requirement) => Object.keys(requirement).some((scheme) => isBasicScheme(doc, scheme))),
        requiredParameters: parameters.filter((p) => p?.required).map((p) => `${p.in}.${p.name}`),
        acceptsBody: operation.requestBody !== undefined,
        isPublic: security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0),
        pattern: templatePattern(template),
        placeholders: (template.match(/\{[^}]+\}/g) ?? []).length,
        lastPageExample: parameters.some((p) => p?.in === 'query' && p.name === 'cursor') ? lastPageExample(doc, operation) : undefined,
      });
    }
  }
  return routes.sort((a, b) => a.placeholders - b.placeholders || b.template.length - a.template.length);
}

/**
 * A scheme that takes application credentials: HTTP Basic as the document defines it. (Schemes
 * are read by their definitions, not their names: this core names no server scheme, so an app's
 * bundle that carries it names none either.)
 */
function isBasicScheme(doc: OpenApiDocument, name: string): boolean {
  const scheme = deref(doc, doc.components?.securitySchemes?.[name]);
  return scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic';
}

/**
 * The scopes an API key needs: those of the requirement that lists scopes (e.g. `['member_read']`;
 * the Org-API-Key's and the member token's requirements list none). Undefined when no requirement
 * lists one: no API key may call the operation.
 */
function apiKeyScopesOf(security: Record<string, string[]>[]): string[] | undefined {
  const scoped = security.flatMap((requirement) => Object.values(requirement).filter((scopes) => Array.isArray(scopes) && scopes.length > 0));
  return scoped.length > 0 ? [...new Set(scoped.flat())] : undefined;
}

function lastPageExample(doc: OpenApiDocument, operation: Record<string, any>): string | undefined {
  const examples = deref(doc, operation.responses?.['200'])?.content?.['application/json']?.examples ?? {};
  return Object.entries<any>(examples).find(([, example]) => deref(doc, example)?.value?.hasMore === false)?.[0];
}

/** Follows local `$ref`s (`#/components/parameters/Limit`) to the value they name. */
export function deref(doc: OpenApiDocument, node: any): any {
  if (typeof node?.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
  const target = node.$ref
    .slice(2)
    .split('/')
    .map((segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((value: any, segment: string) => value?.[segment], doc);
  return deref(doc, target);
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    // `*`, not `+`: an empty parameter (`/v1/members/`) still addresses the operation and is checked.
    .map((part) => (part.startsWith('{') ? '[^/]*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * The path as the operation handler will route it: each segment percent-decoded (`/v1/%6Fffers`
 * is `/v1/offers`). Undefined when a segment cannot be decoded or decodes to a separator or a
 * dot segment: the boundary refuses those rather than guess how a handler would route them.
 */
export function canonicalPath(rawPathname: string): string | undefined {
  try {
    const segments = rawPathname.split('/').map((segment) => decodeURIComponent(segment));
    if (segments.some((segment) => segment.includes('/') || segment === '.' || segment === '..')) return undefined;
    return segments.join('/');
  } catch {
    return undefined;
  }
}

/** The operation a request addresses (match the `canonicalPath`), or undefined. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): Route | undefined {
  const wanted = method.toLowerCase();
  return routesMatching(routes, pathname).find((route) => route.method === wanted);
}

/** The methods the spec defines on the path, for CORS preflight answers. */
export function methodsForPath(routes: readonly Route[], pathname: string): string[] {
  return [...new Set(routesMatching(routes, pathname).map((route) => route.method.toUpperCase()))];
}

/**
 * A route list indexed by path segment, so a request reads its own segments instead of testing
 * every template (at 1,000 operations that took 6–8 µs a request, 0.5 µs now; the gateway and
 * the contract tests' traffic check both match every request). A segment with a `{parameter}`
 * matches any text here; the route's pattern has the last word.
 */
interface SegmentNode {
  literal: Map<string, SegmentNode>;
  parameter?: SegmentNode;
  /** Indexes (in the list's order) of the routes whose template ends here. */
  routes: number[];
}
const indexes = new WeakMap<readonly Route[], { size: number; root: SegmentNode }>();

function segmentIndex(routes: readonly Route[]): SegmentNode {
  const cached = indexes.get(routes);
  if (cached && cached.size === routes.length) return cached.root;
  const node = (): SegmentNode => ({ literal: new Map(), routes: [] });
  const root = node();
  routes.forEach((route, i) => {
    let at = root;
    for (const segment of route.template.split('/')) {
      if (segment.includes('{')) at = at.parameter ??= node();
      else at = at.literal.get(segment) ?? at.literal.set(segment, node()).get(segment)!;
    }
    at.routes.push(i);
  });
  indexes.set(routes, { size: routes.length, root });
  return root;
}

/** The routes whose pattern matches the path, in the list's order (most specific first). */
function routesMatching(routes: readonly Route[], pathname: string): Route[] {
  let nodes = [segmentIndex(routes)];
  // A placeholder matches no `/`, so a matching template has exactly the path's segments.
  for (const segment of pathname.split('/')) {
    const next: SegmentNode[] = [];
    for (const node of nodes) {
      const literal = node.literal.get(segment);
      if (literal) next.push(literal);
      if (node.parameter) next.push(node.parameter);
    }
    if (next.length === 0) return [];
    nodes = next;
  }
  const candidates = nodes.length === 1 ? nodes[0].routes : nodes.flatMap((node) => node.routes).sort((a, b) => a - b);
  const matching: Route[] = [];
  for (const i of candidates) if (routes[i].pattern.test(pathname)) matching.push(routes[i]);
  return matching;
}

/** The path parameters of a matched (canonical) path, by the names the template gives them. */
export function pathParameters(route: Route, pathname: string): Record<string, string> {
  const names = route.template.split('/');
  const values = pathname.split('/');
  const params: Record<string, string> = {};
  names.forEach((segment, i) => {
    const m = /^\{(.+)\}$/.exec(segment);
    if (m) params[m[1]] = values[i] ?? '';
  });
  return params;
}
