// Integration: submission under concurrent requests (issue 16), on each test database, through the API over real
// HTTP on loopback, with the payer simulator and a worker in process. A short chaos run (8 clients, ~5 s, a few
// shared cases, the operation mix of bench/chaos/api-chaos.ts) and the two races from the issue: a submission
// raced against a re-determination, and concurrent requests with one Idempotency-Key. The stored cases are checked
// as the bench checks them (src/testing/consistency.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../adapters/db/database.ts';
import { generateDemoCases } from '../demo/index.ts';
import type { Simulator } from '../sim/server.ts';
import { CasePool, ChaosClients, unanswered } from '../testing/chaos-client.ts';
import { checkConsistency, countBy, pendingSubmissions, type ConsistencyReport } from '../testing/consistency.ts';
import { TEST_DATABASES } from '../testing/databases.ts';
import { payerConnected, type PayerConnected } from '../testing/payer-connected.ts';
import { PEND_MAX_MS, randomPayerRules } from '../testing/payer-mix.ts';
import type { CaseService } from './cases.ts';
import type { Worker } from './worker.ts';

const SECRET = 'webhook-secret-for-tests';
const demos = generateDemoCases({ seed: 16, count: 20 });
const bundles = demos.map((d) => d.bundle);
const meets = demos.find((d) => d.scenario === 'lumbar_meets_radiculopathy')?.bundle;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The checks (a)–(e) of the chaos runs, each with what it found so that a failure shows the cases. */
function expectConsistent(report: ConsistencyReport): void {
  expect(report.receipts.receivedMoreThanOnce, '(a) attempts the payer received more than once').toEqual([]);
  expect(report.receipts.answeredNeverReceived, '(a) answered attempts the payer never received').toEqual([]);
  expect(report.receipts.sentWhileEarlierAttemptOpen, '(a) cases sent again while an attempt was open').toEqual([]);
  expect(report.receipts.unknownSubmission, '(a) receipts of no submission row').toBe(0);
  expect(report.receipts.duplicates, '(b) duplicate receipts').toBe(0);
  expect(report.eventGaps, '(c) cases with a gap in their events').toEqual([]);
  expect(report.transitions.illegal, '(d) illegal transitions').toEqual([]);
  expect(report.transitions.mismatched, '(d) events that do not replay to the stored status').toEqual([]);
  expect(report.transitions.regressedAfterDecision, '(e) decided cases back before submission').toEqual([]);
}

