// Opens the database: embedded PGlite with its data in a local folder (the default, nothing to install), or a server
// PostgreSQL when DATABASE_URL is set. Both get the same schema from the same migrations, applied on open.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
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
  close(): Promise<void>;
}

const DATE_OID = 1082;

// Dates stay as YYYY-MM-DD strings: a JavaScript Date would shift them with the server's time zone.
const dateAsText = new pg.TypeOverrides();
dateAsText.setTypeParser(DATE_OID, (value: string) => value);

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  let db: Kysely<Database>;
  let kind: OpenDatabase['kind'];
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
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    const pglite = new PGlite(dataDir, { parsers: { [DATE_OID]: (value: string) => value } });
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind, close: () => db.destroy() };
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}
