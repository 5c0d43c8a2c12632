// Rules for drug requests: step therapy (agents tried, for how long, and how they ended), continuation of the
// requested drug (reauthorization), the response to it, drugs that must not be combined, and the prescriber's
// specialty. The pending order itself is never counted as therapy already received.
import type { Resource } from '@medplum/fhirtypes';
import { DRUG_INGREDIENTS, SPECIALTY_WORDS } from '../evidence/codesets.ts';
import { specialtiesOfResources } from '../evidence/specialty.ts';
import { withoutLinkedStatements, withoutRecalledLengths } from '../evidence/course-outcomes.ts';
import { addDays, compareIsoDates, weeksBetween } from '../evidence/dates.ts';
import { startsWithAny } from '../evidence/episode.ts';
import type { MeasureName, MeasurementFact, SpecialtyFact, TherapyFact, TherapyOutcome } from '../evidence/fact.ts';
import { measureChanges } from '../evidence/notes/measure-change.ts';
import { findDates } from '../evidence/notes/when.ts';
import { RESPONSE_THRESHOLDS } from '../evidence/response.ts';
import { UNNAMED_COURSE } from '../evidence/course-outcomes.ts';
import { POTENCY_ORDER, potencyOf, statedPotency, type SteroidPotency } from '../evidence/steroid-potency.ts';
import {
  citation,
  fromOrder,
  orderCitation,
  orderedAgent,
  orderResource,
  type RuleContext,
  type RuleResult,
} from './rule-context.ts';
import type Type from 'typebox';
import type { StepTherapySettings } from './rules/step-therapy.ts';
import type { OnTherapySettings } from './rules/on-therapy.ts';
import type { ResponseSettings } from './rules/response.ts';
import type { ConcurrentTherapySettings } from './rules/concurrent-therapy.ts';
import type { PrescriberSettings } from './rules/prescriber.ts';

export type StepTherapyRule = Type.Static<typeof StepTherapySettings>;

const DEFAULT_OUTCOMES = ['failed', 'intolerance', 'contraindicated'];

/** Duration of a course in weeks: its stated duration, else its dates (an ongoing course runs to the evaluation date). */
function courseWeeks(fact: TherapyFact, asOf: string): number | undefined {
  if (fact.durationWeeks !== undefined) return fact.durationWeeks;
  if (!fact.start) return undefined;
  const end = fact.end ?? (fact.outcome === 'ongoing' ? asOf : undefined);
  return end ? weeksBetween(fact.start, end < asOf ? end : asOf) : undefined;
}

const describe = (t: TherapyFact): string => t.agent ?? t.modality.replace(/_/g, ' ');

type Verdict = 'qualifies' | 'short' | 'responded' | 'undetermined';

/** The potency of a topical corticosteroid course: its agent's, else the one its sentence states. */
function potencyOfCourse(t: TherapyFact): SteroidPotency | undefined {
  return potencyOf(t.agent) ?? (t.agent === undefined ? statedPotency(t.source.text)?.potency : undefined);
}

const belowPotency = (t: TherapyFact, rule: StepTherapyRule): boolean => {
  if (rule.minPotency === undefined || t.modality !== 'topical_corticosteroid') return false;
  const potency = potencyOfCourse(t);
  return potency !== undefined && POTENCY_ORDER.indexOf(potency) < POTENCY_ORDER.indexOf(rule.minPotency);
};

function trialVerdict(t: TherapyFact, rule: StepTherapyRule, accepted: string[], asOf: string): Verdict {
  const outcome: TherapyOutcome | undefined = t.outcome;
  // "A steroid cream from the urgent care - name and strength unknown": a course nobody can name is no step shown.
  if (t.agent === undefined && UNNAMED_COURSE.test(t.source.text))
    return outcome === 'improved' ? 'responded' : 'undetermined';
  const weeks = courseWeeks(t, asOf);
  // "Failed a steroid cream": whether it was potent enough is not on record (a course too short to count is short,
  // whatever its potency).
  if (rule.minPotency !== undefined && t.modality === 'topical_corticosteroid' && potencyOfCourse(t) === undefined) {
    const short =
      rule.minWeeks !== undefined &&
      weeks !== undefined &&
      weeks < rule.minWeeks &&
      !t.endAssumed &&
      outcome !== 'intolerance' &&
      outcome !== 'contraindicated';
    return outcome === 'improved' ? 'responded' : short ? 'short' : 'undetermined';
  }
  const longEnough = rule.minWeeks === undefined || (weeks !== undefined && weeks >= rule.minWeeks);
  // "MTX 10/2024-12/2024" is five to thirteen weeks: a length the months leave open decides nothing.
  if (rule.minWeeks !== undefined && longEnough && (t.shortestWeeks ?? rule.minWeeks) < rule.minWeeks)
    return outcome === 'intolerance' || outcome === 'contraindicated' ? 'qualifies' : 'undetermined';
  // An end the record does not state (one fill assumed) is no evidence the trial was short, unless even a course
  // running to the evaluation date would be short.
  const bounded = !t.endAssumed || (t.end !== undefined && t.end >= asOf);
  const tooShort = rule.minWeeks !== undefined && weeks !== undefined && weeks < rule.minWeeks && bounded;
  // "States he 'can't take methotrexate due to liver issues' per his PCP": a contraindication on the patient's word
  // alone is for the record to document.
  if (outcome === 'contraindicated' && t.patientReported === true) return 'undetermined';
  if (outcome === 'intolerance' || outcome === 'contraindicated') {
    return accepted.includes(outcome) ? 'qualifies' : 'undetermined';
  }
  if (outcome !== undefined && accepted.includes(outcome)) {
    if (longEnough) return 'qualifies';
    return tooShort ? 'short' : 'undetermined';
  }
  if (outcome === 'improved') return 'responded';
  if (tooShort) return 'short';
  // Long enough (or of unknown length) but the response is not stated: it may yet be documented.
  return 'undetermined';
}

