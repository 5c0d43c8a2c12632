import { describe, expect, it } from 'vitest';
import { holidayCalendar, holidaySpecErrors } from './holidays.ts';

const federal = holidayCalendar({ country: 'US' });

describe('US federal holidays, for any year', () => {
  it.each([
    ['2031-11-27', 'Thanksgiving 2031'],
    ['2040-11-22', 'Thanksgiving 2040'],
    ['2031-06-19', 'Juneteenth 2031 (a Thursday)'],
    ['2040-06-19', 'Juneteenth 2040 (a Tuesday)'],
    ['2033-06-20', 'Juneteenth 2033 falls on a Sunday: observed Monday'],
    ['2031-12-25', 'Christmas 2031'],
    ['2032-12-24', 'Christmas 2032 falls on a Saturday: observed Friday'],
    ['2033-12-26', 'Christmas 2033 falls on a Sunday: observed Monday'],
    ['2037-07-03', 'Independence Day 2037 falls on a Saturday: observed Friday'],
    ['2038-12-31', 'New Year 2039 falls on a Saturday: observed Friday of the year before'],
    ['2040-11-12', 'Veterans Day 2040 falls on a Sunday: observed Monday'],
    ['2040-01-16', 'Martin Luther King Jr. Day 2040'],
    ['2031-10-13', 'Columbus Day 2031'],
  ])('%s is off (%s)', (day) => {
    expect(federal.has(day)).toBe(true);
  });

  it.each([
    ['2031-11-28', 'the day after Thanksgiving'],
    ['2031-12-24', 'Christmas Eve'],
    ['2040-04-02', 'Easter Monday'],
    ['2032-12-27', 'the Monday after a Saturday Christmas'],
    ['2020-06-19', 'Juneteenth before it became federal (2021)'],
  ])('%s is a working day (%s)', (day) => {
    expect(federal.has(day)).toBe(false);
  });

  it('is named for the deadline basis', () => {
    expect(federal.name).toBe('US public holidays');
  });
});

describe('calendar specs', () => {
  it("adds a state's holidays", () => {
    const ny = holidayCalendar({ country: 'US', state: 'NY' });
    expect(ny.has('2032-02-12')).toBe(true); // Lincoln's Birthday
    expect(federal.has('2032-02-12')).toBe(false);
    expect(ny.name).toBe('US-NY public holidays');
  });

  it('adds and removes listed days', () => {
    const plan = holidayCalendar({ country: 'US', extra: ['2031-11-28'], exclude: ['2031-10-13'] });
    expect(plan.has('2031-11-28')).toBe(true);
    expect(plan.has('2031-10-13')).toBe(false);
    expect(plan.has('2031-11-27')).toBe(true);
    expect(plan.name).toBe('US public holidays (+1 listed, −1 excluded)');
  });

  it('builds one calendar per distinct spec', () => {
    expect(holidayCalendar({ country: 'US' })).toBe(federal);
  });

  it('names an unknown country or state', () => {
    expect(holidaySpecErrors({ country: 'US', state: 'NY' })).toEqual([]);
    expect(holidaySpecErrors({ country: 'XX' })).toEqual(["unknown country 'XX'"]);
    expect(holidaySpecErrors({ country: 'US', state: 'ZZ' })).toEqual(["unknown state 'ZZ' of US"]);
  });
});
