import { describe, expect, it } from 'vitest';
import { parse999, parseTa1, readAcknowledgments } from './acks.ts';
import { X12Error } from './errors.ts';
import { parseX12 } from './parse.ts';
import { ACK_SAMPLES, hasSamples, readSample } from '../../testing/x12-samples.ts';

describe.skipIf(!hasSamples())('999 samples', () => {
  it('reads a one-group 999', () => {
    const { implementation, ta1 } = readAcknowledgments(parseX12(readSample(ACK_SAMPLES[0] ?? '')));
    expect(ta1).toEqual([]);
    expect(implementation).toEqual([
      {
        functionalIdCode: 'BE',
        groupControlNumber: '146',
        version: '005010X220A1',
        transactions: [
          {
            transactionSetId: '834',
            controlNumber: '146001',
            implementationReference: '005010X220A1',
            status: 'A',
            accepted: true,
            syntaxErrorCodes: [],
            segmentErrors: [],
          },
        ],
        status: 'A',
        statusText: 'accepted',
        accepted: true,
        counts: { included: 1, received: 1, accepted: 1 },
      },
    ]);
  });

  it('reads every 999 of a two-group interchange', () => {
    const { implementation } = readAcknowledgments(parseX12(readSample(ACK_SAMPLES[1] ?? '')));
    expect(implementation).toHaveLength(4);
    expect(implementation.every((ack) => ack.accepted)).toBe(true);
  });
});

describe('999 and TA1 (synthetic rejections of a 278)', () => {
  const isa =
    'ISA*00*          *00*          *ZZ*PAYERX         *ZZ*KLIVIRA        *260120*0800*^*00501*000000901*0*T*:~';

  it('reads segment and element errors of a rejected 278', () => {
    const text = `${isa}GS*FA*PAYERX*KLIVIRA*20260120*0800*901*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HI*42*005010X217~AK2*278*0001*005010X217~IK3*NM1*6*2010B*8~CTX*SITUATIONAL TRIGGER*NM1*6*2010B*9~IK4*9**1~IK5*R*5~AK9*R*1*1*0~SE*10*0001~GE*1*901~IEA*1*000000901~`;
    const [ack] = readAcknowledgments(parseX12(text)).implementation;
    expect(ack).toMatchObject({
      functionalIdCode: 'HI',
      groupControlNumber: '42',
      status: 'R',
      accepted: false,
      statusText: 'rejected',
    });
    expect(ack?.transactions[0]).toEqual({
      transactionSetId: '278',
      controlNumber: '0001',
      implementationReference: '005010X217',
      status: 'R',
      accepted: false,
      syntaxErrorCodes: ['5'],
      segmentErrors: [
        { segmentId: 'NM1', position: '6', loopId: '2010B', code: '8', elementErrors: [{ position: '9', code: '1' }] },
      ],
    });
  });

  it('reads a TA1 rejecting the interchange', () => {
    const text = `${isa}TA1*000000042*260120*0800*R*001~IEA*0*000000901~`;
    const document = parseX12(text);
    expect(document.strays).toEqual([]);
    expect(readAcknowledgments(document).ta1).toEqual([
      {
        interchangeControlNumber: '000000042',
        date: '260120',
        time: '0800',
        status: 'R',
        accepted: false,
        noteCode: '001',
        noteText: 'interchange control numbers in header and trailer do not match',
      },
    ]);
  });

  it('refuses to read other segments or sets as acknowledgments', () => {
    const document = parseX12(
      `${isa}GS*HI*A*B*20260120*0800*1*X*005010X217~ST*278*0001*005010X217~SE*2*0001~GE*1*1~IEA*1*000000901~`,
    );
    const set = document.interchanges[0]?.groups[0]?.transactions[0];
    expect(() => (set === undefined ? undefined : parse999(set))).toThrow(X12Error);
    const st = document.segments[2];
    expect(() => (st === undefined ? undefined : parseTa1(st))).toThrow(X12Error);
  });
});
