// Integration: after a denial, over real HTTP on loopback, on each test database, with the payer simulator and a
// worker in process. The simulator denies the demo's lumbar MRI (72148): a new attempt with a changed order (72158)
// is determined again and approved; an appeal is opened (its clock on GET case), filed and overturned with an
// authorization number, or upheld; two concurrent openings for one denial make one appeal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../db/database.ts';
import type { CaseService } from '../../../app/cases.ts';
import type { Worker } from '../../../app/worker.ts';
import { generateDemoCases } from '../../../demo/index.ts';
import type { Simulator } from '../../../sim/server.ts';
import { TEST_DATABASES } from '../../../testing/databases.ts';
import { payerConnected, type PayerConnected } from '../../../testing/payer-connected.ts';

const TODAY = '2026-11-02';
const lumbar = generateDemoCases({ seed: 16, count: 80 }).filter((d) => d.scenario === 'lumbar_meets_radiculopathy');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CaseView {
  status: string;
  attempt: number;
  determination: { determination: string; order: { code: string }; payer: { lineOfBusiness: string } };
  events: { type: string; payload: Record<string, unknown> }[];
  authorization: { number: string; validFrom: string | null; validTo: string | null } | null;
  appeals: {
    id: string;
    kind: string;
    state: string;
    level: number;
    lineOfBusiness: string;
    filingDeadline: string | null;
    decisionDueAt: string | null;
    decisionWindow: { hours: number; text: string } | null;
    sources: string[];
    timeLeftSeconds: number | null;
    outcome: string | null;
    nextLevel: unknown;
  }[];
}

