// Rules that follow a cancer's course for imaging limits and strategy (NCD 220.6.17): completion of initial therapy,
// prior-scan counting per strategy, and the order's strategy and purpose. When the order carries no PI/PS modifier,
// the strategy follows from the purpose the order or the plan states and from the course of the cancer (issue 15,
// class 4): a scan ordered for surveillance or reassurance serves no treatment strategy.
import { cancerTypeOf } from '../evidence/coded.ts';
import { addDays } from '../evidence/dates.ts';
import type { Fact, ImagingFact, TherapyFact } from '../evidence/fact.ts';
import { PET_INITIAL, PET_SUBSEQUENT } from '../evidence/notes/concepts.ts';
import { primaryPurpose, scanPurposes, type ScanPurpose } from '../evidence/scan-purpose.ts';
import { citation, type RuleContext, type RuleResult } from './rule-context.ts';
import type { OrderSettings } from './rules/order.ts';
import type { PriorScansSettings } from './rules/prior-scans.ts';
import type Type from 'typebox';

/** A word of denial just before a phrase of the order's reason ("no symptoms"). */
const DENIED_BEFORE = /\b(?:no|without|denies|denied|negative for|not|absent|free of)\b(?:\s+[\w-]+){0,2}\s*$/;
const INITIAL_THERAPY = ['cancer_surgery', 'systemic_anticancer_therapy', 'radiation_therapy'];
/** "Modifier PI", "modifiers: PS", a line opening "PS -", or the strategy with its modifier in brackets ("subsequent
 * treatment strategy (PS)", "restaging (PS)"); the reason text is lower-cased. */
const STATED_MODIFIER =
  /\bmodifiers?:?\s+(pi|ps)\b|(?:^|\n)\s*(pi|ps)\s*[-\u2013:]|\b(?:(?:initial|subsequent)(?: anti-?tumou?r)?(?: treatment)? strategy|(?:re-?)?staging|pet(?:\/ct)?(?: [a-z-]+){0,5}),?\s*\((pi|ps)\)/g;

/** Procedures done once: a note saying one is done ("s/p WLE", "completed radiation") dates it by the note at latest. */
const ONE_TIME: ReadonlySet<string> = new Set(['cancer_surgery', 'radiation_therapy']);

/** When a therapy was over: its end or start, else, for a procedure the record states completed, its fact's date. */
function doneBy(f: TherapyFact): string | undefined {
  return f.end ?? f.start ?? (ONE_TIME.has(f.modality) && f.outcome === 'completed' ? f.date : undefined);
}

const OTHER_CANCER_WORDS =
  /\b(?:CLL|chronic lymphocytic|lymphoma|leuka?emia|myeloma|Richter|NSCLC|SCLC|lung (?:cancer|ca|mass|nodule)|prostate (?:cancer|ca)|breast (?:cancer|ca)|colo(?:n|rectal) (?:cancer|ca)|pancrea\w* (?:cancer|ca|mass)|thyroid (?:cancer|ca))\b/i;
const SKIN_CANCER_WORDS = /\b(?:melanoma|merkel|MCC|squamous|SCC|cSCC|skin)\b/i;
/** How long before a cancer's first record a scan may still have been its work-up (a PET for a suspected primary). */
const BEFORE_CANCER_DAYS = 90;

/** A treatment whose stated reason is another cancer than the order's is not this cancer's initial therapy. */
function forOtherCancer(f: TherapyFact, ctx: RuleContext): boolean {
  const own = cancerTypeOf(ctx.order.reasonIcd10);
  const treated = cancerTypeOf((f.reasons ?? []).flatMap((r) => r.icd10));
  return own !== undefined && treated !== undefined && treated !== own;
}

