// The rules of one appeal's steps, checked under the case's lock by the store: opening it against an adverse
// decision (with its clock, refused past the filing deadline unless a late-filing reason is given: good cause exists,
// e.g. 42 CFR 422.582(c)), recording that it was filed (which starts the reviewer's clock) and recording the
// outcome (which moves the case). Pure: times come in as arguments.
import {
  assertAppealable,
  CaseConflictError,
  statusForAppealOutcome,
  type AppealOutcome,
  type CaseStatus,
} from '../case/index.ts';
import { InvalidInputError } from '../fhir/index.ts';
import { appealClock, decisionDueAt, nextAppealLevel, type AppealClock, type AppealKind } from './clocks.ts';

export type AppealState = 'drafting' | 'filed' | 'decided' | 'withdrawn';

export interface AppealRecord {
  id: string;
  kind: AppealKind;
  level: number;
  lineOfBusiness: string;
  expedited: boolean;
  state: AppealState;
  /** The adverse status the appeal is against (where an upheld decision returns the case). */
  appealedStatus: CaseStatus;
  openedAt: string;
  filingDeadline: string | null;
  lateFilingReason: string | null;
  filedAt: string | null;
  decisionDueAt: string | null;
  outcome: AppealOutcome | null;
  decidedAt: string | null;
  authorizationNumber: string | null;
  reason: string;
}

/** How far a recorded time may run ahead of the server's clock (clients' clocks drift). */
const CLOCK_SKEW_MS = 5 * 60_000;

const refuse = (message: string, location: string): InvalidInputError =>
  new InvalidInputError([{ severity: 'error', code: 'business-rule', message, location }]);

export interface OpenAppealInput {
  id: string;
  status: CaseStatus;
  lineOfBusiness: string;
  kind: AppealKind;
  expedited: boolean;
  /** When the adverse decision being appealed was recorded (the payer's answer, or an upheld appeal). */
  adverseAt: string;
  now: string;
  reason: string;
  lateFilingReason?: string;
  previous: readonly AppealRecord[];
}

export function openAppeal(input: OpenAppealInput): AppealRecord {
  assertAppealable(input.status);
  const clock = appealClock({ ...input, deniedAt: input.adverseAt });
  const decided = input.previous.filter((a) => a.state === 'decided');
  const reached = Math.max(0, ...decided.map((a) => a.level));
  const level = clock.level ?? reached + 1;
  if (clock.level !== null && clock.level > reached + 1) {
    throw refuse(
      `a level ${String(clock.level)} ${input.kind.replace('_', ' ')} follows an upheld level ${String(clock.level - 1)}: open that one first`,
      'body.kind',
    );
  }
  if (clock.level !== null && clock.level <= reached) {
    const next = nextAppealLevel(input.lineOfBusiness, reached);
    throw refuse(
      `level ${String(clock.level)} was already decided${next ? `: the next level is the ${next.name} (kind ${next.kind})` : ' and this line of business has no further level coded'}`,
      'body.kind',
    );
  }
  if (
    clock.filingDeadline !== null &&
    Date.parse(input.now) > Date.parse(clock.filingDeadline) &&
    !input.lateFilingReason
  ) {
    throw refuse(
      `the filing deadline passed on ${clock.filingDeadline} (${clock.sources[0] ?? 'the plan documents'}): give lateFilingReason to record a late filing with good cause`,
      'body.lateFilingReason',
    );
  }
  return {
    id: input.id,
    kind: input.kind,
    level,
    lineOfBusiness: input.lineOfBusiness,
    expedited: input.expedited,
    state: 'drafting',
    appealedStatus: input.status,
    openedAt: input.now,
    filingDeadline: clock.filingDeadline,
    lateFilingReason: input.lateFilingReason ?? null,
    filedAt: null,
    decisionDueAt: null,
    outcome: null,
    decidedAt: null,
    authorizationNumber: null,
    reason: input.reason,
  };
}

