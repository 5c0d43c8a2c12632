import { describe, expect, it } from 'vitest';
import type { Clock } from './directory.ts';
import { deadlineUnder, dueDate, formatInZone, isBusinessDay, urgencyOf } from './deadline.ts';
import { holidayCalendar, type HolidayCalendar } from './holidays.ts';

/** A calendar of just these days. */
const listed = (...days: string[]): HolidayCalendar => ({ name: 'listed days', has: (day) => days.includes(day) });

const NY = { timeZone: 'America/New_York', holidays: listed('2026-05-25', '2026-07-03', '2026-12-25') };

describe('dueDate', () => {
  it('adds hours on the absolute clock and prints the zone offset', () => {
    expect(dueDate('2026-03-02T09:30:00-05:00', { amount: 72, unit: 'hours' }, NY)).toBe('2026-03-05T09:30:00-05:00');
    // Across the spring-forward change (2026-03-08 in New York) 72 hours is 10:30 local, not 09:30.
    expect(dueDate('2026-03-06T09:30:00-05:00', { amount: 72, unit: 'hours' }, NY)).toBe('2026-03-09T10:30:00-04:00');
  });

  it('keeps the local time of day for calendar days, across DST', () => {
    expect(dueDate('2026-03-06T09:30:00-05:00', { amount: 7, unit: 'calendar_days' }, NY)).toBe(
      '2026-03-13T09:30:00-04:00',
    );
    // Weekends and holidays count as calendar days.
    expect(dueDate('2026-12-20T15:00:00-05:00', { amount: 7, unit: 'calendar_days' }, NY)).toBe(
      '2026-12-27T15:00:00-05:00',
    );
  });

  it('counts the day in the clock time zone, not in the receipt offset', () => {
    // 03:00 UTC on 2 March is still 1 March (Sunday) in New York.
    expect(dueDate('2026-03-02T03:00:00Z', { amount: 1, unit: 'business_days' }, NY)).toBe('2026-03-02T23:59:59-05:00');
    expect(dueDate('2026-03-02T03:00:00Z', { amount: 1, unit: 'business_days' }, { ...NY, timeZone: 'UTC' })).toBe(
      '2026-03-03T23:59:59Z',
    );
    expect(
      dueDate(
        '2026-03-02T10:00:00+01:00',
        { amount: 2, unit: 'calendar_days' },
        { timeZone: 'Europe/Berlin', holidays: listed() },
      ),
    ).toBe('2026-03-04T10:00:00+01:00');
  });

  it('skips weekends for business days and ends at close of day', () => {
    // Friday → Monday, Tuesday.
    expect(dueDate('2026-03-06T16:00:00-05:00', { amount: 2, unit: 'business_days' }, NY)).toBe(
      '2026-03-10T23:59:59-04:00',
    );
    // Received on a Saturday: the first business day is Monday.
    expect(dueDate('2026-03-07T11:00:00-05:00', { amount: 1, unit: 'business_days' }, NY)).toBe(
      '2026-03-09T23:59:59-04:00',
    );
  });

  it('skips listed holidays for business days', () => {
    // Friday 22 May; Monday 25 May is Memorial Day: Tue 26, Wed 27, Thu 28.
    expect(dueDate('2026-05-22T10:00:00-04:00', { amount: 3, unit: 'business_days' }, NY)).toBe(
      '2026-05-28T23:59:59-04:00',
    );
    expect(
      dueDate('2026-05-22T10:00:00-04:00', { amount: 3, unit: 'business_days' }, { ...NY, holidays: listed() }),
    ).toBe('2026-05-27T23:59:59-04:00');
  });

  it('can keep the receipt time for business days and end calendar days at close of day', () => {
    expect(dueDate('2026-03-06T16:00:00-05:00', { amount: 2, unit: 'business_days', endOfDay: false }, NY)).toBe(
      '2026-03-10T16:00:00-04:00',
    );
    expect(dueDate('2026-03-02T09:00:00-05:00', { amount: 7, unit: 'calendar_days', endOfDay: true }, NY)).toBe(
      '2026-03-09T23:59:59-04:00',
    );
  });

  it('refuses a receipt time without a zone', () => {
    expect(() => dueDate('2026-03-02T09:00:00', { amount: 1, unit: 'hours' }, NY)).toThrow(/with a zone/);
    expect(() => dueDate('2026-02-31T09:00:00Z', { amount: 1, unit: 'hours' }, NY)).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('maps order priority to urgency', () => {
    expect(urgencyOf(undefined)).toBe('standard');
    expect(urgencyOf('routine')).toBe('standard');
    expect(['urgent', 'asap', 'stat'].map(urgencyOf)).toEqual(['expedited', 'expedited', 'expedited']);
  });

  it('knows weekends and holidays', () => {
    expect(isBusinessDay('2026-03-07', listed())).toBe(false);
    expect(isBusinessDay('2026-03-08', listed())).toBe(false);
    expect(isBusinessDay('2026-03-09', listed())).toBe(true);
    expect(isBusinessDay('2026-03-09', listed('2026-03-09'))).toBe(false);
  });

  it('formats UTC with Z', () => {
    expect(formatInZone(Date.parse('2026-03-02T10:00:00Z'), 'UTC')).toBe('2026-03-02T10:00:00Z');
  });
});

describe('deadlineUnder', () => {
  const clock: Clock = {
    id: 'state-x',
    label: 'State X',
    match: {},
    expedited: { amount: 2, unit: 'business_days' },
    standard: { amount: 5, unit: 'business_days' },
    timeZone: 'America/Chicago',
    source: { name: 'State X insurance code (synthetic)', read: '2026-11-23' },
  };

  it('names the clock and its basis, and dates it only with a receipt time', () => {
    const undated = deadlineUnder(clock, 'standard', undefined, NY);
    expect(undated).toEqual({
      urgency: 'standard',
      clock: 'State X 5 business days',
      basis: expect.stringMatching(/no receipt time yet/) as unknown,
    });
    const dated = deadlineUnder(clock, 'expedited', '2026-03-06T08:00:00-06:00', NY);
    expect(dated.clock).toBe('State X 2 business days');
    expect(dated.due).toBe('2026-03-10T23:59:59-05:00');
    expect(dated.basis).toMatch(/business days counted in America\/Chicago, weekends and listed days skipped/);
  });

  it("counts with the clock's own holiday calendar when it names one", () => {
    // Wed 11 Feb 2032; Thu 12 Feb is Lincoln's Birthday in New York (not federal): Fri 13, Mon 16 is Washington's
    // Birthday, so Tue 17.
    const state: Clock = { ...clock, holidays: { country: 'US', state: 'NY' }, timeZone: 'America/New_York' };
    const federal = deadlineUnder(clock, 'expedited', '2032-02-11T10:00:00-05:00', {
      timeZone: 'America/New_York',
      holidays: holidayCalendar({ country: 'US' }),
    });
    const ny = deadlineUnder(state, 'expedited', '2032-02-11T10:00:00-05:00', NY);
    expect(federal.due).toBe('2032-02-13T23:59:59-06:00');
    expect(ny.due).toBe('2032-02-17T23:59:59-05:00');
    expect(ny.basis).toMatch(/weekends and US-NY public holidays skipped/);
  });
});
