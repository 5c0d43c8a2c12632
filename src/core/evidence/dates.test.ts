import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, weeksBetween } from './dates.ts';

/** The reference: what `Date` makes of the text, read back. */
function viaDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

describe('isIsoDate', () => {
  it('agrees with a Date round trip on every month 00–13 and day 00–32 of the years around the edges of the leap rules', () => {
    // Leap rules bite at multiples of 4, 100 and 400: a stretch around each, and the years notes carry.
    const around = (year: number): number[] => Array.from({ length: 9 }, (_, i) => year - 4 + i);
    const years = [
      ...[4, 100, 200, 300, 400, 1600, 1700, 1800, 1900, 2000, 2100, 2400].flatMap(around),
      ...Array.from({ length: 51 }, (_, i) => 1990 + i),
      0,
      9999,
    ];
    let checked = 0;
    for (const year of years) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isIsoDate(value), value).toBe(viaDate(value));
          checked += 1;
        }
      }
    }
    expect(checked).toBe(years.length * 14 * 33);
  });

  it('rejects other shapes', () => {
    for (const value of [
      '2025-2-03',
      '2025-02-3',
      '20250203',
      '2025-02-03T00:00',
      ' 2025-02-03',
      '２０２５-02-03',
      '',
    ]) {
      expect(isIsoDate(value), value).toBe(false);
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });
});

describe('date arithmetic', () => {
  it('counts days and weeks in UTC and adds days across month and year ends', () => {
    expect(daysBetween('2025-12-30', '2026-01-02')).toBe(3);
    expect(weeksBetween('2026-01-01', '2026-01-09')).toBe(1.1);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});
