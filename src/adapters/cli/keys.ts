// `klivira keys create`: mint an API key for an organization (the first admin key of a server deployment).
import { newApiKey } from '../../app/access.ts';
import { isRole } from '../../core/access/index.ts';
import type { Config } from '../config.ts';
import { PostgresAccessStore } from '../db/access-store.ts';
import { openDatabase } from '../db/database.ts';
import type { CliIo } from './main.ts';

export async function createKey(
  config: Config,
  flags: { org: string; role: string; label: string },
  io: CliIo,
): Promise<void> {
  if (!isRole(flags.role))
    throw new Error(`--role must be admin, coordinator, clinician or read_only (got '${flags.role}')`);
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const { key, hash } = newApiKey();
    const id = await new PostgresAccessStore(database.db).createKey(flags.org, flags.role, flags.label, hash);
    io.out(`key ${id} (${flags.role}, organization ${flags.org}):\n${key}\n`);
  } finally {
    await database.close();
  }
}
