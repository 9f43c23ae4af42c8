// A synthetic Expys spec with N operations, for scale tests (`npm run bench:scale`).
//
// The operations are clones of the real ones in spec/, so each inherits every convention our
// lint rules check (mode, security and scope, 401/403 codes, problem responses, examples,
// Idempotency-Key, pagination, bounded input, rate-limit headers…) without the generator knowing
// any of them. Copy 0 is spec/ itself; copy c ≥ 1 serves `/v1/...` as `/v1/s<c>/...` with every
// operationId suffixed `S<c>` (`listOffers` → `listOffersS3`), in `paths/<group>-s<c>.yaml`.
// components/ and webhooks/ are copied once and shared by every copy, as a real spec would.
// The operations are taken member, server, member, server… so any N ≥ 2 has both modes.
//
// N counts the HTTP operations (under `paths`); the 4 webhook events of spec/ come along as they
// are. The output folder gets its own `redocly.yaml` (our rules and plugins, three audience
// APIs writing to `<out>/bundles/`), ready for `scripts/bundle/cli.ts --config <out>/redocly.yaml`.
//
// Usage: tsx scripts/scale/generate-spec.ts --operations 1000 --out /tmp/expys-1000
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const YAML_OPTIONS = { aliasDuplicateObjects: false, lineWidth: 0 } as const;

export interface GenerateOptions {
  /** Number of HTTP operations (≥ 2, so both modes are present). */
  operations: number;
  /** Output folder; emptied first. */
  outDir: string;
  /** The spec to clone (default: the repository's spec/). */
  specDir?: string;
  /** The Redocly config whose rules and decorators to copy (default: the repository's redocly.yaml). */
  redoclyConfig?: string;
}

export interface GeneratedSpec {
  /** `<out>/openapi.yaml` */
  root: string;
  /** `<out>/redocly.yaml`: lint rules, plugins, and the full/member/server APIs. */
  configFile: string;
  /** Where the bundle CLI writes each API (`.yaml`, plus a `.json` sibling). */
  bundles: Record<'full' | 'member' | 'server', string>;
  operations: { total: number; member: number; server: number };
  /** Copies of the real operation set (the last one may be partial). */
  copies: number;
  /** Files written under `paths/`. */
  pathFiles: number;
}

interface SourceOperation {
  /** Path template in the root, e.g. `/v1/offers/{offerId}`. */
  path: string;
  /** File under paths/ (`offers.yaml`) and its key (`offer`). */
  file: string;
  key: string;
  method: (typeof METHODS)[number];
  mode: string;
}

