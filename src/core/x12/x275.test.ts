import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  build275,
  cdaContent,
  parseX12,
  validateX12Stream,
  validateX12Text,
  type ValidationReport,
  type X12Issue,
  type X275Input,
} from './index.ts';

const fixture = readFileSync(new URL('../../../fixtures/x12-275/answer-two-documents.x12', import.meta.url), 'utf8');

function input(overrides: Partial<X275Input> = {}): X275Input {
  return {
    interchange: { senderId: 'KLIVIRA01', receiverId: 'PAYER87726', interchangeControlNumber: 7, usage: 'T' },
    groupControlNumber: 7,
    transactionControlNumber: '0007',
    answerId: 'ANS-7',
    createdAt: new Date('2026-03-05T14:30:00Z'),
    solicited: true,
    payer: { name: 'ACME HEALTH PLAN', payerId: '87726' },
    submitter: { name: 'KLIVIRA CLINIC', id: 'KLIVIRA01' },
    provider: { name: 'RIVER CLINIC', npi: '1234567893' },
    patient: { lastName: 'SAMPLE', firstName: 'JORDAN', memberId: 'M1', controlNumber: 'CASE-7' },
    documents: [
      {
        controlNumber: 'PEND-7-1',
        title: 'Therapy note – 6 weeks (synthetic)',
        mediaType: 'text/plain',
        content: Buffer.from('PT 6 weeks, no relief.\n'),
      },
    ],
    ...overrides,
  };
}

const errors = (report: ValidationReport): X12Issue[] => report.issues.filter((i) => i.severity === 'error');

/** The fixture with one segment (found by its start) replaced or removed. */
function edited(text: string, start: string, replacement: string): string {
  const from = text.indexOf(start);
  if (from < 0) throw new Error(`no ${start}`);
  const to = start.startsWith('BIN') ? text.indexOf('</ClinicalDocument>~', from) + 19 : text.indexOf('~', from);
  return text.slice(0, from) + replacement + text.slice(to + 1);
}

describe('275 (005010X210)', () => {
  it('validates the built fixture and reads its attachments back, tied to the request by TRN02', () => {
    const report = validateX12Text(fixture);
    expect(report.issues).toEqual([]);
    expect(report.transactionCount).toBe(1);
    const [parsed] = report.attachments;
    const transaction = parsed?.transaction;
    expect(transaction?.bgn).toMatchObject({ purposeCode: '11', referenceId: 'ANS-2026-0001' });
    expect(transaction?.patient?.ref).toEqual([{ qualifier: 'EJ', value: 'CASE-0001' }]);
    expect(transaction?.attachments.map((a) => [a.trn?.attachmentControlNumber, a.question])).toEqual([
      ['PEND12345-1', '11506-3'],
      ['PEND12345-2', undefined],
    ]);
    const first = transaction?.attachments[0];
    expect(first?.declaredLength).toBe(Buffer.byteLength(first?.data ?? ''));
    expect(cdaContent(first?.data ?? '')?.content.toString('utf8')).toContain('6 weeks of physical therapy');
  });

  it('builds what it validates, counting BIN01 in bytes (non-ASCII titles are escaped into the CDA)', () => {
    const text = build275(input());
    const report = validateX12Text(text);
    expect(errors(report)).toEqual([]);
    const data = report.attachments[0]?.transaction.attachments[0]?.data ?? '';
    expect(text).toContain(`BIN*${String(Buffer.byteLength(data))}*<?xml`);
    expect(data).toContain('&#8211;');
  });

  it('reports a BIN01 that does not match the bytes of BIN02, with its location', () => {
    const bin = /BIN\*(\d+)\*/.exec(fixture);
    const wrong = fixture.replace(bin?.[0] ?? '', `BIN*${String(Number(bin?.[1]) - 3)}*`);
    const found = errors(validateX12Text(wrong)).find((i) => i.rule === 'binary-length');
    expect(found?.message).toMatch(/declares \d+ bytes but BIN02 holds \d+/);
    expect(found?.location).toMatchObject({ segmentId: 'BIN', element: 1, loopId: '2100A', segmentInTransaction: 13 });
    expect(found?.location.segmentIndex).toBe(15);
  });

  it('reports a missing TRN where it was missed, in 2000A', () => {
    const report = validateX12Text(edited(fixture, 'TRN*2*PEND12345-1', ''));
    const found = errors(report).find((i) => i.rule === 'required-segment' && i.location.segmentId === 'TRN');
    expect(found?.message).toBe('TRN in 2000A is required but missing');
    expect(found?.location).toMatchObject({ loopId: '2000A', segmentInTransaction: 9 });
  });

  it('reports segments out of order with their location', () => {
    const bgn = 'BGN*11*ANS-2026-0001*20260305*1430~';
    const swapped = fixture.replace(bgn, '').replace('REF*EJ*CASE-0001~', `REF*EJ*CASE-0001~${bgn}`);
    const report = validateX12Text(swapped);
    const order = errors(report).find((i) => i.rule === 'segment-order');
    expect(order?.message).toMatch(/^BGN is out of order: it belongs in heading/);
    expect(order?.location).toMatchObject({ segmentId: 'BGN', segmentInTransaction: 7, loopId: '1000D' });
    expect(errors(report).some((i) => i.rule === 'required-segment' && i.location.segmentId === 'BGN')).toBe(true);
  });

  it('reports a 2000A without its attachment, and LX numbering', () => {
    const withoutBinary = edited(edited(fixture, 'LX*2', 'LX*3'), 'BIN*', '');
    const report = validateX12Text(withoutBinary);
    expect(errors(report).map((i) => i.rule)).toEqual(
      expect.arrayContaining(['lx-sequence', 'required-segment', 'segment-count']),
    );
    expect(errors(report).find((i) => i.location.segmentId === 'BIN')?.location.loopId).toBe('2100A');
  });

  it('reads BIN02 by its count, so delimiters inside the data do not split it', () => {
    const data = 'a*b~c:d^e';
    const text = fixture.replace(
      /BIN\*\d+\*<\?xml[^~]*<\/ClinicalDocument>~LX/,
      `BIN*${String(data.length)}*${data}~LX`,
    );
    const document = parseX12(text);
    expect(document.segments.some((s) => s.id === 'BIN' && s.text === `BIN*9*${data}`)).toBe(true);
    const report = validateX12Text(text);
    expect(errors(report).filter((i) => i.rule !== 'segment-count')).toEqual([]);
    expect(report.attachments[0]?.transaction.attachments[0]?.data).toBe(data);
  });

  it('validates the same when streamed in small chunks', async () => {
    const chunks = Array.from({ length: Math.ceil(fixture.length / 7) }, (_, i) => fixture.slice(i * 7, i * 7 + 7));
    const report = await validateX12Stream(Readable.from(chunks), { retainTransactions: false });
    expect(report).toMatchObject({ valid: true, transactionCount: 1, errorCount: 0 });
  });
});
