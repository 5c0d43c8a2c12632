// Synthetic request inputs for tests and the benchmark (fictitious people, NPIs that only pass the Luhn check).
import type { X12RequestInput } from './x278-build.ts';

export function sampleRequestInput(overrides: Partial<X12RequestInput> = {}): X12RequestInput {
  return {
    interchange: { senderId: 'KLIVIRA', receiverId: 'PAYERX', interchangeControlNumber: 42, usage: 'T' },
    groupControlNumber: 42,
    transactionControlNumber: '0001',
    traceId: 'KLV-CASE-0001',
    createdAt: new Date(Date.UTC(2026, 0, 15, 9, 30)),
    umo: { name: 'EXAMPLE HEALTH PLAN', payerId: '99999' },
    requester: { name: { lastName: 'TESTER', firstName: 'ALEX' }, npi: '1234567893', phone: '5555550100' },
    subscriber: { lastName: 'SAMPLE', firstName: 'PAT', memberId: 'M000111', birthDate: '1970-04-01', gender: 'F' },
    event: {
      category: 'HS',
      certificationType: 'I',
      serviceType: '73',
      facility: { code: '22', qualifier: 'B' },
      levelOfService: 'elective',
      trace: { number: 'KLV-CASE-0001', originatorId: '1999999999' },
      diagnoses: ['M54.16', 'M51.26'],
      serviceDates: { from: '2026-02-01', to: '2026-04-30' },
      attachments: [{ reportType: 'OZ', attachmentControlNumber: 'ATT-0001' }],
    },
    services: [
      {
        kind: 'professional',
        procedureCode: '72148',
        modifiers: ['26'],
        quantity: 1,
        serviceDates: { from: '2026-02-03' },
        trace: { number: 'KLV-CASE-0001-1', originatorId: '1999999999' },
      },
      { kind: 'professional', procedureCode: '97110', modifiers: ['GP', 'KX'], quantity: 12 },
    ],
    ...overrides,
  };
}

/**
 * Inputs shaped to make a naive codec go quadratic: 200,000 HL segments in one set, 20 sets of 9,000 diagnosis
 * segments, 500 segments of 4,000 repetition separators. `head` is an interchange's ISA and GS.
 */
export function adversarialShapes(head: string): { name: string; text: string }[] {
  return [
    { name: '200,000 HL segments', text: head + 'HL*1**20*1~'.repeat(200_000) },
    {
      name: '20 sets of 9,000 HI segments',
      text: head + `ST*278*0001*005010X217~${'HI*ABK:1~'.repeat(9_000)}SE*1*0001~`.repeat(20),
    },
    { name: '500 segments of 4,000 repetition separators', text: head + `${'^'.repeat(4000)}~`.repeat(500) },
  ];
}
