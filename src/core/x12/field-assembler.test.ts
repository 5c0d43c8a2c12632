import { describe, expect, it } from 'vitest';
import { fieldAssembler } from './field-assembler.ts';

describe('fieldAssembler', () => {
  it('puts each value under its name, in the layout order, empty values as undefined', () => {
    const assemble = fieldAssembler(['NM101', 'NM102', 'NM103']);
    const fields = assemble(['IL', undefined, 'SAMPLE']);
    expect(Object.keys(fields)).toEqual(['NM101', 'NM102', 'NM103']);
    expect(fields).toStrictEqual({ NM101: 'IL', NM102: undefined, NM103: 'SAMPLE' });
  });

  it('makes a new object per call and ignores values past the layout', () => {
    const assemble = fieldAssembler(['a']);
    const first = assemble(['1', 'extra']);
    const second = assemble(['2']);
    expect(first).not.toBe(second);
    expect(first).toStrictEqual({ a: '1' });
    expect(second).toStrictEqual({ a: '2' });
  });

  it('quotes names, so a name is never code', () => {
    const name = "x'}; throw new Error('injected'); ({'";
    expect(fieldAssembler([name, 'b"c'])(['v', 'w'])).toStrictEqual({ [name]: 'v', 'b"c': 'w' });
  });

  it('refuses a layout whose names repeat (the later field would hide the earlier one)', () => {
    expect(() => fieldAssembler(['a', 'b', 'a'])).toThrow(/repeat/);
  });
});
