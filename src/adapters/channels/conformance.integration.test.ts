// Integration: one conformance suite for every submission channel, over real HTTP on loopback against the payer
// simulator. Each scenario must give the same case outcome whichever wire carries it, and the simulator must have
// received each submission exactly once.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaseService } from '../../app/cases.ts';
import { ChannelError, type SubmissionChannel, type SubmissionRequest } from '../../core/channel/index.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { buildSimulator, type Simulator } from '../../sim/server.ts';
import type { Adjudication } from '../../sim/scenarios.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import { PasChannel } from './pas-channel.ts';
import { X12CoreChannel } from './x12-core-channel.ts';

let simulator: Simulator;
let base: string;
let counter = 0;
const controlNumbers = () => {
  counter += 1;
  return Promise.resolve({ interchange: counter, group: counter, transaction: counter });
};
const credentials = { username: 'klivira', password: 'sim-secret' };

beforeAll(async () => {
  simulator = buildSimulator({ core: credentials, tickMs: 10 });
  await simulator.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${String((simulator.app.server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await simulator.app.close();
});
beforeEach(() => {
  simulator.payer.reset();
});

const TIMEOUT_MS = 600;
const addressing = { senderId: 'KLIVIRA01', receiverId: 'PAYERSIM', usage: 'T' as const, originatorId: '1999999999' };

const channels: [string, () => SubmissionChannel][] = [
  [
    'Da Vinci PAS',
    () =>
      new PasChannel({
        baseUrl: `${base}/fhir`,
        timeoutMs: TIMEOUT_MS,
        submissionSystem: 'urn:trnorg:1999999999',
        fullUrlBase: 'https://klivira.test/fhir',
        transmission: { interchangeSenderID: 'KLIVIRA01', interchangeReceiverID: 'PAYERSIM' },
      }),
  ],
  [
    'X12 278 over CORE SOAP',
    () =>
      new X12CoreChannel({
        url: `${base}/core`,
        style: 'soap',
        credentials,
        timeoutMs: TIMEOUT_MS,
        addressing,
        controlNumbers,
      }),
  ],
  [
    'X12 278 over CORE MIME',
    () =>
      new X12CoreChannel({
        url: `${base}/core`,
        style: 'mime',
        credentials,
        timeoutMs: TIMEOUT_MS,
        addressing,
        controlNumbers,
      }),
  ],
];

const service = new CaseService({
  library: loadPolicyLibrary(),
  organizationId: 'conformance',
  today: () => '2026-11-02',
});
const demo = generateDemoCases({ seed: 11 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');
if (!demo) throw new Error('the demo generator has no lumbar case');

function request(): SubmissionRequest {
  const { intake, determination } = service.check(demo?.bundle);
  return {
    caseId: randomUUID(),
    submissionId: randomUUID(),
    bundle: intake.bundle,
    intake,
    determination,
    urgency: 'routine',
    timestamp: '2026-11-02T15:00:00Z',
  };
}

const rules = (adjudication: Adjudication) => {
  simulator.payer.rules = [{ match: {}, adjudication }];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(channels)('%s conforms', (_name, makeChannel) => {
  const cases: [string, Adjudication, { outcome: string; code: string; auth: boolean; reasons?: string[] }][] = [
    ['approve', { kind: 'approve' }, { outcome: 'certified', code: 'A1', auth: true }],
    ['modify', { kind: 'modify', quantity: 1 }, { outcome: 'modified', code: 'A6', auth: true }],
    [
      'deny with reasons',
      { kind: 'deny', reasons: ['MN'] },
      { outcome: 'not_certified', code: 'A3', auth: false, reasons: ['MN'] },
    ],
    ['contact payer', { kind: 'contact_payer' }, { outcome: 'contact_payer', code: 'CT', auth: false }],
  ];

  it.each(cases)('%s', async (_label, adjudication, expected) => {
    rules(adjudication);
    const r = request();
    const decision = await makeChannel().submit(r);
    expect(decision.outcome).toBe(expected.outcome);
    expect(decision.items).toHaveLength(1);
    expect(decision.items[0]?.reviewActionCode).toBe(expected.code);
    expect(decision.items[0]?.authorizationNumber !== undefined).toBe(expected.auth);
    if (expected.reasons) expect(decision.items[0]?.reasonCodes).toEqual(expected.reasons);
    expect(decision.submissionId).toBe(r.submissionId);
    expect(simulator.payer.receiptCount(r.submissionId)).toBe(1);
  });

  it('pend, then the decision is available by inquiry once the payer decides', async () => {
    rules({ kind: 'pend', decideAfterMs: 50, then: { kind: 'approve' } });
    const channel = makeChannel();
    const r = request();
    const first = await channel.submit(r);
    expect(first.outcome).toBe('pended');
    expect(first.items[0]?.administrationReferenceNumber).toMatch(/^PEND/);
    await sleep(120);
    const later = await channel.inquire(r);
    expect(later?.outcome).toBe('certified');
    expect(simulator.payer.receiptCount(r.submissionId)).toBe(1);
  });

  it('business error: the rejection reason and follow-up action come back', async () => {
    rules({ kind: 'business_error', code: '75', followUp: 'C' });
    const decision = await makeChannel().submit(request());
    expect(decision.outcome).toBe('error');
    expect(decision.errors[0]).toMatchObject({ code: '75', followupAction: 'C' });
  });

  it('HTTP 500 is retryable and leaves no receipt; the retry is received once', async () => {
    rules({ kind: 'http_500', times: 1, then: { kind: 'approve' } });
    const channel = makeChannel();
    const r = request();
    const failure = await channel.submit(r).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelError);
    expect((failure as ChannelError).kind).toBe('unavailable');
    expect((failure as ChannelError).retryable).toBe(true);
    expect(simulator.payer.receiptCount(r.submissionId)).toBe(0);
    expect((await channel.submit(r)).outcome).toBe('certified');
    expect(simulator.payer.receiptCount(r.submissionId)).toBe(1);
  });

  it('a slow answer times out; an inquiry then finds the request instead of sending it again', async () => {
    rules({ kind: 'slow', delayMs: TIMEOUT_MS + 400, then: { kind: 'approve' } });
    const channel = makeChannel();
    const r = request();
    const failure = await channel.submit(r).catch((error: unknown) => error);
    expect((failure as ChannelError).kind).toBe('timeout');
    const found = await channel.inquire(r);
    expect(found?.outcome).toBe('certified');
    expect(simulator.payer.receiptCount(r.submissionId)).toBe(1);
  });

  it('an inquiry about a request the payer never received says so', async () => {
    expect(await makeChannel().inquire(request())).toBeUndefined();
  });

  it('a resend with the same submission id is recognised, not decided twice', async () => {
    rules({ kind: 'approve' });
    const channel = makeChannel();
    const r = request();
    const first = await channel.submit(r);
    const again = await channel.submit(r);
    expect(again.items[0]?.authorizationNumber).toBe(first.items[0]?.authorizationNumber);
    expect(simulator.payer.receipts.filter((x) => x.submissionId === r.submissionId).map((x) => x.duplicate)).toEqual([
      false,
      true,
    ]);
  });

  it('a malformed answer is a typed, non-retryable failure', async () => {
    rules({ kind: 'malformed' });
    const failure = await makeChannel()
      .submit(request())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelError);
    expect((failure as ChannelError).kind).toBe('malformed_response');
    expect((failure as ChannelError).retryable).toBe(false);
  });

  it('cancel withdraws an approved request', async () => {
    rules({ kind: 'approve' });
    const channel = makeChannel();
    const r = request();
    await channel.submit(r);
    const cancelled = await channel.cancel({ ...r, timestamp: '2026-11-03T09:00:00Z' });
    expect(cancelled.outcome).toBe('cancelled');
  });
});

describe('CORE security', () => {
  it('refuses wrong credentials with a non-retryable rejection', async () => {
    const channel = new X12CoreChannel({
      url: `${base}/core`,
      style: 'soap',
      credentials: { username: 'klivira', password: 'wrong' },
      timeoutMs: TIMEOUT_MS,
      addressing,
      controlNumbers,
    });
    const failure = await channel.submit(request()).catch((error: unknown) => error);
    expect((failure as ChannelError).kind).toBe('rejected');
    expect((failure as ChannelError).message).toMatch(/UnAuthorized/);
  });
});
