// Coverage discovery, second part: for a resolved payer and an order, who reviews the request (the payer or a
// benefit manager such as eviCore or Carelon), the channels it can go through, the benefit a drug falls under, and
// when the decision is due. Pure: the directory is data (`policies/coverage.yaml`), the receipt time an input.
import type { OrderCode } from '../intake/intake.ts';
import type { ResolvedPayer } from './payer.ts';
import { deadlineUnder, urgencyOf, type Deadline } from './deadline.ts';
import type { Benefit, Clock, CoverageDirectory, FactSource, Match } from './directory.ts';
import { holidayCalendar } from './holidays.ts';

export interface CoverageReviewer {
  name: string;
  kind: 'payer' | 'rbm';
  /** Where the fact was read and when, e.g. `Carelon Imaging of the Spine — https://… (read 2026-11-23)`. */
  source?: string;
}

export interface CoverageInfo {
  reviewer: CoverageReviewer;
  channels: string[];
  benefit: Benefit;
  deadline?: Deadline;
}

export interface DiscoveryInput {
  payer: ResolvedPayer;
  order: OrderCode;
  /** The order's priority (ServiceRequest/MedicationRequest.priority). */
  priority?: string;
  /** When the payer received the request (ISO date-time with a zone); the due date needs it. */
  receivedAt?: string;
  /** Evaluation date YYYY-MM-DD: picks the clock in force when there is no receipt time. */
  asOf: string;
}

export interface Discovery {
  coverage: CoverageInfo;
  /** Why something could not be decided (no clock for the line of business, a drug outside CMS-0057-F). */
  notes: string[];
}

/** `17311` in `17311-17315`, `J3590` in `J0000-J9999`, or an exact code. Codes of one shape compare as text. */
export function codeMatches(code: string, spec: string): boolean {
  const [low, high] = spec.split('-');
  if (high === undefined || low === undefined) return code === spec;
  return code.length === low.length && code >= low && code <= high;
}

/** HCPCS J-codes are drugs given by a clinician; MedicationRequests are drug orders. */
export function isDrugOrder(order: OrderCode): boolean {
  return order.kind === 'drug' || /^J\d{4}$/.test(order.code);
}

export function familiesOf(directory: CoverageDirectory, order: OrderCode): string[] {
  const drug = isDrugOrder(order);
  return Object.entries(directory.serviceFamilies)
    .filter(
      ([, family]) =>
        (family.drugs === true && drug) || (family.codes ?? []).some((spec) => codeMatches(order.code, spec)),
    )
    .map(([name]) => name);
}

const mentions = (display: string, words: readonly string[]): boolean =>
  words.some((word) => new RegExp(`\\b${word.toLowerCase()}\\b`).test(display));

/**
 * Medical vs pharmacy benefit. Services and physician-administered drugs (HCPCS J-codes, infused products) are
 * medical; self-administered drugs (dupilumab, subcutaneous biologics for psoriasis) and other prescriptions are
 * pharmacy.
 */
export function benefitOf(directory: CoverageDirectory, order: OrderCode): Benefit {
  if (!isDrugOrder(order) || order.kind === 'service') return 'medical';
  const display = order.display.toLowerCase();
  if (mentions(display, directory.benefits.medicalIngredients)) return 'medical';
  if (mentions(display, directory.benefits.pharmacyIngredients)) return 'pharmacy';
  return 'pharmacy';
}

interface Subject {
  payer: ResolvedPayer;
  code: string;
  families: string[];
  benefit: Benefit;
}

function matches(match: Match, subject: Subject): boolean {
  const { payer } = subject;
  if (match.payers && (payer.id === undefined || !match.payers.includes(payer.id))) return false;
  if (
    match.linesOfBusiness &&
    (payer.lineOfBusiness === 'unknown' || !match.linesOfBusiness.includes(payer.lineOfBusiness))
  )
    return false;
  if (match.families && !match.families.some((f) => subject.families.includes(f))) return false;
  if (match.codes && !match.codes.some((spec) => codeMatches(subject.code, spec))) return false;
  if (match.benefit && match.benefit !== subject.benefit) return false;
  return true;
}

export const describeSource = (source: FactSource): string =>
  [source.name, source.url].filter(Boolean).join(' — ') + ` (read ${source.read})`;

/** The clock that binds the reviewer for this request, if the directory has one. */
export function selectClock(
  directory: CoverageDirectory,
  subject: Subject & { drug: boolean },
  day: string,
): { clock?: Clock; note?: string; excludedBy?: Clock } {
  let excludedBy: Clock | undefined;
  for (const clock of directory.clocks) {
    if (!matches(clock.match, subject)) continue;
    if ((clock.effective && day < clock.effective) || (clock.expires && day >= clock.expires)) continue;
    if (clock.drugsOnly && !subject.drug) continue;
    if (clock.excludesDrugs && subject.drug) {
      excludedBy ??= clock;
      continue;
    }
    return { clock, ...(excludedBy ? { excludedBy } : {}) };
  }
  const line = subject.payer.lineOfBusiness.replace(/_/g, ' ');
  return {
    note: excludedBy
      ? `${excludedBy.label} does not apply to drugs and no drug decision clock is configured for ${subject.payer.name} (${line})`
      : `no decision clock is configured for ${subject.payer.name} (${line}): the plan's own timeframe applies`,
  };
}

export function discoverCoverage(directory: CoverageDirectory, input: DiscoveryInput): Discovery {
  const { payer, order } = input;
  const benefit = benefitOf(directory, order);
  const drug = isDrugOrder(order);
  const subject: Subject = { payer, code: order.code, families: familiesOf(directory, order), benefit };
  const applicable = directory.routes.filter((route) => matches(route.match, subject));
  const routed = applicable.find((route) => route.reviewer)?.reviewer;
  const reviewer: CoverageReviewer = routed
    ? { name: routed.name, kind: routed.kind, source: describeSource(routed.source) }
    : { name: payer.name, kind: 'payer' };
  const channels = applicable.find((route) => route.channels)?.channels ?? [];
  const notes: string[] = [];
  if (channels.length === 0) notes.push(`no submission channels are on file for ${payer.name}`);

  const day = input.receivedAt?.slice(0, 10) ?? input.asOf;
  const { clock, note, excludedBy } = selectClock(directory, { ...subject, drug }, day);
  if (note) notes.push(note);
  const under = clock
    ? deadlineUnder(clock, urgencyOf(input.priority), input.receivedAt, {
        timeZone: directory.timeZone,
        holidays: holidayCalendar(directory.holidays),
      })
    : undefined;
  // Say why the program's usual clock does not bind a drug request (CMS-0057-F's PA provisions exclude drugs).
  const deadline =
    under && excludedBy
      ? {
          ...under,
          basis: `${under.basis}; ${excludedBy.label} does not apply: its prior-authorization provisions exclude drugs`,
        }
      : under;
  return {
    coverage: { reviewer, channels: [...channels], benefit, ...(deadline ? { deadline } : {}) },
    notes,
  };
}
