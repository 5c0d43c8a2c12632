// What each denial-analytics figure means, stated once: the storage adapter computes them in SQL from these
// definitions (the outcome sets, the edit events and the system actors below), and the API documents them.
//
// The unit of a payer decision is one *request*: one submission attempt of a case (a row of `submissions`), from
// its `submission.queued` event to the `payer.responded` event that moved the case to a final decision. A pend is
// not a decision. Times are the events' `at` (database time, UTC).

/** A payer's final answer to a request: the status `payer.responded` moved the case to. */
export const DECISION_OUTCOMES = ['approved', 'partially_approved', 'modified', 'denied'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Approved other than requested (CMS public reporting keeps these apart from plain approvals). */
export const APPROVED_OTHERWISE: readonly DecisionOutcome[] = ['partially_approved', 'modified'];

/** Appeal outcomes (W4's `appeal.decided { outcome }`) that overturn the denial, at least in part. */
export const OVERTURNING: readonly string[] = ['overturned', 'partially_overturned'];

/**
 * The criteria *in doubt* at submission, the unit of the by-criterion and root-cause figures. The determination lists
 * every criterion of the policy tree, alternatives included (a met `any` still lists its other branches as not met),
 * so not every non-met entry weighed on it. In doubt: a `not_met` criterion of a determination other than `meets`,
 * and an `unknown` criterion that could change the answer (the determination asks for its documentation in
 * `missingDocumentation`). A `meets` determination thus has no criterion in doubt unless documentation was missing.
 */
export const CRITERIA_IN_DOUBT =
  'not_met criteria of a determination other than meets, and unknown criteria listed in its missingDocumentation';

/** The events the analytics read. */
export const EVENTS = {
  queued: 'submission.queued',
  sending: 'submission.sending',
  responded: 'payer.responded',
  deadlineSet: 'deadline.set',
  appealOpened: 'appeal.opened',
  appealDecided: 'appeal.decided',
} as const;

/**
 * The edits that make a request *not touchless*, when a person makes them between the case's creation and its first
 * submission: a questionnaire answer or other documentation (`documentation.received`), an attached document, an
 * override of the determination (`submission.overridden`), a comment, an assignment, and a re-determination a person
 * asked for (`determination.made` whose payload has `requestedBy`; the automatic determinations have none).
 */
export const EDIT_EVENTS: readonly string[] = [
  'documentation.received',
  'document.attached',
  'submission.overridden',
  'comment.added',
  'case.assigned',
];
export const REDETERMINATION_EVENT = 'determination.made';
/** The payload field a re-determination on request carries (the person who asked). */
export const REQUESTED_BY = 'requestedBy';

/**
 * Actors that are Klivira itself, not a person: the determination engine, the job worker, and the payer channels'
 * sources (`pas:submit`, `x12-278:inquiry`, `pas:notification:…`: any actor with a colon). Every other actor (an API
 * key's caller, a signed-in user's name, a SMART launch's user) is a person.
 */
export const SYSTEM_ACTORS: readonly string[] = ['klivira', 'worker'];

export function isPerson(actor: string): boolean {
  return !SYSTEM_ACTORS.includes(actor) && !actor.includes(':');
}

/** A case event as the touchless rule reads it. */
export interface CaseEventFact {
  type: string;
  actor: string;
  payload: Record<string, unknown>;
}

/**
 * True when the event is a person's edit in the sense of the touchless rate: the rule as code, which
 * src/adapters/db/analytics-facts.ts states in SQL from the same constants (its integration test checks they agree).
 */
export function isHumanEdit(event: CaseEventFact): boolean {
  if (event.type === REDETERMINATION_EVENT) {
    const by = event.payload[REQUESTED_BY];
    return typeof by === 'string' && isPerson(by);
  }
  return EDIT_EVENTS.includes(event.type) && isPerson(event.actor);
}

/** numerator / denominator to 4 decimals, or null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

/**
 * CMS-0057-F public reporting of prior-authorization metrics (yearly from 31 March 2026, for the previous calendar
 * year, items and services only, drugs excluded): 42 CFR 422.122(c) (Medicare Advantage), 438.210(f) (Medicaid
 * managed care), 440.230(e) (Medicaid fee-for-service), 457.732(c) and 457.1230(d) (CHIP), 45 CFR 156.223(c) (QHP
 * issuers on the federal exchanges), as amended by CMS-0057-F, 89 FR 8758 (8 Feb 2024). Per payer:
 * (1) the items and services that need PA (the policy library has that list; not a figure from cases);
 * (2)/(6) percent of standard / expedited requests approved; (3)/(7) percent denied; (4) percent approved after
 * appeal; (5) percent whose timeframe was extended and then approved; (8)/(9) average and median time from
 * submission to decision, standard and expedited apart.
 */
export const CMS_0057F_SOURCE =
  '42 CFR 422.122(c), 438.210(f), 440.230(e), 457.732(c), 457.1230(d); 45 CFR 156.223(c), as amended by CMS-0057-F (89 FR 8758, 8 Feb 2024)';

/** Figures the CMS report names that Klivira's events cannot give, and why (said in the report, not guessed). */
export const CMS_0057F_NOT_DERIVED = [
  'percent of requests whose timeframe was extended and then approved (5): payers do not send a timeframe extension as a distinct answer on either channel, so no event records it',
];

/** Documented meanings, served with each figure so a reader of the JSON or CSV need not guess. */
export const DEFINITIONS = {
  denialRate: `denied / decisions: payer decisions (a request answered approved, partially_approved, modified or denied; pends are not decisions) in the period, by the time of the decision. Grouped by criterion, a decision counts under every criterion in doubt in the determination at submission (${CRITERIA_IN_DOUBT}), and under criterion null when none was`,
  firstPassApprovalRate:
    'cases whose first payer decision was approved (fully), on that attempt, and that never had an appeal opened / cases whose first payer decision falls in the period',
  touchlessRate:
    "first submissions with no person's edit between the case's creation and that submission (a questionnaire answer or documentation received, a document attached, an override, a comment, an assignment, or a re-determination a person asked for; Klivira, the worker and the payer channels are not persons) / first submissions queued in the period",
  turnaround:
    "hours from the payer's receipt of the request (the first submission.sending of that attempt) to its decision, for decisions in the period; on time when decided at or before the decision due time recorded from the payer's clock (deadline.set), late after it, no clock when none was recorded",
  overturnRate:
    '(overturned + partially overturned) / appeals decided in the period (appeal.decided, at the decision time it records); fullyOverturnedRate counts overturned only',
  rootCause: `for denied decisions in the period: how often each criterion was in doubt in the determination at submission (${CRITERIA_IN_DOUBT}); share = denials with the criterion in doubt / all denials in the period; allCriteriaMet = denials with none in doubt`,
  cms0057f: `per payer and calendar year (UTC) of decision, items and services only (drug orders excluded), standard and expedited apart: percent of decided requests approved, approved other than requested (partially approved or modified), denied, and approved after appeal (denied, then an appeal of the case decided overturned or partially overturned); average and median hours from receipt to decision. Source: ${CMS_0057F_SOURCE}`,
} as const;