function completionDate(modalities: string[], ctx: RuleContext): { date?: string; evidence: Fact[] } {
  const done = ctx.facts.filter(
    (f): f is TherapyFact =>
      f.kind === 'therapy' &&
      f.assertion === 'affirmed' &&
      modalities.includes(f.modality) &&
      !forOtherCancer(f, ctx) &&
      f.outcome !== 'ongoing' &&
      doneBy(f) !== undefined,
  );
  const phase = ctx.facts.filter(
    (f) =>
      f.kind === 'treatment_phase' &&
      f.assertion === 'affirmed' &&
      (f.phase === 'completed_initial_therapy' || f.phase === 'surveillance'),
  );
  const dates = [...done.map((f) => doneBy(f) ?? ''), ...phase.map((f) => f.date ?? '')].filter(Boolean).sort();
  return { ...(dates[0] ? { date: dates[0] } : {}), evidence: [...done, ...phase] };
}

export function treatmentCompleted(modalities: string[], ctx: RuleContext): RuleResult {
  const { date, evidence } = completionDate(modalities, ctx);
  if (date)
    return {
      status: 'met',
      evidence: evidence.map(citation),
      reason: `initial anti-cancer therapy completed by ${date}`,
    };
  const ongoing = ctx.facts.filter(
    (f) =>
      (f.kind === 'therapy' &&
        f.assertion === 'affirmed' &&
        modalities.includes(f.modality) &&
        f.outcome === 'ongoing') ||
      (f.kind === 'treatment_phase' && f.assertion === 'affirmed' && f.phase === 'on_therapy'),
  );
  if (ongoing.length > 0) {
    return {
      status: 'not_met',
      evidence: ongoing.map(citation),
      reason: 'initial anti-cancer therapy is still under way',
    };
  }
  return { status: 'unknown', evidence: [] };
}

const OTHER_TRACER =
  /\b(?:PSMA|Ga-?68|gallium|DOTATATE|DOTATOC|fluciclovine|Axumin|Pylarify|piflufolastat|choline|NaF|sodium fluoride|amyloid|florbetapir|FES|fluoroestradiol|Cerianna)\b/i;

/**
 * Scan counting (e.g. NCD 220.6.17: one initial-strategy PET, three subsequent-strategy PETs per cancer). A scan's
 * strategy is the one recorded, else subsequent when it follows completion of initial therapy.
 */
