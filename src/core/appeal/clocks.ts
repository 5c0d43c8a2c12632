// Appeal clocks after a pre-service (prior authorization) denial: how long the provider has to file each level, and
// how long the reviewer has to decide once it has the request, per line of business. Pure: no clock reads, no I/O.
// Every figure names the regulation it comes from. A line of business (or a level) whose clock is not a federal rule
// gets no invented figure: it is answered as unknown with the reason, so a person checks the plan documents.
// CMS-0057-F (89 FR 8758) sets the clocks of the initial decisions, not of appeals: it is not a source here.
import type { LineOfBusiness } from '../coverage/payer.ts';

export const APPEAL_KINDS = ['reconsideration', 'appeal', 'external_review'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** A decision window: the reviewer decides within `hours` of receiving the request; `text` is how the rule says it. */
export interface DecisionWindow {
  hours: number;
  text: string;
}

export interface AppealClock {
  /** ISO instant: the last moment to file; null when the rule sets none or is unknown (see `unknown`). */
  filingDeadline: string | null;
  /** Null when unknown (see `unknown`). */
  decisionWindow: DecisionWindow | null;
  /** The regulations behind the figures given. */
  sources: string[];
  /** The level this clock is for (1 = first level after the denial). */
  level: number | null;
  /** Why a figure is missing ("unknown, check the plan documents"), when one is. */
  unknown?: string;
}

export interface AppealClockInput {
  /** A `LineOfBusiness`, or 'unknown' (any other value gets no clock). */
  lineOfBusiness: string;
  kind: AppealKind;
  expedited: boolean;
  /** ISO instant of the payer's adverse decision (the date of the notice). */
  deniedAt: string;
}

const HOURS_PER_DAY = 24;
const calendarDays = (days: number): DecisionWindow => ({ hours: days * HOURS_PER_DAY, text: `${days} calendar days` });
const hours = (n: number): DecisionWindow => ({ hours: n, text: `${n} hours` });

interface Level {
  kind: AppealKind;
  name: string;
  /** Calendar days from the denial notice to file; null when the level is reached without filing (automatic). */
  filingDays: number | null;
  standard: DecisionWindow | null;
  expedited: DecisionWindow | null;
  sources: string[];
  unknown?: string;
}

/**
 * The appeal ladder per line of business, pre-service requests for items and services (not Part B drugs, not
 * payment requests). Only lines with a federal rule are listed: Original Medicare has no plan-level pre-service
 * appeal (a claim goes through MAC redetermination) and Medicaid fee-for-service follows each state's fair hearing
 * rules, so both are unknown here.
 */
const LADDERS: Partial<Record<LineOfBusiness, readonly Level[]>> = {
  medicare_advantage: [
    {
      kind: 'reconsideration',
      name: 'Medicare Advantage plan reconsideration',
      filingDays: 65,
      standard: calendarDays(30),
      expedited: hours(72),
      sources: [
        '42 CFR 422.582(b): request a standard reconsideration within 65 calendar days of the organization determination notice (good cause extends it)',
        '42 CFR 422.590(a)(1): standard pre-service reconsideration decided within 30 calendar days of the request (extension up to 14 days)',
        '42 CFR 422.590(e): expedited reconsideration decided within 72 hours of the request',
      ],
    },
    {
      kind: 'external_review',
      name: 'Independent Review Entity (IRE)',
      // The plan forwards an upheld denial itself: the provider files nothing.
      filingDays: null,
      standard: null,
      expedited: null,
      sources: [
        '42 CFR 422.590(a)(2): a reconsideration that affirms the denial in whole or in part goes to the independent entity contracted by CMS',
      ],
      unknown: "the IRE's decision time is not coded here: unknown, check the IRE's notice",
    },
  ],
  commercial: [
    {
      kind: 'appeal',
      name: 'ERISA group health plan internal appeal',
      filingDays: 180,
      standard: calendarDays(30),
      expedited: hours(72),
      sources: [
        '29 CFR 2560.503-1(h)(3)(i): at least 180 days following the adverse benefit determination notice to appeal',
        '29 CFR 2560.503-1(i)(2)(ii): pre-service claim decided on review within 30 days of the request (15 days per level when the plan has two levels)',
        '29 CFR 2560.503-1(i)(2)(i): urgent care claim decided on review within 72 hours of the request',
      ],
    },
  ],
  medicaid_managed_care: [
    {
      kind: 'appeal',
      name: 'Medicaid managed care plan appeal',
      filingDays: 60,
      standard: calendarDays(30),
      expedited: hours(72),
      sources: [
        '42 CFR 438.402(c)(2)(ii): appeal within 60 calendar days from the date on the adverse benefit determination notice',
        '42 CFR 438.408(b)(2): standard resolution within 30 calendar days of receiving the appeal (extension up to 14 days, 438.408(c))',
        '42 CFR 438.408(b)(3): expedited resolution within 72 hours of receiving the appeal',
      ],
    },
  ],
};

const UNKNOWN_LINE = 'unknown, check the plan documents';

const DAY_MS = HOURS_PER_DAY * 3_600_000;
const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** The levels a line of business has, in order (empty when no federal rule is coded for it). */
export function appealLadder(lineOfBusiness: string): readonly { kind: AppealKind; level: number; name: string }[] {
  return (LADDERS[lineOfBusiness as LineOfBusiness] ?? []).map((l, i) => ({
    kind: l.kind,
    level: i + 1,
    name: l.name,
  }));
}

/** The clock of one appeal level after a denial. */
export function appealClock(input: AppealClockInput): AppealClock {
  const ladder = LADDERS[input.lineOfBusiness as LineOfBusiness];
  if (!ladder) {
    return { filingDeadline: null, decisionWindow: null, sources: [], level: null, unknown: UNKNOWN_LINE };
  }
  const index = ladder.findIndex((l) => l.kind === input.kind);
  const level = ladder[index];
  if (!level) {
    const first = ladder[0]?.name ?? 'none';
    return {
      filingDeadline: null,
      decisionWindow: null,
      sources: [],
      level: null,
      unknown: `a ${input.kind.replace('_', ' ')} is payer policy for this line of business (its first level is the ${first}): unknown, check the plan documents`,
    };
  }
  return {
    filingDeadline: level.filingDays === null ? null : addDays(input.deniedAt, level.filingDays),
    decisionWindow: input.expedited ? level.expedited : level.standard,
    sources: level.sources,
    level: index + 1,
    ...(level.unknown ? { unknown: level.unknown } : {}),
  };
}

/** The level after an upheld decision at `level`, if the line of business has one. */
export function nextAppealLevel(
  lineOfBusiness: string,
  level: number,
): { kind: AppealKind; level: number; name: string } | null {
  return appealLadder(lineOfBusiness).find((l) => l.level === level + 1) ?? null;
}

/** When the reviewer's decision is due: the window counted from the time the reviewer received the request. */
export function decisionDueAt(window: DecisionWindow | null, filedAt: string): string | null {
  return window ? new Date(Date.parse(filedAt) + window.hours * 3_600_000).toISOString() : null;
}
