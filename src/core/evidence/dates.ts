// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so that a date never shifts with the server's time zone.

const DAY_MS = 86_400_000;

function toTime(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

/** Whole and partial weeks from `from` to `to`, rounded to one decimal (8 days → 1.1). */
export function weeksBetween(from: string, to: string): number {
  return Math.round((daysBetween(from, to) / 7) * 10) / 10;
}

export function addDays(date: string, days: number): string {
  return new Date(toTime(date) + days * DAY_MS).toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar date in YYYY-MM-DD form (rejects 2025-02-30): the proleptic Gregorian calendar of `Date`,
 * by arithmetic (the note extractors ask this for every date they read; a Date round trip costs ten times more).
 */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number));
}

/** Orders ISO dates (YYYY-MM-DD, '' first) by their code units, which is their calendar order: a sort of thousands of
 * dated facts (a large record's set-aside prescriptions) would spend most of its time in `localeCompare`. */
export const compareIsoDates = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
