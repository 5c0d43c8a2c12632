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

/** True for a real calendar date in YYYY-MM-DD form (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = toTime(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