/** A course stated for another condition only ("dupilumab … for atopic dermatitis") is not one for this one; a course
 * that states no reason, or names the condition, counts. */
function forCondition(f: TherapyFact, icd10: readonly string[] | undefined): boolean {
  const stated = f.reasons ?? [];
  if (icd10 === undefined || stated.length === 0 || stated.every((r) => r.icd10.length === 0)) return true;
  return stated.some((r) => r.icd10.some((code) => startsWithAny(code, icd10)));
}

/** The drug is of the class (dupilumab is a biologic). */
function isOfClass(agent: string, modality: string): boolean {
  return DRUG_INGREDIENTS.some((row) => row.modality === modality && row.words.includes(agent));
}

/** "MTX Rx sent" then "never took methotrexate", an active ruxolitinib order the note says was "never filled": a
 * prescription the record later says was never taken is no course, neither a trial nor a drug still taken. */
function voidedByNeverTaken(ctx: RuleContext, saidNever: boolean): (f: TherapyFact) => boolean {
  const neverTaken = new Map<string, { on: string; explicit: boolean }>();
  for (const f of ctx.facts) {
    if (f.kind !== 'therapy' || f.assertion !== 'negated' || f.agent === undefined || f.deniedOnlySince) continue;
    // A drug still taken is voided only by words that it never was ("never filled"), not by any negation near it
    // ("we would not stop tofacitinib").
    if (saidNever && f.neverTaken !== true) continue;
    const on = f.date ?? ctx.asOf;
    const known = neverTaken.get(f.agent);
    neverTaken.set(f.agent, {
      on: on > (known?.on ?? '') ? on : (known?.on ?? on),
      explicit: f.neverTaken === true || known?.explicit === true,
    });
  }
  return (f) => {
    const never = f.agent !== undefined ? neverTaken.get(f.agent) : undefined;
    // A course with its own length or stated result (failure, intolerance, contraindication) was taken; but the
    // length an order sets out ("Rx triamcinolone x 4 wks") is no use once the record says it was never filled.
    return (
      never !== undefined &&
      (f.durationWeeks === undefined || never.explicit) &&
      !DEFAULT_OUTCOMES.includes(f.outcome ?? '') &&
      (f.date ?? f.start ?? '') <= never.on
    );
  };
}

