import { describe, expect, it } from 'vitest';
import { summarise278Response } from './decisions.ts';
import { parseX12 } from './parse.ts';
import { hasSamples, readSample } from '../../testing/x12-samples.ts';
import { validateX12 } from './validate.ts';

function summary(text: string) {
  const transaction = validateX12(parseX12(text)).transactions[0]?.transaction;
  if (transaction === undefined) throw new Error('no 278');
  return summarise278Response(transaction);
}

describe.skipIf(!hasSamples())('summarise278Response on the TR3 examples', () => {
  it('referral: event-level A1 with its certified period', () => {
    expect(summary(readSample('kputnam-stupidedi__referral-response-to-request-for-review.edi'))).toEqual({
      traceId: 'A12345',
      furtherUpdatesExpected: false,
      rejections: [],
      decisions: [
        {
          serviceIndex: 0,
          scope: 'event',
          action: 'certified',
          reviewActionCode: 'A1',
          reviewActionText: 'certified in total',
          certificationNumber: 'AUTH0001',
          reasonCodes: [],
          approvedQuantity: { qualifier: 'VS', quantity: '1' },
          approvedDates: { qualifier: 'AAH', from: '20050502', to: '20050602' },
          traceNumber: '111099',
          requestedDocuments: [],
          messages: [],
          rejections: [],
        },
      ],
    });
  });

  it('admission: the line-level A1 wins over the event-level A6', () => {
    const [decision] = summary(readSample('kputnam-stupidedi__admission-response-to-request-for-review.edi')).decisions;
    expect(decision).toMatchObject({
      serviceIndex: 0,
      scope: 'service',
      action: 'certified',
      certificationNumber: 'AUTH0002',
      procedureCode: '33510',
    });
  });

  it('emergency admission: pended with reason 0U, tracking REF NT, documents asked by PWK, more updates to follow', () => {
    const result = summary(readSample('kputnam-stupidedi__emergency-admission-response-to-request-for-review.edi'));
    expect(result.furtherUpdatesExpected).toBe(true);
    expect(result.decisions[0]).toMatchObject({
      action: 'pended',
      reasonCodes: ['0U'],
      administrativeReference: 'P20030216001',
      requestedDocuments: [{ reportType: 'AS', transmission: 'VO' }],
    });
    expect(result.decisions[0]?.certificationNumber).toBeUndefined();
  });

  it('transport: three lines inherit the event decision', () => {
    const result = summary(readSample('kputnam-stupidedi__response-to-non-emergency-transportation.edi'));
    expect(
      result.decisions.map((d) => [
        d.serviceIndex,
        d.action,
        d.certificationNumber,
        d.procedureCode,
        d.approvedQuantity?.quantity,
      ]),
    ).toEqual([
      [0, 'certified', '2005010796321', 'A0428', '5'],
      [1, 'certified', '2005010796321', 'A0428', '8'],
      [2, 'certified', '2005010796321', 'A0428', '14'],
    ]);
  });
});

describe('summarise278Response (synthetic)', () => {
  const isa =
    'ISA*00*          *00*          *ZZ*PAYERX         *ZZ*KLIVIRA        *260120*0800*^*00501*000000900*0*T*:~';
  const response = (lines: string[]) => {
    const body = [
      'ST*278*0001*005010X217',
      'BHT*0007*11*KLV-CASE-0001*20260120*0800*18',
      'HL*1**20*1',
      'NM1*X3*2*EXAMPLE HEALTH PLAN*****PI*99999',
      'HL*2*1*21*1',
      'NM1*1P*1*TESTER*ALEX****XX*1234567893',
      'AAA*N**43*C',
      'HL*3*2*22*1',
      'NM1*IL*1*SAMPLE*PAT****MI*M000111',
      'HL*4*3*EV*1',
      'TRN*2*KLV-CASE-0001*1999999999',
      'UM*HS*I*73*22:B',
      'HCR*A2*CERT-9',
      ...lines,
    ];
    return `${isa}GS*HI*PAYERX*KLIVIRA*20260120*0800*900*X*005010X217~${body.join('~')}~SE*${body.length + 1}*0001~GE*1*900~IEA*1*000000900~`;
  };

  it('reports modified quantities and dates, denials with reasons and messages, and AAA from any loop', () => {
    const text = response([
      'HL*5*4*SS*0',
      'TRN*2*KLV-CASE-0001-1*1999999999',
      'HCR*A6*CERT-9-1',
      'DTP*472*RD8*20260203-20260303',
      'SV1*HC:97110:GP**UN*12',
      'HSD*VS*6',
      'HL*6*4*SS*0',
      'HCR*A3**CX',
      'SV1*HC:72148:26**UN*1',
      'MSG*NOT MEDICALLY NECESSARY PER POLICY',
    ]);
    const result = summary(text);
    expect(result.rejections).toEqual([
      {
        loopId: '2010B',
        requestValid: false,
        rejectReason: '43',
        rejectReasonText: 'invalid/missing provider identification',
        followUpAction: 'C',
        followUpActionText: 'please correct and resubmit',
      },
    ]);
    expect(result.decisions[0]).toMatchObject({
      action: 'modified',
      certificationNumber: 'CERT-9-1',
      approvedQuantity: { qualifier: 'VS', quantity: '6' },
      approvedDates: { qualifier: '472', from: '20260203', to: '20260303' },
      traceNumber: 'KLV-CASE-0001-1',
    });
    expect(result.decisions[0]?.rejections).toHaveLength(1);
    expect(result.decisions[1]).toMatchObject({
      action: 'not_certified',
      reasonCodes: ['CX'],
      messages: ['NOT MEDICALLY NECESSARY PER POLICY'],
    });
    // A denied line carries no certification number of its own and does not borrow the event's.
    expect(result.decisions[1]?.certificationNumber).toBeUndefined();
  });

  it('reads effective/expiration dates and leaves the action empty when only AAA answers', () => {
    const certified = summary(
      response(['DTP*007*D8*20260201', 'DTP*036*D8*20260430', 'HL*5*4*SS*0', 'SV1*HC:97110**UN*6']),
    );
    expect(certified.decisions[0]).toMatchObject({
      action: 'partial',
      approvedDates: { qualifier: '007-036', from: '20260201', to: '20260430' },
    });
    const text = response(['HL*5*4*SS*0', 'AAA*N**15*C', 'SV1*HC:97110**UN*6']).replace('HCR*A2*CERT-9~', '');
    const [decision] = summary(text).decisions;
    expect(decision?.action).toBeUndefined();
    expect(decision?.rejections.map((r) => [r.loopId, r.rejectReason])).toEqual([
      ['2010B', '43'],
      ['2000F', '15'],
    ]);
  });
});
