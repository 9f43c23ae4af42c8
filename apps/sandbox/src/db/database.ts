// One small interface over the two databases the sandbox runs on: PGlite (embedded, a folder or
// memory) and PostgreSQL (a URL, for a team's shared sandbox). Same SQL, same migrations.
export interface QueryOptions {
  /**
   * A read whose result may be served from memory until the next write. Only PGlite honours it:
   * an embedded database has this process as its only writer, so every write is seen here.
   */
  cacheable?: boolean;
  /**
   * A statement whose text is used once (DDL naming one sandbox's schema): PostgreSQL runs it
   * unnamed instead of keeping it prepared on the connection.
   */
  once?: boolean;
}

export interface Queryable {
  query<Row = Record<string, any>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Row[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for the banner: a folder, "memory" or the URL without its password. */
  readonly location: string;
  /**
   * The PostgreSQL schema every query of this object runs in (its `search_path`): `public` for
   * the default sandbox, the sandbox's id for a sandbox made on demand. One schema per sandbox
   * keeps every row of it apart with the same SQL.
   */
  readonly schema: string;
  /**
   * The same database seen from another schema (created by the caller): shares this object's
   * connections; its `close()` closes nothing.
   */
  scoped(schema: string): Database;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'memory' }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; poolSize?: number };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.url, options.poolSize);
  }
  const { openPGlite } = await import('./pglite.js');
  return openPGlite(options.kind === 'pglite' ? options.dataDir : undefined);
}

/** A schema name as SQL: our ids only (letters, digits, _), quoted. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new RangeError(`"${schema}" is not a schema name the sandbox makes.`);
  return `"${schema}"`;
}

/** A URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}