describe.each(TEST_DATABASES)('after a denial, over HTTP, on $name', (target) => {
  let product: PayerConnected;
  let database: OpenDatabase;
  let simulator: Simulator;
  let base: string;
  let cases: CaseService;
  let worker: Worker;
  // Each test takes its own patient: the same patient, order and payer again within 30 days is a duplicate.
  const used = new Set<string>();

  beforeAll(async () => {
    product = await payerConnected(target, {
      organizationId: 'org-appeals',
      today: TODAY,
      channelTimeoutMs: 5000,
      decisionDue: false,
      worker: { pollMs: 10, leaseMs: 5000 },
    });
    ({ database, simulator, apiBase: base, cases, worker } = product);
    worker.start();
    simulator.payer.reset([{ match: { code: '72148' }, adjudication: { kind: 'deny', reasons: ['0U'] } }]);
  });

  afterAll(() => product.close());

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const read = async (caseId: string) => (await (await fetch(`${base}/api/cases/${caseId}`)).json()) as CaseView;

  async function until(caseId: string, statuses: string[]): Promise<CaseView> {
    for (let i = 0; i < 300; i += 1) {
      const view = await read(caseId);
      if (statuses.includes(view.status)) return view;
      await sleep(20);
    }
    throw new Error(`case ${caseId} never reached ${statuses.join('/')}`);
  }

  function unused(lineOfBusiness?: string) {
    const demo = lumbar.find(
      (d) =>
        !used.has(d.id) &&
        (!lineOfBusiness || cases.check(d.bundle).determination.payer.lineOfBusiness === lineOfBusiness),
    );
    if (!demo) throw new Error(`no unused demo lumbar case for ${lineOfBusiness ?? 'any line'}`);
    used.add(demo.id);
    return demo;
  }

  /** A demo lumbar MRI case of the line of business, sent over PAS and denied by the payer. */
  async function deniedCase(lineOfBusiness: string): Promise<string> {
    const demo = unused(lineOfBusiness);
    const created = await post('/api/cases', demo.bundle);
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { caseId: string }).caseId;
    expect((await post(`/api/cases/${caseId}/submissions`, { channel: 'pas' })).status).toBe(202);
    const denied = await until(caseId, ['denied']);
    expect(denied.attempt).toBe(1);
    expect(denied.appeals).toEqual([]);
    expect(denied.authorization).toBeNull();
    return caseId;
  }

  it('starts a new attempt for a changed order: determined again for 72158, then sent and approved', async () => {
    const caseId = await deniedCase('commercial');
    const started = await post(`/api/cases/${caseId}/attempts`, {
      reason: 'the payer denied 72148; order changed to MRI without and with contrast',
      orderCode: '72158',
      orderDisplay: 'MRI lumbar spine without contrast, followed by contrast',
    });
    expect(started.status).toBe(201);
    const attempt = (await started.json()) as { attempt: number; status: string; order: { code: string } };
    expect(attempt).toMatchObject({ attempt: 2, status: 'ready', order: { code: '72158' } });
    const view = await read(caseId);
    expect(view.determination.order.code).toBe('72158');
    const types = view.events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['attempt.started', 'determination.made']);
    const startedEvent = view.events.at(-2);
    expect(startedEvent?.payload).toMatchObject({
      attempt: 2,
      from: 'denied',
      to: 'draft',
      changedOrder: { from: { code: '72148' }, to: { code: '72158' } },
    });
    // Again while it is no longer denied: refused, nothing written.
    expect((await post(`/api/cases/${caseId}/attempts`, { reason: 'twice' })).status).toBe(409);
    expect((await post(`/api/cases/${caseId}/submissions`, { channel: 'pas' })).status).toBe(202);
    const approved = await until(caseId, ['approved', 'denied']);
    expect(approved.status).toBe('approved');
    expect(approved.attempt).toBe(2);
    // The payer's number and validity (PAS preAuthRef and itemPreAuthPeriod), from its approving answer.
    expect(approved.authorization?.number).toMatch(/\S/);
    expect(approved.authorization?.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(approved.authorization?.validTo).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('opens an appeal with its clock, files it, and an overturn approves the case with its authorization number', async () => {
    const caseId = await deniedCase('commercial');
    const opened = await post(`/api/cases/${caseId}/appeals`, { kind: 'appeal', reason: 'radiculopathy documented' });
    expect(opened.status).toBe(201);
    const { appeal } = (await opened.json()) as { appeal: CaseView['appeals'][number] };
    expect(appeal).toMatchObject({ kind: 'appeal', level: 1, state: 'drafting', lineOfBusiness: 'commercial' });
    // ERISA: 180 days to file, counted from the denial.
    const days = (Date.parse(appeal.filingDeadline ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(179.9);
    expect(days).toBeLessThanOrEqual(180);
    let view = await read(caseId);
    expect(view.status).toBe('in_appeal');
    expect(view.appeals[0]?.timeLeftSeconds).toBeGreaterThan(179 * 86_400);
    expect(view.appeals[0]?.sources.join(' ')).toContain('29 CFR 2560.503-1(h)(3)(i)');
    // The outcome before filing is out of order.
    const early = await post(`/api/cases/${caseId}/appeals/${appeal.id}/outcome`, { outcome: 'overturned' });
    expect(early.status).toBe(409);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await post(`/api/cases/${caseId}/appeals/${appeal.id}/filed`, { filedAt: future })).status).toBe(422);
    const filed = await post(`/api/cases/${caseId}/appeals/${appeal.id}/filed`, {});
    expect(filed.status).toBe(200);
    view = await read(caseId);
    const running = view.appeals[0];
    expect(running?.state).toBe('filed');
    expect(running?.decisionWindow).toEqual({ hours: 720, text: '30 calendar days' });
    expect(running?.timeLeftSeconds).toBeGreaterThan(29 * 86_400);
    expect(running?.timeLeftSeconds).toBeLessThanOrEqual(30 * 86_400);
    const decided = await post(`/api/cases/${caseId}/appeals/${appeal.id}/outcome`, {
      outcome: 'overturned',
      authorizationNumber: 'APL-2026-0042',
    });
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as { caseStatus: string }).caseStatus).toBe('approved');
    view = await read(caseId);
    expect(view.status).toBe('approved');
    expect(view.authorization).toEqual({ number: 'APL-2026-0042', validFrom: null, validTo: null });
    expect(view.appeals[0]).toMatchObject({ state: 'decided', outcome: 'overturned', timeLeftSeconds: null });
    expect(view.events.filter((e) => e.type.startsWith('appeal.')).map((e) => e.type)).toEqual([
      'appeal.opened',
      'appeal.filed',
      'appeal.decided',
    ]);
    expect(view.events.at(-1)?.payload).toMatchObject({ outcome: 'overturned', from: 'in_appeal', to: 'approved' });
    // The case column the work queue searches follows the overturn's number.
    const row = await database.db
      .selectFrom('cases')
      .select('authorization_number')
      .where('id', '=', caseId)
      .executeTakeFirst();
    expect(row?.authorization_number).toBe('APL-2026-0042');
    expect((await post(`/api/cases/${caseId}/appeals`, { kind: 'appeal', reason: 'again' })).status).toBe(409);
  });

  it('an upheld Medicaid managed care appeal leaves the case denied, and the line has no next level coded', async () => {
    const caseId = await deniedCase('medicaid_managed_care');
    const opened = await post(`/api/cases/${caseId}/appeals`, { kind: 'appeal', expedited: true, reason: 'urgent' });
    const { appeal } = (await opened.json()) as { appeal: CaseView['appeals'][number] };
    expect(appeal.sources.join(' ')).toContain('42 CFR 438.402(c)(2)(ii)');
    await post(`/api/cases/${caseId}/appeals/${appeal.id}/filed`, {});
    expect((await read(caseId)).appeals[0]?.decisionWindow).toEqual({ hours: 72, text: '72 hours' });
    const upheld = await post(`/api/cases/${caseId}/appeals/${appeal.id}/outcome`, {
      outcome: 'upheld',
      authorizationNumber: 'X',
    });
    expect(upheld.status).toBe(422);
    expect((await post(`/api/cases/${caseId}/appeals/${appeal.id}/outcome`, { outcome: 'upheld' })).status).toBe(200);
    const view = await read(caseId);
    expect(view.status).toBe('denied');
    expect(view.appeals[0]).toMatchObject({ outcome: 'upheld', nextLevel: null });
    expect(view.authorization).toBeNull();
    // Level 1 was decided: the same level cannot be opened again.
    const again = await post(`/api/cases/${caseId}/appeals`, { kind: 'appeal', reason: 'again' });
    expect(again.status).toBe(422);
  });

  it('two concurrent openings for one denial: one appeal, the other 409', async () => {
    const caseId = await deniedCase('commercial');
    const answers = await Promise.all(
      [1, 2].map(() => post(`/api/cases/${caseId}/appeals`, { kind: 'appeal', reason: 'concurrent' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const view = await read(caseId);
    expect(view.appeals).toHaveLength(1);
    expect(view.events.filter((e) => e.type === 'appeal.opened')).toHaveLength(1);
  });

  it('answers an unknown case or appeal 404, and a case with no adverse decision 409', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await post(`/api/cases/${missing}/appeals`, { kind: 'appeal', reason: 'none' })).status).toBe(404);
    expect((await post(`/api/cases/${missing}/attempts`, { reason: 'none' })).status).toBe(404);
    const created = await post('/api/cases', unused().bundle);
    const caseId = ((await created.json()) as { caseId: string }).caseId;
    expect((await post(`/api/cases/${caseId}/appeals`, { kind: 'appeal', reason: 'not denied' })).status).toBe(409);
    expect((await post(`/api/cases/${caseId}/appeals/${missing}/filed`, {})).status).toBe(404);
    expect((await post(`/api/cases/${caseId}/attempts`, { reason: 'not denied' })).status).toBe(409);
  });
});
