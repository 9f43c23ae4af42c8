// A client's public types, compared by compatibility instead of text: would code written against
// the last release still compile against this one? Both `.d.ts` trees (the baseline's and the
// build's) are loaded into one program next to a generated file of compile-time assignment
// checks, one per line, and the compiler's own assignability decides:
//   - outputs (what the client hands back: results, errors, the client object) must be
//     assignable from new to old, so a consumer reading them still compiles;
//   - inputs (what the consumer passes: options, queries, bodies, callbacks) from old to new, so
//     a consumer's existing arguments are still accepted;
//   - a type used both ways must hold both ways.
// Which is which is read from the API itself: every exported type is given the polarity of the
// places it occurs in, walking from the exported functions and classes (a parameter flips it).
// Names are compared for additions and removals only, at every depth of an input's or output's
// object types (`MemberRemovedEvent.data.reason`): a removed member breaks a consumer that names
// it, even where assignability would let it pass (an optional output field, an input field in an
// object literal). No signature text, and so no compiler-internal name, is ever recorded.
// Each published package with types is compared on its own entry and charged for its own changes:
// the two clients, and @expys/client-core and @expys/credentials (which the clients re-export).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { REPO, type Audience } from './audiences.js';
import type { Change } from './spec-diff.js';

/** The packages whose declarations make up each client's public types (the client and what it re-exports). */
export const TYPE_PACKAGES: Record<Audience, string[]> = {
  member: ['member-client', 'client-core', 'credentials'],
  server: ['server-client', 'client-core', 'credentials'],
};

/** The published packages whose public types are compared, each on its own entry (`dist/index.d.ts`) and charged for its own changes. */
export interface TypeEntry {
  package: string;
  /** Its folder in the type tree. */
  dir: string;
  /** The audience of a client; none for the packages both clients share. */
  audience?: Audience;
}
export const TYPE_ENTRIES: TypeEntry[] = [
  { package: '@expys/member-client', dir: 'member-client', audience: 'member' },
  { package: '@expys/server-client', dir: 'server-client', audience: 'server' },
  { package: '@expys/client-core', dir: 'client-core' },
  { package: '@expys/credentials', dir: 'credentials' },
];

/**
 * Data the generated clients export for their own runtime and for @expys/member-query (the
 * operation table, the environments, the client's identity), not API a consumer programs
 * against: their literal values follow the spec (an operation becoming idempotent, a server's
 * URL), which the spec diff judges. They are compared by names only (an operation or an
 * environment removed is still breaking).
 */
const INTERNAL_DATA = new Set(['operationTable', 'environmentTable', 'clientIdentity']);

/**
 * Unions a consumer receives one member of at a time, where a new member is an addition: a
 * webhook event is only delivered to an endpoint subscribed to it, so code written for the old
 * events still compiles. The new tree's union is compared restricted to the members the old one
 * had (the new member's own type is reported as added).
 */
const OPEN_UNIONS = [{ file: 'server-client/dist/generated/webhook-events.d.ts', alias: 'WebhookEvent' }];

/**
 * Copies the ESM declarations of `packages` from `packagesDir/<dir>/dist` into `to/<dir>`, as a
 * `.d.ts` tree the checker can load. Generated `.ts` files may stand in for their `.d.ts`
 * (fixtures): the compiler resolves `./x.js` to `x.ts` before `x.d.ts`.
 */
