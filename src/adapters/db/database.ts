// Opens the database: embedded PGlite with its data in a local folder (the default, nothing to install), or a server
// PostgreSQL when DATABASE_URL is set. Both get the same schema from the same migrations, applied on open. PGlite is
// single-process: a data folder on disk is locked by the process that opens it (see data-folder-lock.ts).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock.ts';
import { migrations } from './migrations.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export interface DatabaseConfig {
  /** Server mode: a PostgreSQL connection string. */
  url?: string;
  /** Embedded mode: PGlite's data folder, created on first start; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Server mode: schema to work in (tests isolate themselves in a schema of their own). */
  schema?: string;
  /** Server mode: pool size per process. */
  poolSize?: number;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** Embedded on disk: this process's hold on the data folder, released by `close`. */
  lock?: DataFolderLock;
  close(): Promise<void>;
}

const DATE_OID = 1082;

// Dates stay as YYYY-MM-DD strings: a JavaScript Date would shift them with the server's time zone.
const dateAsText = new pg.TypeOverrides();
dateAsText.setTypeParser(DATE_OID, (value: string) => value);

/** How often embedded PGlite refreshes its planner statistics. */
const ANALYZE_EVERY_MS = 10 * 60_000;

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  let db: Kysely<Database>;
  let kind: OpenDatabase['kind'];
  let lock: DataFolderLock | undefined;
  if (config.url) {
    kind = 'postgres';
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
      types: dateAsText,
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    kind = 'pglite';
    const dataDir = config.dataDir ?? '.klivira/pgdata';
    if (!dataDir.startsWith('memory://')) {
      mkdirSync(dataDir, { recursive: true });
      lock = lockDataFolder(dataDir);
    }
    const pglite = new PGlite(dataDir, { parsers: { [DATE_OID]: (value: string) => value } });
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  }
  // Embedded PGlite runs no autovacuum, so its planner would never have statistics (and picks a full scan for a work
  // queue page on 10,000 cases): gather them at open and now and then, as the autovacuum daemon does on a server.
  const statistics =
    kind === 'pglite'
      ? setInterval(() => void sql`analyze`.execute(db).catch(() => undefined), ANALYZE_EVERY_MS)
      : undefined;
  statistics?.unref();
  const close = async (): Promise<void> => {
    clearInterval(statistics);
    try {
      await db.destroy();
    } finally {
      lock?.release();
    }
  };
  try {
    await migrate(db, config.url ? config.schema : undefined);
    if (kind === 'pglite') await sql`analyze`.execute(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, kind, ...(lock ? { lock } : {}), close };
}

/**
 * Applies the migrations. On a server, `schema` names where the migrator's own tables live: without it the migrator
 * takes another schema's bookkeeping tables for its own (tests and chaos runs share one database, a schema each).
 */
export async function migrate(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}
