// API load benchmark (issue 7): one API process on loopback, embedded PGlite and (when reachable) server
// PostgreSQL; POST /api/cases (validation, determination, storage) and GET /api/cases (work-queue reads).
// Bounded: each phase runs a fixed number of seconds. Run: node --import tsx bench/api/load.ts
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { PostgresCaseRepository } from '../../src/adapters/db/case-repository.ts';
import { openDatabase, type OpenDatabase } from '../../src/adapters/db/database.ts';
import { buildServer } from '../../src/adapters/http/server.ts';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { generateDemoCases } from '../../src/demo/index.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const bodies = generateDemoCases({ seed: 9, count: 40 }).map((c) => JSON.stringify(c.bundle));

async function run(label: string, database: OpenDatabase): Promise<void> {
  const service = new CaseService({
    library: loadPolicyLibrary(),
    repository: new PostgresCaseRepository(database.db),
    organizationId: 'load',
    today: () => '2026-11-02',
  });
  const app = await buildServer({
    service,
    ping: async () => {
      await sql`select 1`.execute(database.db);
    },
    storage: database.kind,
    logLevel: 'silent',
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  let next = 0;
  const create = await autocannon({
    url: `${url}/api/cases`,
    connections: 8,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        setupRequest: (request) => ({ ...request, body: bodies[(next += 1) % bodies.length] }),
      },
    ],
  });
  const read = await autocannon({ url: `${url}/api/cases?limit=50`, connections: 8, duration: SECONDS });
  for (const [name, result] of [
    ['POST /api/cases', create],
    ['GET /api/cases?limit=50', read],
  ] as const) {
    console.log(
      `${label.padEnd(22)} ${name.padEnd(24)} ${result.requests.average.toFixed(1).padStart(7)} req/s  p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(5)} ms  non-2xx ${String(result.non2xx)}  errors ${String(result.errors)}`,
    );
  }
  await app.close();
}

const dir = mkdtempSync(path.join(tmpdir(), 'klivira-load-'));
const embedded = await openDatabase({ dataDir: path.join(dir, 'pgdata') });
await run('embedded PGlite', embedded);
await embedded.close();
rmSync(dir, { recursive: true, force: true });

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client({ connectionString: serverUrl });
try {
  await admin.connect();
  const schema = `load_${randomBytes(4).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  const server = await openDatabase({ url: serverUrl, schema, poolSize: 10 });
  await run('server PostgreSQL', server);
  await server.close();
  await admin.query(`drop schema ${schema} cascade`);
} catch (error) {
  console.log(`server PostgreSQL skipped: ${error instanceof Error ? error.message : 'unreachable'}`);
} finally {
  await admin.end().catch(() => undefined);
}
