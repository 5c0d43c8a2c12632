// Wires the adapters together for a process: database (embedded or server), policy library, case service.
import { PostgresCaseRepository } from './db/case-repository.ts';
import { openDatabase, type OpenDatabase } from './db/database.ts';
import { loadPolicyLibrary } from './policies/load.ts';
import { CaseService } from '../app/cases.ts';
import type { PolicyLibrary } from '../core/policy/library.ts';
import type { Config } from './config.ts';

export interface Runtime {
  database: OpenDatabase;
  library: PolicyLibrary;
  service: CaseService;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export async function startRuntime(config: Config): Promise<Runtime> {
  const library = loadPolicyLibrary();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  const service = new CaseService({
    library,
    repository: new PostgresCaseRepository(database.db),
    organizationId: config.organizationId,
    today,
  });
  return { database, library, service };
}

/** A service without storage, for commands that only compute (`check`, `facts`). */
export function offlineService(config: Config): CaseService {
  return new CaseService({ library: loadPolicyLibrary(), organizationId: config.organizationId, today });
}
