// Fixture spec pairs, made from the real bundle: "before" is the spec as built, "after" is the
// same spec with one edit. Split per audience as the bundler does (x-expys-mode).
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { refsIn, resolvePointer } from '../../../../scripts/bundle/walk.js';
import { generateClient } from '../../../../scripts/generate/generate-client.js';
import { AUDIENCES, REPO, type Audience } from '../../src/audiences.js';
import type { ApiState } from '../../src/gate.js';
import { copyTypeTree } from '../../src/type-compat.js';

export type Doc = Record<string, any>;

export const fullBundle = (): Doc => JSON.parse(readFileSync(path.join(REPO, 'packages/openapi/dist/expys.full.json'), 'utf8'));

/** The operations of one audience (webhooks go to the server audience). */
export function audienceOf(full: Doc, audience: Audience): Doc {
  const doc = structuredClone(full);
  for (const [route, item] of Object.entries<any>(doc.paths)) {
    for (const method of Object.keys(item)) if (item[method]?.['x-expys-mode'] && item[method]['x-expys-mode'] !== audience) delete item[method];
    if (!Object.values(item).some((op: any) => op?.operationId)) delete doc.paths[route];
  }
  if (audience === 'member') delete doc.webhooks;
  // As the audience decorator (scripts/bundle/decorators/audience.js) marks each bundle.
  doc.info = { ...doc.info, 'x-expys-audience': audience };
  // As Redocly's remove-unused-components: only what the audience's operations reach.
  const reachable = new Set<string>();
  const queue = [...refsIn([doc.paths, doc.webhooks])];
  while (queue.length > 0) {
    const ref = queue.pop()!;
    if (reachable.has(ref)) continue;
    reachable.add(ref);
    queue.push(...refsIn(resolvePointer(doc, ref)));
  }
  for (const [kind, map] of Object.entries<Record<string, unknown>>(doc.components ?? {})) {
    if (kind === 'securitySchemes') continue;
    for (const name of Object.keys(map)) if (!reachable.has(`#/components/${kind}/${name}`)) delete map[name];
  }
  return doc;
}

export const split = (full: Doc) => ({ member: audienceOf(full, 'member'), server: audienceOf(full, 'server') });

/** A webhook event of its own, as a spec author adds one: its payload schema, its `type`, its delivery. */
export function addMemberCreatedEvent(d: Doc) {
  const event = structuredClone(d.components.schemas.MemberUpdatedEvent);
  event.description = 'Sent when a member is created.';
  event.properties.type = { type: 'string', enum: ['member.created'], description: 'Always `member.created`.' };
  d.components.schemas.MemberCreatedEvent = event;
  const delivery = structuredClone(d.webhooks['member.updated']);
  delivery.post.operationId = 'memberCreatedEvent';
  delivery.post.summary = 'A member was created';
  delivery.post.requestBody.content['application/json'] = { schema: { $ref: '#/components/schemas/MemberCreatedEvent' } };
  d.webhooks['member.created'] = delivery;
}

export function operation(doc: Doc, operationId: string): Doc {
  for (const item of Object.values<any>(doc.paths)) for (const op of Object.values<any>(item)) if (op?.operationId === operationId) return op;
  throw new Error(`no operation ${operationId}`);
}

/**
 * The state the gate compares for a bundle: its audience bundles and the clients' types
 * generated from them by the real generator (openapi-typescript and our emitter) and declared
 * by the compiler; the rest of each client is the build's.
 */
let snapshot: string | undefined;

export async function stateOf(full: Doc, work: string): Promise<ApiState> {
  const bundles = split(full);
  const types = path.join(work, 'types');
  // One copy of the build's declarations per run, taken once: every state starts from the same.
  if (!snapshot) {
    snapshot = mkdtempSync(path.join(tmpdir(), 'expys-build-types-'));
    copyTypeTree(path.join(REPO, 'packages'), snapshot);
    process.once('exit', () => rmSync(snapshot!, { recursive: true, force: true }));
  }
  cpSync(snapshot, types, { recursive: true });
  for (const audience of AUDIENCES) {
    const dir = path.join(types, `${audience}-client`, 'dist/generated');
    rmSync(dir, { recursive: true, force: true });
    // The same audience bundle generates the same declarations: an edit to one audience regenerates only its client.
    const key = `${audience}:${createHash('sha256').update(JSON.stringify(bundles[audience])).digest('hex')}`;
    const cached = generated.get(key);
    if (cached) {
      cpSync(cached, dir, { recursive: true });
      continue;
    }
    const { name, version } = JSON.parse(readFileSync(path.join(types, `${audience}-client`, 'package.json'), 'utf8'));
    const { files } = await generateClient({ audience, doc: bundles[audience], bundleDir: work, outDir: dir, client: { name, version } });
    declarationsOf(files, types);
    const keep = mkdtempSync(path.join(generatedDir(), `${audience}-`));
    cpSync(dir, keep, { recursive: true });
    generated.set(key, keep);
  }
  return { bundles, types };
}
const generated = new Map<string, string>();
let generatedRoot: string | undefined;
function generatedDir(): string {
  if (!generatedRoot) {
    generatedRoot = mkdtempSync(path.join(tmpdir(), 'expys-generated-'));
    process.once('exit', () => rmSync(generatedRoot!, { recursive: true, force: true }));
  }
  return generatedRoot;
}

/** Replaces generated `.ts` files by their `.d.ts`, emitted by the compiler as the client's build does. */
function declarationsOf(files: string[], types: string): void {
  const options: ts.CompilerOptions = {
    declaration: true,
    emitDeclarationOnly: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    baseUrl: types,
    paths: { '@expys/client-core': ['client-core/dist/index.d.ts'], '@expys/credentials': ['credentials/dist/index.d.ts'] },
  };
  const program = ts.createProgram(files, options);
  const { emitSkipped, diagnostics } = program.emit(undefined, (file, text) => writeFileSync(file, text));
  if (emitSkipped) throw new Error(`the generated types do not compile: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
  files.forEach((file) => rmSync(file));
}
