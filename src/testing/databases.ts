// The databases storage tests run on: embedded PGlite always, and server PostgreSQL when CI (or a developer) sets
// KLIVIRA_TEST_DATABASE_URL. Each server test database is a fresh schema, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../adapters/db/database.ts';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<OpenDatabase>;
}

const serverUrl = process.env.KLIVIRA_TEST_DATABASE_URL;

export const TEST_DATABASES: TestDatabase[] = [
  { name: 'pglite', open: () => openDatabase({ dataDir: 'memory://' }) },
  ...(serverUrl ? [{ name: 'postgres' as const, open: () => openServerSchema(serverUrl) }] : []),
];

if (!serverUrl) console.warn('KLIVIRA_TEST_DATABASE_URL is not set: storage tests run on PGlite only');

async function openServerSchema(url: string): Promise<OpenDatabase> {
  const schema = `klivira_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const opened = await openDatabase({ url, schema, poolSize: 4 });
  return {
    ...opened,
    async close() {
      await opened.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      try {
        await cleanup.query(`drop schema ${schema} cascade`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
