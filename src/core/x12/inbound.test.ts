import { describe, expect, it } from 'vitest';
import { readInbound } from './inbound.ts';
import { hasSamples, readSample } from '../../testing/x12-samples.ts';

const isa =
  'ISA*00*          *00*          *ZZ*PAYERX         *ZZ*KLIVIRA        *260120*0800*^*00501*000000901*0*T*:~';

describe('readInbound', () => {
  it('flags a TA1 rejection as "rejected before review"', () => {
    const reading = readInbound(`${isa}TA1*000000042*260120*0800*R*025~IEA*0*000000901~`);
    expect(reading.rejectedBeforeReview).toBe(true);
    expect(reading.acknowledgments.ta1[0]?.noteText).toBe('duplicate interchange control number');
    expect(reading.responses).toEqual([]);
  });

  it('flags a 999 that rejects the 278', () => {
    const text = `${isa}GS*FA*PAYERX*KLIVIRA*20260120*0800*901*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HI*42*005010X217~AK2*278*0001*005010X217~IK5*R*5~AK9*R*1*1*0~SE*6*0001~GE*1*901~IEA*1*000000901~`;
    expect(readInbound(text).rejectedBeforeReview).toBe(true);
  });

  it.skipIf(!hasSamples())('summarises a 278 response that reached review', () => {
    const reading = readInbound(readSample('kputnam-stupidedi__admission-response-to-request-for-review.edi'));
    expect(reading.rejectedBeforeReview).toBe(false);
    expect(reading.validation.valid).toBe(true);
    expect(reading.responses.map((r) => r.decisions.map((d) => d.action))).toEqual([['certified']]);
  });
});
