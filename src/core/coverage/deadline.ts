// Decision clocks: when the reviewer's decision is due, from the time the request was received, its urgency and the
// clock that binds the reviewer (CMS-0057-F from 2026-01-01: 72 hours expedited, 7 calendar days standard; before
// 2026: 72 hours / 14 days; plan and state clocks in calendar or business days). Pure: no clock reads, no I/O.
// Days are counted in the clock's IANA time zone, so a DST change or a holiday is where the payer is, not the server.
import type { Clock, Limit } from './directory.ts';
import { holidayCalendar, type HolidayCalendar } from './holidays.ts';

export type Urgency = 'expedited' | 'standard';

export interface Calendar {
  timeZone: string;
  /** Days skipped by business-day counting. */
  holidays: HolidayCalendar;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 date-time with a zone (`Z` or an offset): a receipt time without one is ambiguous. */
export function isZonedDateTime(value: string): boolean {
  if (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return date.getUTCMonth() + 1 === month && date.getUTCDate() === day;
}

/** The order's priority → the review urgency: routine (or none) → standard; urgent, asap, stat → expedited. */
export function urgencyOf(priority: string | undefined): Urgency {
  return priority === 'urgent' || priority === 'asap' || priority === 'stat' ? 'expedited' : 'standard';
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function zoneParts(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const wallAsUtc = (w: WallTime): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

// Offsets change only on quarter-hour instants (every zone's transitions fall on them), so one lookup per zone and
// quarter hour serves every instant in it: Intl formatting is the slow part of a determination otherwise.
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at this instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const bucket = Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${String(bucket)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = Math.round((wallAsUtc(zoneParts(bucket, timeZone)) - bucket) / 60000);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Local wall-clock time of an instant in the zone. */
function wallTime(instant: number, timeZone: string): WallTime {
  const local = new Date(Math.floor(instant / 1000) * 1000 + offsetMinutes(instant, timeZone) * 60000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The instant a wall-clock time in the zone denotes (a time skipped by DST resolves to the instant after the gap). */
function instantOf(w: WallTime, timeZone: string): number {
  const asUtc = wallAsUtc(w);
  const first = asUtc - offsetMinutes(asUtc, timeZone) * 60000;
  return asUtc - offsetMinutes(first, timeZone) * 60000;
}

/** ISO date-time in the zone's local time with its offset, e.g. `2026-03-09T10:00:00-04:00`. */
export function formatInZone(instant: number, timeZone: string): string {
  const offset = offsetMinutes(instant, timeZone);
  const local = new Date(Math.floor(instant / 1000) * 1000 + offset * 60000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const isoDay = (w: Pick<WallTime, 'year' | 'month' | 'day'>): string =>
  `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;

function addDays(w: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Monday to Friday and not a holiday of the calendar. */
export function isBusinessDay(day: string, holidays: HolidayCalendar): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/**
 * When a decision under `limit` is due for a request received at `receivedAt` (ISO date-time with a zone). Hours run
 * on the absolute clock; calendar days keep the receipt's local time of day (DST-safe); business days count the days
 * after receipt that are neither weekend nor holiday and end at 23:59:59 local unless `endOfDay: false`.
 */
export function dueDate(receivedAt: string, limit: Limit, calendar: Calendar): string {
  if (!isZonedDateTime(receivedAt)) {
    throw new RangeError(`receipt time '${receivedAt}' is not an ISO date-time with a zone (Z or ±hh:mm)`);
  }
  const received = Date.parse(receivedAt);
  const zone = calendar.timeZone;
  if (limit.unit === 'hours') return formatInZone(received + limit.amount * 3_600_000, zone);
  const start = wallTime(received, zone);
  let due: WallTime;
  if (limit.unit === 'calendar_days') {
    due = addDays(start, limit.amount);
  } else {
    due = start;
    let counted = 0;
    while (counted < limit.amount) {
      due = addDays(due, 1);
      if (isBusinessDay(isoDay(due), calendar.holidays)) counted++;
    }
  }
  const endOfDay = limit.endOfDay ?? limit.unit === 'business_days';
  if (endOfDay) due = { ...due, hour: 23, minute: 59, second: 59 };
  return formatInZone(instantOf(due, zone), zone);
}

/** Readable name of a limit: `72 hours`, `7 calendar days`, `2 business days`. */
export function describeLimit(limit: Limit): string {
  const unit = limit.unit.replace('_', ' ');
  return `${String(limit.amount)} ${limit.amount === 1 ? unit.replace(/s$/, '') : unit}`;
}

export interface Deadline {
  urgency: Urgency;
  due?: string;
  clock: string;
  basis: string;
}

/** The deadline under a chosen clock: `due` only when the receipt time is known. The clock's own time zone and
 * holidays, when it names them, replace the directory's. */
export function deadlineUnder(
  clock: Clock,
  urgency: Urgency,
  receivedAt: string | undefined,
  calendar: Calendar,
): Deadline {
  const limit = clock[urgency];
  const zone = clock.timeZone ?? calendar.timeZone;
  const holidays = clock.holidays ? holidayCalendar(clock.holidays) : calendar.holidays;
  const label = `${clock.label} ${describeLimit(limit)}`;
  const dated = receivedAt !== undefined && isZonedDateTime(receivedAt);
  const counted =
    limit.unit === 'business_days'
      ? `business days counted in ${zone}, weekends and ${holidays.name} skipped`
      : limit.unit === 'calendar_days'
        ? `calendar days counted in ${zone}`
        : 'hours on the clock';
  const basis = [
    `${urgency} request: ${describeLimit(limit)} from receipt under ${clock.label} (${clock.source.name})`,
    counted,
    dated ? `received ${receivedAt}` : 'no receipt time yet: the clock starts when the payer receives the request',
  ].join('; ');
  return {
    urgency,
    ...(dated ? { due: dueDate(receivedAt, limit, { timeZone: zone, holidays }) } : {}),
    clock: label,
    basis,
  };
}