export function priorScans(rule: Type.Static<typeof PriorScansSettings>, ctx: RuleContext): RuleResult {
  const completed = completionDate(rule.initialTherapy, ctx).date;
  // Limits are per cancer: a scan whose coded reason is another cancer than the order's does not count against it.
  const cancer = cancerTypeOf(ctx.order.reasonIcd10);
  const priorPet = ctx.facts.filter(
    (f): f is ImagingFact =>
      f.kind === 'imaging' &&
      f.assertion === 'affirmed' &&
      rule.modalities.includes(f.modality) &&
      f.date !== undefined &&
      f.date < ctx.asOf,
  );
  // The national limits count FDG PET: a PSMA, DOTATATE or fluciclovine PET (another tracer, usually another
  // cancer) is not one of them.
  // A date whose study is named with another tracer anywhere is that study ("count in chart: 4 (…, 11/4/25, …)").
  const otherTracerDates = new Set(priorPet.filter((f) => OTHER_TRACER.test(f.source.text)).map((f) => f.date));
  // "PET/CT skull base to mid-thigh - CLL, r/o Richter transformation": a scan whose own words name only another
  // cancer was that cancer's, though its indication is not coded.
  const namesOtherCancer = (f: ImagingFact): boolean =>
    f.indication === undefined && OTHER_CANCER_WORDS.test(f.source.text) && !SKIN_CANCER_WORDS.test(f.source.text);
  // "That nodule was evaluated with an FDG PET/CT in June 2025" when this Merkel cell carcinoma was found in 2026: a
  // scan months before the record's first word of this cancer, whose own words name no skin cancer, was another
  // question's.
  const firstOfCancer = ctx.facts
    .flatMap((f) =>
      f.kind === 'cancer' && f.cancerType === cancer && f.assertion !== 'family' && f.assertion !== 'negated' && f.date
        ? [f.date]
        : [],
    )
    .sort()[0];
  const beforeCancer = (f: ImagingFact): boolean =>
    firstOfCancer !== undefined &&
    (f.date ?? '') < addDays(firstOfCancer, -BEFORE_CANCER_DAYS) &&
    !SKIN_CANCER_WORDS.test(f.source.text);
  const scans = priorPet.filter(
    (f) =>
      (cancer === undefined ||
        ((f.indication === undefined || f.indication === cancer) && !namesOtherCancer(f) && !beforeCancer(f))) &&
      !otherTracerDates.has(f.date),
  );
  const otherCancer = new Set(priorPet.filter((f) => !scans.includes(f)).map((f) => f.date)).size;
  // One scan is often on record twice (the coded procedure and the note that mentions it): count scan dates.
  // A scan stated by month ("PET/CT 01/2025") is the one of that month on record with its day, where there is one.
  const byDate = new Map<string, ImagingFact[]>();
  const byDay = (scan: ImagingFact): boolean => scan.dateByMonth !== true;
  for (const scan of [...scans.filter(byDay), ...scans.filter((f) => !byDay(f))]) {
    const date = scan.date ?? '';
    const sameMonth = byDay(scan)
      ? undefined
      : [...byDate.keys()].find((d) => d.slice(0, 7) === date.slice(0, 7) && d !== date);
    const key = sameMonth ?? date;
    byDate.set(key, [...(byDate.get(key) ?? []), scan]);
  }
  const byCourse = (date: string): 'initial' | 'subsequent' =>
    completed !== undefined && date > completed ? 'subsequent' : 'initial';
  // The strategy the records give the scan; where they disagree (its report says "initial staging, pre-op", a later
  // report's comparison line reads it as restaging), the cancer's course decides.
  const strategyOf = ([date, records]: [string, ImagingFact[]]): 'initial' | 'subsequent' => {
    const stated = new Set(records.flatMap((r) => (r.strategy !== undefined ? [r.strategy] : [])));
    return stated.size === 1 ? ([...stated][0] ?? byCourse(date)) : byCourse(date);
  };
  // A scan the record leaves in doubt: one known only as "arrived" on an order list, or a month another note
  // disputes ("I do not have a report for an October 2025 PET"). It neither counts nor is ruled out.
  const disputedMonths = new Set(
    ctx.facts.flatMap((f) =>
      f.kind === 'imaging' && f.assertion === 'negated' && rule.modalities.includes(f.modality) && f.date !== undefined
        ? [f.date.slice(0, 7)]
        : [],
    ),
  );
  const disputed = (records: readonly ImagingFact[]): boolean =>
    records.every((r) => disputedMonths.has((r.date ?? '').slice(0, 7)));
  const inDoubt = ctx.facts.filter(
    (f): f is ImagingFact =>
      f.kind === 'imaging' &&
      f.unconfirmed === true &&
      rule.modalities.includes(f.modality) &&
      f.date !== undefined &&
      f.date < ctx.asOf &&
      !byDate.has(f.date),
  );
  const all = [...byDate.entries()].filter((entry) => strategyOf(entry) === rule.strategy);
  const counted = all.filter(([, records]) => !disputed(records));
  const doubtful = all.length - counted.length + new Set(inDoubt.map((f) => f.date)).size;
  const datedOf = (strategy: 'initial' | 'subsequent' | undefined): number =>
    strategy === undefined ? byDate.size : [...byDate.entries()].filter((e) => strategyOf(e) === strategy).length;
  const label = rule.strategy === 'initial' ? 'initial-strategy' : 'subsequent-strategy';
  // Scans the record states without a number ("several", "thinks 3 or 4", "records pending"): the count is unknown.
  const uncounted = ctx.facts.filter(
    (f): f is ImagingFact =>
      f.kind === 'imaging' &&
      f.uncounted === true &&
      f.assertion === 'affirmed' &&
      rule.modalities.includes(f.modality) &&
      (f.strategy === undefined || f.strategy === rule.strategy),
  );
  const dates = counted.map(([date]) => date).sort();
  const others =
    otherCancer > 0
      ? `; ${String(otherCancer)} scan date(s) for another cancer, with another tracer or from before this cancer was found not counted`
      : '';
  const reason = `${String(counted.length)} prior ${label} PET scan(s) on record${dates.length > 0 ? ` (${dates.join(', ')})` : ''}; this request would be number ${String(counted.length + 1)} (limit ${String(rule.max + 1)})${others}`;
  // "Two prior PET/CTs" without dates: they count, each of a strategy the text may not say.
  const undated = beyondDated(
    ctx.facts.filter(
      (f): f is ImagingFact =>
        f.kind === 'imaging' &&
        f.countedInText === true &&
        f.assertion === 'affirmed' &&
        rule.modalities.includes(f.modality),
    ),
    datedOf,
  );
  const undatedOwn = undated.filter((f) => f.strategy === rule.strategy);
  const undatedOpen = undated.filter((f) => f.strategy === undefined);
  if (counted.length + undatedOwn.length > rule.max) {
    return {
      status: 'not_met',
      evidence: [...counted.flatMap(([, records]) => records), ...undatedOwn].map(citation),
      reason: `${String(counted.length + undatedOwn.length)} prior ${label} PET scan(s) on record; this request would be number ${String(counted.length + undatedOwn.length + 1)} (limit ${String(rule.max + 1)})`,
    };
  }
  if (doubtful > 0 && counted.length + undatedOwn.length + doubtful > rule.max) {
    return {
      status: 'unknown',
      evidence: [...counted.flatMap(([, records]) => records), ...inDoubt].map(citation),
      reason: `${reason}; ${String(doubtful)} more prior PET scan(s) the record leaves in doubt (not known to be done, or disputed)`,
      request: 'Confirm which prior PET scans for this cancer were done, with their dates and reports',
    };
  }
  if (undatedOpen.length > 0 && counted.length + undatedOwn.length + undatedOpen.length > rule.max) {
    return {
      status: 'unknown',
      evidence: undatedOpen.map(citation),
      reason: `${reason}; ${String(undatedOpen.length)} more prior PET scan(s) are counted in the text without dates or strategy`,
      request: 'List every prior PET scan for this cancer with its date and strategy (PI or PS)',
    };
  }
  if (uncounted.length > 0 && counted.length <= rule.max) {
    return {
      status: 'unknown',
      evidence: [...counted.flatMap(([, records]) => records), ...uncounted].map(citation),
      reason: `${reason}; the record also states prior PET scans without their number: the count is unknown`,
      request: 'List every prior PET scan for this cancer with its date (obtain the outside records)',
    };
  }
  return {
    status: counted.length <= rule.max ? 'met' : 'not_met',
    evidence: counted.flatMap(([, records]) => records.map(citation)),
    reason,
  };
}

