// Integration: submission end to end on a real database (PGlite; server PostgreSQL when configured), through the
// API over real HTTP on loopback, to the payer simulator and back: outbox and worker, exactly-once through a crash,
// retries, dead letters, idempotency keys, and PAS rest-hook notifications (duplicate, out of order, unknown).
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PasChannel } from '../adapters/channels/pas-channel.ts';
import { PostgresCaseRepository } from '../adapters/db/case-repository.ts';
import type { OpenDatabase } from '../adapters/db/database.ts';
import type { SubmissionPorts } from '../adapters/db/submission-ports.ts';
import { PostgresWorkQueueStore } from '../adapters/db/work-queue-store.ts';
import { generateDemoCases } from '../demo/index.ts';
import type { Bundle } from '@medplum/fhirtypes';
import { notificationBundle } from '../sim/notify.ts';
import type { Simulator } from '../sim/server.ts';
import type { Adjudication } from '../sim/scenarios.ts';
import { TEST_DATABASES } from '../testing/databases.ts';
import { payerConnected, type PayerConnected } from '../testing/payer-connected.ts';
import type { CaseService } from './cases.ts';
import type { Worker } from './worker.ts';

const ORG = 'org-submit';
const SECRET = 'webhook-secret-for-tests';
const demo = generateDemoCases({ seed: 5 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASES)('submission on $name', (target) => {
  let product: PayerConnected;
  let database: OpenDatabase;
  let simulator: Simulator;
  let apiBase: string;
  let cases: CaseService;
  let ports: SubmissionPorts;
  let worker: Worker;
  let pas: PasChannel;
  const clockOffset = { ms: 0 };

  beforeAll(async () => {
    product = await payerConnected(target, {
      organizationId: ORG,
      today: '2026-11-02',
      channelTimeoutMs: 800,
      worker: { leaseMs: 60_000 },
      // Retries are scheduled from this clock; tests move it back so a retry is due at once.
      clock: () => new Date(Date.now() + clockOffset.ms),
      webhookSecret: SECRET,
    });
    ({ database, simulator, apiBase, cases, ports, worker } = product);
    pas = product.channels.pas;
  });

  afterAll(() => product.close());

  beforeEach(() => {
    simulator.payer.reset();
    clockOffset.ms = 0;
  });

  const rules = (adjudication: Adjudication) => {
    simulator.payer.rules = [{ match: {}, adjudication }];
  };

  async function readyCase(): Promise<string> {
    // A fresh case of the same demo order for each test, on purpose.
    const stored = await cases.create(demo?.bundle, { confirmDuplicate: true }, 'test');
    expect(stored.status).toBe('ready');
    return stored.caseId;
  }

  const submit = (caseId: string, channel: 'pas' | 'x12-278', key?: string) =>
    fetch(`${apiBase}/api/cases/${caseId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify({ channel }),
    });

  const statusOf = async (caseId: string) => (await cases.get(caseId))?.status;
  const eventsOf = async (caseId: string) => (await cases.get(caseId))?.events.map((e) => e.type) ?? [];

  it.each(['pas', 'x12-278'] as const)('submits over %s exactly once and records the approval', async (channel) => {
    rules({ kind: 'approve' });
    const caseId = await readyCase();
    const response = await submit(caseId, channel);
    expect(response.status).toBe(202);
    const { submissionId } = (await response.json()) as { submissionId: string };
    expect(await statusOf(caseId)).toBe('submitting');
    expect(await worker.drain()).toBe(1);
    expect(await statusOf(caseId)).toBe('approved');
    expect(await eventsOf(caseId)).toEqual([
      'case.created',
      'determination.made',
      'submission.queued',
      'submission.sending',
      'payer.responded',
      // The payer's decision clock, recorded even when the answer came at once (for the PA metrics).
      'deadline.set',
    ]);
    expect(simulator.payer.receiptCount(submissionId)).toBe(1);
    // A decided case cannot be submitted again.
    expect((await submit(caseId, channel)).status).toBe(409);
    // The authorization is valid 90 days; a re-authorization reminder comes 30 days before it ends.
    const row = await database.db
      .selectFrom('cases')
      .select('authorization_ends')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.authorization_ends).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await sql`update jobs set run_at = now() where kind = 'reminder' and payload->>'caseId' = ${caseId}`.execute(
      database.db,
    );
    expect(await worker.drain()).toBe(1);
    expect((await eventsOf(caseId)).at(-1)).toBe('reauthorization.due');
  });

  it('an Idempotency-Key makes a repeated POST return the first answer without a second submission', async () => {
    rules({ kind: 'approve' });
    const caseId = await readyCase();
    const first = await submit(caseId, 'pas', `key-${caseId}`);
    const second = await submit(caseId, 'pas', `key-${caseId}`);
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(await worker.drain()).toBe(1);
  });

  it('after a crash between sending and recording, the worker asks the payer instead of sending again', async () => {
    rules({ kind: 'approve' });
    const caseId = await readyCase();
    const { submissionId } = (await (await submit(caseId, 'pas')).json()) as { submissionId: string };
    // The first worker claims the job, marks the send, sends, and dies before recording the answer.
    const job = await ports.jobs.claimJob('doomed-worker', 60_000);
    if (!job) throw new Error('no job');
    await ports.store.markSending(submissionId);
    const submission = await ports.store.findSubmission(submissionId);
    if (!submission) throw new Error('no submission');
    const stored = await cases.get(caseId);
    const bundle = await new PostgresCaseRepository(database.db).intakeBundle(ORG, caseId);
    if (!stored || !bundle) throw new Error('no case');
    await pas.submit({
      caseId,
      submissionId,
      bundle,
      intake: cases.check(bundle).intake,
      determination: stored.determination,
      urgency: 'routine',
      timestamp: new Date().toISOString(),
    });
    // Its lease runs out; another worker takes the job over.
    await sql`update jobs set locked_until = now() - interval '1 second' where id = ${job.id}`.execute(database.db);
    expect(await worker.drain()).toBe(1);
    expect(await statusOf(caseId)).toBe('approved');
    expect(simulator.payer.receiptCount(submissionId)).toBe(1);
  });

  it('retries a 5xx with backoff and records the retry on the case', async () => {
    rules({ kind: 'http_500', times: 2, then: { kind: 'approve' } });
    const caseId = await readyCase();
    const { submissionId } = (await (await submit(caseId, 'x12-278')).json()) as { submissionId: string };
    // Backoff puts each retry 0.5–1 s, then 1–2 s, ahead; with the clock an hour back they are due at once.
    clockOffset.ms = -3_600_000;
    expect(await worker.drain()).toBe(3);
    expect(await statusOf(caseId)).toBe('approved');
    expect((await eventsOf(caseId)).filter((e) => e === 'submission.retrying')).toHaveLength(2);
    expect(simulator.payer.receiptCount(submissionId)).toBe(1);
  });

  it('dead-letters a request the payer cannot read, and a person sees it', async () => {
    rules({ kind: 'malformed' });
    const caseId = await readyCase();
    await submit(caseId, 'pas');
    await worker.drain();
    expect(await statusOf(caseId)).toBe('needs_information');
    const dead = (await (await fetch(`${apiBase}/api/jobs/dead`)).json()) as {
      jobs: { payload: { caseId: string } }[];
    };
    expect(dead.jobs.map((j) => j.payload.caseId)).toContain(caseId);
  });

  it('a pend is settled by the payer notification; duplicates and stale notifications change nothing', async () => {
    rules({ kind: 'pend', decideAfterMs: 100, then: { kind: 'approve' }, notifications: 'out_of_order' });
    const caseId = await readyCase();
    await submit(caseId, 'pas');
    await worker.drain();
    expect(await statusOf(caseId)).toBe('pended');
    for (let i = 0; i < 50 && (await statusOf(caseId)) !== 'approved'; i += 1) await sleep(50);
    await sleep(200);
    expect(await statusOf(caseId)).toBe('approved');
    const events = await eventsOf(caseId);
    expect(events.filter((e) => e === 'payer.responded')).toHaveLength(2);
    // The stale "still pended" notification that came after the approval is kept as a warning, not applied.
    expect(events).toContain('payer.response_ignored');

    rules({ kind: 'pend', decideAfterMs: 100, then: { kind: 'deny', reasons: ['MN'] }, notifications: 'duplicate' });
    const second = await readyCase();
    await submit(second, 'pas');
    await worker.drain();
    for (let i = 0; i < 50 && (await statusOf(second)) !== 'denied'; i += 1) await sleep(50);
    await sleep(200);
    expect(await statusOf(second)).toBe('denied');
    expect((await eventsOf(second)).filter((e) => e.startsWith('payer.'))).toEqual([
      'payer.responded',
      'payer.responded',
    ]);
  });

  it('starts the payer clock at sending, reminds before and after the due time while pended, and not once decided', async () => {
    rules({ kind: 'pend', decideAfterMs: 3_600_000, then: { kind: 'approve' } });
    const caseId = await readyCase();
    await submit(caseId, 'pas');
    await worker.drain();
    expect(await statusOf(caseId)).toBe('pended');
    const row = await database.db
      .selectFrom('cases')
      .select('decision_due_at')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    // UHC commercial: the ERISA pre-service clock, 15 calendar days from receipt.
    const days = ((row.decision_due_at?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(14);
    expect(days).toBeLessThan(16);
    await sql`update jobs set run_at = now() where kind = 'reminder' and payload->>'caseId' = ${caseId}`.execute(
      database.db,
    );
    expect(await worker.drain()).toBe(2);
    const events = await eventsOf(caseId);
    expect(events).toContain('deadline.set');
    expect(events.filter((e) => e === 'deadline.due_soon' || e === 'deadline.overdue')).toHaveLength(2);
    // The work queue's "due before" filter finds it; it is not due within the hour.
    const queue = new PostgresWorkQueueStore(database.db);
    const page = { sort: 'updated', direction: 'desc', limit: 200 } as const;
    const dueThisMonth = await queue.list(
      ORG,
      { dueBefore: new Date(Date.now() + 40 * 86_400_000).toISOString() },
      page,
    );
    expect(dueThisMonth.map((i) => i.caseId)).toContain(caseId);
    expect(dueThisMonth.find((i) => i.caseId === caseId)?.decisionDueAt).toBe(row.decision_due_at?.toISOString());
    const dueNow = await queue.list(ORG, { dueBefore: new Date(Date.now() + 3_600_000).toISOString() }, page);
    expect(dueNow.map((i) => i.caseId)).not.toContain(caseId);
  });

  it('refuses notifications that are unauthenticated, unreadable or about an unknown request', async () => {
    const post = (body: unknown, auth = `Bearer ${SECRET}`) =>
      fetch(`${apiBase}/api/pas/notifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', authorization: auth },
        body: JSON.stringify(body),
      });
    expect((await post({}, 'Bearer wrong')).status).toBe(401);
    expect((await post({ resourceType: 'Bundle', type: 'collection' })).status).toBe(400);
    const unknown = {
      resourceType: 'Bundle',
      type: 'history',
      entry: [
        {
          resource: {
            resourceType: 'Parameters',
            parameter: [
              { name: 'subscription', valueReference: { reference: 'Subscription/x' } },
              { name: 'notification-event', part: [{ name: 'event-number', valueString: '1' }] },
            ],
          },
        },
        {
          resource: {
            resourceType: 'Bundle',
            type: 'collection',
            identifier: { value: 'never-sent' },
            entry: [
              {
                resource: {
                  resourceType: 'ClaimResponse',
                  status: 'active',
                  use: 'preauthorization',
                  outcome: 'complete',
                },
              },
            ],
          },
        },
      ],
    };
    expect((await post(unknown)).status).toBe(404);
    // Nothing was recorded for it: the same event again is still about an unknown request.
    expect((await post(unknown)).status).toBe(404);
  });

  it('a notification with an unreadable body does not use up its event number', async () => {
    rules({ kind: 'approve' });
    const caseId = await readyCase();
    await submit(caseId, 'pas');
    await worker.drain();
    const stored = await sql<{ content: { body: string } }>`
      select content from case_documents where case_id = ${caseId} and kind = 'payer-response:pas'`.execute(
      database.db,
    );
    const response = JSON.parse(stored.rows[0]?.content.body ?? '{}') as Bundle;
    const subscription = { id: 'sub-bad-then-good', endpoint: '', headers: [], orgIdentifiers: [], eventCount: 0 };
    const post = (body: unknown) =>
      fetch(`${apiBase}/api/pas/notifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${SECRET}` },
        body: JSON.stringify(body),
      });
    const unreadable = { resourceType: 'Bundle' as const, type: 'collection' as const, entry: [] };
    expect((await post(notificationBundle(subscription, 7, unreadable, new Date()))).status).toBe(400);
    const good = notificationBundle(subscription, 7, response, new Date());
    expect(await (await post(good)).json()).toMatchObject({ status: 'recorded', caseId });
    expect(await (await post(good)).json()).toEqual({ status: 'duplicate' });
  });

  it('refuses, before queueing, a case that is not meets unless a person overrides it with a reason', async () => {
    rules({ kind: 'approve' });
    const unmet = generateDemoCases({ seed: 5 }).find(
      (c) => c.expected.determination !== 'meets' && c.expected.paRequired === true,
    );
    const stored = await cases.create(unmet?.bundle, {}, 'test');
    expect(stored.determination.determination).not.toBe('meets');
    const post = (body: unknown) =>
      fetch(`${apiBase}/api/cases/${stored.caseId}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const refused = await post({ channel: 'pas' });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('override');
    expect(await eventsOf(stored.caseId)).toEqual(['case.created', 'determination.made']);
    expect(
      await sql`select 1 from jobs where payload->>'caseId' = ${stored.caseId}`.execute(database.db),
    ).toMatchObject({
      rows: [],
    });
    const overridden = await post({ channel: 'pas', override: { reason: 'peer-to-peer agreed; notes attached' } });
    expect(overridden.status).toBe(202);
    const events = (await cases.get(stored.caseId))?.events ?? [];
    expect(events.map((e) => e.type)).toEqual([
      'case.created',
      'determination.made',
      'submission.overridden',
      'submission.queued',
    ]);
    expect(events[2]?.payload).toMatchObject({ reason: 'peer-to-peer agreed; notes attached' });
    expect(await worker.drain()).toBe(1);
  });

  it('refuses a new determination while a send is in flight, and withdraws a case only before it is sent', async () => {
    rules({ kind: 'approve' });
    const caseId = await readyCase();
    const post = (path: string, body: unknown) =>
      fetch(`${apiBase}/api/cases/${caseId}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await submit(caseId, 'pas')).status).toBe(202);
    const before = (await cases.get(caseId))?.events.length;
    await expect(cases.redetermine(caseId, 'test', 'new evidence')).rejects.toThrow('in flight');
    const refused = await post('determination', { reason: 'new evidence' });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain('in flight');
    expect((await cases.get(caseId))?.events.length).toBe(before);
    expect((await post('cancel', { reason: 'patient moved' })).status).toBe(409);
    expect(await worker.drain()).toBe(1);
    expect(await statusOf(caseId)).toBe('approved');
    // Once decided, a new determination is recorded but the payer's answer keeps the status.
    expect((await cases.redetermine(caseId, 'test', 'policy update'))?.status).toBe('approved');

    const other = await readyCase();
    const cancelled = await fetch(`${apiBase}/api/cases/${other}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'ordered elsewhere' }),
    });
    expect(cancelled.status).toBe(200);
    expect(await statusOf(other)).toBe('cancelled');
    expect((await cases.get(other))?.events.at(-1)?.payload).toMatchObject({ from: 'ready', to: 'cancelled' });
    expect((await submit(other, 'pas')).status).toBe(409);
  });
});
