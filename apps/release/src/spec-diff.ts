// The spec diff per audience: every change between the last release's bundle and this one,
// classified as breaking or not. A maintained differ (api-smart-diff) does the general work:
// removed operations, fields and enum values, new required inputs, narrowed types and bounds,
// removed statuses. Our own rules cover what it does not see or misjudges:
//   - an operation moving between audiences, changing its security scheme or scope, its route or
//     its operationId (the client's method name) is breaking for the package that loses it;
//   - webhooks, which the differ ignores: each event's payload is compared as an output (what
//     Expys sends, the receiver reads), a new event is an addition;
//   - the definitions of the security schemes an audience uses, the servers, and any other
//     top-level change the gate does not understand (failing closed);
//   - an output type replaced or widened (the differ calls it harmless), an optional input field
//     removed where no other field is allowed (a request sending it now gets 422).
import { apiCompare } from 'api-smart-diff';
import { CLIENT_OF, type Audience } from './audiences.js';

export type Severity = 'breaking' | 'non-breaking' | 'deprecated';

export interface Change {
  /** The audience whose client this change is for; absent for a package shared by both (client-core, credentials). */
  audience?: Audience;
  /** The package this change is charged to. */
  package: string;
  severity: Severity;
  operationId?: string;
  /** Where, as a JSON path in the bundle (paths/…, webhooks/…, servers/…) or a name in the public types. */
  where: string;
  description: string;
  rule: 'api-smart-diff' | 'audience' | 'security' | 'route' | 'servers' | 'document' | 'webhook' | 'types';
}

type Doc = Record<string, any>;
type Path = (string | number)[];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  mode: string;
  /** "scheme:scope scope" per requirement, sorted. */
  security: string[];
  /** The security schemes it names. */
  schemes: string[];
  /** The requirements as written: alternatives, each scheme → scopes. */
  requirements: Record<string, string[]>[];
}

export function operationsOf(doc: Doc): Map<string, OperationInfo> {
  const operations = new Map<string, OperationInfo>();
  for (const [section, items] of [['paths', doc.paths], ['webhooks', doc.webhooks]] as const) {
    for (const [where, item] of Object.entries<any>(items ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (!op?.operationId) continue;
        const requirements: Record<string, string[]>[] = op.security ?? doc.security ?? [];
        const security = requirements.map((req) =>
          Object.entries(req)
            .map(([scheme, scopes]) => `${scheme}:${[...scopes].sort().join(' ')}`)
            .sort()
            .join(' + '),
        );
        const schemes = [...new Set(requirements.flatMap((req) => Object.keys(req)))].sort();
        operations.set(op.operationId, { operationId: op.operationId, method, path: `${section === 'webhooks' ? 'webhook ' : ''}${where}`, mode: op['x-expys-mode'], security: security.sort(), schemes, requirements });
      }
    }
  }
  return operations;
}

const ANNOTATIONS = new Set(['example', 'examples', 'description', 'summary', 'externalDocs', 'x-expys-deprecation']);
/** What may sit next to a `$ref` without changing what it points to. */
const REF_ANNOTATIONS = new Set([...ANNOTATIONS, 'title']);

/**
 * Examples, descriptions and the deprecation note change no contract: api-smart-diff calls an edited
 * example "unclassified", which would fail closed on a documentation edit. A property that is
 * merely named `example` (`properties/example`) is still a field.
 */
export function isAnnotation(path: readonly (string | number)[]): boolean {
  return path.some((key, i) => {
    if (i > 0 && (path[i - 1] === 'properties' || path[i - 1] === 'required')) return false;
    return typeof key === 'string' && ANNOTATIONS.has(key);
  });
}

/** A copy of `node` without annotations (descriptions, examples…), for comparing what is left. */
function withoutAnnotations(node: unknown, parentKey?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutAnnotations(item));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => parentKey === 'properties' || !ANNOTATIONS.has(key))
      .map(([key, value]) => [key, withoutAnnotations(value, key)]),
  );
}
const same = (a: unknown, b: unknown) => JSON.stringify(withoutAnnotations(a)) === JSON.stringify(withoutAnnotations(b));

const deref = (doc: Doc, node: any): any => {
  for (let hops = 0; node && typeof node === 'object' && typeof node.$ref === 'string' && hops < 20; hops++) {
    if (!node.$ref.startsWith('#/')) return undefined;
    node = node.$ref
      .slice(2)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((at: any, key: string) => (at == null ? undefined : at[key]), doc);
  }
  return node;
};