/** "He has now had 3 PET/CTs in total": a total the dated scans on record already make up adds none; a larger one
 * adds only the scans beyond them. (One sentence's count is one group of facts.) */
function beyondDated(
  counted: readonly ImagingFact[],
  datedOf: (strategy: 'initial' | 'subsequent' | undefined) => number,
): ImagingFact[] {
  const bySentence = new Map<string, ImagingFact[]>();
  for (const f of counted) {
    const key = `${f.source.reference}@${String(f.source.start ?? f.source.text)}@${f.strategy ?? ''}`;
    bySentence.set(key, [...(bySentence.get(key) ?? []), f]);
  }
  return [...bySentence.values()].flatMap((group) => group.slice(datedOf(group[0]?.strategy)));
}

/** The modifiers the order carries, coded or written in its notes. */
function orderModifiers(ctx: RuleContext): { modifier: string; text: string; written?: true }[] {
  const coded = ctx.order.modifiers.map((m) => ({ modifier: m, text: `Order modifier ${m}` }));
  const written = [...ctx.order.reasonText.matchAll(STATED_MODIFIER)].map((m) => ({
    modifier: (m[1] ?? m[2] ?? m[3] ?? '').toUpperCase(),
    text: `Order note: ${m[0].trim()}`,
    written: true as const,
  }));
  return [...coded, ...written];
}

interface StatedPurpose {
  /** Every purpose the text states, and the one that decides whether the result changes management. */
  purposes: ScanPurpose[];
  primary: ScanPurpose;
  evidence: RuleResult['evidence'];
}

