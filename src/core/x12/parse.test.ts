import { describe, expect, it } from 'vitest';
import { X12Error } from './errors.ts';
import { parseX12 } from './parse.ts';
import { componentsOf, elementAt, repetitionsOf } from './segments.ts';
import { serializeDocument } from './serializer.ts';
import {
  ACK_SAMPLES,
  CLEAN_SAMPLES,
  INTELIGENZ_SAMPLES,
  hasSamples,
  readSample,
  SE01_DEFECTS,
  HL_PARENT_DEFECT,
} from '../../testing/x12-samples.ts';

const ISA =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*^*00501*000000001*0*T*:~';

describe('parseX12 (synthetic)', () => {
  it('reads delimiters from the ISA and splits composites and repetitions', () => {
    const text = `${ISA}GS*HI*S*R*20260101*1200*1*X*005010X217~ST*278*0001*005010X217~UM*HS*I*3*11:B~DMG*D8*19800101*F**A:RET^B:RET~SE*4*0001~GE*1*1~IEA*1*000000001~`;
    const document = parseX12(text);
    expect(document.delimiters).toEqual({ element: '*', component: ':', repetition: '^', segment: '~' });
    const transaction = document.interchanges[0]?.groups[0]?.transactions[0];
    const um = transaction?.segments[1];
    expect(um?.id).toBe('UM');
    expect(componentsOf(um ? elementAt(um, 4) : '', document.delimiters)).toEqual(['11', 'B']);
    const dmg = transaction?.segments[2];
    expect(repetitionsOf(dmg ? elementAt(dmg, 5) : '', document.delimiters)).toEqual(['A:RET', 'B:RET']);
    expect(serializeDocument(document)).toBe(text);
  });

  it('honours unusual delimiters, including a line feed as segment terminator', () => {
    const text =
      ISA.replaceAll('*', '|').replace('^', '!').replace(':~', '>\n') +
      'GS|HI|S|R|20260101|1200|1|X|005010X217\nIEA|1|000000001\n';
    const document = parseX12(text);
    expect(document.delimiters).toEqual({ element: '|', component: '>', repetition: '!', segment: '\n' });
    expect(document.segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'IEA']);
    expect(serializeDocument(document)).toBe(text);
  });

  it('rejects input without an ISA, and truncated input, with typed errors', () => {
    expect(() => parseX12('GS*HI~')).toThrow(X12Error);
    try {
      parseX12(`${ISA}GS*HI*S*R*2026`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(X12Error);
      expect((error as X12Error).code).toBe('UNTERMINATED_SEGMENT');
      expect((error as X12Error).location.segmentIndex).toBe(2);
    }
  });

  it('enforces the element length limit', () => {
    const text = `${ISA}GS*HI*${'X'.repeat(5000)}~`;
    expect(() => parseX12(text)).toThrow(expect.objectContaining({ code: 'ELEMENT_TOO_LONG' }) as Error);
  });

  it('keeps several interchanges with their own delimiters', () => {
    const second = ISA.replaceAll('*', '|').replace(':~', '>~');
    const text = `${ISA}IEA*0*000000001~${second}IEA|0|000000001~`;
    const document = parseX12(text);
    expect(document.interchanges.map((i) => i.delimiters.element)).toEqual(['*', '|']);
    expect(serializeDocument(document)).toBe(text);
  });
});

describe.skipIf(!hasSamples())('parseX12 on ../shared/x12-samples', () => {
  it.each([...CLEAN_SAMPLES, ...SE01_DEFECTS, HL_PARENT_DEFECT, ...INTELIGENZ_SAMPLES, ...ACK_SAMPLES])(
    'parses and re-serializes %s byte for byte',
    (name) => {
      const text = readSample(name);
      const document = parseX12(text);
      expect(document.interchanges.length).toBe(1);
      expect(document.strays).toEqual([]);
      expect(serializeDocument(document)).toBe(text);
    },
  );

  it('tolerates BOM, CRLF and indentation, and does not treat the 4010 ISA11 "U" as a repetition separator', () => {
    const document = parseX12(readSample(INTELIGENZ_SAMPLES[0] ?? ''));
    expect(document.bom).toBe(true);
    expect(document.delimiters.repetition).toBeUndefined();
    const nm1 = document.segments.find((s) => s.id === 'NM1');
    expect(nm1?.elements[3]).toBe('MARYLAND CAPITAL INSURANCE COMPANY');
    expect(document.interchanges[0]?.groups[0]?.transactions[0]?.segments.length).toBe(16);
  });
});
