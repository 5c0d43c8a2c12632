// The analytics queries' parameters, checked: the grouping dimensions, the period and its buckets, the report year.
// Each refusal names the parameter and says what is allowed (answered 400 at the edge, nothing run).
import { InvalidInputError } from '../fhir/index.ts';

export const DENIAL_DIMENSIONS = ['payer', 'service', 'criterion'] as const;
export type DenialDimension = (typeof DENIAL_DIMENSIONS)[number];
export const TURNAROUND_DIMENSIONS = ['payer', 'service', 'urgency'] as const;
export type TurnaroundDimension = (typeof TURNAROUND_DIMENSIONS)[number];

/** Buckets are UTC: a day from 00:00, an ISO week from Monday 00:00, a month from its first day 00:00. */
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/** A half-open period [from, to) of ISO instants. */
export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
/** Without `from`, a period starts this long before its end. */
export const DEFAULT_PERIOD_DAYS = 365;
/** More buckets than this in one answer is refused (a decade by day is not a chart anyone reads). */
export const MAX_BUCKETS = 1_000;
/** The first year the CMS report covers cases in (providers' own history may start before the rule). */
export const FIRST_REPORT_YEAR = 2000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function refuse(location: string, message: string): never {
  throw new InvalidInputError([{ severity: 'error', code: 'invalid', location, message }], 400);
}

/** An instant from a date (its start, UTC) or a date-time with its offset. */
function instant(value: string, location: string): number {
  if (!DATE.test(value) && !DATE_TIME.test(value)) {
    refuse(location, `'${value.slice(0, 40)}' is not a date (YYYY-MM-DD) or a date-time with an offset`);
  }
  const time = Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value);
  // Date.parse rolls 30 February over into March: the calendar date must read back as written.
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).toISOString().slice(0, 10);
  if (!Number.isFinite(time) || calendar !== value.slice(0, 10)) refuse(location, `'${value}' is not a calendar date`);
  return time;
}

/**
 * The period [from, to): `from` a date (from its start, UTC) or a date-time; `to` a date (that whole day included) or
 * a date-time (excluded). Defaults: `to` now, `from` DEFAULT_PERIOD_DAYS before `to`. `from` must come before `to`.
 */
export function parsePeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const to =
    query.to === undefined ? now.getTime() : instant(query.to, 'query.to') + (DATE.test(query.to) ? DAY_MS : 0);
  const from = query.from === undefined ? to - DEFAULT_PERIOD_DAYS * DAY_MS : instant(query.from, 'query.from');
  if (from >= to)
    refuse('query.from', `from (${new Date(from).toISOString()}) must be before to (${new Date(to).toISOString()})`);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** Comma-separated dimensions, each once, from `allowed`; `fallback` when absent; none when empty. */
export function parseGroupBy<D extends string>(
  value: string | undefined,
  allowed: readonly D[],
  fallback: readonly D[],
): D[] {
  if (value === undefined) return [...fallback];
  if (value.trim() === '') return [];
  const asked = value.split(',').map((d) => d.trim());
  const unknown = asked.filter((d) => !(allowed as readonly string[]).includes(d));
  if (unknown.length > 0) {
    refuse(
      'query.groupBy',
      `unknown dimension ${unknown.map((d) => `'${d.slice(0, 40)}'`).join(', ')}: use ${allowed.join(', ')}`,
    );
  }
  const repeated = asked.filter((d, i) => asked.indexOf(d) !== i);
  if (repeated.length > 0) refuse('query.groupBy', `dimension '${repeated[0] ?? ''}' is named twice`);
  return asked as D[];
}

export function parseInterval(value: string | undefined, fallback: Interval = 'month'): Interval {
  if (value === undefined) return fallback;
  if (!(INTERVALS as readonly string[]).includes(value)) {
    refuse('query.interval', `unknown interval '${value.slice(0, 40)}': use ${INTERVALS.join(', ')}`);
  }
  return value as Interval;
}

/** The start of the UTC bucket holding `at` (ISO instant out). */
export function periodStart(at: string | Date, interval: Interval): string {
  const d = new Date(at);
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), interval === 'month' ? 1 : d.getUTCDate()));
  // ISO weeks start on Monday: getUTCDay() is 0 on Sunday.
  if (interval === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  return start.toISOString();
}

/** How many buckets the period spans. */
export function bucketCount(period: Period, interval: Interval): number {
  let count = 0;
  const end = Date.parse(period.to);
  for (let at = Date.parse(periodStart(period.from, interval)); at < end && count <= MAX_BUCKETS; count++) {
    const next = new Date(at);
    if (interval === 'day') next.setUTCDate(next.getUTCDate() + 1);
    else if (interval === 'week') next.setUTCDate(next.getUTCDate() + 7);
    else next.setUTCMonth(next.getUTCMonth() + 1);
    at = next.getTime();
  }
  return count;
}

/** Refuses a period that would answer more than MAX_BUCKETS buckets. */
export function assertBuckets(period: Period, interval: Interval): void {
  if (bucketCount(period, interval) > MAX_BUCKETS) {
    refuse(
      'query.interval',
      `the period spans more than ${String(MAX_BUCKETS)} ${interval}s: choose a longer interval or a shorter period`,
    );
  }
}

/** A report year: a whole number from FIRST_REPORT_YEAR to the current year (UTC). */
export function parseYear(value: string | number | undefined, now: Date): number {
  const current = now.getUTCFullYear();
  if (value === undefined) return current - 1;
  const year = typeof value === 'number' ? value : /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > current) {
    refuse('query.year', `year must be from ${String(FIRST_REPORT_YEAR)} to ${String(current)}`);
  }
  return year;
}

/** The calendar year as a period. */
export function yearPeriod(year: number): Period {
  return { from: new Date(Date.UTC(year, 0, 1)).toISOString(), to: new Date(Date.UTC(year + 1, 0, 1)).toISOString() };
}