/** The purposes stated for the ordered scan: in the order's reason and notes, and in the plan sentences naming it. */
function statedPurposes(ctx: RuleContext): StatedPurpose[] {
  const out: StatedPurpose[] = [];
  const add = (purposes: ScanPurpose[], evidence: RuleResult['evidence']): void => {
    const primary = primaryPurpose(purposes);
    if (primary) out.push({ purposes, primary, evidence });
  };
  const order = ctx.order;
  const own = scanPurposes(order.reasonText);
  add(own, [{ reference: order.reference, text: `Order reason: ${order.reasonText.trim()}` }]);
  // An order that states its purpose ("distant staging before axillary dissection") is the ordering clinician's last
  // word: a plan of an earlier visit ("consider PET to evaluate axillary nodes - defer to surg onc") does not add one.
  const superseded = (f: Fact): boolean =>
    primaryPurpose(own) !== undefined && f.date !== undefined && f.date < ctx.asOf;
  for (const f of ctx.facts) {
    if (f.kind !== 'imaging' || f.purposes === undefined || (f.modality !== 'pet' && f.modality !== 'pet_ct')) continue;
    if (superseded(f)) continue;
    // The planned scan: a plan sentence, or one dated on the order's date or not at all; never a past study. ("I do
    // think it is reasonable to get a PET/CT first to evaluate the axillary basin", on the order's date, is the plan
    // the order carries out, however hedged.)
    const planned =
      f.assertion === 'hypothetical' ||
      ((f.assertion === 'affirmed' || f.assertion === 'uncertain') && (f.date === undefined || f.date >= ctx.asOf));
    if (planned) add(f.purposes, [citation(f)]);
  }
  // "The extent of disease will determine her treatment", written in the plan that orders the scan.
  for (const f of ctx.facts) {
    if (f.kind === 'management_change' && f.assertion !== 'negated' && (f.date === undefined || f.date >= ctx.asOf))
      add(['treatment_decision'], [citation(f)]);
  }
  return out;
}

/** The anti-tumour strategy the scan serves, from its stated purpose and the cancer's course. */
function inferredStrategy(ctx: RuleContext): RuleResult & { strategy?: 'initial' | 'subsequent' } {
  const purposes = statedPurposes(ctx);
  const surveillance = purposes.filter((p) => p.primary === 'surveillance');
  const serving = purposes.filter((p) => p.primary !== 'surveillance');
  // Surveillance of a known cancer serves no strategy; without one, whether there is a tumour is the open question.
  const known = ctx.facts.some((f) => f.kind === 'cancer' && f.assertion === 'affirmed');
  if (surveillance.length > 0 && serving.length === 0 && known) {
    return {
      status: 'not_met',
      evidence: surveillance.flatMap((p) => p.evidence),
      reason: 'the stated purpose is surveillance or reassurance: no anti-tumour treatment decision rests on the scan',
    };
  }
  if (serving.length === 0 || surveillance.length > 0) {
    return { status: 'unknown', evidence: [], reason: 'the order does not state the modifier' };
  }
  // The order's own words name the strategy ("initial staging", "restaging") before the course is consulted.
  const stated = PET_INITIAL.test(ctx.order.reasonText)
    ? 'initial'
    : PET_SUBSEQUENT.test(ctx.order.reasonText)
      ? 'subsequent'
      : undefined;
  if (stated) {
    return {
      status: 'met',
      strategy: stated,
      evidence: serving.flatMap((p) => p.evidence),
      reason: `no modifier on the order; its reason states the ${stated} strategy`,
    };
  }
  const completed = completionDate(INITIAL_THERAPY, ctx);
  const recurrence = ctx.facts.filter(
    (f) => f.kind === 'cancer' && f.assertion === 'affirmed' && f.primary === 'recurrent',
  );
  const evidence = [...serving.flatMap((p) => p.evidence), ...[...completed.evidence, ...recurrence].map(citation)];
  if (completed.date !== undefined || recurrence.length > 0) {
    const after = completed.date !== undefined ? `initial therapy completed by ${completed.date}` : 'a recurrence';
    return {
      status: 'met',
      strategy: 'subsequent',
      evidence,
      reason: `no modifier on the order; the scan follows ${after}: subsequent strategy`,
    };
  }
  return {
    status: 'met',
    strategy: 'initial',
    evidence,
    reason:
      'no modifier on the order; the scan plans treatment and no completed initial therapy is on record: initial strategy',
  };
}