/** The real operations, in the root's order, read from the path files the root references. */
function sourceOperations(specDir: string, root: any): { operations: SourceOperation[]; files: Map<string, any> } {
  const files = new Map<string, any>();
  const operations: SourceOperation[] = [];
  for (const [template, item] of Object.entries<any>(root.paths ?? {})) {
    const ref = item?.$ref;
    const m = typeof ref === 'string' ? /^\.\/paths\/([^/#]+\.ya?ml)#\/([^/]+)$/.exec(ref) : null;
    if (!m) throw new Error(`${template}: the generator expects \`$ref: ./paths/<group>.yaml#/<key>\`, got ${JSON.stringify(item)}`);
    const [, file, key] = m;
    if (!files.has(file)) files.set(file, parse(readFileSync(path.join(specDir, 'paths', file), 'utf8')));
    const pathItem = files.get(file)[key];
    if (!pathItem) throw new Error(`${template}: paths/${file} has no key ${key}`);
    for (const method of METHODS) {
      if (pathItem[method]) operations.push({ path: template, file, key, method, mode: String(pathItem[method]['x-expys-mode']) });
    }
  }
  return { operations, files };
}

/** member, server, member, server…, then whatever is left: every prefix of length ≥ 2 has both modes. */
function interleaved(operations: SourceOperation[]): SourceOperation[] {
  const member = operations.filter((op) => op.mode === 'member');
  const server = operations.filter((op) => op.mode === 'server');
  const other = operations.filter((op) => op.mode !== 'member' && op.mode !== 'server');
  const out: SourceOperation[] = [];
  for (let i = 0; i < Math.max(member.length, server.length); i++) {
    if (member[i]) out.push(member[i]);
    if (server[i]) out.push(server[i]);
  }
  return [...out, ...other];
}

const copyPath = (template: string, copy: number) => (copy === 0 ? template : template.replace(/^\/v1\//, `/v1/s${copy}/`));
const copyFile = (file: string, copy: number) => (copy === 0 ? file : file.replace(/\.ya?ml$/, `-s${copy}.yaml`));
const copyId = (id: string, copy: number) => (copy === 0 ? id : `${id}S${copy}`);

export function generateSpec(options: GenerateOptions): GeneratedSpec {
  const specDir = path.resolve(options.specDir ?? path.join(REPO_ROOT, 'spec'));
  const outDir = path.resolve(options.outDir);
  const n = options.operations;
  if (!Number.isInteger(n) || n < 2) throw new Error(`--operations must be a whole number ≥ 2 (both modes), not ${n}`);

  const root = parse(readFileSync(path.join(specDir, 'openapi.yaml'), 'utf8'));
  const { operations: source, files } = sourceOperations(specDir, root);
  for (const op of source) {
    if (!/^\/v1\//.test(op.path)) throw new Error(`${op.path}: the generator prefixes copies under /v1/, and this path is not under it`);
  }
  const order = interleaved(source);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'paths'), { recursive: true });
  // Shared by every copy: components (schemas, parameters, responses, examples, headers) and webhook events.
  for (const folder of ['components', 'webhooks']) {
    cpSync(path.join(specDir, folder), path.join(outDir, folder), { recursive: true });
  }

  const paths: Record<string, { $ref: string }> = {};
  const counts = { total: 0, member: 0, server: 0 };
  let pathFiles = 0;
  const copies = Math.ceil(n / order.length);
  for (let copy = 0; copy < copies; copy++) {
    const chosen = order.slice(0, Math.min(order.length, n - copy * order.length));
    const wanted = new Set(chosen.map((op) => `${op.file}#${op.key}#${op.method}`));
    const written = new Map<string, Record<string, any>>();
    // The root's order, so the synthetic path table reads like the real one.
    for (const op of source) {
      if (!wanted.has(`${op.file}#${op.key}#${op.method}`)) continue;
      const fileDoc = written.get(op.file) ?? written.set(op.file, {}).get(op.file)!;
      if (!fileDoc[op.key]) {
        // The path item without its operations (path-level parameters, summary…), then the chosen ones.
        const item = structuredClone(files.get(op.file)[op.key]);
        for (const method of METHODS) delete item[method];
        fileDoc[op.key] = item;
        paths[copyPath(op.path, copy)] = { $ref: `./paths/${copyFile(op.file, copy)}#/${op.key}` };
      }
      const operation = structuredClone(files.get(op.file)[op.key][op.method]);
      operation.operationId = copyId(operation.operationId, copy);
      fileDoc[op.key][op.method] = operation;
      counts.total++;
      if (op.mode === 'member' || op.mode === 'server') counts[op.mode]++;
    }
    for (const [file, doc] of written) {
      writeFileSync(path.join(outDir, 'paths', copyFile(file, copy)), stringify(doc, YAML_OPTIONS));
      pathFiles++;
    }
  }
  if (counts.total !== n) throw new Error(`internal: generated ${counts.total} operations, not ${n}`);

  root.paths = paths;
  writeFileSync(path.join(outDir, 'openapi.yaml'), stringify(root, YAML_OPTIONS));

  // Our rules and decorators, with the three audience APIs pointed at this folder.
  const configSource = path.resolve(options.redoclyConfig ?? path.join(REPO_ROOT, 'redocly.yaml'));
  const config = parse(readFileSync(configSource, 'utf8'));
  config.plugins = (config.plugins ?? []).map((p: string) => path.resolve(path.dirname(configSource), p));
  const bundles = {} as GeneratedSpec['bundles'];
  for (const [name, api] of Object.entries<any>(config.apis ?? {})) {
    api.root = './openapi.yaml';
    api.output = `./bundles/expys.${name}.yaml`;
    if (name === 'full' || name === 'member' || name === 'server') bundles[name] = path.join(outDir, 'bundles', `expys.${name}.yaml`);
  }
  if (!bundles.full || !bundles.member || !bundles.server) throw new Error(`${configSource} must declare the full, member and server APIs`);
  mkdirSync(path.join(outDir, 'bundles'), { recursive: true });
  const configFile = path.join(outDir, 'redocly.yaml');
  writeFileSync(configFile, stringify(config, YAML_OPTIONS));

  return { root: path.join(outDir, 'openapi.yaml'), configFile, bundles, operations: counts, copies, pathFiles };
}

/** Files in a generated spec, for a quick sanity print. */
export function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { operations: { type: 'string', short: 'n' }, out: { type: 'string', short: 'o' } } });
  if (!values.operations || !values.out) {
    console.error('Usage: tsx scripts/scale/generate-spec.ts --operations <N ≥ 2> --out <folder>');
    process.exit(2);
  }
  const spec = generateSpec({ operations: Number(values.operations), outDir: values.out });
  console.log(
    `✔ ${spec.operations.total} operations (${spec.operations.member} member, ${spec.operations.server} server) in ${spec.copies} copies, ` +
      `${spec.pathFiles} path files, ${countFiles(path.dirname(spec.root))} files → ${path.dirname(spec.root)}`,
  );
  console.log(`  bundle: tsx scripts/bundle/cli.ts --config ${spec.configFile}`);
}