describe.each(TEST_DATABASES)('concurrent requests on $name', (target) => {
  let product: PayerConnected;
  let database: OpenDatabase;
  let simulator: Simulator;
  let apiBase: string;
  let cases: CaseService;
  let worker: Worker;

  beforeAll(async () => {
    product = await payerConnected(target, {
      organizationId: 'org-concurrency',
      today: '2026-11-02',
      channelTimeoutMs: 5000,
      worker: { pollMs: 10, leaseMs: 5000 },
      webhookSecret: SECRET,
    });
    ({ database, simulator, apiBase, cases, worker } = product);
  });

  afterAll(() => product.close());

  beforeEach(() => {
    simulator.payer.reset([{ match: {}, adjudication: { kind: 'approve' } }]);
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const submit = (caseId: string, channel: 'pas' | 'x12-278', key?: string) =>
    post(`/api/cases/${caseId}/submissions`, { channel }, key ? { 'idempotency-key': key } : {});
  const redetermine = (caseId: string) => post(`/api/cases/${caseId}/determination`, { reason: 'new evidence' });

  async function readyCase(): Promise<string> {
    // A fresh case of the same order for each round, on purpose.
    const stored = await cases.create(meets, { confirmDuplicate: true }, 'test');
    expect(stored.status).toBe('ready');
    return stored.caseId;
  }

  /** The worker finishes the queue (retries included, bounded), then the last pends are decided and notified. */
  async function settle(): Promise<void> {
    await worker.stop();
    for (let round = 0; round < 200 && (await pendingSubmissions(database.db)) > 0; round += 1) {
      await worker.drain();
      await sleep(100);
    }
    expect(await pendingSubmissions(database.db), 'submission jobs left after draining').toBe(0);
    await sleep(PEND_MAX_MS + 500);
  }

  async function submissionIdsOf(caseId: string): Promise<string[]> {
    const rows = await database.db
      .selectFrom('submissions')
      .select('submission_id')
      .where('case_id', '=', caseId)
      .execute();
    return rows.map((r) => r.submission_id);
  }

  it('8 clients for 5 s on shared cases: each attempt reaches the payer once, events replay, no 5xx', async () => {
    const clients = new ChaosClients({ servers: [apiBase] }, new CasePool(6), bundles);
    await clients.seed(6);
    simulator.payer.rules = randomPayerRules(bundles);
    const shuffle = setInterval(() => {
      simulator.payer.rules = randomPayerRules(bundles);
    }, 1000);
    worker.start();
    const tally = await clients.run(8, 5000).finally(() => {
      clearInterval(shuffle);
    });
    await settle();
    const report = await checkConsistency(database.db, simulator.payer.receipts, clients.pool.ids);
    console.log(
      `concurrency on ${target.name}:`,
      JSON.stringify({ responses: tally.byOperation, caseStatuses: report.caseStatuses, ...report.receipts }),
      JSON.stringify(report.transitions),
    );
    expect(tally.requests).toBeGreaterThan(40);
    expect(report.receipts.receipts, 'the payer received something').toBeGreaterThan(0);
    expectConsistent(report);
    expect(tally.noAnswer, 'requests without an answer').toEqual([]);
    expect(unanswered(tally)).toBe(0);
    expect(tally.serverErrors, '(f) 5xx answers').toBe(0);
  });

  it('a submission raced against a re-determination, 20 rounds: the payer receives each case at most once', async () => {
    const caseIds: string[] = [];
    const answers: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      const caseId = await readyCase();
      caseIds.push(caseId);
      const raced = await Promise.all([submit(caseId, 'pas'), redetermine(caseId)]);
      // A second coordinator, seeing the case afterwards, submits it too: refused while the first is under way.
      const after = await submit(caseId, 'x12-278');
      answers.push(...raced.map((r) => r.status), after.status);
    }
    await settle();
    const perCase = await Promise.all(caseIds.map(submissionIdsOf));
    const receivedTwice = caseIds.filter(
      (_, i) => (perCase[i] ?? []).reduce((sum, id) => sum + simulator.payer.receiptCount(id), 0) > 1,
    );
    const report = await checkConsistency(database.db, simulator.payer.receipts, caseIds);
    console.log(
      `race on ${target.name}:`,
      JSON.stringify({
        answers: countBy(answers.map(String)),
        receivedTwice: receivedTwice.length,
        ...report.receipts,
      }),
      JSON.stringify(report.transitions),
    );
    expect(receivedTwice, 'cases the payer received twice').toEqual([]);
    expect(
      perCase.map((ids) => ids.length),
      'submissions per case',
    ).toEqual(caseIds.map(() => 1));
    expectConsistent(report);
    expect(
      answers.filter((status) => status >= 500),
      '(f) 5xx answers',
    ).toEqual([]);
  });

  it('20 concurrent requests with one Idempotency-Key: one submission, and all get its 202', async () => {
    const caseId = await readyCase();
    const responses = await Promise.all(Array.from({ length: 20 }, () => submit(caseId, 'pas', `one-${caseId}`)));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { submissionId?: string }[];
    const later = await submit(caseId, 'pas', `one-${caseId}`);
    const replayed = (await later.json()) as { submissionId?: string };
    const submissionIds = await submissionIdsOf(caseId);
    console.log(
      `idempotency on ${target.name}:`,
      JSON.stringify({ statuses: countBy(responses.map((r) => String(r.status))), rows: submissionIds.length }),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 202));
    expect(submissionIds).toHaveLength(1);
    expect(new Set(bodies.map((b) => b.submissionId))).toEqual(new Set(submissionIds));
    // Never a stored 409: asked again afterwards, the key answers with the submission.
    expect(later.status).toBe(202);
    expect(replayed.submissionId).toBe(submissionIds[0]);
    await settle();
    expect(simulator.payer.receiptCount(submissionIds[0] ?? '')).toBe(1);
  });
});