export function orderRule(rule: Type.Static<typeof OrderSettings>, ctx: RuleContext): RuleResult {
  const order = ctx.order;
  const cite = (text: string): RuleResult['evidence'] => [{ reference: order.reference, text }];
  if (rule.modifier !== undefined) {
    const modifiers = orderModifiers(ctx);
    const own = modifiers.find((m) => m.modifier === rule.modifier);
    if (own && own.written) {
      // A modifier written in a note, not coded: it stands when the order or plan says what the scan is for.
      const purposes = statedPurposes(ctx);
      if (!purposes.some((p) => p.primary !== 'surveillance')) {
        return {
          status: 'unknown',
          evidence: cite(own.text),
          reason: `the order's note names ${rule.modifier} but states no treatment decision the scan serves`,
        };
      }
    }
    if (own) return { status: 'met', evidence: cite(own.text), reason: `order carries modifier ${rule.modifier}` };
    const stated = modifiers.filter((m) => (rule.otherModifiers ?? []).includes(m.modifier));
    if (stated.length > 0) {
      const names = [...new Set(stated.map((m) => m.modifier))].join(', ');
      return {
        status: 'not_met',
        evidence: stated.flatMap((m) => cite(m.text)),
        reason: `order carries modifier ${names}`,
      };
    }
    const inferred = inferredStrategy(ctx);
    if (inferred.strategy === undefined)
      return {
        status: inferred.status,
        evidence: inferred.evidence,
        ...(inferred.reason ? { reason: inferred.reason } : {}),
      };
    const wanted = rule.modifier === 'PI' ? 'initial' : rule.modifier === 'PS' ? 'subsequent' : undefined;
    if (wanted === undefined)
      return { status: 'unknown', evidence: [], reason: 'the order does not state the modifier' };
    return {
      status: inferred.strategy === wanted ? 'met' : 'not_met',
      evidence: inferred.evidence,
      ...(inferred.reason ? { reason: inferred.reason } : {}),
    };
  }
  const icd = order.reasonIcd10.filter((code) =>
    (rule.reasonIcd10 ?? []).some((p) => code.startsWith(p.toUpperCase())),
  );
  // A phrase counts from a word's start: "restaging" is not "staging", while "inject" still reads "injection". A
  // phrase the reason denies ("routine surveillance, no symptoms") is not stated.
  const phrase = (rule.reasonText ?? []).find((p) =>
    [
      ...order.reasonText.matchAll(
        new RegExp(`(?<![a-z])${p.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g'),
      ),
    ].some((m) => !DENIED_BEFORE.test(order.reasonText.slice(Math.max(0, (m.index ?? 0) - 30), m.index))),
  );
  if (icd.length > 0 || phrase !== undefined) {
    const stated = phrase ?? icd.join(', ');
    return { status: 'met', evidence: cite(`Order reason: ${stated}`), reason: `order reason: ${stated}` };
  }
  const purposes = statedPurposes(ctx).filter((p) => p.purposes.some((one) => rule.purpose?.includes(one)));
  if (purposes.length > 0) {
    return {
      status: 'met',
      evidence: purposes.flatMap((p) => p.evidence),
      reason: `stated purpose: ${(rule.purpose ?? []).join(', ').replace('_', ' ')}`,
    };
  }
  // The order states its reason and it is another one; an order without any reason leaves this open.
  if (!order.reasonText && order.reasonIcd10.length === 0) return { status: 'unknown', evidence: [] };
  const stated = order.reasonText.trim() || order.reasonIcd10.join(', ');
  return { status: 'not_met', evidence: cite(`Order reason: ${stated}`), reason: 'the order states another reason' };
}
