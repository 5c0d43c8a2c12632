import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.ts';

describe('CSV (RFC 4180)', () => {
  it('quotes fields with a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('prefixes text a spreadsheet would run as a formula, and still quotes it when needed', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers (a negative one too), booleans as words, null and undefined as empty', () => {
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(42)).toBe('42');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('writes a header line and one CRLF-ended line per row', () => {
    const rows = [
      { payer: 'uhc', rate: 0.5 },
      { payer: '=evil', rate: null },
    ];
    const csv = toCsv(
      [
        { header: 'payer', value: (r: (typeof rows)[number]) => r.payer },
        { header: 'denial rate', value: (r: (typeof rows)[number]) => r.rate },
      ],
      rows,
    );
    expect(csv).toBe("payer,denial rate\r\nuhc,0.5\r\n'=evil,\r\n");
  });

  it('an empty table is its header line', () => {
    expect(toCsv([{ header: 'a', value: () => 1 }], [])).toBe('a\r\n');
  });
});
