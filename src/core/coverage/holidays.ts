// Holiday calendars for business-day clocks, computed by date-holidays (rules, not a list of dates, so they do not
// run out after a few years). A calendar is a country's, optionally a state's, public holidays plus the days the
// directory adds or removes. Types `public` and `bank`: for the US, `public` is the eleven federal holidays, each with
// its observed day (a Saturday holiday is off on the Friday, a Sunday one on the Monday, New Year's Day on 31 December
// of the year before), and `bank` adds the one observed day the data files under it (Veterans Day, when federal
// offices close). Pure: date-holidays computes from bundled rules, no I/O.
import Holidays, { type HolidaysTypes } from 'date-holidays';
import type { HolidaySpec } from './directory.ts';

/** The days off that business-day counting skips (besides weekends). */
export interface HolidayCalendar {
  /** e.g. `US public holidays`, shown in a deadline's basis. */
  readonly name: string;
  /** True for a YYYY-MM-DD day that is a holiday. */
  has(day: string): boolean;
}

const TYPES: HolidaysTypes.HolidayType[] = ['public', 'bank'];

const region = (spec: HolidaySpec): string => (spec.state ? `${spec.country}-${spec.state}` : spec.country);

function nameOf(spec: HolidaySpec): string {
  const changes = [
    spec.extra?.length ? `+${String(spec.extra.length)} listed` : '',
    spec.exclude?.length ? `−${String(spec.exclude.length)} excluded` : '',
  ].filter(Boolean);
  return `${region(spec)} public holidays${changes.length > 0 ? ` (${changes.join(', ')})` : ''}`;
}

function build(spec: HolidaySpec): HolidayCalendar {
  const rules = new Holidays({ country: spec.country, ...(spec.state ? { state: spec.state } : {}) }, { types: TYPES });
  const extra = new Set(spec.extra);
  const exclude = new Set(spec.exclude);
  const years = new Map<number, ReadonlySet<string>>();
  const daysOf = (year: number): ReadonlySet<string> => {
    let days = years.get(year);
    if (!days) {
      // `date` is the local start, `YYYY-MM-DD hh:mm:ss`; an observed day falls in the year whose list names it.
      days = new Set(rules.getHolidays(year).map((h) => h.date.slice(0, 10)));
      years.set(year, days);
    }
    return days;
  };
  return {
    name: nameOf(spec),
    has: (day) => !exclude.has(day) && (extra.has(day) || daysOf(Number(day.slice(0, 4))).has(day)),
  };
}

const calendars = new Map<string, HolidayCalendar>();

/** The calendar a spec describes; one instance per distinct spec (date-holidays parses its rules once). */
export function holidayCalendar(spec: HolidaySpec): HolidayCalendar {
  const key = JSON.stringify([spec.country, spec.state, spec.extra, spec.exclude]);
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = build(spec);
    calendars.set(key, calendar);
  }
  return calendar;
}

/** Why date-holidays cannot build the spec's calendar: an unknown country or state code. */
export function holidaySpecErrors(spec: HolidaySpec): string[] {
  const data = new Holidays();
  if (!(spec.country in data.getCountries())) return [`unknown country '${spec.country}'`];
  // Undefined for a country without states, whatever the typings say.
  const states: Readonly<Record<string, string>> | undefined = data.getStates(spec.country);
  if (spec.state !== undefined && !(spec.state in (states ?? {})))
    return [`unknown state '${spec.state}' of ${spec.country}`];
  return [];
}
