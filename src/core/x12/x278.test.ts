import { describe, expect, it } from 'vitest';
import { X12Error } from './errors.ts';
import { parseX12 } from './parse.ts';
import { serializeSegments } from './serializer.ts';
import { sampleRequestInput } from './test-fixtures.ts';
import { CLEAN_SAMPLES, hasSamples, readSample } from '../../testing/x12-samples.ts';
import { validateX12 } from './validate.ts';
import { build278Request, request278Model } from './x278-build.ts';
import { parse278 } from './x278-parse.ts';
import { transaction278Segments } from './x278-serialize.ts';

function firstTransaction(text: string) {
  const document = parseX12(text);
  const set = document.interchanges[0]?.groups[0]?.transactions[0];
  if (set === undefined) throw new Error('no transaction set');
  return { document, set, parsed: parse278(set, document.delimiters) };
}

describe.skipIf(!hasSamples())('parse278 on the TR3 examples', () => {
  it.each(CLEAN_SAMPLES)('%s: the model re-serializes to the same segments (nothing is lost)', (name) => {
    const { document, set, parsed } = firstTransaction(readSample(name));
    expect(parsed.misplaced).toEqual([]);
    const again = serializeSegments(
      transaction278Segments(parsed.transaction, document.delimiters),
      document.delimiters,
    );
    expect(again).toBe(serializeSegments(set.segments, document.delimiters));
  });

  it('maps the admission response: event A6 (5 days), line A1 with SV2', () => {
    const { parsed } = firstTransaction(readSample('kputnam-stupidedi__admission-response-to-request-for-review.edi'));
    const { transaction } = parsed;
    expect(transaction.kind).toBe('response');
    expect(transaction.bht).toMatchObject({ referenceId: 'B56789', transactionTypeCode: '18' });
    expect(transaction.umo?.names[0]?.nm1).toMatchObject({
      entityIdentifierCode: 'X3',
      idCodeQualifier: '46',
      idCode: '7893122',
    });
    expect(transaction.subscriber?.names[0]?.nm1).toMatchObject({
      lastNameOrOrganization: 'SMITH',
      firstName: 'JOE',
      idCode: '123456789011',
    });
    const event = transaction.events[0];
    expect(event?.um).toEqual({
      requestCategory: 'AR',
      certificationType: 'I',
      serviceType: '2',
      facility: { code: '21', qualifier: 'B' },
    });
    expect(event?.hcr).toEqual({ action: 'A6', certificationNumber: 'AUTH0002' });
    expect(event?.hi).toEqual({ codes: [{ qualifier: 'BF', code: '41090', dateFormat: 'D8', date: '20050125' }] });
    expect(event?.names.map((name) => [name.loopId, name.nm1.entityIdentifierCode, name.n4?.postalCode])).toEqual([
      ['2010EA', 'FA', '19087'],
    ]);
    const service = event?.services[0];
    expect(service?.sv2).toEqual({ procedure: { qualifier: 'HC', code: '33510' } });
    expect(service?.names[0]).toMatchObject({
      loopId: '2010F',
      prv: { providerCode: 'PE', referenceQualifier: 'PXC', taxonomyCode: '203BS0133X' },
    });
  });

  it('maps transport locations to 2010EB and the three service lines with modifiers', () => {
    const { parsed } = firstTransaction(readSample('kputnam-stupidedi__response-to-non-emergency-transportation.edi'));
    const event = parsed.transaction.events[0];
    expect(event?.names.map((name) => `${name.loopId}:${name.nm1.entityIdentifierCode ?? ''}`)).toEqual([
      '2010EB:PW',
      '2010EB:ND',
      '2010EB:R3',
      '2010EB:FS',
    ]);
    expect(event?.services.map((service) => service.sv1)).toEqual([
      { procedure: { qualifier: 'HC', code: 'A0428', modifier1: 'RX' }, unitBasis: 'UN', quantity: '5' },
      { procedure: { qualifier: 'HC', code: 'A0428', modifier1: 'PD' }, unitBasis: 'UN', quantity: '8' },
      { procedure: { qualifier: 'HC', code: 'A0428', modifier1: 'DR' }, unitBasis: 'UN', quantity: '14' },
    ]);
  });

  it('refuses a non-278 transaction set with a typed error', () => {
    const document = parseX12(readSample('acks/azoner-pyx12__834_ls_le_ls_5010.999.txt'));
    const set = document.interchanges[0]?.groups[0]?.transactions[0];
    expect(() => (set === undefined ? undefined : parse278(set, document.delimiters))).toThrow(X12Error);
  });
});