export function stepTherapyRule(rule: StepTherapyRule, ctx: RuleContext): RuleResult {
  const ordered = orderedAgent(ctx);
  const accepted = rule.outcomes ?? DEFAULT_OUTCOMES;
  const cutoff =
    rule.withinMonths !== undefined ? addDays(ctx.asOf, -Math.round(rule.withinMonths * 30.44)) : undefined;
  const voided = voidedByNeverTaken(ctx, false);
  const trials = ctx.facts.filter(
    (f): f is TherapyFact =>
      f.kind === 'therapy' &&
      !voided(f) &&
      f.assertion === 'affirmed' &&
      !fromOrder(f, ctx) &&
      (rule.modalities === undefined || rule.modalities.includes(f.modality)) &&
      (rule.agents === undefined || (f.agent !== undefined && rule.agents.includes(f.agent))) &&
      !(f.agent !== undefined && (rule.excludeAgents ?? []).includes(f.agent)) &&
      !belowPotency(f, rule) &&
      (rule.includeOrderedAgent === true || ordered === undefined || f.agent !== ordered) &&
      (cutoff === undefined || (f.end ?? f.start ?? f.date ?? ctx.asOf) >= cutoff || f.outcome === 'ongoing') &&
      forCondition(f, rule.forIcd10),
  );
  const needed = rule.count ?? 1;
  if (trials.length === 0) {
    // "TCI: [X] not tried", "never used crisaborole": the record affirms the step was not taken.
    const denied = ctx.facts.filter(
      (f): f is TherapyFact =>
        f.kind === 'therapy' &&
        f.assertion === 'negated' &&
        f.deniedOnlySince !== true &&
        f.source.start !== undefined &&
        (rule.modalities === undefined || rule.modalities.includes(f.modality)) &&
        (ordered === undefined || f.agent !== ordered),
    );
    // A named drug denies itself; a class ("no prior biologic") denies the step only when it covers every drug or
    // class the step lists: it says nothing of apremilast.
    const classes = new Set<string>(denied.filter((f) => f.agent === undefined).map((f) => f.modality));
    // "Never tried tacrolimus/pimecrolimus" denies the calcineurin-inhibitor class: every drug of it is named.
    const namedAgents = new Set(denied.flatMap((f) => (f.agent !== undefined ? [f.agent] : [])));
    // A drug that is its own class ("cyclosporine", also written "ciclosporin") is denied by any of its names.
    for (const row of DRUG_INGREDIENTS) {
      const ownClass = row.words.includes(row.modality);
      if (ownClass ? row.words.some((w) => namedAgents.has(w)) : row.words.every((w) => namedAgents.has(w)))
        classes.add(row.modality);
    }
    const covered =
      rule.agents !== undefined
        ? rule.agents.every((agent) => [...classes].some((m) => isOfClass(agent, m)))
        : (rule.modalities ?? []).every((m) => classes.has(m));
    // A named drug settles a step that names it; a step of classes only when the denials cover every class.
    const notTried = denied.filter((f) =>
      f.agent !== undefined && rule.agents !== undefined ? rule.agents.includes(f.agent) : covered,
    );
    if (notTried.length > 0) {
      return {
        status: 'not_met',
        evidence: notTried.map(citation),
        reason: `the record states it was not tried: ${[...new Set(notTried.map(describe))].join(', ')}`,
      };
    }
    const stated = (rule.noneTriedWhenOrderSays ?? []).find((p) => ctx.order.reasonText.includes(p.toLowerCase()));
    if (stated) {
      return {
        status: 'not_met',
        evidence: [orderCitation(ctx, `Order: ${stated}`)],
        reason: `the order states the patient is ${stated}`,
      };
    }
    return { status: 'unknown', evidence: [] };
  }
  const key = (t: TherapyFact): string => (rule.distinct === 'agent' ? (t.agent ?? t.modality) : t.modality);
  // A drug the record says helped, after any statement that it failed, did not fail: the later word stands.
  const helped = new Map<string, string>();
  for (const t of trials) {
    const on = t.date ?? t.start ?? '';
    if (t.agent !== undefined && t.outcome === 'improved' && on >= (helped.get(t.agent) ?? '')) helped.set(t.agent, on);
  }
  const accounts = withoutLinkedStatements(withoutRecalledLengths(trials));
  // A drug the record says was used poorly ("limited by adherence") has not failed an adequate trial yet; said of the
  // class ("failed topical steroids … travelling 2 weeks and did not bring it"), of every course of the class.
  const poorlyUsed = new Set(trials.filter((t) => t.poorAdherence === true).map((t) => t.agent ?? t.modality));
  const usedPoorly = (t: TherapyFact): boolean => poorlyUsed.has(t.agent ?? t.modality) || poorlyUsed.has(t.modality);
  const verdicts = accounts.map((t) => {
    const judged = trialVerdict(t, rule, accepted, ctx.asOf);
    // "Within the past year" cannot place a course the note tells with no date of its own.
    const undated =
      (rule.datesRequired === true || (cutoff !== undefined && t.undated === true)) &&
      t.start === undefined &&
      t.end === undefined;
    const verdict =
      judged === 'qualifies' && ((t.outcome === 'failed' && usedPoorly(t)) || undated)
        ? ('undetermined' as const)
        : judged;
    const laterHelp = t.agent !== undefined ? helped.get(t.agent) : undefined;
    const overruled =
      verdict === 'qualifies' &&
      t.outcome === 'failed' &&
      laterHelp !== undefined &&
      laterHelp > (t.date ?? t.start ?? '');
    return { t, verdict: overruled ? ('responded' as const) : verdict };
  });
  const qualifying = new Set(verdicts.filter((v) => v.verdict === 'qualifies').map((v) => key(v.t)));
  // A drug the record says worked is not an open question because another mention of it omits the result.
  const worked = new Set(verdicts.filter((v) => v.verdict === 'responded' && v.t.agent).map((v) => v.t.agent));
  // A course the record dates as too short, of a drug the record says was tolerated (or failed), is settled:
  // another mention of the drug that omits the result ("methotrexate 2.5 mg, one fill") does not reopen it. The
  // tolerance may be stated apart from the dates ("stopped after 6 doses. No side effects at all").
  const toleratedAgents = new Set(
    trials
      .filter((t) => t.agent !== undefined && (t.tolerated || t.stoppedByChoice || t.outcome === 'failed'))
      .map((t) => t.agent),
  );
  // Said of the class ("TCI trial incomplete (~2 wks, stopped for cost; no intolerance)"), of each drug of the class.
  const toleratedClasses = new Set(
    trials.filter((t) => t.agent === undefined && (t.tolerated || t.stoppedByChoice)).map((t) => t.modality),
  );
  const settled = new Set(
    verdicts
      .filter(
        (v) =>
          v.verdict === 'short' &&
          (v.t.tolerated ||
            v.t.outcome === 'failed' ||
            toleratedAgents.has(v.t.agent) ||
            toleratedClasses.has(v.t.modality)),
      )
      .map((v) => v.t.agent),
  );
  // A course dated from its start and still running at the request ("switched to triamcinolone on 9/20, using it for
  // a little over two weeks"): a mention of the drug with no length of its own ("continue triamcinolone") is that
  // same course, not another one.
  const running = new Map<string, string>();
  for (const v of verdicts) {
    const t = v.t;
    if (
      v.verdict === 'short' &&
      t.agent !== undefined &&
      t.start !== undefined &&
      t.endedBy === undefined &&
      (t.end === undefined || t.endAssumed === true || t.end >= ctx.asOf)
    )
      running.set(t.agent, t.start);
  }
  // Said to be current ("continue triamcinolone"), or told without a result in a note written after it began.
  const sameRunningCourse = (t: TherapyFact): boolean => {
    const start = t.agent !== undefined ? running.get(t.agent) : undefined;
    if (start === undefined || courseWeeks(t, ctx.asOf) !== undefined) return false;
    return t.outcome === 'ongoing' || (t.outcome === undefined && (t.date ?? '') > start);
  };
  // "Refractory to topical calcineurin inhibitor", with no drug named, where every drug of the class on record is
  // settled: the class is that course, told without its dates.
  const classSettled = (t: TherapyFact): boolean => {
    const named = verdicts.filter((v) => v.t.modality === t.modality && v.t.agent !== undefined);
    return (
      t.agent === undefined &&
      named.length > 0 &&
      // (An order whose end is only assumed, one fill, is the same course told without its real end.)
      named.every(
        (v) => settled.has(v.t.agent) && (v.verdict === 'short' || v.t.start === undefined || v.t.endAssumed === true),
      )
    );
  };
  const open = new Set(
    verdicts
      .filter(
        (v) =>
          v.verdict === 'undetermined' &&
          !qualifying.has(key(v.t)) &&
          !worked.has(v.t.agent) &&
          !settled.has(v.t.agent) &&
          !sameRunningCourse(v.t) &&
          !classSettled(v.t),
      )
      .map((v) => key(v.t)),
  );
  const summary = verdicts
    .map(({ t, verdict }) => {
      const weeks = courseWeeks(t, ctx.asOf);
      const length = weeks !== undefined ? `${weeks} weeks` : 'length not stated';
      const how =
        verdict === 'short'
          ? `too short (${length}; ${rule.minWeeks ?? 0} required)`
          : verdict === 'responded'
            ? 'it helped (not a failure)'
            : verdict === 'qualifies'
              ? `${t.outcome ?? 'tried'}${t.outcome === 'failed' ? ` after ${length}` : ''}`
              : t.outcome !== undefined && accepted.includes(t.outcome)
                ? `${t.outcome}, but ${t.start === undefined && t.end === undefined ? 'when is not stated' : `${length} is not settled`}`
                : `${length}, outcome not documented`;
      return `${describe(t)}: ${how}`;
    })
    .join('; ');
  const evidence = trials.map(citation);
  if (qualifying.size >= needed) {
    return {
      status: 'met',
      evidence: verdicts.filter((v) => v.verdict === 'qualifies').map((v) => citation(v.t)),
      reason: summary,
    };
  }
  // "Two of three classes": a class the record is silent on may yet have been tried; only classes the record
  // rules out (not tried, too short, it worked) count against the request.
  const silent =
    needed > 1 && rule.distinct !== 'agent'
      ? (rule.modalities ?? []).filter(
          (m) =>
            !trials.some((t) => t.modality === m) &&
            !ctx.facts.some((f) => f.kind === 'therapy' && f.modality === m && f.assertion === 'negated'),
        ).length
      : 0;
  if (qualifying.size + open.size + silent >= needed) {
    return {
      status: 'unknown',
      evidence,
      reason: summary,
      request: `Document how each trial ended (inadequate response, intolerance or contraindication) with its dates: ${summary}`,
    };
  }
  return {
    status: 'not_met',
    evidence,
    reason: `${qualifying.size} of the required ${needed} qualifying trial(s): ${summary}`,
    // A shortfall: another trial may be on record elsewhere, or be the next step before this drug.
    request: `Document ${String(needed)} qualifying trial(s) with their dates and how each ended (${String(qualifying.size)} so far: ${summary}), or try the next alternative first`,
  };
}

