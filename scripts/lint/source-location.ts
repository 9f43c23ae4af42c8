// Where a place in a bundle was written in the multi-file source. Spectral lints the bundles (on
// the source it reports a false error per external $ref), so its findings point into a temporary
// bundle file; this maps each finding's JSON path back to spec/<file>:<line>:<column>.
//
// The bundle is the source with its $refs followed: path items and the like inlined, and each
// file under components/ hoisted into `components` under a name Redocly picks. So a path is
// walked in the source, following $refs, and the components are found by walking the bundle and
// the source side by side once: where the bundle says `$ref: '#/components/schemas/X'` the
// source says which file X came from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parse, parseDocument, type Node } from 'yaml';

export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

interface At {
  file: string;
  node: Node | null;
  /** The key the node was found under: findings point at it, as Redocly's do. */
  key?: Node;
}

export class SourceLocator {
  readonly #root: string;
  readonly #files = new Map<string, { contents: Node | null; lines: LineCounter }>();
  /** Per bundle file: `components/<type>/<name>` → where it came from. */
  readonly #components = new Map<string, Map<string, At>>();

  /** `root`: the source's root file (spec/openapi.yaml) the bundles were built from. */
  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  /** The source place of `pointer` (Spectral's path: keys and indexes) in `bundleFile`; undefined if the source has no such node. */
  locate(bundleFile: string, pointer: (string | number)[]): SourcePlace | undefined {
    const segments = pointer.map(String);
    let at: At = { file: this.#root, node: this.#load(this.#root).contents };
    if (segments[0] === 'components' && segments.length >= 3) {
      const component = this.#componentsOf(bundleFile).get(`${segments[1]}/${segments[2]}`);
      if (component) {
        at = component;
        segments.splice(0, 3);
      }
    }
    for (const segment of segments) {
      const child = this.#child(at, segment);
      // Not in the source (a decorator added it): the nearest place that is.
      if (!child) break;
      at = child;
    }
    return this.#place(at);
  }

  #load(file: string) {
    let loaded = this.#files.get(file);
    if (!loaded) {
      const lines = new LineCounter();
      loaded = { contents: parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines }).contents, lines };
      this.#files.set(file, loaded);
    }
    return loaded;
  }

  #place(at: At): SourcePlace | undefined {
    const range = (at.key ?? at.node)?.range;
    if (!range) return undefined;
    const { line, col } = this.#load(at.file).lines.linePos(range[0]);
    return { file: at.file, line, column: col };
  }

  /** Follows `$ref`s until a node that is not one (at most a few hops; a cycle stops). */
  #resolve(at: At): At {
    for (let hops = 0; hops < 20; hops++) {
      const ref = isMap(at.node) ? at.node.get('$ref') : undefined;
      if (typeof ref !== 'string') return at;
      const [file, fragment = ''] = ref.split('#');
      const target = file ? path.resolve(path.dirname(at.file), file) : at.file;
      let next: At | undefined = { file: target, node: this.#load(target).contents };
      for (const segment of fragment.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
        next = next && this.#childOf(next, segment);
      }
      if (!next) return at;
      // The place a finding shows stays the key that held the $ref.
      at = { ...next, key: at.key };
    }
    return at;
  }

  #child(at: At, segment: string): At | undefined {
    return this.#childOf(this.#resolve(at), segment);
  }

  #childOf(at: At, segment: string): At | undefined {
    if (isMap(at.node)) {
      const pair = at.node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      return pair ? { file: at.file, node: (pair.value as Node | null) ?? null, key: pair.key as Node } : undefined;
    }
    if (isSeq(at.node) && /^\d+$/.test(segment)) {
      const item = at.node.items[Number(segment)] as Node | undefined;
      return item ? { file: at.file, node: item } : undefined;
    }
    return undefined;
  }

  #componentsOf(bundleFile: string): Map<string, At> {
    let found = this.#components.get(bundleFile);
    if (found) return found;
    found = new Map();
    this.#components.set(bundleFile, found);
    const bundle = parse(readFileSync(bundleFile, 'utf8')) as Record<string, any>;
    const walk = (value: unknown, at: At) => {
      if (!value || typeof value !== 'object') return;
      const ref = (value as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && ref.startsWith('#/components/')) {
        const [type, name] = ref.slice('#/components/'.length).split('/');
        const key = `${type}/${name}`;
        const source = this.#resolve(at);
        if (found.has(key) || source === at) return;
        found.set(key, { file: source.file, node: source.node });
        walk(bundle.components?.[type]?.[name], source);
        return;
      }
      for (const [k, v] of Object.entries(value)) {
        const child = this.#child(at, k);
        if (child) walk(v, child);
      }
    };
    walk(bundle, { file: this.#root, node: this.#load(this.#root).contents });
    return found;
  }
}
