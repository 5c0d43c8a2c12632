import { describe, expect, it } from 'vitest';
import type { Bundle } from '@medplum/fhirtypes';
import { readPasResponse } from '../core/pas/index.ts';
import { decideItems } from './adjudicate.ts';
import { SimulatedPayer, type ReceivedRequest } from './payer.ts';
import { writePasResponse } from './pas.ts';
import { chooseAdjudication } from './scenarios.ts';

const request: ReceivedRequest = {
  wire: 'pas',
  submissionId: 'sub-1',
  kind: 'initial',
  keys: { payerId: '87726', codes: ['72148', '72149'], memberId: 'M1' },
  items: [
    { sequence: 1, code: '72148' },
    { sequence: 2, code: '72149' },
  ],
};

const requestBundle: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  identifier: { value: 'sub-1' },
  entry: [
    {
      fullUrl: 'https://klivira.test/fhir/Claim/c1',
      resource: {
        resourceType: 'Claim',
        id: 'c1',
        status: 'active',
        use: 'preauthorization',
        type: { coding: [{ code: 'professional' }] },
        patient: { reference: 'Patient/p1' },
        provider: { reference: 'Organization/o1' },
        created: '2026-11-02',
        priority: { coding: [{ code: 'normal' }] },
        insurance: [],
        identifier: [{ value: 'sub-1' }],
      },
    },
  ],
};

describe('payer simulator', () => {
  it('matches scenario rules by payer, code and member, first match wins, approving by default', () => {
    const rules = [
      { match: { memberId: 'M2' }, adjudication: { kind: 'deny' as const, reasons: ['MN'] } },
      { match: { code: '72149' }, adjudication: { kind: 'contact_payer' as const } },
    ];
    expect(chooseAdjudication(rules, request.keys).kind).toBe('contact_payer');
    expect(chooseAdjudication(rules, { codes: ['99213'], memberId: 'M2' }).kind).toBe('deny');
    expect(chooseAdjudication(rules, { codes: ['99213'] }).kind).toBe('approve');
  });

  it('answers a partial approval item by item, and the PAS reader sees it as partial', () => {
    const payer = new SimulatedPayer([
      { match: {}, adjudication: { kind: 'partial', certifiedItems: 1, reasons: ['MN'] } },
    ]);
    const reply = payer.receive(request, 0);
    if (reply.kind !== 'decision') throw new Error('expected a decision');
    const decision = readPasResponse(
      writePasResponse(requestBundle, reply.authorization, new Date('2026-11-02T10:00:00Z')),
    );
    expect(decision.outcome).toBe('partial');
    expect(decision.items.map((i) => [i.itemSequence, i.reviewActionCode])).toEqual([
      [1, 'A1'],
      [2, 'A3'],
    ]);
  });

  it('gives the same authorization number to a resend, and counts it as a duplicate receipt', () => {
    const payer = new SimulatedPayer();
    const first = payer.receive(request, 0);
    const again = payer.receive(request, 1);
    if (first.kind !== 'decision' || again.kind !== 'decision') throw new Error('expected decisions');
    expect(again.authorization.items[0]?.authorizationNumber).toBe(first.authorization.items[0]?.authorizationNumber);
    expect(payer.receipts.map((r) => r.duplicate)).toEqual([false, true]);
    expect(decideItems('sub-1', request.items, { kind: 'approve' })[0]?.authorizationNumber).toBe(
      first.authorization.items[0]?.authorizationNumber,
    );
  });

  it('decides a pend when its time comes, and cancels a known request', () => {
    const payer = new SimulatedPayer([
      { match: {}, adjudication: { kind: 'pend', decideAfterMs: 100, then: { kind: 'approve' } } },
    ]);
    payer.receive(request, 0);
    expect(payer.resolveDue(50)).toHaveLength(0);
    expect(payer.resolveDue(100).map((a) => a.items.map((i) => i.action))).toEqual([['A1', 'A1']]);
    const cancel = payer.receive({ ...request, kind: 'cancel', submissionId: 'sub-1-cancel', relatedTo: 'sub-1' }, 200);
    if (cancel.kind !== 'decision') throw new Error('expected a decision');
    expect(cancel.authorization.items.map((i) => i.action)).toEqual(['C', 'C']);
  });
});

describe('a request for information', () => {
  const asking = new SimulatedPayer([
    {
      match: {},
      adjudication: {
        kind: 'request_information',
        documents: [
          { reportType: 'OZ', loinc: '11506-3', description: 'Progress note' },
          { reportType: 'PN', description: 'Physical therapy notes' },
        ],
        then: { kind: 'approve' },
      },
    },
  ]);

  it('pends with what it awaits, decides once every control number arrived, and knows a resend', () => {
    const reply = asking.receive(request, 1000);
    if (reply.kind !== 'decision') throw new Error('no decision');
    const awaited = reply.authorization.awaiting?.map((a) => a.controlNumber) ?? [];
    expect(awaited).toHaveLength(2);
    expect(reply.authorization.items.every((i) => i.action === 'A4')).toBe(true);
    const partial = asking.receiveInformation(
      { wire: 'pas', answerId: 'ans-1', relatedTo: 'sub-1', controlNumbers: [awaited[0] ?? ''] },
      2000,
    );
    expect(partial?.items.every((i) => i.action === 'A4')).toBe(true);
    const rest = asking.receiveInformation(
      { wire: 'x12-278', answerId: 'ans-2', controlNumbers: [awaited[1] ?? ''] },
      3000,
    );
    expect(rest?.items.map((i) => i.action)).toEqual(['A1', 'A1']);
    expect(asking.receiveInformation({ wire: 'pas', answerId: 'ans-2', controlNumbers: [] }, 4000)).toBe(rest);
    expect(asking.receipts.filter((r) => r.kind === 'information').map((r) => r.duplicate)).toEqual([
      false,
      false,
      true,
    ]);
    expect(asking.receiveInformation({ wire: 'pas', answerId: 'ans-9', controlNumbers: ['nothing'] }, 5000)).toBe(
      undefined,
    );
  });
});