function assertRecordedTime(at: string, now: string, location: string, notBefore?: { at: string; what: string }) {
  if (Date.parse(at) > Date.parse(now) + CLOCK_SKEW_MS) throw refuse(`${at} is in the future`, location);
  if (notBefore && Date.parse(at) < Date.parse(notBefore.at)) {
    throw refuse(`${at} is before the appeal was ${notBefore.what} (${notBefore.at})`, location);
  }
}

/** The appeal reached the reviewer: its decision clock starts at `filedAt`. */
export function fileAppeal(appeal: AppealRecord, filedAt: string, now: string): AppealRecord {
  if (appeal.state !== 'drafting') throw new CaseConflictError(`the appeal is already ${appeal.state}`);
  assertRecordedTime(filedAt, now, 'body.filedAt', { at: appeal.openedAt, what: 'opened' });
  if (appeal.filingDeadline && Date.parse(filedAt) > Date.parse(appeal.filingDeadline) && !appeal.lateFilingReason) {
    throw refuse(
      `filed after the filing deadline (${appeal.filingDeadline}) with no late-filing reason recorded when it was opened`,
      'body.filedAt',
    );
  }
  const window = appealClock({ ...appeal, deniedAt: appeal.openedAt }).decisionWindow;
  return { ...appeal, state: 'filed', filedAt, decisionDueAt: decisionDueAt(window, filedAt) };
}

export interface AppealDecision {
  appeal: AppealRecord;
  /** The status the case moves to. */
  to: CaseStatus;
  /** The level now open after an upheld decision, if the line of business has one. */
  nextLevel: { kind: AppealKind; level: number; name: string } | null;
}

export function decideAppeal(
  appeal: AppealRecord,
  outcome: AppealOutcome,
  decidedAt: string,
  now: string,
  authorizationNumber?: string,
): AppealDecision {
  if (appeal.state === 'drafting') throw new CaseConflictError('the appeal was not filed yet: record its filing first');
  if (appeal.state !== 'filed') throw new CaseConflictError(`the appeal is already ${appeal.state}`);
  assertRecordedTime(decidedAt, now, 'body.decidedAt', { at: appeal.filedAt ?? appeal.openedAt, what: 'filed' });
  if (authorizationNumber !== undefined && outcome === 'upheld') {
    throw refuse('an upheld denial carries no authorization number', 'body.authorizationNumber');
  }
  return {
    appeal: {
      ...appeal,
      state: 'decided',
      outcome,
      decidedAt,
      authorizationNumber: authorizationNumber ?? null,
    },
    to: statusForAppealOutcome(outcome, appeal.appealedStatus),
    nextLevel: outcome === 'upheld' ? nextAppealLevel(appeal.lineOfBusiness, appeal.level) : null,
  };
}

export interface AppealView extends AppealRecord {
  decisionWindow: AppealClock['decisionWindow'];
  sources: string[];
  /** Why a figure of the clock is unknown, when one is. */
  unknown: string | null;
  /** Seconds to the running deadline: the filing deadline while drafting, the decision due once filed. */
  timeLeftSeconds: number | null;
  overdue: boolean;
  /** The next level, open after an upheld decision. */
  nextLevel: { kind: AppealKind; level: number; name: string } | null;
}

/** An appeal as shown on its case, with the time left on its running clock at `now`. */
export function viewAppeal(appeal: AppealRecord, now: string): AppealView {
  const clock = appealClock({ ...appeal, deniedAt: appeal.openedAt });
  const running =
    appeal.state === 'drafting' ? appeal.filingDeadline : appeal.state === 'filed' ? appeal.decisionDueAt : null;
  const timeLeftSeconds = running === null ? null : Math.round((Date.parse(running) - Date.parse(now)) / 1000);
  return {
    ...appeal,
    decisionWindow: clock.decisionWindow,
    sources: clock.sources,
    unknown: clock.unknown ?? null,
    timeLeftSeconds,
    overdue: timeLeftSeconds !== null && timeLeftSeconds < 0,
    nextLevel: appeal.outcome === 'upheld' ? nextAppealLevel(appeal.lineOfBusiness, appeal.level) : null,
  };
}
