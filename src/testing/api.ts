// The API in process over a test database, for route tests (`app.inject`): one case service for an organization,
// the health check on the database, and whatever other route groups a test adds.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { PostgresCaseRepository } from '../adapters/db/case-repository.ts';
import type { OpenDatabase } from '../adapters/db/database.ts';
import { buildServer, type ServerOptions } from '../adapters/http/server.ts';
import { loadPolicyLibrary } from '../adapters/policies/load.ts';
import { CaseService } from '../app/cases.ts';

export interface TestApi {
  app: FastifyInstance;
  cases: CaseService;
}

export async function testApi(
  database: OpenDatabase,
  options: { organizationId?: string; today?: string; server?: Partial<ServerOptions> } = {},
): Promise<TestApi> {
  const cases = new CaseService({
    library: loadPolicyLibrary(),
    repository: new PostgresCaseRepository(database.db),
    organizationId: options.organizationId ?? 'org-test',
    today: () => options.today ?? '2026-03-02',
  });
  const app = await buildServer({
    service: cases,
    ping: async () => {
      await sql`select 1`.execute(database.db);
    },
    storage: database.kind,
    logLevel: 'silent',
    ...options.server,
  });
  return { app, cases };
}
