// Chaos run (issue 7): N submissions through the payer simulator by two worker processes on server PostgreSQL,
// with workers killed by SIGKILL at random moments and restarted. Checks that the simulator received each
// submission exactly once, that no case event is missing (sequence numbers are gap-free) and that the events replay
// through the case state machine (src/testing/consistency.ts). Run: node --import tsx bench/chaos/chaos.ts [cases]
// (needs PostgreSQL at DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test). Bounded: stops after 10
// minutes at most.
import { sql } from 'kysely';
import { PostgresCaseRepository } from '../../src/adapters/db/case-repository.ts';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { postgresSubmissionPorts } from '../../src/adapters/db/submission-ports.ts';
import { loadPolicyLibrary } from '../../src/adapters/policies/load.ts';
import { CaseService } from '../../src/app/cases.ts';
import { generateDemoCases } from '../../src/demo/index.ts';
import { checkConsistency, failedChecks, pendingSubmissions } from '../../src/testing/consistency.ts';
import { createSchema, DATABASE_URL, startSimulator, WorkerProcesses } from './harness.ts';

const total = Number(process.argv[2] ?? 500);
const deadline = Date.now() + 10 * 60_000;

const schema = await createSchema(DATABASE_URL, 'chaos');
const { simulator, pasUrl } = await startSimulator({ rules: [{ match: {}, adjudication: { kind: 'approve' } }] });

const database = await openDatabase({ url: DATABASE_URL, schema: schema.name, poolSize: 8 });
const { store } = postgresSubmissionPorts(database.db);
const cases = new CaseService({
  library: loadPolicyLibrary(),
  repository: new PostgresCaseRepository(database.db),
  organizationId: 'chaos',
  today: () => '2026-11-02',
});
const template = generateDemoCases({ seed: 42 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');
if (!template) throw new Error('no demo case');

const started = Date.now();
for (let i = 0; i < total; i += 1) {
  const stored = await cases.create({ ...template.bundle, id: `chaos-${String(i)}` }, {}, 'chaos');
  await store.queueSubmission('chaos', stored.caseId, 'pas', 'chaos');
}
console.log(`${String(total)} cases created and queued in ${String(Date.now() - started)} ms`);

const workers = new WorkerProcesses({ ...process.env, DATABASE_URL: schema.url, KLIVIRA_PAS_URL: pasUrl }, 2);
const runStart = Date.now();
await workers.killAtRandomUntil(async () => (await pendingSubmissions(database.db)) === 0, deadline);
const elapsed = Date.now() - runStart;
workers.stop();

const jobs = await sql<{ state: string; n: string }>`
  select state, count(*)::text as n from jobs where kind = 'submit' group by state`.execute(database.db);
const takenOver = await sql<{ n: string }>`
  select count(*)::text as n from jobs where kind = 'submit' and attempts > 1`.execute(database.db);
const viaInquiry = await sql<{ n: string }>`
  select count(*)::text as n from case_events where type = 'payer.responded' and actor like '%:inquiry'`.execute(
  database.db,
);
const report = await checkConsistency(database.db, simulator.payer.receipts);
const failed = [...failedChecks(report), ...(report.receipts.neverReceived > 0 ? ['everySubmissionReceived'] : [])];

console.log(
  JSON.stringify(
    {
      queued: total,
      workerKills: workers.kills,
      runMs: elapsed,
      submitJobStates: Object.fromEntries(jobs.rows.map((r) => [r.state, Number(r.n)])),
      jobsTakenOverAfterAKill: Number(takenOver.rows[0]?.n ?? 0),
      decisionsRecoveredByInquiry: Number(viaInquiry.rows[0]?.n ?? 0),
      ...report,
      failed,
    },
    null,
    2,
  ),
);

await database.close();
await simulator.app.close();
await schema.drop();
process.exit(failed.length === 0 ? 0 : 1);