export type OnTherapyRule = Type.Static<typeof OnTherapySettings>;

const CONTINUATION =
  /\b(?:continu\w*|renewal|re-?authori[sz]\w*|maintenance|refill|established on|currently (?:on|taking))\b/;
// "Start", a loading or induction dose, a titration pack, or the week-0 dose of a labelled regimen.
const PLANNED_START =
  /\b(?:start(?:ing)?|begin|initiat\w*|load(?:ing)?(?: dose)?|new start|induction|titrat\w*|starter pack|(?:weeks?|wks?) 0\b)/i;
const NEW_START = /\b(?:new start|initiat\w*|naive|first dose|starting|start(?:ing)? therapy|new to therapy)\b/;

/** Courses of the given agents (by default the ordered drug) on record, apart from the order itself. */
function coursesOf(agentList: string[] | undefined, ctx: RuleContext): { agents: string[]; courses: TherapyFact[] } {
  const agents = agentList ?? [orderedAgent(ctx)].filter((a): a is string => a !== undefined);
  const courses = ctx.facts.filter(
    (f): f is TherapyFact =>
      f.kind === 'therapy' &&
      f.assertion === 'affirmed' &&
      !fromOrder(f, ctx) &&
      f.agent !== undefined &&
      agents.includes(f.agent) &&
      // A bare mention in a note ("(adalimumab)") names the drug; a course takes a record of it (a coded statement,
      // prescription or dispense) or words about it (a start, a length, an outcome, samples).
      (f.source.start === undefined ||
        f.outcome !== undefined ||
        f.start !== undefined ||
        f.durationWeeks !== undefined ||
        f.sample === true),
  );
  return { agents, courses };
}