export function copyTypeTree(packagesDir: string, to: string, packages = [...new Set(Object.values(TYPE_PACKAGES).flat())]): void {
  for (const dir of packages) {
    const from = path.join(packagesDir, dir);
    const pkg = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8'));
    mkdirSync(path.join(to, dir), { recursive: true });
    // Only what resolution needs: the name, ESM, and where the types are.
    writeFileSync(path.join(to, dir, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', types: './dist/index.d.ts' }, null, 2)}\n`);
    cpSync(path.join(from, 'dist'), path.join(to, dir, 'dist'), {
      recursive: true,
      filter: (source) => !source.split(path.sep).includes('cjs') && (statSync(source).isDirectory() || /\.d\.ts$/.test(source)),
    });
  }
}

/**
 * The registry packages our declarations import (openapi-fetch's types in the clients'
 * `fetchClient`), linked into `root/node_modules` from the workspace's install: the same copy for
 * old and new, so only our own declarations differ between the sides.
 */
function linkThirdParty(root: string): void {
  for (const dir of new Set(Object.values(TYPE_PACKAGES).flat())) {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'packages', dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const installed = path.join(REPO, 'packages', dir, 'node_modules', dep);
      const link = path.join(root, 'node_modules', dep);
      if (dep.startsWith('@expys/') || !existsSync(installed) || existsSync(link)) continue;
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(realpathSync(installed), link, 'dir');
    }
  }
}

/** Lays a tree out as `root/node_modules/@expys/<dir>` so `@expys/…` imports inside it resolve within it. */
function install(tree: string, root: string): void {
  const target = path.join(root, 'node_modules/@expys');
  mkdirSync(target, { recursive: true });
  linkThirdParty(root);
  for (const dir of readdirSync(tree)) {
    const name = JSON.parse(readFileSync(path.join(tree, dir, 'package.json'), 'utf8')).name as string;
    const to = path.join(target, name.replace('@expys/', ''));
    cpSync(path.join(tree, dir), to, { recursive: true });
    // The compiler reads two files of one package name and version with the same text as one
    // file: old and new would share declarations. A version per side keeps them apart.
    const pkg = JSON.parse(readFileSync(path.join(to, 'package.json'), 'utf8'));
    writeFileSync(path.join(to, 'package.json'), JSON.stringify({ ...pkg, version: `0.0.0-${path.basename(root)}` }));
  }
  // Private members make a class nominal: two builds of the same class would never be assignable.
  // Consumers cannot touch them (nor protected ones, short of subclassing a client's class), so
  // they are not part of the surface being compared.
  for (const file of walkFiles(target)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const stripped = withoutHiddenMembers(text, file);
    if (stripped !== text) writeFileSync(file, stripped);
  }
}

/**
 * `text` without the private and protected members of its classes (`#private`, `private x;`,
 * `private readonly cache;`, `protected static get x(): T;`, methods over several lines…), found
 * by the parser rather than by pattern.
 */
export function withoutHiddenMembers(text: string, fileName = 'file.d.ts'): string {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const spans: [number, number][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      for (const member of node.members) {
        const hidden =
          (member.name !== undefined && ts.isPrivateIdentifier(member.name)) ||
          (ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword));
        if (hidden) spans.push([member.getStart(source), member.getEnd()]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + out.slice(end);
  return out;
}

/** Restricts each open union of the new tree to the members the old tree's union has (see OPEN_UNIONS). */
function restrictOpenUnions(oldRoot: string, newRoot: string): void {
  for (const { file, alias } of OPEN_UNIONS) {
    const [oldFile, newFile] = [oldRoot, newRoot].map((root) => path.join(root, 'node_modules/@expys', file));
    if (!existsSync(oldFile) || !existsSync(newFile)) continue;
    const pattern = new RegExp(`^export type ${alias} = ([^;]+);$`, 'm');
    const members = (text: string) => pattern.exec(text)?.[1].split('|').map((m) => m.trim());
    const before = members(readFileSync(oldFile, 'utf8'));
    const text = readFileSync(newFile, 'utf8');
    const after = members(text);
    if (!before || !after) continue;
    const kept = after.filter((m) => before.includes(m));
    if (kept.length === after.length || kept.length === 0) continue;
    writeFileSync(newFile, text.replace(pattern, `export type ${alias} = ${kept.join(' | ')};`));
  }
}

/** The packages both clients build on: a change in either can change the other's types. */
const SHARED = ['client-core', 'credentials'];

/** One string for a folder's files and contents (empty when it is missing). */
function treeDigest(dir: string): string {
  if (!existsSync(dir)) return '';
  const hash = createHash('sha256');
  for (const file of walkFiles(dir).sort()) hash.update(`${path.relative(dir, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function walkFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  // The strictest consumer: `x?: T` and `x?: T | undefined` differ for them.
  exactOptionalPropertyTypes: true,
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
};

/**
 * `descriptor`: a type no exported value leads to (`paths`, `components`, `operations`: the
 * spec as types, inputs and outputs side by side). Assignability would call an input loosened an
 * output widened, so it is compared by names, two levels deep; the shapes inside it are checked
 * through the operation types the methods use.
 */
type Role = 'output' | 'input' | 'both' | 'descriptor';

interface Exported {
  name: string;
  /** The exported thing: a type (interface, alias), a class, a function or another value. */
  kind: 'type' | 'class' | 'function' | 'value';
  /** `constraint`: the constraint as a type the check file can name (`O.Page<unknown>`), when it is one of the entry's exports. */
  typeParameters: { constrained: boolean; constraint?: string }[];
  /** Own members by name, one level (properties of a type, instance and static members of a class). */
  members: Map<string, { callable: boolean; optional: boolean }>;
  /** Members of members (`schemas.Wallet`, `"/v1/wallet".get`): how a descriptor type is compared. */
  nested: Set<string>;
  /** A constant tuple of literals (`webhookEventTypes`): its values, compared as a set. */
  literals?: string[];
  symbol: ts.Symbol;
  declaration: ts.Declaration;
}

/** Well-known symbols print as `__@species@1606`, a number the compiler picks: name them as written. */
const memberName = (symbol: ts.Symbol) => {
  const name = symbol.getName();
  const known = /^__@([A-Za-z]+)@\d+$/.exec(name);
  return known ? `[Symbol.${known[1]}]` : name;
};

/** Our own declarations: members inherited from Error, Promise or lib types depend on the toolchain, not on us. */
const ours = (symbol: ts.Symbol) => (symbol.declarations ?? []).some((d) => d.getSourceFile().fileName.includes('/node_modules/@expys/'));

function describeExports(checker: ts.TypeChecker, file: ts.SourceFile): Map<string, Exported> {
  const result = new Map<string, Exported>();
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol) return result;
  const resolve = (exported: ts.Symbol) => (exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported);
  const exportedAs = new Map(checker.getExportsOfModule(moduleSymbol).map((exported) => [resolve(exported), exported.getName()]));
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = resolve(exported);
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    const kind: Exported['kind'] = symbol.flags & ts.SymbolFlags.Class ? 'class' : symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) ? 'type' : symbol.flags & ts.SymbolFlags.Function ? 'function' : 'value';
    const declaredParams: readonly ts.TypeParameter[] =
      symbol.flags & ts.SymbolFlags.TypeAlias ? (aliasTypeParameters(checker, symbol) ?? []) : kind === 'type' || kind === 'class' ? ((checker.getDeclaredTypeOfSymbol(symbol) as ts.InterfaceType).typeParameters ?? []) : [];
    const members = new Map<string, { callable: boolean; optional: boolean }>();
    const sides: ts.Type[] = [];
    if (kind === 'type' || kind === 'class') sides.push(checker.getDeclaredTypeOfSymbol(symbol));
    if (kind === 'class' || kind === 'value') sides.push(checker.getTypeOfSymbolAtLocation(symbol, declaration));
    for (const [i, side] of sides.entries()) {
      if (!(side.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) continue;
      for (const property of checker.getPropertiesOfType(side).filter(ours)) {
        const propertyType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration));
        const key = `${kind === 'class' && i === 1 ? 'static ' : ''}${memberName(property)}`;
        members.set(key, { callable: propertyType.getCallSignatures().length > 0, optional: !!(property.flags & ts.SymbolFlags.Optional) });
      }
    }
    const nested = new Set<string>();
    if (kind === 'type' && !declaredParams.length) {
      for (const property of checker.getPropertiesOfType(sides[0]).filter(ours)) {
        const inner = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration));
        if (!(inner.flags & ts.TypeFlags.Object) || inner.getCallSignatures().length > 0) continue;
        for (const child of checker.getPropertiesOfType(inner).filter(ours)) nested.add(`${memberName(property)}.${memberName(child)}`);
      }
    }
    let literals: string[] | undefined;
    if (kind === 'value') {
      const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
      const elements = checker.isTupleType(type) ? checker.getTypeArguments(type as ts.TypeReference) : undefined;
      if (elements?.length && elements.every((e) => e.isLiteral())) literals = elements.map((e) => String((e as ts.LiteralType).value));
    }
    result.set(exported.getName(), { name: exported.getName(), kind, typeParameters: declaredParams.map((p) => ({ constrained: !!p.getConstraint(), ...constraintOf(checker, p, exportedAs) })), members, nested, ...(literals ? { literals } : {}), symbol, declaration });
  }
  return result;
}

/**
 * A type parameter's constraint as a type the check file can write, so a constrained generic is
 * compared at its constraint (`PagePromise<O.Page<unknown>>`) rather than at `any`, which would
 * hide every change inside it: written when the constraint is an exported type of the same entry
 * with plain arguments (`unknown`, `string`…), undefined (so `any`) otherwise.
 */
function constraintOf(checker: ts.TypeChecker, parameter: ts.TypeParameter, exportedAs: Map<ts.Symbol, string>): { constraint?: string } {
  const constraint = parameter.getConstraint();
  const symbol = constraint?.aliasSymbol ?? constraint?.getSymbol();
  const name = symbol && exportedAs.get(symbol);
  if (!constraint || !name) return {};
  const args = constraint.aliasSymbol ? (constraint.aliasTypeArguments ?? []) : constraint.flags & ts.TypeFlags.Object && (constraint as ts.TypeReference).target ? checker.getTypeArguments(constraint as ts.TypeReference) : [];
  const printed = args.map((a) => checker.typeToString(a));
  if (!printed.every((a) => /^(unknown|any|never|string|number|boolean|bigint|object|null|undefined)$/.test(a))) return {};
  return { constraint: `O.${name}${printed.length > 0 ? `<${printed.join(', ')}>` : ''}` };
}

/** How deep the names of an input's or output's object types are compared. */
const NAME_DEPTH = 8;

/**
 * The names inside an exported type's members, at every depth (`data.reason`, `data[].status`),
 * each with the name it sits in. Object types only: a function's parameters and result are
 * types of their own, compared by assignability.
 */
function deepNames(checker: ts.TypeChecker, item: Exported): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (type: ts.Type, prefix: string, parent: string, depth: number, ancestors: Set<ts.Type>): void => {
    if (depth > NAME_DEPTH) return;
    for (const part of type.isUnion() ? type.types : [type]) {
      if (checker.isArrayType(part) || checker.isTupleType(part)) {
        for (const element of checker.getTypeArguments(part as ts.TypeReference)) visit(element, `${prefix}[]`, parent, depth, ancestors);
        continue;
      }
      if (!(part.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) || ancestors.has(part)) continue;
      if (part.getCallSignatures().length > 0 || part.getConstructSignatures().length > 0) continue;
      const inside = new Set(ancestors).add(part);
      for (const property of checker.getPropertiesOfType(part).filter(ours)) {
        const name = `${prefix}.${memberName(property)}`;
        if (!names.has(name)) names.set(name, parent);
        visit(checker.getNonNullableType(checker.getTypeOfSymbol(property)), name, name, depth + 1, inside);
      }
    }
  };
  const sides: ts.Type[] = [];
  if (item.kind === 'type' || item.kind === 'class') sides.push(checker.getDeclaredTypeOfSymbol(item.symbol));
  if (item.kind === 'class' || item.kind === 'value') sides.push(checker.getTypeOfSymbolAtLocation(item.symbol, item.declaration));
  for (const [i, side] of sides.entries()) {
    if (!(side.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) continue;
    for (const property of checker.getPropertiesOfType(side).filter(ours)) {
      const key = `${item.kind === 'class' && i === 1 ? 'static ' : ''}${memberName(property)}`;
      visit(checker.getNonNullableType(checker.getTypeOfSymbol(property)), key, key, 2, new Set([side]));
    }
  }
  return names;
}

function aliasTypeParameters(checker: ts.TypeChecker, symbol: ts.Symbol): readonly ts.TypeParameter[] | undefined {
  const declaration = symbol.declarations?.find(ts.isTypeAliasDeclaration);
  return declaration?.typeParameters?.map((p) => checker.getTypeAtLocation(p) as ts.TypeParameter);
}

/**
 * The role of each exported type: the polarity of every place it occurs in, from the exported
 * values (functions, classes, constants). A parameter flips the polarity; a result, a property or
 * a type argument keeps it. A type no value leads to is a descriptor (see `Role`).
 */
function rolesOf(checker: ts.TypeChecker, file: ts.SourceFile, exports: Map<string, Exported>): Map<string, Role> {
  const moduleSymbol = checker.getSymbolAtLocation(file)!;
  const byType = new Map<ts.Type, string>();
  const bySymbol = new Map<ts.Symbol, string>();
  const values: ts.Type[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration || !exports.has(exported.getName())) continue;
    const { kind } = exports.get(exported.getName())!;
    if (kind === 'type' || kind === 'class') {
      byType.set(checker.getDeclaredTypeOfSymbol(symbol), exported.getName());
      bySymbol.set(symbol, exported.getName());
    }
    if (kind !== 'type') values.push(checker.getTypeOfSymbolAtLocation(symbol, declaration));
  }
  const seen = new Map<ts.Type, number>();
  const polarity = new Map<string, number>();
  const mark = (name: string | undefined, sign: number) => name && polarity.set(name, (polarity.get(name) ?? 0) | (sign > 0 ? 1 : 2));
  const walk = (type: ts.Type, sign: number, depth: number): void => {
    const bit = sign > 0 ? 1 : 2;
    if (depth > 25 || ((seen.get(type) ?? 0) & bit)) return;
    seen.set(type, (seen.get(type) ?? 0) | bit);
    const target = (type as ts.TypeReference).target;
    mark(byType.get(type) ?? (target && byType.get(target)) ?? (type.aliasSymbol && bySymbol.get(type.aliasSymbol)) ?? (type.getSymbol() && bySymbol.get(type.getSymbol()!)), sign);
    // A third-party generic's argument (openapi-fetch's `Client<paths>` in `fetchClient`) is not
    // walked: the library uses it in both positions at once, so it would make the whole spec as
    // types an output and an input. The operations it reaches are the methods' own, checked with
    // their polarity; `paths` stays a descriptor, compared by names.
    if (!fromThirdParty(type)) {
      for (const argument of [...(type.aliasTypeArguments ?? []), ...((type.flags & ts.TypeFlags.Object && target ? checker.getTypeArguments(type as ts.TypeReference) : []) ?? [])]) walk(argument, sign, depth + 1);
    }
    if (type.isUnionOrIntersection()) for (const part of type.types) walk(part, sign, depth + 1);
    if (!(type.flags & ts.TypeFlags.Object)) return;
    for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
      for (const parameter of signature.getParameters()) walk(checker.getTypeOfSymbol(parameter), -sign, depth + 1);
      walk(signature.getReturnType(), sign, depth + 1);
    }
    for (const property of checker.getPropertiesOfType(type).filter(ours)) walk(checker.getTypeOfSymbol(property), sign, depth + 1);
  };
  for (const value of values) walk(value, 1, 0);
  const roles = new Map<string, Role>();
  for (const name of exports.keys()) {
    const bits = polarity.get(name);
    const kind = exports.get(name)!.kind;
    roles.set(name, bits === 3 ? 'both' : bits === 2 ? 'input' : bits === 1 || kind !== 'type' ? 'output' : 'descriptor');
  }
  return roles;
}

/** A type declared in a registry package other than ours (not a TypeScript lib type like Promise). */
function fromThirdParty(type: ts.Type): boolean {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const files = (symbol?.declarations ?? []).map((d) => d.getSourceFile().fileName);
  return files.length > 0 && files.every((file) => file.includes('/node_modules/') && !file.includes('/node_modules/@expys/') && !file.includes('/node_modules/typescript/'));
}

interface Check {
  line: string;
  /** What failing it means, for the report. */
  where: string;
  description: string;
}

/** `N` assignable to `O` (an output still reads as before), or the reverse for an input. */
function directions(role: Role): ('output' | 'input')[] {
  return role === 'both' ? ['output', 'input'] : role === 'descriptor' ? [] : [role];
}

function checksFor(item: Exported, role: Role, fresh: Exported, id: () => number): Check[] {
  const checks: Check[] = [];
  const params = item.typeParameters.map((p, i) => (p.constrained ? (p.constraint ?? 'any') : `T${i}`));
  const generics = item.typeParameters.map((_, i) => `T${i}`).filter((_, i) => !item.typeParameters[i].constrained);
  const args = params.length > 0 ? `<${params.join(', ')}>` : '';
  const wrap = (body: string) => (generics.length > 0 ? `function _${id()}<${generics.join(', ')}>() { ${body} }` : `{ ${body} }`);
  const assign = (target: string, source: string) => `const _x: ${target} = take<${source}>(); void _x;`;
  const pair = (direction: 'output' | 'input', old: string, now: string) => (direction === 'output' ? assign(old, now) : assign(now, old));
  const add = (body: string, where: string, description: string) => checks.push({ line: wrap(body), where, description });

  if (item.kind === 'function' || item.kind === 'value') {
    // A function value is compared whole: its parameters strictly (it is not a method), its result as an output.
    add(assign(`typeof O.${item.name}`, `typeof N.${item.name}`), item.name, `${item.name} no longer accepts what it did, or returns something else`);
  }
  if (item.kind === 'class') {
    add(assign(`ConstructorParameters<typeof N.${item.name}>`, `ConstructorParameters<typeof O.${item.name}>`), `new ${item.name}`, `new ${item.name}(…) no longer accepts what it did`);
  }
  if (item.kind === 'type' || item.kind === 'class') {
    for (const direction of directions(role)) {
      add(pair(direction, `O.${item.name}${args}`, `N.${item.name}${args}`), item.name, direction === 'output' ? `${item.name} (an output) is no longer assignable to what it was` : `${item.name} (an input) no longer accepts what it did`);
    }
  }
  // Methods one by one: method parameters are compared both ways by the compiler (bivariance),
  // so each method's parameters and result are checked on their own, strictly.
  for (const [member, info] of item.members) {
    if (!info.callable || member.startsWith('static ') || !fresh.members.get(member)?.callable || member.startsWith('[')) continue;
    const on = (ns: 'O' | 'N') => `NonNullable<${item.kind === 'value' || item.kind === 'function' ? `typeof ${ns}.${item.name}` : `${ns}.${item.name}${args}`}[${JSON.stringify(member)}]>`;
    const memberRole: Role = item.kind === 'value' || item.kind === 'function' ? 'output' : role;
    for (const direction of directions(memberRole)) {
      // Called by the consumer (output side): the old arguments must still be accepted, the result still read.
      // Implemented by the consumer (input side, a hook): the arguments it will receive and the result it gives, reversed.
      // A hook is checked as TypeScript checks a callback: the consumer's function, written for the
      // old parameters, must be assignable to one taking the new ones (so one more argument is fine).
      const callerSide = direction === 'output';
      const fn = (ns: 'O' | 'N') => `(...args: Parameters<${on(ns)}>) => void`;
      add(callerSide ? assign(`Parameters<${on('N')}>`, `Parameters<${on('O')}>`) : assign(fn('N'), fn('O')), `${item.name}.${member}`, callerSide ? `${item.name}.${member}(…) no longer accepts the arguments it did` : `${item.name}.${member} (implemented by the consumer) now receives other arguments`);
      add(callerSide ? assign(`ReturnType<${on('O')}>`, `ReturnType<${on('N')}>`) : assign(`ReturnType<${on('N')}>`, `ReturnType<${on('O')}>`), `${item.name}.${member}`, callerSide ? `${item.name}.${member}(…) returns something the old type did not allow` : `${item.name}.${member} (implemented by the consumer) must now return something else`);
    }
  }
  return checks;
}

/**
 * The compiler host of every comparison: lib files parsed once per process (parsing
 * lib.dom.d.ts is most of a program's cost), each tree's files read fresh.
 */
const libCache = new Map<string, ts.SourceFile>();
function cachingHost(): ts.CompilerHost {
  const host = ts.createCompilerHost(OPTIONS, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const isLib = fileName.startsWith(path.dirname(ts.getDefaultLibFilePath(OPTIONS)) + path.sep);
    const cached = isLib ? libCache.get(fileName) : undefined;
    if (cached) return cached;
    const file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (isLib && file) libCache.set(fileName, file);
    return file;
  };
  return host;
}

/**
 * Changes between two type trees (each laid out as `copyTypeTree` writes it) for each entry
 * (the two clients, client-core, credentials): removed names and members and incompatible types
 * are breaking; added ones are additions. One program holds both trees and every entry's checks.
 */
export function compareTypeTrees(oldTree: string, newTree: string, entries: readonly TypeEntry[] = TYPE_ENTRIES): Change[] {
  const work = mkdtempSync(path.join(tmpdir(), 'expys-type-compat-'));
  try {
    // A package the last release did not record is compared from the next one on; one whose
    // declarations, and those of the packages it builds on, are byte for byte the same cannot differ.
    const digest = new Map<string, boolean>();
    const same = (dir: string) => digest.get(dir) ?? digest.set(dir, treeDigest(path.join(oldTree, dir)) === treeDigest(path.join(newTree, dir))).get(dir)!;
    const compared = entries.filter((e) => existsSync(path.join(oldTree, e.dir, 'package.json')) && ![e.dir, ...(e.audience ? TYPE_PACKAGES[e.audience] : SHARED)].every(same));
    if (compared.length === 0) return [];
    install(oldTree, path.join(work, 'old'));
    install(newTree, path.join(work, 'new'));
    restrictOpenUnions(path.join(work, 'old'), path.join(work, 'new'));
    writeFileSync(path.join(work, 'package.json'), '{ "type": "module" }\n');
    const host = cachingHost();
    const entry = (side: string, e: TypeEntry) => path.join(work, side, 'node_modules/@expys', e.dir, 'dist/index.d.ts');
    const first = ts.createProgram(compared.flatMap((e) => [entry('old', e), entry('new', e)]), OPTIONS, host);
    const checker = first.getTypeChecker();
    const changes: Change[] = [];
    const changeFor = (e: TypeEntry, severity: Change['severity'], where: string, description: string): Change => ({ ...(e.audience ? { audience: e.audience } : {}), package: e.package, severity, where, description, rule: 'types' });

    // A tree the compiler cannot read would compare as `any` and pass: fail closed instead, for
    // the package the file is in and the clients that re-export it (every package, when it is in none).
    const newRoot = path.join(work, 'new', 'node_modules/@expys') + path.sep;
    for (const file of first.getSourceFiles().filter((f) => f.fileName.startsWith(path.join(work, 'new') + path.sep))) {
      for (const d of [...first.getSyntacticDiagnostics(file), ...first.getSemanticDiagnostics(file)]) {
        const problem = `${path.basename(file.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
        const dir = file.fileName.startsWith(newRoot) ? file.fileName.slice(newRoot.length).split(path.sep)[0] : undefined;
        const owners = compared.filter((e) => dir !== undefined && (e.dir === dir || (e.audience !== undefined && TYPE_PACKAGES[e.audience].includes(dir))));
        for (const owner of owners.length > 0 ? owners : compared) changes.push(changeFor(owner, 'breaking', 'the build', `the new types do not compile: ${problem}`));
      }
    }

    const checks: (Check & { entry: TypeEntry })[] = [];
    let functions = 0;
    for (const [index, e] of compared.entries()) {
      const change = (severity: Change['severity'], where: string, description: string) => changeFor(e, severity, where, description);
      const oldFile = first.getSourceFile(entry('old', e));
      const newFile = first.getSourceFile(entry('new', e));
      if (!oldFile || !newFile) throw new Error(`The ${e.package} types were not found in ${oldFile ? newTree : oldTree}: build it first.`);
      const before = describeExports(checker, oldFile);
      const after = describeExports(checker, newFile);
      const roles = rolesOf(checker, oldFile, before);
      for (const [name, item] of before) {
        const now = after.get(name);
        if (!now) {
          changes.push(change('breaking', name, `removed from the public types: ${item.kind === 'type' ? 'type ' : ''}${name}`));
          continue;
        }
        if (now.kind !== item.kind && !(item.kind === 'value' && now.kind === 'function')) {
          changes.push(change('breaking', name, `${name} is now a ${now.kind}, not a ${item.kind}`));
          continue;
        }
        for (const member of item.members.keys()) if (!now.members.has(member)) changes.push(change('breaking', `${name}.${member}`, `removed from the public types: ${name}.${member}`));
        for (const [member, info] of now.members) if (!item.members.has(member)) changes.push(change('non-breaking', `${name}.${member}`, `added to the public types: ${name}.${member}${info.optional ? ' (optional)' : ''}`));
        const role = roles.get(name) ?? 'output';
        if (role === 'descriptor') {
          for (const member of item.nested) if (!now.nested.has(member) && now.members.has(member.split('.')[0])) changes.push(change('breaking', `${name}.${member}`, `removed from the public types: ${name}.${member}`));
          for (const member of now.nested) if (!item.nested.has(member) && item.members.has(member.split('.')[0])) changes.push(change('non-breaking', `${name}.${member}`, `added to the public types: ${name}.${member}`));
        }
        if (INTERNAL_DATA.has(name)) continue;
        // A tuple of literals is a set of values: one more is an addition, one fewer a break.
        if (item.literals && now.literals) {
          for (const value of item.literals) if (!now.literals.includes(value)) changes.push(change('breaking', name, `removed from ${name}: ${JSON.stringify(value)}`));
          for (const value of now.literals) if (!item.literals.includes(value)) changes.push(change('non-breaking', name, `added to ${name}: ${JSON.stringify(value)}`));
          continue;
        }
        if (role !== 'descriptor') {
          // Names inside the members, at every depth: the shallowest removal or addition is reported.
          const [was, is] = [deepNames(checker, item), deepNames(checker, now)];
          const has = (names: Map<string, string>, exported: Exported, at: string) => names.has(at) || exported.members.has(at);
          for (const [inner, parent] of was) if (!is.has(inner) && has(is, now, parent)) changes.push(change('breaking', `${name}.${inner}`, `removed from the public types: ${name}.${inner}`));
          for (const [inner, parent] of is) if (!was.has(inner) && has(was, item, parent)) changes.push(change('non-breaking', `${name}.${inner}`, `added to the public types: ${name}.${inner}`));
        }
        for (const check of checksFor(item, role, now, () => ++functions)) {
          checks.push({ ...check, entry: e, line: check.line.replace(/\bO\./g, `O${index}.`).replace(/\bN\./g, `N${index}.`) });
        }
      }
      for (const [name, item] of after) if (!before.has(name)) changes.push(change('non-breaking', name, `added to the public types: ${item.kind === 'type' ? 'type ' : ''}${name}`));
    }

    const header = [
      ...compared.flatMap((e, i) => [`import type * as O${i} from './old/node_modules/@expys/${e.dir}/dist/index.js';`, `import type * as N${i} from './new/node_modules/@expys/${e.dir}/dist/index.js';`]),
      'declare function take<T>(): T;',
    ];
    const checkFile = path.join(work, 'check.ts');
    writeFileSync(checkFile, [...header, ...checks.map((c) => c.line)].join('\n'));
    const second = ts.createProgram([checkFile], OPTIONS, host, first);
    const source = second.getSourceFile(checkFile)!;
    const failed = new Map<number, string>();
    for (const d of second.getSemanticDiagnostics(source)) {
      const line = source.getLineAndCharacterOfPosition(d.start ?? 0).line - header.length;
      if (!failed.has(line)) failed.set(line, ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/import\("[^"]*"\)\./g, ''));
    }
    for (const [line, message] of failed) {
      const check = checks[line];
      if (!check) throw new Error(`The type check file failed outside its checks: ${message}`);
      changes.push(changeFor(check.entry, 'breaking', check.where, `${check.description}: ${shorten(message)}`));
    }
    return changes;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The compiler's explanation, its first and last steps: enough to see what changed. */
function shorten(message: string): string {
  const clean = message.replace(/\bO\d+\./g, 'old ').replace(/\bN\d+\./g, 'new ');
  return clean.length > 400 ? `${clean.slice(0, 200)} … ${clean.slice(-180)}` : clean;
}

/** Walks `dir` for files, for tests and the baseline writer. */
export const filesIn = walkFiles;
