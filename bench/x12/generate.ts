// Synthetic 278 batches for the benchmark: one ISA/GS, N requests built by our own builder, 27 segments each
// (the shape the reference measured the peers on). Fictitious data only.
import { build278Request, type X12RequestInput } from '../../src/core/x12/index.ts';
// eslint-disable-next-line no-restricted-imports -- the x12 test fixtures are not on the x12 index
import { sampleRequestInput } from '../../src/core/x12/test-fixtures.ts';

function requestInput(i: number): X12RequestInput {
  const base = sampleRequestInput();
  const trace = `KLV-${String(i).padStart(8, '0')}`;
  return {
    ...base,
    transactionControlNumber: String(i + 1).padStart(4, '0'),
    traceId: trace,
    event: { ...base.event, trace: { number: trace, originatorId: '1999999999' } },
    services: [
      ...base.services,
      {
        kind: 'professional',
        procedureCode: '97140',
        modifiers: ['GP'],
        quantity: 8 + (i % 5),
        serviceDates: { from: '2026-02-10', to: '2026-03-10' },
        trace: { number: `${trace}-3`, originatorId: '1999999999' },
      },
    ],
  };
}

/** ST … SE text of transaction `i`. */
export function transactionText(i: number): string {
  const interchange = build278Request(requestInput(i));
  return interchange.slice(interchange.indexOf('ST*'), interchange.indexOf('GE*'));
}

export function interchangeHead(): string {
  const interchange = build278Request(requestInput(0));
  return interchange.slice(0, interchange.indexOf('ST*'));
}

export function interchangeTail(count: number): string {
  return `GE*${count}*42~IEA*1*000000042~`;
}

/** A whole batch in memory. */
export function generateBatch(count: number): string {
  const parts = [interchangeHead()];
  for (let i = 0; i < count; i++) parts.push(transactionText(i));
  parts.push(interchangeTail(count));
  return parts.join('');
}
