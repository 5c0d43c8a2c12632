// Dates and durations in note text, resolved against the note's date: "x 6 weeks", "for 3 months", "since March",
// ranges ("from 3/10 to 5/19/2025", "Jan–Mar 2025"),
// "3 months ago", "02/2025", "in 2019", "03/14/2025", "2025-03-14", "March 2024". Month-only dates resolve to the
// first of the month and year-only dates to January 1st (the fact's `date` is an ISO day).
import { addDays, isIsoDate, weeksBetween } from '../dates.ts';

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  several: 3,
  few: 3,
  couple: 2,
};

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const NUM =
  '(\\d+\\s*(?:1\\/2|½)|\\d+(?:\\.\\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple(?: of)?)';
const UNIT = '(days?|d|wks?|weeks?|w|mos?|months?|yrs?|years?|y)';
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** A duration: "x 6 wks", "for 3 months", "6-week course", "8 weeks of PT", "16+ wks" (at least 16). Not "q2 weeks", "in 4 weeks", "54 yo". */
const DURATION = new RegExp(
  `(?<![A-Za-z0-9/])(?:(x|×|for|over|past|last|after|about|approximately|~|in|within|q|every|each|per)\\s*)?(?:the\\s+)?(?:(?:past|last)\\s+)?${NUM}\\+?\\s*[- ]?${UNIT}(?![A-Za-z])(\\s*(?:ago|old|-old|of age))?`,
  'gi',
);
/** A follow-up interval ("RTC 4-6 weeks", "f/u in 6 weeks") is not a duration. */
const FOLLOW_UP =
  /\b(?:RTC|f\/u|follow[- ]?up|return|recheck|reassess|re-?evaluate|see (?:back|again))\s*(?:in\s*)?(?:\d+\s*-\s*)?$/i;
const AGO = new RegExp(`(?<![A-Za-z0-9/])${NUM}\\s*[- ]?${UNIT}\\s+ago\\b`, 'gi');
const SINCE = new RegExp(
  `\\b(?:since|starting|started(?: on)?|began(?: on)?|beginning)\\s+(?:in\\s+)?(?:(?:early|mid|late)[- ]?\\s*)?(?:${MONTH_NAME}\\.?(?:\\s+(\\d{4}))?|(\\d{1,2})/(\\d{4})|(\\d{4}))\\b`,
  'gi',
);
const SINCE_DAY = /\bsince\s+(\d{1,2})\/(\d{1,2})(?![\d/])/gi;
const FULL_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b|\b(\d{4})-(\d{2})-(\d{2})\b/g;
const MONTH_YEAR = new RegExp(`\\b(?:(\\d{1,2})/(\\d{4})|${MONTH_NAME}\\.?\\s+(?:(\\d{1,2}),?\\s+)?(\\d{4}))\\b`, 'gi');
const YEAR = /(?<![\d/.-])((?:19|20)\d{2})(?![\d/-]|\.\d|\s*(?:mg|mcg|units?|ml|cc)\b)/g;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(y: number, m: number, d: number): string | undefined {
  const value = `${y}-${pad(m)}-${pad(d)}`;
  return isIsoDate(value) ? value : undefined;
}

function amount(raw: string): number {
  const key = raw.toLowerCase().replace(/\s+of$/, '');
  // "2 1/2 weeks", "3½ wks": a whole number and a half.
  const half = /^(\d+)\s*(?:1\/2|½)$/.exec(key);
  if (half) return Number(half[1]) + 0.5;
  return WORD_NUMBERS[key] ?? Number.parseFloat(raw);
}

function toWeeks(n: number, unit: string): number {
  const u = unit.toLowerCase();
  let weeks: number;
  if (u.startsWith('d')) weeks = n / 7;
  else if (u.startsWith('w')) weeks = n;
  else if (u.startsWith('m')) weeks = n * 4.345;
  else weeks = n * 52.18;
  return Math.round(weeks * 10) / 10;
}

