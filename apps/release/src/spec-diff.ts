// The spec diff per audience: every change between the last release's bundle and this one,
// classified as breaking or not. A maintained differ (api-smart-diff) does the general work:
// removed operations, fields and enum values, new required inputs, narrowed types and bounds,
// removed statuses. Our own rules cover what no general differ knows: an operation moving between
// audiences, or changing its security scheme or scope, is breaking for the package that loses or
// changes it (general differs count added security as harmless).
import { apiCompare } from 'api-smart-diff';
import { CLIENT_OF, type Audience } from './audiences.js';

export type Severity = 'breaking' | 'non-breaking' | 'deprecated';

export interface Change {
  audience: Audience;
  /** The client package this change is for. */
  package: string;
  severity: Severity;
  operationId?: string;
  /** Where, as a JSON path in the bundle (paths/… or webhooks/…). */
  where: string;
  description: string;
  rule: 'api-smart-diff' | 'audience' | 'security' | 'route' | 'types';
}

type Doc = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  mode: string;
  /** "scheme:scope scope" per requirement, sorted. */
  security: string[];
}

export function operationsOf(doc: Doc): Map<string, OperationInfo> {
  const operations = new Map<string, OperationInfo>();
  for (const [section, items] of [['paths', doc.paths], ['webhooks', doc.webhooks]] as const) {
    for (const [where, item] of Object.entries<any>(items ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (!op?.operationId) continue;
        const security = (op.security ?? doc.security ?? []).map((req: Record<string, string[]>) =>
          Object.entries(req)
            .map(([scheme, scopes]) => `${scheme}:${[...scopes].sort().join(' ')}`)
            .sort()
            .join(' + '),
        );
        operations.set(op.operationId, { operationId: op.operationId, method, path: `${section === 'webhooks' ? 'webhook ' : ''}${where}`, mode: op['x-expys-mode'], security: security.sort() });
      }
    }
  }
  return operations;
}

/** The operationId a bundle path (paths/<template>/<method>/…) belongs to. */
function operationAt(doc: Doc, path: (string | number)[]): string | undefined {
  if ((path[0] !== 'paths' && path[0] !== 'webhooks') || path.length < 3) return undefined;
  return doc?.[path[0]]?.[path[1]]?.[path[2]]?.operationId;
}

const ANNOTATIONS = new Set(['example', 'examples', 'description', 'summary', 'externalDocs', 'x-expys-deprecation']);

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

/** Changes between two bundles of one audience. */
export function diffAudience(before: Doc, after: Doc, audience: Audience): Change[] {
  const changes: Change[] = [];
  const pkg = CLIENT_OF[audience];
  const beforeOps = operationsOf(before);
  const afterOps = operationsOf(after);

  // Operations whose security changed are reported by our rule; the differ's view of them is dropped.
  const securityChanged = new Set<string>();
  for (const [id, old] of beforeOps) {
    const now = afterOps.get(id);
    if (now && old.security.join('|') !== now.security.join('|')) {
      securityChanged.add(id);
      changes.push({
        audience,
        package: pkg,
        severity: 'breaking',
        operationId: id,
        where: `${old.method.toUpperCase()} ${old.path}`,
        description: `${id} needs other credentials: ${old.security.join(' or ') || 'none'} → ${now.security.join(' or ') || 'none'}`,
        rule: 'security',
      });
    }
    if (now && (old.method !== now.method || old.path !== now.path)) {
      changes.push({ audience, package: pkg, severity: 'breaking', operationId: id, where: `${old.method.toUpperCase()} ${old.path}`, description: `${id} moved from ${old.method.toUpperCase()} ${old.path} to ${now.method.toUpperCase()} ${now.path}`, rule: 'route' });
    }
  }

  for (const diff of apiCompare(before, after).diffs) {
    const path = diff.path as (string | number)[];
    // Components are reported through the operations that use them (the differ resolves $refs).
    if (path[0] !== 'paths' && path[0] !== 'webhooks') continue;
    const operationId = operationAt(before, path) ?? operationAt(after, path);
    if (operationId && securityChanged.has(operationId) && path.includes('security')) continue;
    if (diff.type === 'annotation' || isAnnotation(path)) continue;
    // Unclassified is treated as breaking: the gate fails closed.
    let severity: Severity = diff.type === 'non-breaking' ? 'non-breaking' : diff.type === 'deprecated' ? 'deprecated' : 'breaking';
    // The differ lets an optional response field go: a consumer that reads it no longer compiles.
    if (diff.action === 'remove' && path.includes('responses') && path[path.length - 2] === 'properties') severity = 'breaking';
    changes.push({
      audience,
      package: pkg,
      severity,
      ...(operationId ? { operationId } : {}),
      where: path.join('/'),
      description: `${diff.description?.trim() || `${diff.action} ${path.slice(-1)[0]}`}${diff.type === 'unclassified' ? ' (unclassified: treated as breaking)' : ''}`,
      rule: 'api-smart-diff',
    });
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
