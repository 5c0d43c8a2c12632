// Integration: denial analytics over HTTP on both storages. Cases are built through the real write paths (created,
// commented on, submitted through the payer simulator with approve / modify / deny answers, appealed and tried again
// through the appeal routes); the expected figures are computed here independently, from each case's events and the
// determination it had when it was submitted, and compared exactly with the JSON and CSV the API answers. A second
// organization gets request facts with chosen times, so that the hour arithmetic (average, median, p90, on time /
// late, CMS hours) is exact.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresAnalyticsStore } from '../../db/analytics-store.ts';
import type { OpenDatabase } from '../../db/database.ts';
import type { CaseEvent } from '../../../app/case-repository.ts';
import type { CaseService } from '../../../app/cases.ts';
import type { Worker } from '../../../app/worker.ts';
import { periodStart, rate } from '../../../core/analytics/index.ts';
import type { Determination } from '../../../core/determination/index.ts';
import { generateDemoCases } from '../../../demo/index.ts';
import type { FinalAdjudication } from '../../../sim/scenarios.ts';
import type { Simulator } from '../../../sim/server.ts';
import { TEST_DATABASES } from '../../../testing/databases.ts';
import { payerConnected, type PayerConnected } from '../../../testing/payer-connected.ts';

const ORG = 'org-analytics';
const demo = generateDemoCases({ seed: 5 });
const bundlesOf = (scenario: string) => demo.filter((c) => c.scenario === scenario).map((c) => c.bundle);
const YEAR = new Date().getUTCFullYear();

/** One payer request as the test saw it: the determination it was sent with, and its events. */
interface Sent {
  caseId: string;
  submissionId: string;
  attempt: number;
  determination: Determination;
  touchless: boolean | null;
}

/** The criteria in doubt, by the definition in src/core/analytics/metrics.ts, written out again here. */
function inDoubt(d: Determination): { id: string; status: string }[] {
  const missing = new Set(d.missingDocumentation.map((m) => m.id));
  return d.criteria
    .filter(
      (c) => (c.status === 'not_met' && d.determination !== 'meets') || (c.status === 'unknown' && missing.has(c.id)),
    )
    .map((c) => ({ id: c.id, status: c.status }));
}

const hoursOf = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const byText = (a: string | null | undefined, b: string | null | undefined) =>
  a === b ? 0 : a === null || a === undefined ? 1 : b === null || b === undefined ? -1 : a < b ? -1 : 1;