export interface Found<T> {
  value: T;
  start: number;
  end: number;
  /** For a stated range ("from 3/10 to 5/19/2025"), its last day, never after the note's date. */
  until?: string;
  /** A start read from "N units ago": a point in time, which is a course's start only after a verb of starting. */
  ago?: boolean;
  /** A date stated by month or year only ("01/2025", "2019"): its day (and month) are placeholders. */
  precision?: 'month' | 'year';
  /** For a range stated by months ("10/2024-12/2024"), the shortest span it can be, in weeks (the longest is
   * `value` to `until`): from the last day of its first month to the first day of its last. For a duration stated
   * as a range ("3-5 weeks"), its lower bound (`value` is the upper). */
  shortestWeeks?: number;
}

/** A date in a range: "3/10", "5/19/2025", "7/21/25", "10/2024", "Jan", "March 5, 2025"; a range may run to
 * "present" (the note's date). */
const RANGE_DATE = `(?:\\d{1,2}/\\d{4}|\\d{1,2}/\\d{1,2}(?:/(?:\\d{4}|\\d{2}(?!\\d)))?|${MONTH_NAME}\\.?(?:\\s+\\d{1,2}(?!\\d))?(?:,?\\s+\\d{4})?)`;
const RANGE = new RegExp(
  `(?<![\\w/])(?:from\\s+)?(${RANGE_DATE})\\s*(?:->|-->|=>|→|-|–|—|\\bto\\b|\\bthrough\\b|\\buntil\\b)\\s*(${RANGE_DATE}|present|now|today|current)(?![\\w/])`,
  'gi',
);

interface DateParts {
  year?: number;
  month: number;
  day?: number;
}

function dateParts(raw: string): DateParts | undefined {
  const numeric = /^(\d{1,2})\/(\d{1,2}|\d{4})(?:\/(\d{4}|\d{2}))?$/.exec(raw);
  if (numeric) {
    const month = Number(numeric[1]);
    if ((numeric[2] ?? '').length === 4) return { month, year: Number(numeric[2]) };
    const year = numeric[3] === undefined ? undefined : Number(numeric[3]) + (numeric[3].length === 2 ? 2000 : 0);
    return { month, day: Number(numeric[2]), ...(year !== undefined ? { year } : {}) };
  }
  const named = /^([a-z]+)\.?(?:\s+(\d{1,2}))?(?:,?\s+(\d{4}))?$/i.exec(raw);
  const month = named ? MONTHS[(named[1] ?? '').slice(0, 3).toLowerCase()] : undefined;
  if (!named || month === undefined) return undefined;
  return { month, ...(named[2] ? { day: Number(named[2]) } : {}), ...(named[3] ? { year: Number(named[3]) } : {}) };
}

