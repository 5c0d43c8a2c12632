import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../fhir/index.ts';
import {
  assertBuckets,
  bucketCount,
  DENIAL_DIMENSIONS,
  parseGroupBy,
  parseInterval,
  parsePeriod,
  parseYear,
  periodStart,
  yearPeriod,
} from './query.ts';

const NOW = new Date('2026-12-06T10:00:00Z');

/** The 400 a bad parameter gives, with its location and message. */
function refusal(run: () => unknown): { status: number; location: string | undefined; message: string } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return { status: error.status, location: error.issues[0]?.location, message: error.issues[0]?.message ?? '' };
  }
  throw new Error('not refused');
}

describe('analytics query parameters', () => {
  it('takes dates (a to-date includes its whole day) and date-times (to excluded)', () => {
    expect(parsePeriod({ from: '2026-03-01', to: '2026-03-31' }, NOW)).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(parsePeriod({ from: '2026-03-01T12:00:00+02:00', to: '2026-03-02T00:00:00Z' }, NOW)).toEqual({
      from: '2026-03-01T10:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
    expect(parsePeriod({}, NOW)).toEqual({ from: '2025-12-06T10:00:00.000Z', to: '2026-12-06T10:00:00.000Z' });
  });

  it('refuses a period backwards or empty, a date not on the calendar, and text that is no date', () => {
    expect(refusal(() => parsePeriod({ from: '2026-04-01', to: '2026-03-01' }, NOW))).toMatchObject({
      status: 400,
      location: 'query.from',
      message: expect.stringContaining('must be before to') as string,
    });
    expect(refusal(() => parsePeriod({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, NOW)).status).toBe(
      400,
    );
    expect(refusal(() => parsePeriod({ from: '2026-02-30' }, NOW))).toMatchObject({
      location: 'query.from',
      message: "'2026-02-30' is not a calendar date",
    });
    expect(refusal(() => parsePeriod({ to: 'yesterday' }, NOW)).location).toBe('query.to');
    expect(refusal(() => parsePeriod({ to: '2026-03-01T10:00:00' }, NOW)).message).toContain('with an offset');
  });

  it('groups by known dimensions, each once; empty means none', () => {
    expect(parseGroupBy(undefined, DENIAL_DIMENSIONS, ['payer'])).toEqual(['payer']);
    expect(parseGroupBy('criterion, payer', DENIAL_DIMENSIONS, [])).toEqual(['criterion', 'payer']);
    expect(parseGroupBy('', DENIAL_DIMENSIONS, ['payer'])).toEqual([]);
    expect(refusal(() => parseGroupBy('payer,region', DENIAL_DIMENSIONS, []))).toMatchObject({
      status: 400,
      location: 'query.groupBy',
      message: "unknown dimension 'region': use payer, service, criterion",
    });
    expect(refusal(() => parseGroupBy('payer,payer', DENIAL_DIMENSIONS, [])).message).toContain('named twice');
  });

  it('buckets in UTC: days, ISO weeks from Monday, months', () => {
    expect(periodStart('2026-03-04T23:59:59Z', 'day')).toBe('2026-03-04T00:00:00.000Z');
    // 4 March 2026 is a Wednesday; 1 March a Sunday (its week began on Monday 23 February).
    expect(periodStart('2026-03-04T10:00:00Z', 'week')).toBe('2026-03-02T00:00:00.000Z');
    expect(periodStart('2026-03-01T10:00:00Z', 'week')).toBe('2026-02-23T00:00:00.000Z');
    expect(periodStart('2026-03-02T00:00:00Z', 'week')).toBe('2026-03-02T00:00:00.000Z');
    expect(periodStart('2026-03-31T23:00:00-05:00', 'month')).toBe('2026-04-01T00:00:00.000Z');
    expect(parseInterval(undefined)).toBe('month');
    expect(parseInterval('week')).toBe('week');
    expect(refusal(() => parseInterval('quarter')).message).toBe("unknown interval 'quarter': use day, week, month");
  });

  it('counts the buckets of a period and refuses one with too many', () => {
    const march = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    expect(bucketCount(march, 'day')).toBe(31);
    expect(bucketCount(march, 'week')).toBe(6);
    expect(bucketCount(march, 'month')).toBe(1);
    const decade = { from: '2016-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' };
    expect(() => {
      assertBuckets(decade, 'month');
    }).not.toThrow();
    expect(
      refusal(() => {
        assertBuckets(decade, 'day');
      }),
    ).toMatchObject({ status: 400, location: 'query.interval' });
  });

  it('a report year is a calendar year up to the current one', () => {
    expect(parseYear('2025', NOW)).toBe(2025);
    expect(parseYear(undefined, NOW)).toBe(2025);
    expect(parseYear('2026', NOW)).toBe(2026);
    for (const bad of ['2027', '1999', '25', '2025.5', 'next']) {
      expect(refusal(() => parseYear(bad, NOW))).toMatchObject({
        status: 400,
        location: 'query.year',
        message: 'year must be from 2000 to 2026',
      });
    }
    expect(yearPeriod(2025)).toEqual({ from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
  });
});