/** Whether the patient is already on the requested drug (the reauthorization branch), and for how long. */
export function onTherapyRule(rule: OnTherapyRule, ctx: RuleContext): RuleResult {
  const { agents, courses } = coursesOf(rule.agents, ctx);
  const order = orderResource(ctx);
  const prior = order?.resourceType === 'MedicationRequest' ? order.priorPrescription?.reference : undefined;
  const stated = CONTINUATION.exec(ctx.order.reasonText)?.[0];
  const newStart = NEW_START.exec(ctx.order.reasonText)?.[0];
  // A course begun on samples is established only by a fill the plan paid (a prescription or dispense on record).
  const sampled = courses.some((c) => c.sample === true);
  const paidFill = courses.some(
    (c) => c.paidByPlan === true || (c.sample !== true && /^Medication(?:Request|Dispense)\//.test(c.source.reference)),
  );
  const paid = !rule.excludeSamples ? courses : sampled && !paidFill ? [] : courses.filter((c) => c.sample !== true);
  // A course that ended more than 90 days ago is history, not current therapy.
  const lapsed = addDays(ctx.asOf, -90);
  const stopped = paid.filter(
    (c) =>
      c.outcome === 'failed' ||
      c.outcome === 'intolerance' ||
      (c.outcome !== 'ongoing' && c.end !== undefined && c.end < lapsed),
  );
  const current = paid.filter((c) => !stopped.includes(c));
  if (current.length > 0) {
    const starts = current.flatMap((c) => (c.start ? [c.start] : [])).sort();
    const first = starts[0];
    const weeks = first ? weeksBetween(first, ctx.asOf) : undefined;
    if (rule.minWeeks !== undefined && weeks !== undefined && weeks < rule.minWeeks) {
      return {
        status: 'not_met',
        evidence: current.map(citation),
        reason: `on ${agents.join('/')} since ${first ?? '?'} (${weeks} weeks); renewal needs ${rule.minWeeks} weeks on therapy`,
      };
    }
    if (rule.minWeeks !== undefined && weeks === undefined) {
      return {
        status: 'unknown',
        evidence: current.map(citation),
        reason: 'on the drug, start date not documented',
        request: `Document when ${agents.join('/')} was started (the renewal needs ${rule.minWeeks} weeks on therapy)`,
      };
    }
    return {
      status: 'met',
      evidence: current.map(citation),
      reason: `on ${agents.join('/')}${first ? ` since ${first}` : ''}${weeks !== undefined ? ` (${weeks} weeks)` : ''}`,
    };
  }
  if (courses.length > 0 && paid.length === 0) {
    return {
      status: 'not_met',
      evidence: courses.map(citation),
      reason:
        'the drug was started on samples or a manufacturer programme, which does not count as established therapy',
    };
  }
  if (stopped.length > 0) {
    return {
      status: 'not_met',
      evidence: stopped.map(citation),
      reason: `${agents.join('/')} was stopped (${stopped.map((s) => `${s.outcome ?? 'ended'}${s.end ? ` ${s.end}` : ''}`).join(', ')})`,
    };
  }
  if (newStart) {
    return {
      status: 'not_met',
      evidence: [orderCitation(ctx, `Order: ${newStart}`)],
      reason: 'the order states a new start, not continuation',
    };
  }
  // A note that plans to start the drug ("Start dupilumab 600 mg load") says it is a new start.
  const planned = ctx.facts.filter(
    (f): f is TherapyFact =>
      f.kind === 'therapy' &&
      f.assertion === 'hypothetical' &&
      f.source.start !== undefined &&
      f.agent !== undefined &&
      agents.includes(f.agent) &&
      PLANNED_START.test(f.source.text),
  );
  if (courses.length === 0 && !prior && !stated && planned.length > 0) {
    return {
      status: 'not_met',
      evidence: planned.map(citation),
      reason: 'the record plans to start the drug: a new start, not continuation',
    };
  }
  if (prior || stated) {
    // The order says it continues therapy but the record does not show the therapy itself.
    return {
      status: 'unknown',
      evidence: [orderCitation(ctx, prior ? `Order continues ${prior}` : `Order: ${stated ?? ''}`)],
      reason: 'the order states continuation; the therapy itself is not in the record',
      request: `Document the current ${agents.join('/')} therapy: start date, doses and the prescriptions filled`,
    };
  }
  if (courses.length === 0 && agents.length > 0) {
    // Nothing on record of the drug but the order, which does not say it continues therapy: an initial request.
    return {
      status: 'not_met',
      evidence: [orderCitation(ctx, 'Order: no continuation stated')],
      reason: `no course of ${agents.join('/')} is on record and the order does not state continuation: an initial request`,
    };
  }
  return { status: 'unknown', evidence: [] };
}

export type ResponseRule = Type.Static<typeof ResponseSettings>;

/** A documented response: a severity score lower than before the drug was started, or a stated improvement. */
export function responseRule(rule: ResponseRule, ctx: RuleContext): RuleResult {
  const { courses } = coursesOf(rule.agents, ctx);
  const improved = courses.filter((c) => c.outcome === 'improved');
  const failed = courses.filter((c) => c.outcome === 'failed');
  const start = courses.flatMap((c) => (c.start ? [c.start] : [])).sort()[0];
  const comparisons: { name: string; before: MeasurementFact; after: MeasurementFact; percent: number }[] = [];
  if (start) {
    for (const name of rule.measures) {
      const series = ctx.facts
        .filter(
          (f): f is MeasurementFact =>
            f.kind === 'measurement' && f.assertion === 'affirmed' && f.name === name && f.date !== undefined,
        )
        .sort((a, b) => compareIsoDates(a.date ?? '', b.date ?? ''));
      const before = series.filter((m) => (m.date ?? '') <= start).at(-1);
      const after = series.filter((m) => (m.date ?? '') > start).at(-1);
      if (before && after && before.value > 0) {
        comparisons.push({
          name,
          before,
          after,
          percent: Math.round(((before.value - after.value) / before.value) * 100),
        });
        continue;
      }
      // "EASI 26.0 -> 24.8" on therapy states its own baseline when no measure before the start is on record.
      const stated = after && measureChanges(after.source.text).find((c) => c.name === name && c.after === after.value);
      if (after && stated && stated.before > 0)
        comparisons.push({ name, before: { ...after, value: stated.before }, after, percent: stated.percent });
    }
  }
  const threshold = rule.minImprovementPercent ?? 0;
  // A policy that asks only for "a response" gets the least change that is one (a 7 % fall in EASI is not).
  const least = (name: string): number =>
    threshold > 0 ? threshold : (RESPONSE_THRESHOLDS[name as MeasureName]?.meaningfulAt ?? Number.MIN_VALUE);
  const good = comparisons.filter((c) => c.percent >= least(c.name));
  const text = (c: (typeof comparisons)[number]): string =>
    `${c.name.replace('_percent', '').toUpperCase()} ${c.before.value} → ${c.after.value} (${c.percent >= 0 ? '−' : '+'}${Math.abs(c.percent)}%)`;
  // Words of improvement stand only when neither the numbers nor the prescriber's own words say otherwise.
  const saidImproved = improved.length > 0 && failed.length === 0 && comparisons.length === 0;
  if (good.length > 0 || saidImproved) {
    return {
      status: 'met',
      evidence: [...good.flatMap((c) => [citation(c.before), citation(c.after)]), ...improved.map(citation)],
      reason: good.length > 0 ? good.map(text).join('; ') : 'improvement on therapy documented',
    };
  }
  if (comparisons.length > 0 || failed.length > 0) {
    return {
      status: 'not_met',
      evidence: [...comparisons.flatMap((c) => [citation(c.before), citation(c.after)]), ...failed.map(citation)],
      reason:
        comparisons.length > 0
          ? `no sufficient improvement${threshold > 0 ? ` (${threshold}% required)` : ''}: ${comparisons.map(text).join('; ')}`
          : 'the therapy is documented as failed',
    };
  }
  return {
    status: 'unknown',
    evidence: courses.map(citation),
    ...(start ? {} : courses.length > 0 ? { reason: 'start date of the therapy not documented' } : {}),
  };
}

export type ConcurrentTherapyRule = Type.Static<typeof ConcurrentTherapySettings>;

const SWITCH = /\b(?:switch\w*|discontinu\w*|stop(?:ping|ped)?|replac\w*|transition\w*)\b/;
const CONCURRENT =
  /\b(?:concurrent(?:ly)?|simultaneous(?:ly)?|in combination|combined with|together with|alongside|overlap\w*)\b/;

const KEPT = /\b(?:keep|keeping|continue|continuing|cont\.?|stay(?:ing)? on|remain(?:ing)? on)\b/i;

/** Outcomes that end a course on its last day. */
const ENDING: ReadonlySet<TherapyOutcome> = new Set(['failed', 'intolerance']);

/** Another targeted drug still under way alongside the requested one (an exclusion for most payers). */
export function concurrentTherapyRule(rule: ConcurrentTherapyRule, ctx: RuleContext): RuleResult {
  const ordered = orderedAgent(ctx);
  const voided = voidedByNeverTaken(ctx, true);
  const others = ctx.facts.filter(
    (f): f is TherapyFact =>
      f.kind === 'therapy' &&
      f.assertion === 'affirmed' &&
      !voided(f) &&
      !fromOrder(f, ctx) &&
      rule.modalities.includes(f.modality) &&
      (ordered === undefined || f.agent !== ordered),
  );
  if (others.length === 0) return { status: 'unknown', evidence: [] };
  // A medication list's "active" is stale once a later statement ends the drug ("Rinvoq … stopped 04/11/2025"), or a
  // course stated with its last day ("Adalimumab 02/04/2025 - 03/08/2026", a MedicationStatement stopped on a date).
  // (A course that runs to the day it is told of, "on apremilast since November, partial response", has not ended.)
  const lastDay = (o: TherapyFact): string | undefined =>
    o.end !== undefined &&
    o.end !== o.date &&
    o.endAssumed !== true &&
    (ENDING.has(o.outcome ?? 'ongoing') ||
      o.stoppedByChoice === true ||
      // A medication entry coded stopped or completed on its last day.
      (o.outcome === 'completed' && /^Medication(?:Statement|Request)\//.test(o.source.reference)))
      ? o.end
      : undefined;
  const endedSince = (f: TherapyFact): TherapyFact | undefined =>
    others.find((o) => {
      if (o === f || o.agent === undefined || o.agent !== f.agent) return false;
      const said = f.start ?? f.date;
      if (o.endedBy !== undefined) {
        // A note that says the drug was stopped outranks its own "continue" line (copied forward from a visit before).
        return o.endedBy <= ctx.asOf && (o.endedBy >= (said ?? '') || o.source.reference === f.source.reference);
      }
      const ended = lastDay(o);
      return ended !== undefined && ended <= ctx.asOf && said !== undefined && ended > said;
    });
  // "Will keep apremilast going alongside Stelara for now": a drug the note keeps on beside the requested one is a
  // combination, whatever the same note says of its response.
  const keptAlongside = (f: TherapyFact): boolean =>
    CONCURRENT.test(f.source.text.toLowerCase()) &&
    KEPT.test(f.source.text) &&
    !ENDING.has(f.outcome ?? 'ongoing') &&
    !others.some((o) => o.agent === f.agent && o.endedBy !== undefined && f.date !== undefined && o.endedBy > f.date);
  const current = others.filter(
    (f) =>
      ((f.outcome === 'ongoing' || (f.end !== undefined && f.end >= ctx.asOf)) && endedSince(f) === undefined) ||
      keptAlongside(f),
  );
  // "Continue apremilast concurrently during transition": a transition the order says overlaps is a combination.
  const switching = CONCURRENT.test(ctx.order.reasonText) ? undefined : SWITCH.exec(ctx.order.reasonText)?.[0];
  if (current.length > 0 && !switching) {
    return {
      status: 'met',
      evidence: current.map(citation),
      reason: `still on ${current.map(describe).join(', ')} with no plan to stop it`,
    };
  }
  return {
    status: 'not_met',
    evidence: (current.length > 0 ? current : others).map(citation),
    reason: switching
      ? `the order states the switch (${switching})`
      : `${[...new Set(others.map(describe))].join(', ')} ended`,
  };
}

export type PrescriberRule = Type.Static<typeof PrescriberSettings>;

/** The prescriber's specialty, from the order's requester (Practitioner qualification or PractitionerRole). */
export function prescriberRule(rule: PrescriberRule, ctx: RuleContext): RuleResult {
  const order = orderResource(ctx);
  const ref = order?.requester?.reference;
  const entries = (ctx.bundle.entry ?? []).flatMap((e) =>
    e.resource ? [{ resource: e.resource, fullUrl: e.fullUrl }] : [],
  );
  const byRef = (reference: string | undefined): Resource | undefined =>
    reference === undefined
      ? undefined
      : entries.find(
          (e) => `${e.resource.resourceType}/${e.resource.id ?? ''}` === reference || e.fullUrl === reference,
        )?.resource;
  const requester = byRef(ref);
  const related: Resource[] = [];
  if (requester) related.push(requester);
  if (requester?.resourceType === 'PractitionerRole') {
    const practitioner = byRef(requester.practitioner?.reference);
    if (practitioner) related.push(practitioner);
  }
  if (requester?.resourceType === 'Practitioner') {
    for (const { resource } of entries) {
      if (resource.resourceType === 'PractitionerRole' && resource.practitioner?.reference === ref)
        related.push(resource);
    }
  }
  const specialties = specialtiesOfResources(related);
  const name =
    requester?.resourceType === 'Practitioner'
      ? requester.name?.[0]?.family
      : requester?.resourceType === 'PractitionerRole'
        ? requester.practitioner?.display
        : undefined;
  const cite = ref
    ? [
        {
          reference: ref,
          text: `Prescriber${name ? ` ${name}` : ''}: ${specialties.join(', ') || 'specialty not stated'}`,
        },
      ]
    : [];
  const match = specialties.filter((s) => rule.specialties.includes(s));
  if (match.length > 0) return { status: 'met', evidence: cite, reason: `prescriber specialty: ${match.join(', ')}` };
  // A physician assistant or nurse practitioner works in a specialty practice: the practice's heading, the encounter
  // or the notes they write say which ("CATALINA DERMATOLOGY … J. Ruiz PA-C, supervising Dr. …").
  if (specialties.every((s) => ADVANCED_PRACTICE.has(s))) {
    const encounter = byRef(order?.encounter?.reference);
    // (An unnamed heading on the order's date speaks for a prescriber whose specialty is not stated at all.)
    const stated = statedSpecialty(
      rule,
      ctx,
      related,
      encounter ? `Encounter/${encounter.id ?? ''}` : undefined,
      specialties.length === 0 ? order?.authoredOn?.slice(0, 10) : undefined,
    );
    if (stated) return stated;
  }
  const consult =
    rule.consultation === true
      ? SPECIALTY_WORDS.find(
          (w) =>
            rule.specialties.includes(w.specialty) &&
            new RegExp(`\\b(?:consult\\w*|in consultation)\\b[^.]{0,40}${w.pattern.source}`, 'i').test(
              ctx.order.reasonText,
            ),
        )
      : undefined;
  if (consult) {
    return {
      status: 'met',
      evidence: [orderCitation(ctx, `Order: in consultation with ${consult.specialty.replace('_', '/')}`)],
      reason: `prescribed in consultation with ${consult.specialty.replace('_', '/')}`,
    };
  }
  const consulted = consultationOnRecord(rule, ctx) ?? requestedConsultation(rule, ctx, specialties, cite);
  if (consulted) return consulted;
  if (specialties.length > 0) {
    return {
      status: 'not_met',
      evidence: cite,
      reason: `prescriber specialty ${specialties.join(', ')}; required ${rule.specialties.join(' or ')}${rule.consultation ? ' (or a consultation)' : ''}`,
    };
  }
  return {
    status: 'unknown',
    evidence: cite,
    ...(ref ? { reason: 'the prescriber’s specialty is not on record' } : {}),
  };
}

const REFERRAL_WORDS = /\b(?:refer\w*|consult\w*|e-?consult)\b/i;

/** A referral or consultation with a fitting specialty that was asked for but whose answer is not on record (the
 * e-consult "no response yet"): the consultation the policy accepts may be coming, so the criterion is unknown. */
function requestedConsultation(
  rule: PrescriberRule,
  ctx: RuleContext,
  prescriber: readonly string[],
  prescriberCite: RuleResult['evidence'],
): RuleResult | undefined {
  if (rule.consultation !== true) return undefined;
  const orderRef = ctx.order.reference;
  for (const entry of ctx.bundle.entry ?? []) {
    const r = entry.resource;
    if (r?.resourceType !== 'ServiceRequest' || `ServiceRequest/${r.id ?? ''}` === orderRef) continue;
    if (r.status === 'revoked' || r.status === 'entered-in-error') continue;
    const text = [r.code?.text, ...(r.code?.coding ?? []).map((c) => c.display), ...(r.note ?? []).map((n) => n.text)]
      .filter((t): t is string => typeof t === 'string')
      .join(' ');
    const specialty = SPECIALTY_WORDS.find((w) => rule.specialties.includes(w.specialty) && w.pattern.test(text));
    if (!specialty || !REFERRAL_WORDS.test(text)) continue;
    const on = r.authoredOn?.slice(0, 10);
    const name = specialty.specialty.replace('_', '/');
    // "First available new patient appointment 2026-10-29": a consultation booked after this request has not
    // happened, and a prescriber of another specialty does not meet the criterion now.
    const booked = scheduledOn(r.occurrenceDateTime ?? r.occurrencePeriod?.start, text);
    if (booked !== undefined && booked > ctx.asOf && prescriber.length > 0) {
      return {
        status: 'not_met',
        evidence: [
          ...prescriberCite,
          { reference: `ServiceRequest/${r.id ?? ''}`, text: `${r.code?.text ?? 'Referral'}: appointment ${booked}` },
        ],
        reason: `prescriber specialty ${prescriber.join(', ')}; the ${name} consultation is booked for ${booked}, after this request`,
        request: `Have the ${name} consultation take place (booked ${booked}), or have a ${name} specialist prescribe`,
      };
    }
    return {
      status: 'unknown',
      evidence: [
        { reference: `ServiceRequest/${r.id ?? ''}`, text: `${r.code?.text ?? 'Referral'}${on ? ` (${on})` : ''}` },
      ],
      reason: `a consultation with ${name} was requested${on ? ` on ${on}` : ''}; its answer is not on record`,
      request: `Attach the ${name} consultation note, or the consultant's agreement with the plan`,
    };
  }
  return undefined;
}

const BOOKED = /\b(?:appointment|appt|scheduled|booked)\b[^.;]{0,72}/i;

/** The day a referral is booked for: its occurrence, else the full date its words give the appointment. */
function scheduledOn(occurrence: string | undefined, text: string): string | undefined {
  if (occurrence !== undefined) return occurrence.slice(0, 10);
  const words = BOOKED.exec(text)?.[0];
  return words === undefined ? undefined : findDates(words).find((d) => d.precision === undefined)?.value;
}

const ADVANCED_PRACTICE: ReadonlySet<string> = new Set(['physician_assistant', 'nurse_practitioner']);

/**
 * The prescriber's specialty where the requester resource does not state it: the order's encounter, or a note the
 * requester wrote (or the unsigned note of the order's visit) whose heading names the service; else, where the policy
 * accepts it, a consultation with the specialty on record.
 */
function statedSpecialty(
  rule: PrescriberRule,
  ctx: RuleContext,
  requester: readonly Resource[],
  encounter: string | undefined,
  ordered: string | undefined,
): RuleResult | undefined {
  const people = new Set(requester.map((r) => `${r.resourceType}/${r.id ?? ''}`));
  const facts = ctx.facts.filter(
    (f): f is SpecialtyFact => f.kind === 'specialty' && (f.date === undefined || f.date <= ctx.asOf),
  );
  const prescribers = facts.filter(
    (f) =>
      f.practitioners.some((p) => people.has(p)) ||
      (encounter !== undefined && f.source.reference === encounter) ||
      (f.practitioners.length === 0 && f.via === 'note_heading' && ordered !== undefined && f.date === ordered),
  );
  const fitting = prescribers.filter((f) => rule.specialties.includes(f.specialty));
  if (fitting.length > 0) {
    return {
      status: 'met',
      evidence: fitting.map(citation),
      reason: `prescriber specialty: ${[...new Set(fitting.map((f) => f.specialty))].join(', ')} (${fitting[0]?.source.text ?? ''})`,
    };
  }
  return undefined;
}

/** Where the policy accepts it, a consultation with a fitting specialty on record ("Dermatology consult" note). */
function consultationOnRecord(rule: PrescriberRule, ctx: RuleContext): RuleResult | undefined {
  if (rule.consultation !== true) return undefined;
  const consults = ctx.facts.filter(
    (f): f is SpecialtyFact =>
      f.kind === 'specialty' && f.consult && rule.specialties.includes(f.specialty) && (f.date ?? '') <= ctx.asOf,
  );
  if (consults.length === 0) return undefined;
  return {
    status: 'met',
    evidence: consults.map(citation),
    reason: `in consultation with ${consults[0]?.specialty.replace('_', '/') ?? ''} (${consults[0]?.source.text ?? ''})`,
  };
}