describe('parse278 (synthetic shapes the TR3 examples lack)', () => {
  it('maps a dental line (SV3 + TOO), a dependent with DMG/INS, CR5 oxygen and MSG, and writes them back unchanged', () => {
    const isa =
      'ISA*00*          *00*          *ZZ*PAYERX         *ZZ*KLIVIRA        *260120*0800*^*00501*000000903*0*T*:~';
    const body = [
      'ST*278*0001*005010X217',
      'BHT*0007*11*KLV-7*20260120*0800*18',
      'HL*1**20*1',
      'NM1*X3*2*EXAMPLE HEALTH PLAN*****PI*99999',
      'HL*2*1*21*1',
      'NM1*1P*1*TESTER*ALEX****XX*1234567893',
      'HL*3*2*22*1',
      'NM1*IL*1*SAMPLE*PAT****MI*M000111',
      'HL*4*3*23*1',
      'NM1*QC*1*SAMPLE*KIM',
      'DMG*D8*20120630*U',
      'INS*N*19',
      'HL*5*4*EV*1',
      'UM*HS*I*35',
      'HCR*A1*CERT-D',
      'HI*ABK:K0262',
      'CR5*I*6',
      'MSG*APPROVED AS REQUESTED',
      'HL*6*5*SS*0',
      'SV3*AD:D2740*950.00',
      'TOO*JP*8*M:O:D',
    ];
    const text = `${isa}GS*HI*PAYERX*KLIVIRA*20260120*0800*903*X*005010X217~${body.join('~')}~SE*${body.length + 1}*0001~GE*1*903~IEA*1*000000903~`;
    const { document, set, parsed } = firstTransaction(text);
    expect(validateX12(document).issues).toEqual([]);
    const { transaction } = parsed;
    expect(transaction.dependent?.names[0]).toMatchObject({
      loopId: '2010D',
      dmg: { birthDate: '20120630', gender: 'U' },
      ins: { subscriberIndicator: 'N', relationshipCode: '19' },
    });
    const event = transaction.events[0];
    expect(event?.hl.parentId).toBe('4');
    expect(event?.cr5).toEqual({ certificationType: 'I', treatmentPeriodCount: '6' });
    expect(event?.msg).toEqual([{ text: 'APPROVED AS REQUESTED' }]);
    expect(event?.services[0]?.sv3).toEqual({ procedure: { qualifier: 'AD', code: 'D2740' }, chargeAmount: '950.00' });
    expect(event?.services[0]?.too).toEqual([
      { codeListQualifier: 'JP', toothCode: '8', surfaces: { surface1: 'M', surface2: 'O', surface3: 'D' } },
    ]);
    const again = serializeSegments(transaction278Segments(transaction, document.delimiters), document.delimiters);
    expect(again).toBe(serializeSegments(set.segments, document.delimiters));
  });
});

describe('build278Request', () => {
  it('builds a request that validates clean and parses back to the same model', () => {
    const input = sampleRequestInput();
    const text = build278Request(input);
    const report = validateX12(parseX12(text));
    expect(report.issues).toEqual([]);
    expect(report.transactions[0]?.transaction).toEqual(request278Model(input));
  });

  it('writes the envelope with the caller’s control numbers and computed counts', () => {
    const text = build278Request(sampleRequestInput({ groupControlNumber: 77, transactionControlNumber: '123456' }));
    const segments = text.split('~');
    expect(segments[0]).toBe(
      'ISA*00*          *00*          *ZZ*KLIVIRA        *ZZ*PAYERX         *260115*0930*^*00501*000000042*0*T*:',
    );
    expect(segments[0]?.length).toBe(105);
    expect(segments[1]).toBe('GS*HI*KLIVIRA*PAYERX*20260115*0930*77*X*005010X217');
    expect(segments).toContain('ST*278*123456*005010X217');
    expect(segments).toContain('BHT*0007*13*KLV-CASE-0001*20260115*0930');
    expect(segments).toContain('UM*HS*I*73*22:B**E');
    expect(segments).toContain('HI*ABK:M5416*ABF:M5126');
    expect(segments).toContain('PWK*OZ*EL***AC*ATT-0001');
    expect(segments).toContain('SV1*HC:97110:GP:KX**UN*12');
    expect(segments).toContain('DTP*AAH*RD8*20260201-20260430');
    expect(segments.slice(-4)).toEqual(['SE*23*123456', 'GE*1*77', 'IEA*1*000000042', '']);
  });

  it('round-trips every service family: dependent patient, institutional SV2, urgent, reservation', () => {
    const inputs = [
      sampleRequestInput({ dependent: { lastName: 'SAMPLE', firstName: 'KIM', birthDate: '2012-06-30', gender: 'U' } }),
      sampleRequestInput({
        event: {
          ...sampleRequestInput().event,
          category: 'AR',
          levelOfService: 'urgent',
          admissionDate: '2026-02-01',
          facility: { code: '11', qualifier: 'A' },
        },
        services: [
          {
            kind: 'institutional',
            revenueCode: '0120',
            procedureCode: '27447',
            unit: 'DA',
            quantity: 3,
            provider: { name: 'GENERAL HOSPITAL', npi: '1234567893', entityCode: 'FA' },
          },
        ],
      }),
      sampleRequestInput({ event: { ...sampleRequestInput().event, category: 'IN', levelOfService: 'emergency' } }),
    ];
    for (const input of inputs) {
      const report = validateX12(parseX12(build278Request(input)));
      expect(report.issues).toEqual([]);
      expect(report.transactions[0]?.transaction).toEqual(request278Model(input));
    }
  });

  it.each([
    [{ traceId: 'A*B' }, /delimiter/],
    [
      { interchange: { senderId: 'S~X', receiverId: 'R', interchangeControlNumber: 1, usage: 'T' as const } },
      /delimiter/,
    ],
    [
      { services: [{ kind: 'professional' as const, procedureCode: '97110', quantity: Number.NaN }] },
      /positive number/,
    ],
    [{ services: [] }, /at least one service/],
    [{ event: { ...sampleRequestInput().event, diagnoses: [] } }, /1 to 12 diagnoses/],
    [{ subscriber: { lastName: 'X', memberId: 'M1', birthDate: '01/02/1970' } }, /YYYY-MM-DD/],
    [{ interchange: { senderId: 'S', receiverId: 'R', interchangeControlNumber: 0, usage: 'T' as const } }, /ISA13/],
  ])('rejects unusable input with a typed error (%#)', (overrides, message) => {
    expect(() => build278Request(sampleRequestInput(overrides))).toThrow(message);
    expect(() => build278Request(sampleRequestInput(overrides))).toThrow(X12Error);
  });
});
