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
// Names are compared for additions and removals only: a removed member breaks a consumer that
// names it, even where assignability would let it pass (an optional output field, an input field
// in an object literal). No signature text, and so no compiler-internal name, is ever recorded.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { AUDIENCES, CLIENT_OF, type Audience } from './audiences.js';
import type { Change } from './spec-diff.js';

/** The packages whose declarations make up each client's public types (the client and what it re-exports). */
export const TYPE_PACKAGES: Record<Audience, string[]> = {
  member: ['member-client', 'client-core', 'credentials'],
  server: ['server-client', 'client-core', 'credentials'],
};

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

/** Lays a tree out as `root/node_modules/@expys/<dir>` so `@expys/…` imports inside it resolve within it. */
function install(tree: string, root: string): void {
  const target = path.join(root, 'node_modules/@expys');
  mkdirSync(target, { recursive: true });
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
  // Consumers cannot touch them, so they are not part of the surface being compared.
  for (const file of walkFiles(target)) {
    const text = readFileSync(file, 'utf8');
    const stripped = text.replace(/^\s*(#private|private [A-Za-z_$#][\w$]*\??);$/gm, '');
    if (stripped !== text) writeFileSync(file, stripped);
  }
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
  typeParameters: { constrained: boolean }[];
  /** Own members by name, one level (properties of a type, instance and static members of a class). */
  members: Map<string, { callable: boolean; optional: boolean }>;
  /** Members of members (`schemas.Wallet`, `"/v1/wallet".get`): how a descriptor type is compared. */
  nested: Set<string>;
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
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
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
    result.set(exported.getName(), { name: exported.getName(), kind, typeParameters: declaredParams.map((p) => ({ constrained: !!p.getConstraint() })), members, nested });
  }
  return result;
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
    for (const argument of [...(type.aliasTypeArguments ?? []), ...((type.flags & ts.TypeFlags.Object && target ? checker.getTypeArguments(type as ts.TypeReference) : []) ?? [])]) walk(argument, sign, depth + 1);
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
  const params = item.typeParameters.map((p, i) => (p.constrained ? 'any' : `T${i}`));
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
      const callerSide = direction === 'output';
      add(callerSide ? assign(`Parameters<${on('N')}>`, `Parameters<${on('O')}>`) : assign(`Parameters<${on('O')}>`, `Parameters<${on('N')}>`), `${item.name}.${member}`, callerSide ? `${item.name}.${member}(…) no longer accepts the arguments it did` : `${item.name}.${member} (implemented by the consumer) now receives other arguments`);
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
 * Changes between two type trees (each laid out as `copyTypeTree` writes it) for both clients:
 * removed names and members and incompatible types are breaking; added ones are additions.
 * One program holds both trees and both clients' checks.
 */
export function compareTypeTrees(oldTree: string, newTree: string, audiences: readonly Audience[] = AUDIENCES): Change[] {
  const work = mkdtempSync(path.join(tmpdir(), 'expys-type-compat-'));
  try {
    install(oldTree, path.join(work, 'old'));
    install(newTree, path.join(work, 'new'));
    writeFileSync(path.join(work, 'package.json'), '{ "type": "module" }\n');
    const host = cachingHost();
    const clientOf = (audience: Audience) => CLIENT_OF[audience].replace('@expys/', '');
    const entry = (side: string, audience: Audience) => path.join(work, side, 'node_modules/@expys', clientOf(audience), 'dist/index.d.ts');
    const first = ts.createProgram(audiences.flatMap((a) => [entry('old', a), entry('new', a)]), OPTIONS, host);
    const checker = first.getTypeChecker();
    const changes: Change[] = [];

    // A tree the compiler cannot read would compare as `any` and pass: fail closed instead.
    const broken: string[] = [];
    for (const file of first.getSourceFiles().filter((f) => f.fileName.startsWith(path.join(work, 'new') + path.sep))) {
      for (const d of [...first.getSyntacticDiagnostics(file), ...first.getSemanticDiagnostics(file)]) {
        broken.push(`${path.basename(file.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      }
    }

    const checks: (Check & { audience: Audience })[] = [];
    let functions = 0;
    for (const audience of audiences) {
      const pkg = CLIENT_OF[audience];
      const change = (severity: Change['severity'], where: string, description: string): Change => ({ audience, package: pkg, severity, where, description, rule: 'types' });
      for (const problem of broken) changes.push(change('breaking', 'the build', `the new types do not compile: ${problem}`));
      const oldFile = first.getSourceFile(entry('old', audience));
      const newFile = first.getSourceFile(entry('new', audience));
      if (!oldFile || !newFile) throw new Error(`The ${pkg} types were not found in ${oldFile ? newTree : oldTree}: build the client first.`);
      const before = describeExports(checker, oldFile);
      const after = describeExports(checker, newFile);
      const roles = rolesOf(checker, oldFile, before);
      const ns = audience === 'member' ? ['OM', 'NM'] : ['OS', 'NS'];
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
        if (roles.get(name) === 'descriptor') {
          for (const member of item.nested) if (!now.nested.has(member) && now.members.has(member.split('.')[0])) changes.push(change('breaking', `${name}.${member}`, `removed from the public types: ${name}.${member}`));
          for (const member of now.nested) if (!item.nested.has(member) && item.members.has(member.split('.')[0])) changes.push(change('non-breaking', `${name}.${member}`, `added to the public types: ${name}.${member}`));
        }
        for (const check of checksFor(item, roles.get(name) ?? 'output', now, () => ++functions)) {
          checks.push({ ...check, audience, line: check.line.replace(/\bO\./g, `${ns[0]}.`).replace(/\bN\./g, `${ns[1]}.`) });
        }
      }
      for (const [name, item] of after) if (!before.has(name)) changes.push(change('non-breaking', name, `added to the public types: ${item.kind === 'type' ? 'type ' : ''}${name}`));
    }

    const header = [
      ...audiences.flatMap((a) => {
        const [o, n] = a === 'member' ? ['OM', 'NM'] : ['OS', 'NS'];
        return [`import type * as ${o} from './old/node_modules/@expys/${clientOf(a)}/dist/index.js';`, `import type * as ${n} from './new/node_modules/@expys/${clientOf(a)}/dist/index.js';`];
      }),
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
      changes.push({ audience: check.audience, package: CLIENT_OF[check.audience], severity: 'breaking', where: check.where, description: `${check.description}: ${shorten(message)}`, rule: 'types' });
    }
    return changes;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The compiler's explanation, its first and last steps: enough to see what changed. */
function shorten(message: string): string {
  const clean = message.replace(/\bO[MS]\./g, 'old ').replace(/\bN[MS]\./g, 'new ');
  return clean.length > 400 ? `${clean.slice(0, 200)} … ${clean.slice(-180)}` : clean;
}

/** Walks `dir` for files, for tests and the baseline writer. */
export const filesIn = walkFiles;