/** The node at `path` in `doc`, following `$ref`s on the way (the differ reports paths through them). */
function nodeAt(doc: Doc, path: Path): any {
  let node: any = doc;
  for (const key of path) {
    node = deref(doc, node);
    if (node == null || typeof node !== 'object') return undefined;
    node = node[key];
  }
  return deref(doc, node);
}

/**
 * `$ref` with siblings is read by the differ as an `allOf` of the target and the siblings, and
 * then reports the target's required fields and additionalProperties as removed. Annotation
 * siblings say nothing about the value: drop them (in both documents).
 */
function stripRefSiblings(node: unknown, parentKey?: string): void {
  if (Array.isArray(node)) return node.forEach((item) => stripRefSiblings(item));
  if (!node || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  if (parentKey !== 'properties' && typeof object.$ref === 'string') for (const key of Object.keys(object)) if (REF_ANNOTATIONS.has(key)) delete object[key];
  for (const [key, value] of Object.entries(object)) stripRefSiblings(value, key);
}

/** Where the differ sees a webhook: a synthetic path whose response is the event's payload. */
const WEBHOOK_PATH = '/__webhooks__/';

/**
 * What the differ compares: the audience's bundle with the annotation siblings of `$ref`s dropped,
 * and each webhook event moved under a synthetic path as an operation that *returns* its payload
 * (and the headers it is delivered with), so the differ's rules for outputs apply to it: a removed
 * or retyped field is breaking, an added optional field or a new event is an addition.
 */
function comparable(doc: Doc): Doc {
  const out = structuredClone(doc);
  stripRefSiblings(out);
  const webhooks = out.webhooks ?? {};
  delete out.webhooks;
  out.paths = { ...(out.paths ?? {}) };
  for (const [event, item] of Object.entries<any>(webhooks)) {
    const synthetic: Doc = {};
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const headers: Doc = {};
      for (const ref of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const parameter = deref(out, ref);
        if (parameter?.in === 'header') headers[parameter.name] = { required: !!parameter.required, schema: parameter.schema };
      }
      const body = deref(out, op.requestBody);
      synthetic[method] = {
        ...(op.operationId ? { operationId: op.operationId } : {}),
        ...(op.deprecated ? { deprecated: op.deprecated } : {}),
        responses: { '200': { description: 'payload', ...(Object.keys(headers).length > 0 ? { headers } : {}), ...(body?.content ? { content: body.content } : {}) } },
      };
    }
    out.paths[`${WEBHOOK_PATH}${event}`] = synthetic;
  }
  return out;
}

/** The bundle path of a differ path: a synthetic webhook path back under `webhooks/`. */
function bundlePath(path: Path): string {
  const route = path[1];
  if (path[0] !== 'paths' || typeof route !== 'string' || !route.startsWith(WEBHOOK_PATH)) return path.join('/');
  const rest = path.slice(2);
  // <method>/responses/200/content/… is the payload, <method>/responses/200/headers/<name> a header parameter.
  if (rest[1] === 'responses' && rest[3] === 'content') return ['webhooks', route.slice(WEBHOOK_PATH.length), rest[0], 'requestBody', ...rest.slice(3)].join('/');
  if (rest[1] === 'responses' && rest[3] === 'headers') return ['webhooks', route.slice(WEBHOOK_PATH.length), rest[0], 'parameters', ...rest.slice(4)].join('/');
  return ['webhooks', route.slice(WEBHOOK_PATH.length), ...rest].join('/');
}

const webhookWords = (text: string) => text.replace(/\b[A-Z]+ \/__webhooks__\/(\S+)/g, 'webhook event $1').replace(/Response 200 content/g, 'the event payload').replace(/Response 200/g, 'the event delivery');

/** The operationId a differ path (paths/<template>/<method>/…) belongs to. */
function operationAt(doc: Doc, path: Path): string | undefined {
  if (path[0] !== 'paths' || path.length < 3) return undefined;
  return doc?.paths?.[path[1]]?.[path[2]]?.operationId;
}

/** What the client reads: a response (a webhook payload is one, see `comparable`). */
const isOutput = (path: Path) => path[0] === 'paths' && path[3] === 'responses';
/** What the client sends. */
const isRequestBody = (path: Path) => path[0] === 'paths' && path[3] === 'requestBody';
/** A key of a schema, not a property that happens to have that name. */
const schemaKey = (path: Path, key: string) => path[path.length - 1] === key && path[path.length - 2] !== 'properties';

