// One pass of the edit loop, in this process: lint the full spec, bundle the three audiences,
// audit the two audience bundles, write the bundles that changed, and regenerate the clients
// whose bundle changed. Redocly's core runs here (loaded once) instead of its CLI: a CLI run
// per stage costs a Node start-up and a config load each time, several seconds per edit.
// `npm run build` stays the reference: it runs the same config through the Redocly CLI.
import { bundle, getLineColLocation, lint, loadConfig, type Config, type NormalizedProblem } from '@redocly/openapi-core';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { auditAudienceBundle } from '../../../scripts/bundle/audit.js';
import type { OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { clientPackage, generateClient } from '../../../scripts/generate/generate-client.js';

export type Audience = 'full' | 'member' | 'server';
const AUDIENCES: Audience[] = ['full', 'member', 'server'];

export interface ClientTarget {
  audience: 'member' | 'server';
  /** The client package folder (its package.json names the client); types go to src/generated. */
  packageDir: string;
}

export interface PipelineOptions {
  /** redocly.yaml: its `apis` say where each audience's root is and where its bundle goes. */
  configFile: string;
  clients: ClientTarget[];
}

/** A place in the spec: the file, and the line and column when known. */
export interface Finding {
  file: string;
  line?: number;
  column?: number;
  rule: string;
  message: string;
}

export interface PassReport {
  ok: boolean;
  /** Errors that stopped the pass (nothing was written), or lint warnings on success. */
  errors: Finding[];
  warnings: Finding[];
  /** Audiences whose bundle differs from the last good pass (written). */
  bundles: Audience[];
  /** Clients regenerated (their bundle changed). */
  clients: string[];
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}

interface ApiEntry {
  root: string;
  output: string;
}

export class DevPipeline {
  readonly #options: PipelineOptions;
  #config: Config | undefined;
  #apis: Record<Audience, ApiEntry> | undefined;
  /** The last bundles written, as JSON text: a pass writes only what differs. */
  readonly #written = new Map<Audience, string>();

  constructor(options: PipelineOptions) {
    this.#options = options;
  }

  /** Where the full bundle goes (JSON): what the mock serves. */
  get fullBundleFile(): string {
    return jsonOf(this.#apiEntries().full.output);
  }

  /** The spec's folder (the full API's root folder): what the loop watches. */
  get specDir(): string {
    return path.dirname(this.#apiEntries().full.root);
  }

  /** Forget what was written for `audience`: the next pass treats its bundle as changed (the mock could not take it). */
  forget(audience: Audience): void {
    this.#written.delete(audience);
  }

  bundleFile(audience: Audience): string {
    return jsonOf(this.#apiEntries()[audience].output);
  }

  #apiEntries(): Record<Audience, ApiEntry> {
    if (!this.#apis) {
      const configFile = this.#options.configFile;
      const raw = parse(readFileSync(configFile, 'utf8')) as { apis?: Record<string, ApiEntry> };
      const apis = {} as Record<Audience, ApiEntry>;
      for (const audience of AUDIENCES) {
        const api = raw.apis?.[audience];
        if (!api?.root || !api.output) throw new Error(`${configFile}: apis.${audience} needs root and output`);
        apis[audience] = { root: path.resolve(path.dirname(configFile), api.root), output: path.resolve(path.dirname(configFile), api.output) };
      }
      this.#apis = apis;
    }
    return this.#apis;
  }

  /**
   * One pass. Nothing is written unless lint, bundling and the audit all pass: after a broken
   * edit the last good bundles, types and mock stay as they were.
   */
  async run(): Promise<PassReport> {
    const timings: Record<string, number> = {};
    const time = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        timings[stage] = Math.round(performance.now() - started);
      }
    };
    const report = (fields: Partial<PassReport>): PassReport => ({ ok: false, errors: [], warnings: [], bundles: [], clients: [], timings, ...fields });
    const apis = this.#apiEntries();

    // The config (our plugins included) is loaded once; a change to redocly.yaml needs a restart.
    this.#config ??= await time('config', () => loadConfig({ configPath: this.#options.configFile }));
    const config = this.#config;

    let problems: NormalizedProblem[];
    try {
      problems = await time('lint', () => lint({ ref: apis.full.root, config: config.forAlias('full') }));
    } catch (error) {
      return report({ errors: [thrownFinding(error, apis.full.root)] });
    }
    const errors = distinct(problems.filter((p) => p.severity === 'error').map(findingOf));
    const warnings = distinct(problems.filter((p) => p.severity === 'warn').map(findingOf));
    if (errors.length > 0) return report({ errors, warnings });

    const documents = {} as Record<Audience, OpenApiDocument>;
    try {
      await time('bundle', async () => {
        for (const audience of AUDIENCES) {
          const result = await bundle({ ref: apis[audience].root, config: config.forAlias(audience) });
          const failed = result.problems.filter((p) => p.severity === 'error');
          if (failed.length > 0) throw Object.assign(new Error('bundle'), { findings: failed.map(findingOf) });
          documents[audience] = result.bundle.parsed as OpenApiDocument;
        }
      });
    } catch (error) {
      const findings = (error as { findings?: Finding[] }).findings;
      return report({ errors: findings ?? [thrownFinding(error, apis.full.root)], warnings });
    }

    const audit = await time('audit', async () =>
      (['member', 'server'] as const).flatMap((audience) =>
        auditAudienceBundle(documents[audience], audience, documents.full).map((v) => ({ file: apis[audience].output, rule: 'audience-audit', message: `${audience} bundle ${v.where}: ${v.message}` })),
      ),
    );
    if (audit.length > 0) return report({ errors: audit, warnings });

    const changed = AUDIENCES.filter((audience) => this.#written.get(audience) !== JSON.stringify(documents[audience]));

    // Client types first: the generator can refuse a spec that lints (a server without
    // x-expys-live, a query parameter it cannot serialise). Then nothing is written, and the
    // next pass tries again, instead of bundles on disk that no client or mock matches.
    const clients: string[] = [];
    try {
      await time('types', async () => {
        for (const target of this.#options.clients) {
          if (!changed.includes(target.audience)) continue;
          const client = clientPackage(target.packageDir);
          await generateClient({
            audience: target.audience,
            doc: documents[target.audience],
            bundleDir: path.dirname(apis[target.audience].output),
            outDir: path.join(target.packageDir, 'src/generated'),
            client,
          });
          clients.push(client.name);
        }
      });
    } catch (error) {
      return report({ errors: [{ file: apis.full.root, rule: 'client-generator', message: (error as Error).message }], warnings });
    }

    await time('write', async () => {
      for (const audience of changed) {
        const json = JSON.stringify(documents[audience], null, 2);
        writeAtomically(apis[audience].output, stringify(documents[audience], { lineWidth: 0 }));
        writeAtomically(jsonOf(apis[audience].output), `${json}\n`);
        this.#written.set(audience, JSON.stringify(documents[audience]));
      }
    });
    return report({ ok: true, warnings, bundles: changed, clients });
  }
}

/**
 * Each finding once (a file referenced twice is linted twice), and a file that does not parse
 * reported once, where it breaks, not again at every $ref that points at it.
 */
function distinct(findings: Finding[]): Finding[] {
  const unparsable = findings.filter((f) => f.message.startsWith('Failed to parse')).map((f) => f.file);
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.message.startsWith("Can't resolve $ref") && unparsable.some((file) => f.message.includes(file))) return false;
    const key = `${f.file}:${f.line}:${f.column}:${f.rule}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const jsonOf = (yamlFile: string) => yamlFile.replace(/\.ya?ml$/, '.json');

function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}

function findingOf(problem: NormalizedProblem): Finding {
  const location = problem.location[0];
  const file = location?.source.absoluteRef ?? '(spec)';
  let line: number | undefined;
  let column: number | undefined;
  try {
    if (location) ({ line, col: column } = getLineColLocation(location).start);
  } catch {
    // No source position (a generated node): the file alone names the place.
  }
  return { file, line, column, rule: problem.ruleId, message: problem.message };
}

/** A YAML syntax error or an unreadable file: Redocly throws instead of reporting a problem. */
function thrownFinding(error: unknown, fallbackFile: string): Finding {
  const e = error as { message?: string; source?: { absoluteRef?: string }; mark?: { line?: number; column?: number }; originalError?: { mark?: { line?: number; column?: number } } };
  const mark = e.mark ?? e.originalError?.mark;
  return {
    file: e.source?.absoluteRef ?? fallbackFile,
    line: mark?.line === undefined ? undefined : mark.line + 1,
    column: mark?.column === undefined ? undefined : mark.column + 1,
    rule: 'syntax',
    message: (e.message ?? String(error)).split('\n')[0],
  };
}