const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A range's first and last day: a year-less end is the latest such day not after the note's date, a year-less start
 * the latest before its end; a month without a day starts on its first and ends on its last (or the note's date).
 */
function resolveRange(from: DateParts, to: DateParts, noteDate: string): [string, string] | undefined {
  const noteYear = Number(noteDate.slice(0, 4));
  const endOf = (y: number): string | undefined => iso(y, to.month, to.day ?? lastDay(y, to.month));
  const begunThisYear = (iso(noteYear, to.month, to.day ?? 1) ?? noteDate) <= noteDate;
  const end = endOf(to.year ?? (begunThisYear ? noteYear : noteYear - 1));
  if (end === undefined) return undefined;
  const endYear = Number(end.slice(0, 4));
  const startOf = (y: number): string | undefined => iso(y, from.month, from.day ?? 1);
  let start = startOf(from.year ?? endYear);
  if (from.year === undefined && start !== undefined && start > end) start = startOf(endYear - 1);
  if (start === undefined || start > end || start > noteDate) return undefined;
  return [start, end > noteDate ? noteDate : end];
}

const NOW = /^(?:present|now|today|current)$/i;
const isoToSlashes = (date: string): string => `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;

function findRanges(text: string, noteDate: string): Found<string>[] {
  const out: Found<string>[] = [];
  RANGE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RANGE.exec(text)) !== null) {
    const from = dateParts(m[1] ?? '');
    const to = NOW.test(m[3] ?? '') ? dateParts(isoToSlashes(noteDate)) : dateParts(m[3] ?? '');
    const range = from && to ? resolveRange(from, to, noteDate) : undefined;
    if (!range) continue;
    const found: Found<string> = { value: range[0], until: range[1], start: m.index, end: m.index + m[0].length };
    if (from?.day === undefined || to?.day === undefined) {
      const latestStart =
        from?.day === undefined
          ? range[0].slice(0, 8) +
            String(lastDay(Number(range[0].slice(0, 4)), Number(range[0].slice(5, 7)))).padStart(2, '0')
          : range[0];
      const earliestEnd = to?.day === undefined ? `${range[1].slice(0, 8)}01` : range[1];
      found.shortestWeeks = earliestEnd > latestStart ? weeksBetween(latestStart, earliestEnd) : 0;
    }
    out.push(found);
  }
  return out;
}

const FREQUENCY_BEFORE = /(?:\b(?:times?|visits?|sessions?|doses?|days?|nights?)|\dx|\bx\d?|\btwice|\bonce)\s*$/i;

/** Durations (in weeks) stated in `text`, with offsets relative to `text`. */
export function findDurations(text: string): Found<number>[] {
  const out: Found<number>[] = [];
  DURATION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DURATION.exec(text)) !== null) {
    const prep = (m[1] ?? '').toLowerCase();
    if (m[4] !== undefined) continue; // "3 months ago", "54 years old"
    if (prep === 'in' || prep === 'within' || prep === 'q' || prep === 'every' || prep === 'each' || prep === 'per') {
      continue;
    }
    const unit = m[3] ?? '';
    if ((prep === '' || prep === 'in') && FOLLOW_UP.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    if (/^\s*(?:yo|y\/o|-?old)\b/i.test(after)) continue;
    if (/^[/-]/.test(after) || /^\s*\/\s*\d/.test(after)) continue;
    const u = unit.toLowerCase();
    if ((u === 'd' || u === 'w' || u === 'm' || u === 'y') && prep === '') continue;
    const word = m[2] ?? '';
    // "2-3 times a week", "PT 2x a week": a frequency, not a length.
    if (/^(?:a|an|one)$/i.test(word) && FREQUENCY_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (/^[a-z]/i.test(word)) {
      // A word number needs a space before its unit: "a day", not "AD".
      const numEnd = m[0].toLowerCase().indexOf(word.toLowerCase()) + word.length;
      if (!/\s/.test(m[0].charAt(numEnd))) continue;
    }
    // "3-5 weeks", "somewhere between ~3 and ~5 weeks": the longest reading, and the shortest it can be.
    const range = prep === '' || prep === '~' ? RANGE_LOW.exec(text.slice(Math.max(0, m.index - 24), m.index)) : null;
    const low = range ? toWeeks(Number(range[1]), unit) : undefined;
    const value = toWeeks(amount(m[2] ?? ''), unit);
    out.push({
      value,
      start: range ? m.index - range[0].length : m.index,
      end: m.index + m[0].length,
      ...(low !== undefined && low < value ? { shortestWeeks: low } : {}),
    });
  }
  return out;
}
const RANGE_LOW = /(?:\bbetween\s+)?~?(\d+(?:\.\d+)?)\s*(?:-|–|to|and|or)\s*~?$/i;

/** Start dates (with the end of a stated range): "from 3/10 to 5/19/2025", "since March", "since 02/2025", "since 6/9",
 * "3 months ago", "started 2019". */
export function findStarts(text: string, noteDate: string | undefined): Found<string>[] {
  const out: Found<string>[] = [];
  if (noteDate === undefined || !isIsoDate(noteDate)) return out;
  const noteYear = Number(noteDate.slice(0, 4));
  const noteMonth = Number(noteDate.slice(5, 7));
  out.push(...findRanges(text, noteDate));
  AGO.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AGO.exec(text)) !== null) {
    const weeks = toWeeks(amount(m[1] ?? ''), m[2] ?? '');
    out.push({
      value: addDays(noteDate, -Math.round(weeks * 7)),
      start: m.index,
      end: m.index + m[0].length,
      ago: true,
    });
  }
  SINCE.lastIndex = 0;
  while ((m = SINCE.exec(text)) !== null) {
    let value: string | undefined;
    if (m[1] !== undefined) {
      const month = MONTHS[m[1].slice(0, 3).toLowerCase()] ?? 1;
      const year = m[2] !== undefined ? Number(m[2]) : month <= noteMonth ? noteYear : noteYear - 1;
      value = iso(year, month, 1);
    } else if (m[3] !== undefined && m[4] !== undefined) value = iso(Number(m[4]), Number(m[3]), 1);
    else if (m[5] !== undefined) value = iso(Number(m[5]), 1, 1);
    if (value !== undefined && value <= noteDate) out.push({ value, start: m.index, end: m.index + m[0].length });
  }
  // "PT 2x/wk since 6/9": a day without its year is the latest such day not after the note's date. Only after
  // "since", which also says the course runs up to the note ("started 8/4" may have ended since).
  SINCE_DAY.lastIndex = 0;
  while ((m = SINCE_DAY.exec(text)) !== null) {
    const [month, day] = [Number(m[1]), Number(m[2])];
    let value = iso(noteYear, month, day);
    if (value !== undefined && value > noteDate) value = iso(noteYear - 1, month, day);
    if (value !== undefined) out.push({ value, start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Explicit dates in text: full dates, month/year, and years; invalid dates are skipped. */
export function findDates(text: string): Found<string>[] {
  const out: Found<string>[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number): boolean => taken.every(([a, b]) => e <= a || s >= b);
  FULL_DATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FULL_DATE.exec(text)) !== null) {
    let value: string | undefined;
    if (m[1] !== undefined && m[2] !== undefined && m[3] !== undefined) {
      const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      value = iso(y, Number(m[1]), Number(m[2]));
    } else if (m[4] !== undefined) value = iso(Number(m[4]), Number(m[5]), Number(m[6]));
    taken.push([m.index, m.index + m[0].length]);
    if (value !== undefined) out.push({ value, start: m.index, end: m.index + m[0].length });
  }
  MONTH_YEAR.lastIndex = 0;
  while ((m = MONTH_YEAR.exec(text)) !== null) {
    const s = m.index;
    const e = s + m[0].length;
    if (!free(s, e)) continue;
    let value: string | undefined;
    if (m[1] !== undefined && m[2] !== undefined) value = iso(Number(m[2]), Number(m[1]), 1);
    else if (m[3] !== undefined && m[5] !== undefined) {
      value = iso(Number(m[5]), MONTHS[m[3].slice(0, 3).toLowerCase()] ?? 1, m[4] !== undefined ? Number(m[4]) : 1);
    }
    taken.push([s, e]);
    const monthOnly = m[4] === undefined;
    if (value !== undefined)
      out.push({ value, start: s, end: e, ...(monthOnly ? { precision: 'month' as const } : {}) });
  }
  YEAR.lastIndex = 0;
  while ((m = YEAR.exec(text)) !== null) {
    const s = m.index;
    const e = s + m[0].length;
    if (!free(s, e)) continue;
    const value = iso(Number(m[1]), 1, 1);
    if (value !== undefined) out.push({ value, start: s, end: e, precision: 'year' });
  }
  return out.sort((a, b) => a.start - b.start);
}