/** The JSON types a schema allows; undefined for "any" (no `type`). `integer` counts inside `number`. */
function typesOf(schema: any): Set<string> | undefined {
  if (!schema || typeof schema !== 'object' || schema.type === undefined) return undefined;
  const types = new Set<string>(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (schema.nullable === true) types.add('null');
  return types;
}

/**
 * An output's type changed (`[Replaced] type definition`, the differ's "non-breaking"): a consumer
 * reading it breaks unless every type it may now hold was already allowed (a narrowed output is fine).
 */
function typeChange(before: Doc, after: Doc, path: Path, diff: { before?: unknown; after?: unknown }): { old?: Set<string>; now?: Set<string> } | undefined {
  const last = path[path.length - 1];
  const typeKey = schemaKey(path, 'type') ? path.length - 1 : typeof last === 'number' && path[path.length - 2] === 'type' && path[path.length - 3] !== 'properties' ? path.length - 2 : schemaKey(path, 'nullable') ? path.length - 1 : -1;
  if (typeKey === -1) return undefined;
  const schemaPath = path.slice(0, typeKey);
  let old = typesOf(nodeAt(before, schemaPath));
  let now = typesOf(nodeAt(after, schemaPath));
  // The differ's own values when its path does not lead through the documents.
  if (!old && !now && typeKey === path.length - 1 && path[typeKey] === 'type') {
    old = typesOf({ type: diff.before });
    now = typesOf({ type: diff.after });
  }
  return { old, now };
}
const sameTypes = ({ old, now }: { old?: Set<string>; now?: Set<string> }) => (old === undefined) === (now === undefined) && (!old || (old.size === now!.size && [...old].every((t) => now!.has(t))));
function widened({ old, now }: { old?: Set<string>; now?: Set<string> }): boolean {
  if (!old) return false; // it could hold anything already
  if (!now) return true; // it may now hold anything
  return [...now].some((t) => !old.has(t) && !(t === 'integer' && old.has('number')));
}

/** Changes between two bundles of one audience. */
export function diffAudience(before: Doc, after: Doc, audience: Audience): Change[] {
  const changes: Change[] = [];
  const pkg = CLIENT_OF[audience];
  const change = (severity: Severity, where: string, description: string, rule: Change['rule'], operationId?: string): Change => ({ audience, package: pkg, severity, ...(operationId ? { operationId } : {}), where, description, rule });
  const beforeOps = operationsOf(before);
  const afterOps = operationsOf(after);

  // Operations whose security changed are reported by our rule; the differ's view of them is dropped.
  const securityChanged = new Set<string>();
  for (const [id, old] of beforeOps) {
    const now = afterOps.get(id);
    const verdict = now ? securityChange(old.requirements, now.requirements) : undefined;
    if (now && verdict) {
      securityChanged.add(id);
      changes.push(change(verdict.severity, `${old.method.toUpperCase()} ${old.path}`, `${id} ${verdict.description}: ${old.security.join(' or ') || 'none'} → ${now.security.join(' or ') || 'none'}`, 'security', id));
    }
    if (now && (old.method !== now.method || old.path !== now.path)) {
      changes.push(change('breaking', `${old.method.toUpperCase()} ${old.path}`, `${id} moved from ${old.method.toUpperCase()} ${old.path} to ${now.method.toUpperCase()} ${now.path}`, 'route', id));
    }
  }
  // The same route under another operationId: the client's method of that name is gone.
  const idAt = (ops: Map<string, OperationInfo>) => new Map([...ops.values()].map((op) => [`${op.method.toUpperCase()} ${op.path}`, op.operationId]));
  const afterIds = idAt(afterOps);
  for (const [route, id] of idAt(beforeOps)) {
    const now = afterIds.get(route);
    if (now && now !== id && !afterOps.has(id)) changes.push(change('breaking', route, `${route} renamed from ${id} to ${now}: the client's method ${id} is gone`, 'route', id));
  }

  changes.push(...documentChanges(before, after, beforeOps, afterOps, change));

  const [left, right] = [comparable(before), comparable(after)];
  for (const diff of apiCompare(left, right).diffs) {
    const path = diff.path as Path;
    // Components are reported through the operations that use them (the differ resolves $refs).
    if (path[0] !== 'paths') continue;
    const operationId = operationAt(left, path) ?? operationAt(right, path);
    if (operationId && securityChanged.has(operationId) && path.includes('security')) continue;
    if (diff.type === 'annotation' || isAnnotation(path)) continue;
    // Unclassified is treated as breaking: the gate fails closed.
    let severity: Severity = diff.type === 'non-breaking' ? 'non-breaking' : diff.type === 'deprecated' ? 'deprecated' : 'breaking';
    let note = diff.type === 'unclassified' ? ' (unclassified: treated as breaking)' : '';
    // The differ lets an optional response field go: a consumer that reads it no longer compiles.
    if (diff.action === 'remove' && isOutput(path) && path[path.length - 2] === 'properties') severity = 'breaking';
    // The same types written in another order (`[null, string]`) change nothing.
    const types = typeChange(left, right, path, diff);
    if (types && sameTypes(types)) continue;
    // An output's type replaced or widened (made nullable, another type): its readers break.
    if (isOutput(path) && severity !== 'breaking' && types && widened(types)) {
      severity = 'breaking';
      note = ' (an output may now hold a type it could not: breaking)';
    }
    // An optional input field removed where no other field is allowed: a request that sends it now gets 422.
    if (diff.action === 'remove' && isRequestBody(path) && path[path.length - 2] === 'properties' && severity !== 'breaking') {
      const parent = nodeAt(left, path.slice(0, -2));
      if (!parent || parent.additionalProperties === false || parent.unevaluatedProperties === false) {
        severity = 'breaking';
        note = ' (no other field is allowed there: a request sending it is now refused)';
      }
    }
    const webhook = typeof path[1] === 'string' && path[1].startsWith(WEBHOOK_PATH);
    const description = `${diff.description?.trim() || `${diff.action} ${path.slice(-1)[0]}`}${note}`;
    changes.push(change(severity, bundlePath(path), webhook ? webhookWords(description) : description, 'api-smart-diff', operationId));
  }

  // What the webhook mapping does not carry (the answer the receiver gives): fail closed on any change.
  for (const [event, item] of Object.entries<any>(before.webhooks ?? {})) {
    for (const method of METHODS) {
      const old = item?.[method];
      const now = after.webhooks?.[event]?.[method];
      if (old && now && !same(old.responses, now.responses)) {
        changes.push(change('breaking', `webhooks/${event}/${method}/responses`, `the answer expected from the receiver of ${event} changed (not understood: treated as breaking)`, 'webhook', old.operationId));
      }
    }
  }
  return changes;
}

/** Top-level keys compared elsewhere (paths, webhooks, components through them, security through each operation) or documentation. */
const UNDERSTOOD = new Set(['paths', 'webhooks', 'components', 'servers', 'security', 'info', 'tags', 'externalDocs']);
/** What `info` holds that is documentation or release metadata, not contract. */
const INFO_ANNOTATIONS = new Set(['title', 'summary', 'description', 'version', 'contact', 'license', 'termsOfService']);
/** What defines how a credential is sent; a scheme's description is documentation. */
type Requirement = Record<string, string[]>;

/**
 * What a change of an operation's security requirements means to callers. Requirements are
 * alternatives: a credential that satisfied an old one must still satisfy a new one (same
 * schemes, no scope it lacked), and a scope name that disappears breaks every key and
 * configuration that names it (a rename included: `tokens:write` → `token_write`). A new
 * alternative alone (an API key accepted next to the Org-API-Key) breaks nobody.
 */
export function securityChange(old: Requirement[], now: Requirement[]): { severity: Severity; description: string } | undefined {
  const key = (r: Requirement) => JSON.stringify(Object.entries(r).map(([scheme, scopes]) => [scheme, [...scopes].sort()]).sort());
  if (old.map(key).sort().join('|') === now.map(key).sort().join('|')) return undefined;
  const schemesOf = (r: Requirement) => Object.keys(r).sort().join('+');
  const stillAccepted = (r: Requirement) => now.some((n) => schemesOf(n) === schemesOf(r) && Object.entries(n).every(([scheme, scopes]) => scopes.every((s) => r[scheme].includes(s))));
  const lost = old.filter((r) => !stillAccepted(r));
  const scopes = (rs: Requirement[]) => new Set(rs.flatMap((r) => Object.values(r).flat()));
  const [oldScopes, newScopes] = [scopes(old), scopes(now)];
  const gone = [...oldScopes].filter((s) => !newScopes.has(s));
  const added = [...newScopes].filter((s) => !oldScopes.has(s));
  const reasons: string[] = [];
  if (gone.length > 0) reasons.push(`scope ${gone.join(', ')} is gone${gone.length === 1 && added.length === 1 ? ` (renamed ${added[0]})` : ''}`);
  if (lost.length > 0) reasons.push(`no longer accepts ${lost.map(key).join(' or ')}`);
  if (reasons.length > 0) return { severity: 'breaking', description: reasons.join('; ') };
  return { severity: 'non-breaking', description: 'accepts more credentials' };
}

const SCHEME_FIELDS = ['type', 'scheme', 'in', 'name', 'bearerFormat', 'flows', 'openIdConnectUrl'];

/** The security schemes the audience's operations use, the servers, and every other top-level key. */
function documentChanges(before: Doc, after: Doc, beforeOps: Map<string, OperationInfo>, afterOps: Map<string, OperationInfo>, change: (severity: Severity, where: string, description: string, rule: Change['rule']) => Change): Change[] {
  const changes: Change[] = [];
  const used = new Set([...beforeOps.values(), ...afterOps.values()].flatMap((op) => op.schemes));
  for (const name of [...used].sort()) {
    const pick = (doc: Doc) => {
      const scheme = doc.components?.securitySchemes?.[name];
      return scheme ? JSON.stringify(Object.fromEntries(SCHEME_FIELDS.filter((f) => scheme[f] !== undefined).map((f) => [f, scheme[f]]))) : 'undefined';
    };
    const [old, now] = [pick(before), pick(after)];
    // A scheme that did not exist is a new kind of credential: nobody sent it before, so nobody breaks.
    if (old === 'undefined' && now !== 'undefined') changes.push(change('non-breaking', `components/securitySchemes/${name}`, `a new kind of credential, ${name}: ${now}`, 'security'));
    else if (old !== now) changes.push(change('breaking', `components/securitySchemes/${name}`, `the ${name} credential is sent another way: ${old} → ${now}`, 'security'));
  }

  // Servers by environment (or URL): another URL, key prefix or any other field breaks the client of that environment.
  const servers = (doc: Doc) => new Map<string, any>((doc.servers ?? []).map((s: any) => [String(s['x-expys-environment'] ?? s.url), s]));
  const [oldServers, newServers] = [servers(before), servers(after)];
  for (const [key, old] of oldServers) {
    const now = newServers.get(key);
    if (!now) changes.push(change('breaking', `servers/${key}`, `server ${key} (${old.url}) removed`, 'servers'));
    else if (!same(old, now)) changes.push(change('breaking', `servers/${key}`, `server ${key} changed${old.url !== now.url ? `: ${old.url} → ${now.url}` : ` (${JSON.stringify(withoutAnnotations(old))} → ${JSON.stringify(withoutAnnotations(now))})`}`, 'servers'));
  }
  for (const [key, now] of newServers) if (!oldServers.has(key)) changes.push(change('non-breaking', `servers/${key}`, `server ${key} (${now.url}) added`, 'servers'));

  const info = (doc: Doc) => Object.fromEntries(Object.entries(doc.info ?? {}).filter(([k]) => !INFO_ANNOTATIONS.has(k)));
  if (!same(info(before), info(after))) changes.push(change('breaking', 'info', 'info changed beyond its documentation (not understood: treated as breaking)', 'document'));
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (UNDERSTOOD.has(key) || same(before[key], after[key])) continue;
    changes.push(change('breaking', key, `top-level \`${key}\` changed (not understood: treated as breaking)`, 'document'));
  }
  return changes;
}

/**
 * Both audiences, plus the moves between them: an operation that leaves an audience is removed
 * from its client (breaking there) and added to the other (not breaking there).
 */
export function diffSpec(before: Record<Audience, Doc>, after: Record<Audience, Doc>): Change[] {
  const changes = [...diffAudience(before.member, after.member, 'member'), ...diffAudience(before.server, after.server, 'server')];
  for (const from of ['member', 'server'] as Audience[]) {
    const to: Audience = from === 'member' ? 'server' : 'member';
    const leaving = [...operationsOf(before[from]).keys()].filter((id) => !operationsOf(after[from]).has(id) && operationsOf(after[to]).has(id) && !operationsOf(before[to]).has(id));
    for (const id of leaving) {
      changes.push({
        audience: from,
        package: CLIENT_OF[from],
        severity: 'breaking',
        operationId: id,
        where: `x-expys-mode of ${id}`,
        description: `${id} moved from the ${from} audience to the ${to} audience: ${CLIENT_OF[from]} loses it`,
        rule: 'audience',
      });
    }
  }
  return changes;
}