describe.each(TEST_DATABASES)('denial analytics on $name', (target) => {
  let product: PayerConnected;
  let database: OpenDatabase;
  let simulator: Simulator;
  let app: FastifyInstance;
  let cases: CaseService;
  let worker: Worker;
  const sent: Sent[] = [];
  const events = new Map<string, CaseEvent[]>();

  const get = (url: string, accept = 'application/json') => app.inject({ method: 'GET', url, headers: { accept } });

  async function submit(
    caseId: string,
    channel: 'pas' | 'x12-278',
    answer: FinalAdjudication,
    override?: string,
  ): Promise<void> {
    const before = await cases.get(caseId);
    if (!before) throw new Error('no case');
    simulator.payer.rules = [{ match: {}, adjudication: answer }];
    const response = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/submissions`,
      payload: { channel, ...(override ? { override: { reason: override } } : {}) },
    });
    expect(response.statusCode, response.body).toBe(202);
    const { submissionId, attempt } = response.json<{ submissionId: string; attempt: number }>();
    expect(await worker.drain()).toBe(1);
    const edits = before.events.some(
      (e) => e.type === 'comment.added' || (e.type === 'determination.made' && 'requestedBy' in (e.payload as object)),
    );
    sent.push({
      caseId,
      submissionId,
      attempt,
      determination: before.determination,
      touchless: attempt === 1 ? !edits && override === undefined : null,
    });
  }

  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });

  /** Opens, files and decides an appeal of a denied case through the appeal routes. */
  async function appeal(caseId: string, outcome: 'overturned' | 'upheld'): Promise<void> {
    const opened = await post(`/api/cases/${caseId}/appeals`, { kind: 'reconsideration', reason: 'evidence attached' });
    expect(opened.statusCode).toBe(201);
    const appealId = opened.json<{ appeal: { id: string } }>().appeal.id;
    expect((await post(`/api/cases/${caseId}/appeals/${appealId}/filed`, {})).statusCode).toBe(200);
    expect((await post(`/api/cases/${caseId}/appeals/${appealId}/outcome`, { outcome })).statusCode).toBe(200);
  }

  async function created(bundle: unknown): Promise<string> {
    return (await cases.create(bundle, {}, 'test')).caseId;
  }

  beforeAll(async () => {
    product = await payerConnected(target, {
      organizationId: ORG,
      today: '2026-11-02',
      channelTimeoutMs: 2_000,
      worker: { leaseMs: 60_000 },
    });
    ({ database, simulator, app, cases, worker } = product);

    const [meets1, meets2, meets3] = bundlesOf('lumbar_meets_radiculopathy');
    const [shortTherapy1, shortTherapy2] = bundlesOf('lumbar_short_therapy');
    // 1: sent untouched, approved.
    await submit(await created(meets1), 'pas', { kind: 'approve' });
    // 2: a person comments before it is sent (not touchless); approved over X12.
    const commented = await created(meets2);
    const comment = await app.inject({
      method: 'POST',
      url: `/api/cases/${commented}/comments`,
      payload: { text: 'called the office' },
    });
    expect(comment.statusCode).toBe(201);
    await submit(commented, 'x12-278', { kind: 'approve' });
    // 3: expedited (red flag), approved.
    await submit(await created(bundlesOf('lumbar_red_flag')[0]), 'pas', { kind: 'approve' });
    // 4: does not meet, sent with an override, denied; appealed and overturned (W4's appeal routes).
    const overturned = await created(shortTherapy1);
    await submit(overturned, 'pas', { kind: 'deny', reasons: ['Conservative therapy not documented'] }, 'peer note');
    await appeal(overturned, 'overturned');
    // 5: documentation missing, sent with an override over X12, denied; appealed and upheld.
    const upheld = await created(bundlesOf('lumbar_silent')[0]);
    await submit(upheld, 'x12-278', { kind: 'deny', reasons: ['Records not received'] }, 'urgent');
    await appeal(upheld, 'upheld');
    // 6: denied, then a new attempt (determined again) approved.
    const retried = await created(shortTherapy2);
    await submit(retried, 'pas', { kind: 'deny', reasons: ['Not medically necessary'] }, 'peer note');
    const attempt = await post(`/api/cases/${retried}/attempts`, { reason: 'more therapy documented' });
    expect(attempt.statusCode).toBe(201);
    await submit(retried, 'pas', { kind: 'approve' }, 'therapy now documented');
    // 7: approved with a change (modified).
    await submit(await created(meets3), 'pas', { kind: 'modify', quantity: 1 });
    // 8: another payer and service (Mohs), approved.
    await submit(await created(bundlesOf('mohs_auc_fallback')[0]), 'x12-278', { kind: 'approve' });
    // 9: a person asks for a new determination before it is sent (not touchless); approved.
    const redetermined = await created(bundlesOf('lumbar_red_flag')[1]);
    const again = await post(`/api/cases/${redetermined}/determination`, { reason: 'new note filed' });
    expect(again.statusCode).toBe(200);
    await submit(redetermined, 'pas', { kind: 'approve' });
    // Created, never sent: in no figure.
    await created(bundlesOf('lumbar_red_flag')[2]);
    for (const caseId of new Set(sent.map((s) => s.caseId)))
      events.set(caseId, (await cases.get(caseId))?.events ?? []);
  }, 120_000);

  afterAll(() => product.close());

  /** Each request's figures from its events: receipt, decision, clock, outcome. */
  function requests() {
    return sent.map((s) => {
      const list = events.get(s.caseId) ?? [];
      const mine = (e: CaseEvent) => (e.payload as { submissionId?: string }).submissionId === s.submissionId;
      const received = list.find((e) => e.type === 'submission.sending' && mine(e));
      const decision = list.find((e) => e.type === 'payer.responded' && mine(e));
      const decisionIndex = decision ? list.indexOf(decision) : -1;
      const deadline = list.slice(decisionIndex).find((e) => e.type === 'deadline.set');
      const due = (deadline?.payload as { decisionDueAt?: string } | undefined)?.decisionDueAt;
      if (!received || !decision) throw new Error(`request ${s.submissionId} was not answered`);
      const d = s.determination;
      return {
        ...s,
        payer: d.payer.id,
        payerName: d.payer.name,
        service: d.order.code,
        urgency: d.coverage?.deadline?.urgency ?? 'standard',
        criteria: inDoubt(d),
        outcome: (decision.payload as { to: string }).to,
        receivedAt: received.at,
        decidedAt: decision.at,
        dueAt: due ?? null,
        ms: Date.parse(decision.at) - Date.parse(received.at),
      };
    });
  }

  it('keeps one fact row per request, equal to what its events say', async () => {
    const rows = await database.db
      .selectFrom('analytics_requests')
      .selectAll()
      .where('organization_id', '=', ORG)
      .execute();
    const expected = requests();
    expect(rows).toHaveLength(10);
    for (const r of expected) {
      const row = rows.find((x) => x.submission_id === r.submissionId);
      expect(row).toMatchObject({
        case_id: r.caseId,
        attempt: r.attempt,
        payer_id: r.payer,
        service_code: r.service,
        urgency: r.urgency,
        drug: false,
        touchless: r.touchless,
        outcome: r.outcome,
      });
      expect(row?.received_at?.toISOString()).toBe(r.receivedAt);
      expect(row?.decided_at?.toISOString()).toBe(r.decidedAt);
      expect(row?.due_at?.toISOString() ?? null).toBe(r.dueAt && new Date(r.dueAt).toISOString());
      expect((row?.criteria as { id: string; status: string }[]).map(({ id, status }) => ({ id, status }))).toEqual(
        r.criteria,
      );
    }
    // The retried case's first request keeps the determination it was sent with.
    expect(expected.filter((r) => r.attempt === 2)).toHaveLength(1);
    expect(expected.map((r) => r.outcome).sort()).toEqual(
      [...Array<string>(6).fill('approved'), 'denied', 'denied', 'denied', 'modified'].sort(),
    );
  });

  it('answers the denial rate by payer × service × criterion by month, as JSON and as CSV', async () => {
    const groups = new Map<
      string,
      { period: string; payer: string; service: string; criterion: string | null; decisions: number; denied: number }
    >();
    for (const r of requests()) {
      const period = periodStart(r.decidedAt, 'month').slice(0, 10);
      for (const criterion of r.criteria.length > 0 ? r.criteria.map((c) => c.id) : [null]) {
        const key = JSON.stringify([period, r.payer, r.service, criterion]);
        const g = groups.get(key) ?? { period, payer: r.payer, service: r.service, criterion, decisions: 0, denied: 0 };
        g.decisions++;
        if (r.outcome === 'denied') g.denied++;
        groups.set(key, g);
      }
    }
    const expected = [...groups.values()]
      .map((g) => ({ ...g, denialRate: rate(g.denied, g.decisions) }))
      .sort(
        (a, b) =>
          byText(a.period, b.period) ||
          byText(a.payer, b.payer) ||
          byText(a.service, b.service) ||
          byText(a.criterion, b.criterion),
      );
    const response = await get('/api/analytics/denials?groupBy=payer,service,criterion&interval=month&from=2020-01-01');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ rows: unknown[]; groupBy: string[]; interval: string; definition: string }>();
    expect(body.groupBy).toEqual(['payer', 'service', 'criterion']);
    expect(body.definition).toContain('denied / decisions');
    expect(body.rows).toEqual(expected);

    const csv = await get(
      '/api/analytics/denials?groupBy=payer,service,criterion&interval=month&from=2020-01-01',
      'text/csv',
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="denials.csv"');
    const lines = expected.map((r) =>
      [r.period, r.payer, r.service, r.criterion ?? '', r.decisions, r.denied, r.denialRate ?? ''].join(','),
    );
    expect(csv.body).toBe(
      ['period,payer,service,criterion,decisions,denied,denialRate', ...lines].join('\r\n') + '\r\n',
    );

    // By payer only, by day: each payer's decisions counted once.
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const daily = await get(`/api/analytics/denials?groupBy=payer&interval=day&from=${since}&format=csv`);
    const perPayer = new Map<string, { decisions: number; denied: number }>();
    for (const r of requests()) {
      const key = `${periodStart(r.decidedAt, 'day').slice(0, 10)},${r.payer}`;
      const g = perPayer.get(key) ?? { decisions: 0, denied: 0 };
      g.decisions++;
      if (r.outcome === 'denied') g.denied++;
      perPayer.set(key, g);
    }
    const dailyLines = [...perPayer]
      .sort(([a], [b]) => byText(a, b))
      .map(([key, g]) => `${key},${String(g.decisions)},${String(g.denied)},${String(rate(g.denied, g.decisions))}`);
    expect(daily.body).toBe(['period,payer,decisions,denied,denialRate', ...dailyLines].join('\r\n') + '\r\n');
  });

  it('answers first-pass, touchless and overturn rates', async () => {
    const all = requests();
    const firsts = [...new Set(all.map((r) => r.caseId))].map(
      (caseId) => all.filter((r) => r.caseId === caseId).sort((a, b) => a.attempt - b.attempt)[0],
    );
    const appealed = new Set(
      [...events].filter(([, list]) => list.some((e) => e.type === 'appeal.opened')).map(([caseId]) => caseId),
    );
    const passed = firsts.filter((r) => r?.outcome === 'approved' && !appealed.has(r.caseId)).length;
    const firstSent = all.filter((r) => r.attempt === 1);
    const touchless = firstSent.filter((r) => r.touchless).length;
    const response = await get('/api/analytics/summary?from=2020-01-01');
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(body.firstPass).toEqual({ cases: 9, approved: passed, rate: rate(passed, 9) });
    expect(passed).toBe(5);
    expect(body.touchless).toEqual({ submissions: 9, touchless, rate: rate(touchless, 9) });
    // Untouched: 1, 3, 7, 8; a comment (2), an override (4, 5, 6) or a re-determination on request (9) is an edit.
    expect(touchless).toBe(4);
    expect(body.overturn).toEqual({
      decided: 2,
      overturned: 1,
      partiallyOverturned: 0,
      upheld: 1,
      rate: 0.5,
      fullyOverturnedRate: 0.5,
    });
  });

  it('answers turnaround against the payer clock, and the root causes of the denials', async () => {
    const all = requests();
    const groups = new Map<string, typeof all>();
    for (const r of all) groups.set(`${r.payer}|${r.urgency}`, [...(groups.get(`${r.payer}|${r.urgency}`) ?? []), r]);
    const expected = [...groups]
      .sort(([a], [b]) => byText(a, b))
      .map(([key, rs]) => {
        const [payer, urgency] = key.split('|');
        const onTime = rs.filter((r) => r.dueAt && Date.parse(r.decidedAt) <= Date.parse(r.dueAt)).length;
        const late = rs.filter((r) => r.dueAt && Date.parse(r.decidedAt) > Date.parse(r.dueAt)).length;
        const ms = rs.map((r) => r.ms);
        return {
          payer,
          urgency,
          decisions: rs.length,
          averageHours: hoursOf(ms.reduce((a, b) => a + b, 0) / ms.length),
          medianHours: hoursOf(median(ms)),
          p90Hours: expect.any(Number) as number,
          onTime,
          late,
          noClock: rs.filter((r) => !r.dueAt).length,
          onTimeRate: rate(onTime, onTime + late),
        };
      });
    const response = await get('/api/analytics/turnaround?from=2020-01-01');
    expect(response.statusCode).toBe(200);
    expect(response.json<{ rows: unknown[] }>().rows).toEqual(expected);

    const denied = all.filter((r) => r.outcome === 'denied');
    const counts = new Map<string, { notMet: number; unknown: number }>();
    for (const r of denied) {
      for (const c of r.criteria) {
        const n = counts.get(c.id) ?? { notMet: 0, unknown: 0 };
        if (c.status === 'not_met') n.notMet++;
        else n.unknown++;
        counts.set(c.id, n);
      }
    }
    const causes = await get('/api/analytics/root-causes?from=2020-01-01&limit=200');
    expect(causes.statusCode, causes.body).toBe(200);
    const body = causes.json<{
      denials: number;
      allCriteriaMet: number;
      criteria: { criterion: string; notMet: number; unknown: number; denials: number; share: number }[];
    }>();
    expect(body.denials).toBe(3);
    expect(body.allCriteriaMet).toBe(denied.filter((r) => r.criteria.length === 0).length);
    expect(body.criteria).toHaveLength(counts.size);
    for (const row of body.criteria) {
      const n = counts.get(row.criterion);
      expect(row).toMatchObject({ ...n, denials: (n?.notMet ?? 0) + (n?.unknown ?? 0) });
      expect(row.share).toBe(rate(row.denials, 3));
    }
    // Most frequent first.
    expect(body.criteria.map((r) => r.denials)).toEqual([...body.criteria.map((r) => r.denials)].sort((a, b) => b - a));
  });

  it('answers the CMS-0057-F figures per payer, standard and expedited apart, as JSON and CSV', async () => {
    const all = requests();
    const response = await get(`/api/analytics/cms-0057f?year=${String(YEAR)}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      year: number;
      source: string;
      notDerived: string[];
      payers: { payer: string; standard: Record<string, unknown>; expedited: Record<string, unknown> }[];
    }>();
    expect(body.year).toBe(YEAR);
    expect(body.source).toContain('42 CFR 422.122(c)');
    expect(body.notDerived).toHaveLength(1);
    const payers = [...new Set(all.map((r) => r.payer))].sort(byText);
    expect(body.payers.map((p) => p.payer)).toEqual(payers);
    for (const p of body.payers) {
      for (const urgency of ['standard', 'expedited'] as const) {
        const rs = all.filter((r) => r.payer === p.payer && r.urgency === urgency);
        const n = rs.length;
        const count = (outcome: string) => rs.filter((r) => r.outcome === outcome).length;
        const afterAppeal = rs.filter((r) => r.outcome === 'denied' && r.caseId === sent[3]?.caseId).length;
        const percent = (k: number) => (n === 0 ? null : Math.round((10_000 * k) / n) / 100);
        expect(p[urgency]).toEqual({
          requests: n,
          approved: count('approved'),
          approvedOtherwise: count('modified') + count('partially_approved'),
          denied: count('denied'),
          approvedAfterAppeal: afterAppeal,
          percentApproved: percent(count('approved')),
          percentApprovedOtherwise: percent(count('modified') + count('partially_approved')),
          percentDenied: percent(count('denied')),
          percentApprovedAfterAppeal: percent(afterAppeal),
          averageHoursToDecision: n === 0 ? null : hoursOf(rs.reduce((a, r) => a + r.ms, 0) / n),
          medianHoursToDecision: n === 0 ? null : hoursOf(median(rs.map((r) => r.ms))),
        });
      }
    }
    const csv = await get(`/api/analytics/cms-0057f?year=${String(YEAR)}`, 'text/csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(
      'payer,payerName,urgency,requests,approved,approvedOtherwise,denied,approvedAfterAppeal,percentApproved,percentApprovedOtherwise,percentDenied,percentApprovedAfterAppeal,averageHoursToDecision,medianHoursToDecision',
    );
    expect(lines).toHaveLength(1 + payers.length * 2 + 1);
    // An earlier year has nothing.
    const empty = await get(`/api/analytics/cms-0057f?year=${String(YEAR - 1)}`);
    expect(empty.json<{ payers: unknown[] }>().payers).toEqual([]);
  });

  it('refuses bad parameters with a specific 400 and runs nothing', async () => {
    const cases400: [string, string][] = [
      ['/api/analytics/denials?groupBy=payer,region', "unknown dimension 'region': use payer, service, criterion"],
      ['/api/analytics/denials?from=2026-05-01&to=2026-04-01', 'must be before to'],
      ['/api/analytics/denials?interval=quarter', "unknown interval 'quarter'"],
      ['/api/analytics/denials?interval=day&from=2000-01-01', 'more than 1000 days'],
      ['/api/analytics/turnaround?groupBy=criterion', "unknown dimension 'criterion'"],
      ['/api/analytics/summary?from=2026-02-30', 'not a calendar date'],
      ['/api/analytics/cms-0057f?year=1999', `year must be from 2000 to ${String(YEAR)}`],
      [`/api/analytics/cms-0057f?year=${String(YEAR + 1)}`, 'year must be from'],
      ['/api/analytics/root-causes?limit=0', 'limit'],
    ];
    for (const [url, message] of cases400) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/fhir+json');
      expect(response.json<{ issue: { diagnostics: string }[] }>().issue[0]?.diagnostics, url).toContain(message);
    }
  });

  describe('hour arithmetic, with request facts at chosen times', () => {
    const SYNTHETIC = 'org-analytics-times';

    beforeAll(async () => {
      const other = cases.forOrganization(SYNTHETIC);
      const caseId = (await other.create(bundlesOf('lumbar_meets_radiculopathy')[0], {}, 'test')).caseId;
      // Received 1 March 2026 at 00:00 UTC; decided after 2, 4, 12 and 30 hours; due after 24 hours (the last is late);
      // one expedited without a clock decided after 1 hour; one drug order (out of the CMS report).
      const rows: [number, 'standard' | 'expedited', boolean, string, boolean][] = [
        [2, 'standard', true, 'approved', false],
        [4, 'standard', true, 'denied', false],
        [12, 'standard', true, 'approved', false],
        [30, 'standard', true, 'denied', false],
        [1, 'expedited', false, 'approved', false],
        [5, 'standard', true, 'approved', true],
      ];
      for (const [i, [hours, urgency, clock, outcome, drug]] of rows.entries()) {
        const received = Date.parse('2026-03-01T00:00:00Z');
        await database.db
          .insertInto('analytics_requests')
          .values({
            submission_id: randomUUID(),
            organization_id: SYNTHETIC,
            case_id: caseId,
            attempt: i + 1,
            payer_id: 'uhc',
            payer_name: 'UnitedHealthcare',
            line_of_business: 'commercial',
            service_code: drug ? 'J0517' : '72148',
            drug,
            urgency,
            policy_id: null,
            criteria: '[]',
            touchless: null,
            queued_at: new Date(received - 60_000),
            received_at: new Date(received),
            decided_at: new Date(received + hours * 3_600_000),
            outcome,
            due_at: clock ? new Date(received + 24 * 3_600_000) : null,
          })
          .execute();
      }
    });

    it('averages, medians and times against the clock exactly', async () => {
      const store = new PostgresAnalyticsStore(database.db);
      const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
      expect(await store.turnaround(SYNTHETIC, { period, groupBy: ['urgency'] })).toEqual([
        {
          urgency: 'expedited',
          decisions: 1,
          averageHours: 1,
          medianHours: 1,
          p90Hours: 1,
          onTime: 0,
          late: 0,
          noClock: 1,
          onTimeRate: null,
        },
        // 2, 4, 5, 12, 30 hours: mean 10.6, median 5, p90 = 12 + 0.6 × 18 = 22.8; 30 h is past the 24 h clock.
        {
          urgency: 'standard',
          decisions: 5,
          averageHours: 10.6,
          medianHours: 5,
          p90Hours: 22.8,
          onTime: 4,
          late: 1,
          noClock: 0,
          onTimeRate: 0.8,
        },
      ]);
      const [uhc] = await store.cms0057f(SYNTHETIC, 2026);
      // Drugs excluded: 2, 4, 12, 30 hours (mean 12, median 8); two of four approved, two denied.
      expect(uhc?.standard).toEqual({
        requests: 4,
        approved: 2,
        approvedOtherwise: 0,
        denied: 2,
        approvedAfterAppeal: 0,
        percentApproved: 50,
        percentApprovedOtherwise: 0,
        percentDenied: 50,
        percentApprovedAfterAppeal: 0,
        averageHoursToDecision: 12,
        medianHoursToDecision: 8,
      });
      expect(uhc?.expedited).toMatchObject({
        requests: 1,
        approved: 1,
        percentApproved: 100,
        medianHoursToDecision: 1,
      });
      // Decisions by day: 1 March (2, 4, 5, 12 h), 2 March (30 h, 1 h is 1 March too).
      const days = await store.denials(SYNTHETIC, { period, interval: 'day', groupBy: [] });
      expect(days).toEqual([
        { period: '2026-03-01', decisions: 5, denied: 1, denialRate: 0.2 },
        { period: '2026-03-02', decisions: 1, denied: 1, denialRate: 1 },
      ]);
      const weeks = await store.denials(SYNTHETIC, { period, interval: 'week', groupBy: [] });
      // 1 March 2026 is a Sunday (its ISO week began 23 February); 2 March a Monday.
      expect(weeks.map((w) => w.period)).toEqual(['2026-02-23', '2026-03-02']);
    });
  });
});
