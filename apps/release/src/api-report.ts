// A client's public type surface as text, one line per exported name and per member of each
// exported type: what a consumer's code compiles against. Compared with the last release's
// report, a removed or changed line is a type-level break even when the spec did not change
// (a generator change, a renamed option), and an added line is an addition.
import path from 'node:path';
import ts from 'typescript';
import type { Audience } from './audiences.js';
import { CLIENT_OF } from './audiences.js';
import type { Change } from './spec-diff.js';

const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.WriteArrowStyleSignature;

/** Our own declarations only: members inherited from Error or lib types depend on the toolchain, not on us. */
const ours = (symbol: ts.Symbol) => (symbol.declarations ?? []).some((d) => /\/packages\/[^/]+\/(dist|src)\//.test(d.getSourceFile().fileName));

export function apiReport(typesFile: string): string[] {
  const program = ts.createProgram([typesFile], { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(typesFile);
  if (!source) throw new Error(`${typesFile} was not found: build the client first.`);
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  const lines: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.getName();
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    const isType = !!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias));
    const type = isType ? checker.getDeclaredTypeOfSymbol(symbol) : checker.getTypeOfSymbolAtLocation(symbol, declaration);
    lines.push(`${isType ? 'type' : 'value'} ${name}: ${checker.typeToString(type, undefined, FLAGS)}`);
    // One level of members: the client's methods and options, each with its full signature.
    if (type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection) && !(symbol.flags & ts.SymbolFlags.Function)) {
      for (const property of checker.getPropertiesOfType(type).filter(ours)) {
        const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
        const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
        lines.push(`  ${name}.${property.getName()}${optional}: ${checker.typeToString(propertyType, undefined, FLAGS)}`);
      }
    }
  }
  // Paths in import("…") types are the machine's; the report must be the same on every machine.
  const root = path.resolve(path.dirname(typesFile), '../../..') + path.sep;
  return lines.map((line) => line.split(root).join('')).sort();
}

/** Lines removed or changed are breaking; lines added are additions. */
export function diffReports(before: string[], after: string[], audience: Audience): Change[] {
  const key = (line: string) => line.slice(0, line.indexOf(': ') === -1 ? undefined : line.indexOf(': '));
  const beforeByKey = new Map(before.map((l) => [key(l), l]));
  const afterByKey = new Map(after.map((l) => [key(l), l]));
  const pkg = CLIENT_OF[audience];
  const changes: Change[] = [];
  for (const [k, line] of beforeByKey) {
    const now = afterByKey.get(k);
    if (now === undefined) changes.push({ audience, package: pkg, severity: 'breaking', where: k.trim(), description: `removed from the public types: ${line.trim()}`, rule: 'types' });
    else if (now !== line) changes.push({ audience, package: pkg, severity: 'breaking', where: k.trim(), description: `changed in the public types: ${line.trim()} → ${now.trim().slice(k.trim().length + 2)}`, rule: 'types' });
  }
  for (const [k, line] of afterByKey) {
    if (!beforeByKey.has(k)) changes.push({ audience, package: pkg, severity: 'non-breaking', where: k.trim(), description: `added to the public types: ${line.trim()}`, rule: 'types' });
  }
  return changes;
}
