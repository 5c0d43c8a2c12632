// Integration: a payer's request for more information end to end, on a real database (PGlite; server PostgreSQL when
// configured), through the API over real HTTP to the payer simulator and back, on both channels: submitted, pended
// with requested documents (PAS CommunicationRequest, X12 PWK), shown on the case, the answer drafted from the cited
// evidence, reviewed and sent once (PAS Claim update, X12 275), and approved. Retried and concurrent sends go out once.
import type { Bundle } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../adapters/db/database.ts';
import { PostgresPayerRequestStore } from '../adapters/db/payer-request-store.ts';
import type { SubmissionPorts } from '../adapters/db/submission-ports.ts';
import { checkPasBundle } from '../core/pas/index.ts';
import { cdaContent, validateX12Text } from '../core/x12/index.ts';
import { generateDemoCases } from '../demo/index.ts';
import type { Simulator } from '../sim/server.ts';
import { TEST_DATABASES } from '../testing/databases.ts';
import { payerConnected, type PayerConnected } from '../testing/payer-connected.ts';
import type { CaseService } from './cases.ts';
import type { AnswerDraft } from './payer-requests.ts';
import type { SubmissionService } from './submissions.ts';
import type { Worker } from './worker.ts';

const ORG = 'org-rfi';
const demo = generateDemoCases({ seed: 5 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');

interface CaseView {
  status: string;
  events: { type: string; payload: Record<string, unknown> }[];
  payerRequests: {
    id: string;
    channel: string;
    state: string;
    items: { code: string; system: string; description: string; pwkControlNumber?: string }[];
  }[];
}

describe.each(TEST_DATABASES)('requests for more information on $name', (target) => {
  let product: PayerConnected;
  let database: OpenDatabase;
  let simulator: Simulator;
  let apiBase: string;
  let cases: CaseService;
  let ports: SubmissionPorts;
  let worker: Worker;
  let channels: PayerConnected['channels'];
  let submissions: SubmissionService;

  beforeAll(async () => {
    product = await payerConnected(target, {
      organizationId: ORG,
      today: '2026-11-02',
      channelTimeoutMs: 2000,
      decisionDue: false,
      worker: { leaseMs: 60_000 },
    });
    ({ database, simulator, apiBase, cases, ports, worker, channels, submissions } = product);
  });

  afterAll(() => product.close());

  beforeEach(() => {
    simulator.payer.reset([
      {
        match: {},
        adjudication: {
          kind: 'request_information',
          documents: [
            { reportType: 'OZ', loinc: '11506-3', description: 'Progress note documenting conservative therapy' },
            { reportType: 'PN', description: 'Physical therapy notes' },
          ],
          then: { kind: 'approve' },
        },
      },
    ]);
    simulator.informationReceived.length = 0;
  });

  const call = (method: string, path: string, body?: unknown, key?: string) =>
    fetch(`${apiBase}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const caseView = async (caseId: string) => (await (await call('GET', `/api/cases/${caseId}`)).json()) as CaseView;

  async function pendedCase(channel: 'pas' | 'x12-278'): Promise<{ caseId: string; view: CaseView }> {
    const stored = await cases.create(demo?.bundle, { confirmDuplicate: true }, 'test');
    expect((await call('POST', `/api/cases/${stored.caseId}/submissions`, { channel })).status).toBe(202);
    await worker.drain();
    return { caseId: stored.caseId, view: await caseView(stored.caseId) };
  }

  it.each(['pas', 'x12-278'] as const)(
    'over %s: pended with requests, answered from the evidence once, approved',
    async (channel) => {
      const { caseId, view } = await pendedCase(channel);
      expect(view.status).toBe('pended');
      expect(view.payerRequests).toHaveLength(1);
      const [request] = view.payerRequests;
      if (!request) throw new Error('no request');
      expect(request).toMatchObject({ channel, state: 'open' });
      expect(request.items.map((i) => i.description)).toEqual([
        'Progress note documenting conservative therapy',
        'Physical therapy notes',
      ]);
      expect(request.items.every((i) => /^PEND[0-9A-F]+-\d$/.test(i.pwkControlNumber ?? ''))).toBe(true);
      expect(request.items.map((i) => i.code)).toEqual(channel === 'pas' ? ['11506-3', 'PN'] : ['OZ', 'PN']);
      const requested = view.events.find((e) => e.type === 'payer.requested_information');
      expect(requested?.payload).toMatchObject({ requestId: request.id, items: request.items });

      // The draft: each item with the evidence summary and the cited notes; the summary quotes the record.
      const draftResponse = await call('GET', `/api/cases/${caseId}/payer-requests/${request.id}/answer`);
      expect(draftResponse.status).toBe(200);
      const draft = (await draftResponse.json()) as AnswerDraft;
      expect(draft.items).toHaveLength(2);
      expect(draft.items[0]?.suggestedDocumentIds[0]).toBe('evidence-summary');
      const note = draft.documents.find((d) => d.source === 'record');
      expect(note?.documentId).toMatch(/^note:/);
      const cited = draft.evidenceSummary.criteria.flatMap((c) => c.evidence);
      expect(cited.length).toBeGreaterThan(0);
      expect(cited.some((e) => e.date !== undefined && e.quote.length > 0)).toBe(true);

      // Reviewed and sent: a retried request with the same key replays, a second send is refused.
      const selection = {
        items: [
          { itemIndex: 0, documentIds: ['evidence-summary', note?.documentId ?? ''] },
          { itemIndex: 1, documentIds: [note?.documentId ?? ''] },
        ],
      };
      const path = `/api/cases/${caseId}/payer-requests/${request.id}/answer`;
      const [first, retried] = await Promise.all([
        call('POST', path, selection, `answer-${caseId}`),
        call('POST', path, selection, `answer-${caseId}`),
      ]);
      expect([first.status, retried.status]).toEqual([202, 202]);
      expect([first.headers.get('idempotent-replayed'), retried.headers.get('idempotent-replayed')].sort()).toEqual([
        'false',
        'true',
      ]);
      expect((await call('POST', path, selection, `other-${caseId}`)).status).toBe(409);
      expect((await caseView(caseId)).payerRequests[0]?.state).toBe('answering');

      expect(await worker.drain()).toBe(1);
      const answered = await caseView(caseId);
      expect(answered.status).toBe('approved');
      expect(answered.payerRequests[0]?.state).toBe('answered');
      const types = answered.events.map((e) => e.type);
      expect(types.slice(types.indexOf('payer.requested_information'))).toEqual([
        'payer.requested_information',
        'information.queued',
        'information.sent',
        'payer.responded',
      ]);
      expect(answered.events.find((e) => e.type === 'information.sent')?.payload).toMatchObject({
        requestId: request.id,
        channel,
      });
      const receipts = simulator.payer.receipts.filter((r) => r.kind === 'information');
      expect(receipts).toEqual([expect.objectContaining({ submissionId: request.id, duplicate: false })]);

      // What went on the wire is valid: the 275 passes our X210 validation, the PAS update the PAS checks.
      const [sent] = simulator.informationReceived;
      if (channel === 'x12-278') {
        const report = validateX12Text(sent?.body ?? '');
        expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
        const attachments = report.attachments[0]?.transaction.attachments ?? [];
        expect(attachments.map((a) => a.trn?.attachmentControlNumber)).toEqual([
          request.items[0]?.pwkControlNumber,
          request.items[0]?.pwkControlNumber,
          request.items[1]?.pwkControlNumber,
        ]);
        expect(cdaContent(attachments[0]?.data ?? '')?.content.toString('utf8')).toContain('Requested:');
      } else {
        const bundle = JSON.parse(sent?.body ?? '{}') as Bundle;
        expect(checkPasBundle(bundle)).toEqual([]);
      }
    },
  );

  it.each(['pas', 'x12-278'] as const)(
    'over %s: a resend after a crash is recognised by the payer',
    async (channel) => {
      const { caseId, view } = await pendedCase(channel);
      const request = view.payerRequests[0];
      if (!request) throw new Error('no request');
      const path = `/api/cases/${caseId}/payer-requests/${request.id}/answer`;
      expect(
        (
          await call('POST', path, {
            items: [
              { itemIndex: 0, documentIds: ['evidence-summary'] },
              { itemIndex: 1, documentIds: ['evidence-summary'] },
            ],
          })
        ).status,
      ).toBe(202);
      // A worker sends and dies before recording: the job's lease runs out and another worker sends it again.
      const submissionId = view.events.find((e) => e.type === 'submission.queued')?.payload.submissionId;
      const submission = await ports.store.findSubmission(String(submissionId));
      if (!submission) throw new Error('no submission');
      const original = await submissions.requestFor(submission);
      const queued = await new PostgresPayerRequestStore(database.db).findForJob(request.id);
      const documents = queued?.answer?.documents ?? [];
      expect(documents).toHaveLength(2);
      const wire = channel === 'pas' ? channels.pas : channels.x12;
      await wire.sendInformation({ answerId: request.id, original, documents });
      expect(await worker.drain()).toBe(1);
      expect((await caseView(caseId)).status).toBe('approved');
      const receipts = simulator.payer.receipts.filter((r) => r.kind === 'information');
      expect(receipts.map((r) => r.duplicate)).toEqual([false, true]);
    },
  );

  it('refuses a selection naming what the case does not have, changing nothing', async () => {
    const { caseId, view } = await pendedCase('pas');
    const request = view.payerRequests[0];
    const path = `/api/cases/${caseId}/payer-requests/${request?.id ?? ''}/answer`;
    const bad = await call('POST', path, { items: [{ itemIndex: 5, documentIds: ['attachment:9'] }] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('no item 5');
    expect((await caseView(caseId)).payerRequests[0]?.state).toBe('open');
    const missing = await call(
      'GET',
      `/api/cases/${caseId}/payer-requests/00000000-0000-4000-8000-000000000000/answer`,
    );
    expect(missing.status).toBe(404);
  });
});
