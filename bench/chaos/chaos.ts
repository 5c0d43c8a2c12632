// Chaos run (issue 7): N submissions through the payer simulator by two worker processes on server PostgreSQL,
// with workers killed by SIGKILL at random moments and restarted. Checks that every case ends in a final or
// clearly retryable state, that the simulator received each submission exactly once, and that no case event is
// missing (sequence numbers are gap-free). Run: node --import tsx bench/chaos/chaos.ts [cases] (needs PostgreSQL
// at DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test). Bounded: stops after 10 minutes at most.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { PostgresCaseRepository } from '../../src/adapters/db/case-repository.ts';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { PostgresSubmissionStore } from '../../src/adapters/db/submission-store.ts';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { generateDemoCases } from '../../src/demo/index.ts';
import { buildSimulator } from '../../src/sim/server.ts';

const total = Number(process.argv[2] ?? 500);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `chaos_${randomBytes(4).toString('hex')}`;
const deadline = Date.now() + 10 * 60_000;

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create schema ${schema}`);

const simulator = buildSimulator({ rules: [{ match: {}, adjudication: { kind: 'approve' } }] });
await simulator.app.listen({ host: '127.0.0.1', port: 0 });
const payerUrl = `http://127.0.0.1:${String((simulator.app.server.address() as AddressInfo).port)}/fhir`;

const database = await openDatabase({ url, schema, poolSize: 8 });
const repository = new PostgresCaseRepository(database.db);
const store = new PostgresSubmissionStore(database.db);
const cases = new CaseService({
  library: loadPolicyLibrary(),
  repository,
  organizationId: 'chaos',
  today: () => '2026-11-02',
});
const template = generateDemoCases({ seed: 42 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');
if (!template) throw new Error('no demo case');

const started = Date.now();
const caseIds: string[] = [];
for (let i = 0; i < total; i += 1) {
  const stored = await cases.create({ ...template.bundle, id: `chaos-${String(i)}` }, {}, 'chaos');
  await store.queueSubmission('chaos', stored.caseId, 'pas', 'chaos');
  caseIds.push(stored.caseId);
}
console.log(`${String(total)} cases created and queued in ${String(Date.now() - started)} ms`);

const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));
const env = { ...process.env, DATABASE_URL: url, CHAOS_SCHEMA: schema, CHAOS_PAYER_URL: payerUrl };
const spawn = (): ChildProcess =>
  fork(workerFile, [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
const workers: ChildProcess[] = [spawn(), spawn()];
let kills = 0;

const pending = async (): Promise<number> =>
  Number(
    (
      await sql<{ n: string }>`select count(*)::text as n from jobs where state in ('queued', 'running')`.execute(
        database.db,
      )
    ).rows[0]?.n ?? '0',
  );

const runStart = Date.now();
while ((await pending()) > 0 && Date.now() < deadline) {
  // A kill every 0.5–2 s: often enough to land mid-send, rarely enough that a restarted worker gets to work.
  await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1500));
  const victim = Math.floor(Math.random() * workers.length);
  const target = workers[victim];
  if (target) {
    target.kill('SIGKILL');
    kills += 1;
    workers[victim] = spawn();
  }
}
const elapsed = Date.now() - runStart;
for (const w of workers) w.kill('SIGKILL');

const statuses = await sql<{
  status: string;
  n: string;
}>`select status, count(*)::text as n from cases group by status`.execute(database.db);
const jobs = await sql<{
  state: string;
  n: string;
}>`select state, count(*)::text as n from jobs group by state`.execute(database.db);
const gaps = await sql<{ n: string }>`
  select count(*)::text as n from (
    select case_id, max(seq) as top, count(*) as events from case_events group by case_id
  ) e where e.top <> e.events`.execute(database.db);
const takenOver = await sql<{ n: string }>`select count(*)::text as n from jobs where attempts > 1`.execute(
  database.db,
);
const viaInquiry = await sql<{ n: string }>`
  select count(*)::text as n from case_events where type = 'payer.responded' and actor like '%:inquiry'`.execute(
  database.db,
);
const submissionsByCase = await sql<{
  case_id: string;
  submission_id: string;
}>`select case_id, submission_id from submissions`.execute(database.db);
const receipts = simulator.payer.receipts;
const received = new Map<string, number>();
for (const r of receipts) received.set(r.submissionId, (received.get(r.submissionId) ?? 0) + 1);
const exactlyOnce = submissionsByCase.rows.filter((s) => received.get(s.submission_id) === 1).length;
const never = submissionsByCase.rows.filter((s) => !received.has(s.submission_id)).length;
const more = submissionsByCase.rows.filter((s) => (received.get(s.submission_id) ?? 0) > 1).length;

console.log(
  JSON.stringify(
    {
      cases: total,
      workerKills: kills,
      runMs: elapsed,
      caseStatuses: Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.n)])),
      jobStates: Object.fromEntries(jobs.rows.map((r) => [r.state, Number(r.n)])),
      payerReceipts: receipts.length,
      duplicateReceipts: receipts.filter((r) => r.duplicate).length,
      submissionsReceivedExactlyOnce: exactlyOnce,
      submissionsNeverReceived: never,
      submissionsReceivedMoreThanOnce: more,
      casesWithEventGaps: Number(gaps.rows[0]?.n ?? 0),
      jobsTakenOverAfterAKill: Number(takenOver.rows[0]?.n ?? 0),
      decisionsRecoveredByInquiry: Number(viaInquiry.rows[0]?.n ?? 0),
    },
    null,
    2,
  ),
);

await database.close();
await simulator.app.close();
await admin.query(`drop schema ${schema} cascade`);
await admin.end();
process.exit(more === 0 && never === 0 ? 0 : 1);
