// Therapies, shared by every family: conservative care (PT, NSAIDs, injections), drugs named by class or agent,
// topicals, systemic and biologic drugs, cancer surgery and radiation, each with its duration, start, outcome and
// whether a provider directed it. Its therapy spans and claimed durations are read by the symptom course.
import type { TherapyFact, TherapyModality, TherapyOutcome } from '../fact.ts';
import { addDays, weeksBetween } from '../dates.ts';
import {
  CONSERVATIVE,
  DRUG_REGEX,
  drugOf,
  OUTCOMES,
  PATIENTS_WORD,
  STOPPED_BY_CHOICE,
  TOLERATED,
  PRESCRIPTION_MODALITIES,
  PRESCRIPTION_NSAIDS,
  PROVIDER_DIRECTED,
  RISK_FACTORS,
  SELF_DIRECTED,
  THERAPIES,
  TOPICAL_TACROLIMUS,
} from './concepts.ts';
import type { NoteExtraction } from './extraction.ts';
import { REFUSAL } from './not-tried.ts';
import { isPlanLike, toAssertion, type NoteExtractor } from './extraction.ts';
import type { Found } from './when.ts';

const PRIOR_RADIATION = RISK_FACTORS.find((r) => r.factor === 'prior_radiation')?.pattern.source;
const PRIOR_RADIATION_RE = new RegExp(PRIOR_RADIATION ?? '(?!)', 'i');
const OWN_GAP_BREAK =
  /\b(?:presents?|presenting|reports?|complains?|c\/o|has had|back pain|LBP|pain|symptoms|numbness|weakness|and|with|now)\b|;/i;
const PROCEDURES: ReadonlySet<TherapyModality> = new Set([
  'cancer_surgery',
  'spinal_surgery',
  'epidural_steroid_injection',
  'radiation_therapy',
]);
/** "Peak Motion PT - all PT notes 2025-2026 - faxed request - STATUS: PENDING": the therapy's records are awaited. */
// ("Prior methotrexate trial per patient history, details unavailable": what is missing is the course's details.)
const RECORDS_AWAITED =
  /\b(?:records?|notes?|documentation|reports?|details|specifics|(?:fill|pharmacy|claims?) history)\b[^.;]{0,60}\b(?:pending|requested|not (?:yet )?(?:received|available)|unavailable|awaited|to follow)\b|\b(?:awaiting|requested|request(?:ing)?)\b[^.;]{0,30}\b(?:records?|notes?|documentation)\b/i;

/** A records request the drug is the subject of: "Records request sent to … for MTX dosing/dates". */
const RECORDS_REQUESTED_FOR =
  /\b(?:records?|notes?|documentation)\s+request(?:ed|s)?\b[^.;]*$|\brequest(?:ed|ing)?\s+(?:for\s+)?(?:the\s+|outside\s+|prior\s+|old\s+)*(?:records?|notes?|documentation)\b[^.;]*$/i;
const TAKEN_WORDS = /\b(?:took|taking|taken|on it|after \d|stopped|discontinued|d\/c|started|since)\b/i;
const SECOND_HAND =
  /\bper (?:the )?(?:PCP|pt|patient|outside|family|report|her|his|their)\b|\b(?:pt|patient) (?:states|says|reports)\b/i;
const TEST_AWAITED =
  /\b(?:panel|labs?|LFTs?|liver (?:tests?|enzymes)|bloodwork|tests?)\b[^.;]{0,30}\b(?:ordered|pending|drawn|sent|to be (?:drawn|done|repeated))\b/i;
const BARE_TACROLIMUS = /\btacrolimus\b/gi;
const PAIRED_TACROLIMUS =
  /\btacrolimus\s*(?:\/|,|or|and)\s*(?:pimecrolimus|elidel)\b|\b(?:pimecrolimus|elidel)\s*(?:\/|,|or|and)\s*tacrolimus\b/i;
const PAIRED_AFTER = /^\s*(?:\/|,|or|and)\s*(?:pimecrolimus|elidel)\b/i;
const PAIRED_BEFORE = /\b(?:pimecrolimus|elidel)\s*(?:\/|,|or|and)\s*$/i;
const SYSTEMIC_AFTER = /^\s*(?:\d+(?:\.\d+)?\s*mg|levels?|trough|po\b|oral|capsules?|XR|ER|IR)\b/i;

const SWITCH_TARGET =
  /\b(?:switch(?:ed|ing)?|chang(?:e|ed|ing)|transition(?:ed|ing)?|escalat(?:e|ed|ing)|step(?:ped)? up)(?: (?:over|him|her|them|the patient|pt))? to (?:(?:a|an|the) )?$|\b(?:plan(?:s|ned|ning)?|will|to) (?:start|begin|initiate|try) $/i;

/** "If LFTs are abnormal, MTX would be contraindicated", "would be contraindicated if …": a bar under a condition.
 * ("MTX would be contraindicated given his alcohol use" is a clinician's way of stating one.) */
const CONDITIONAL_BAR =
  /\b(?:if|should|once|pending)\b[^.;]{0,80}\bcontraindicated\b|\bcontraindicated\b[^.;]{0,20}\bif\b/i;

/** "Pt reports he 'was on the methotrexate about 6 months'": the course as the patient recalls it. */
const PATIENT_REPORTED = new RegExp(`\\b${PATIENTS_WORD}\\b`, 'i');

/** Care a clinician refers the patient to, which starts only when the patient attends. */
const SERVICES: ReadonlySet<TherapyModality> = new Set(['physical_therapy', 'chiropractic']);
const REFERRAL = /\brefer(?:ral|red|ring)?\b/i;
const ATTENDED =
  /\b(?:attend(?:ed|ing|s)?|completed?|visits?|sessions?|started|began|doing|did|went|going|underwent|participat\w*|discharged|since|weeks? of|wks? of|x\s*\d|failed|without (?:relief|improvement|benefit)|helped|improved)\b/i;
const PROCEDURE_DONE =
  /\b(?:s\/p|status post|completed|underwent|had|prior(?! to)|previous(?:ly)?|performed|done|received|conducted|\d{4})\b/i;
function outcomeOf(parts: readonly string[]): TherapyOutcome | undefined {
  // "Tolerated well, no nausea": the words of tolerance are not read as the intolerance they negate.
  // "Continue until response, then taper": a goal is not an outcome.
  // "… unless the agent is not tolerated or contraindicated": a rule's condition is not what happened.
  // "Denies nausea, mouth sores, fatigue", "no history of conjunctivitis", "NO burning, stinging, rash or other
  // problem": a list denied holds no adverse effect.
  // "Discussed again in detail (burning, boxed warning)": what a visit teaches is what may happen, not what did.
  // "Awaiting records to document which topicals failed": what the records are to answer has not been said.
  // "w/o adequate response" is "without adequate response".
  const read = parts.map((part) =>
    part
      .replace(/\bw\/o\b/gi, 'without')
      .replace(DENIED_LIST, ' ')
      .replace(TOLERATED, ' ')
      .replace(GOAL, ' ')
      .replace(CONDITION, ' ')
      .replace(QUESTIONED, ' ')
      .replace(COUNSELLED, ' ')
      .replace(TOO_EARLY, ' '),
  );
  for (const o of OUTCOMES) if (read.some((part) => o.pattern.test(part))) return o.outcome;
  return undefined;
}
const DENIED_LIST =
  /\b(?:denies|denied|denying|no (?:history|hx) of|no h\/o|(?:no|without) (?!(?:better|improvement|relief|change|response|help|benefit|effect)\b)(?=[\w-]+(?:(?:,\s*|\/)[\w -]+)*,?\s+(?:or|and|nor)\b)|tolerat(?:ed|ing)(?: (?:it|them|this|the \w+))? without)[^.;]*/gi;
/** "Awaiting records to document which topicals failed and when": a question the records are to answer. */
const TO_FIND = 'to (?:document|confirm|verify|clarify|determine|establish|find out|see)';
// "He cannot say how long he used it, whether he used it regularly, or whether it helped": not known either way.
const UNSURE =
  "(?:unclear|unknown|not sure|unsure|(?:cannot|can't|could not|couldn't) (?:say|recall|remember|tell)|(?:does not|doesn't|did not|didn't) (?:know|recall|remember))";
const ASKED = '(?:which|whether|if|what|how)';
const QUESTIONED = new RegExp(`\\b(?:${TO_FIND}|${UNSURE} ${ASKED})\\b[^.;]*`, 'gi');
/** The same question just before a therapy it names ("… to document which topicals failed"). */
const QUESTION_BEFORE = new RegExp(`\\b(?:${TO_FIND}|${UNSURE})\\s+${ASKED}\\s+(?:[\\w-]+\\s+){0,2}$`, 'i');
// ("I reviewed the expected benefit, monitoring, and side effects": what was taught, told as a review.)
const COUNSELLED =
  /\b(?:discussed|counsell?ed|educated|warned|explained|informed|reviewed (?:the |its |her |his )?(?:expected |potential |possible )?(?:benefits?|risks?|side effects?|monitoring|adverse effects?))\b(?! with\b)[^.;]*/gi;
const CONDITION = /\b(?:unless|in case|in the event)\b[^.;]*|\bif\b[^.;,]*/gi;
/** "Only 2 weeks into mid-potency TCS - too early to call a failure": a result the clinician says cannot be told yet. */
const TOO_EARLY = /\btoo (?:early|soon) to (?:call|say|judge|tell|declare|consider|know)\b[^.;,]*/gi;
const GOAL =
  /\b(?:until|unless|till|once|if|for)\s+(?:a |an |good |adequate |full |clinical )?(?:response|improve\w*|clear\w*|controlled|resolution|resolved|better)\b/gi;
/** Therapies a plan requests (biologics and other systemics needing authorization): named in the plan without a
 * word that they are already taken, they are planned, not tried. */
const REQUESTED: ReadonlySet<TherapyModality> = new Set([
  'biologic',
  'jak_inhibitor',
  'apremilast',
  'methotrexate',
  'cyclosporine',
  'systemic_anticancer_therapy',
]);
/** Samples named and not denied: "obtained via the pharmacy benefit (not samples)" is the opposite. */
function onSamples(text: string): boolean {
  const m = SAMPLES.exec(text);
  return (
    m !== null && !/\b(?:not|no|never|without|rather than|instead of)\s+(?:\w+\s+)?$/i.test(text.slice(0, m.index))
  );
}

/** Started on samples or a manufacturer programme (not established therapy for some payers). */
const SAMPLES =
  /\b(?:samples?(?: pack)?|sample dose|manufacturer (?:program|programme|assistance)|patient assistance program|free drug program|bridge program|starter pack)\b/i;
const PAID_BY_PLAN =
  /\b(?:[Bb]illed to|[Pp]aid (?:for )?by|[Cc]overed by|[Dd]ispensed by|[Ff]illed (?:through|by|at)) (?:the |her |his )?(?:plan|insurance|[A-Z][\w&/-]*)|\bthrough (?:the )?(?:plan|insurance|[A-Z][\w&/-]*(?: [A-Z][\w&/-]*){0,2} Specialty)\b|\b[Ss]pecialty [Pp]harmacy\b|\bpaid (?:claims?|fills?)\b/;
const PRESCRIBED_LENGTH =
  /\bx\s*(?:up to\s*)?\d+\s*(?:wks?|weeks?|days?|months?|mos?)\b|\b(?:for )?up to \d+\s*(?:wks?|weeks?|days?|months?)\b/i;
const PLAN_ONGOING =
  /\b(?:continue[sd]?|cont\.?|current(?:ly)?|remains? on|resume[sd]?|(?<!\d\s?)refill(?:ed)?(?!s)|prescribed|was given|were conducted|increase|decrease|taper|stop|hold|already)\b/i;

function therapies(x: NoteExtraction): void {
  const mentions: {
    si: number;
    start: number;
    end: number;
    modality: TherapyModality;
    agent?: string;
    pd?: boolean;
  }[] = [];
  for (const concept of THERAPIES) {
    x.scan(concept.pattern, (m, si) => {
      if (concept.modality === 'physical_therapy' && m[0].startsWith('P') && m[0] !== m[0].toUpperCase()) return;
      if (/^(?:pt|Pt)$/.test(m[0])) return;
      if (concept.modality === 'radiation_therapy' && PRIOR_RADIATION_RE.test(x.ctx.sentences[si]?.text ?? '')) return;
      const first = m[0].split(/\s+/)[0]?.toLowerCase() ?? '';
      const topicalAgent =
        concept.modality === 'topical_corticosteroid' || concept.modality === 'topical_calcineurin_inhibitor';
      const agent =
        concept.agentOf?.(m[0]) ??
        (topicalAgent &&
        /^[a-z]{6,}$/.test(first) &&
        !/^(?:topical|topicals|medium|potency|calcineurin|protopic|elidel|steroid|steroids|corticosteroid)$/.test(first)
          ? first
          : undefined);
      mentions.push({
        si,
        start: m.index,
        end: m.index + m[0].length,
        modality: concept.modality,
        ...(agent !== undefined
          ? { agent }
          : first === 'protopic'
            ? { agent: 'tacrolimus' }
            : first === 'elidel'
              ? { agent: 'pimecrolimus' }
              : {}),
        ...(concept.providerDirected ? { pd: true } : {}),
      });
    });
  }
  x.scan(DRUG_REGEX, (m, si) => {
    const drug = drugOf(m[0]);
    if (!drug) return;
    mentions.push({ si, start: m.index, end: m.index + m[0].length, modality: drug.modality, agent: drug.agent });
  });
  // "Pt stopped tacrolimus on his own": in a note that names it as the ointment elsewhere, tacrolimus is the topical
  // (alone it may be the transplant drug, which the concept table reads only with its form).
  // So is tacrolimus paired with pimecrolimus ("no tacrolimus/pimecrolimus"): the pair is the calcineurin class.
  const topicalNote = x.possible.has(BARE_TACROLIMUS) && TOPICAL_TACROLIMUS.test(x.text);
  if (topicalNote || (x.possible.has(BARE_TACROLIMUS) && PAIRED_TACROLIMUS.test(x.text))) {
    x.scan(BARE_TACROLIMUS, (m, si) => {
      const after = x.text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      if (SYSTEMIC_AFTER.test(after)) return;
      if (
        !topicalNote &&
        !PAIRED_AFTER.test(after) &&
        !PAIRED_BEFORE.test(x.text.slice(Math.max(0, m.index - 16), m.index))
      )
        return;
      mentions.push({
        si,
        start: m.index,
        end: m.index + m[0].length,
        modality: 'topical_calcineurin_inhibitor',
        agent: 'tacrolimus',
        pd: true,
      });
    });
  }
  mentions.sort((a, b) => a.start - b.start);
  // Merge a class mention into a named agent of the same modality in the same sentence; drop overlaps.
  const kept: typeof mentions = [];
  const bySentence = new Map<number, typeof mentions>();
  for (const mention of mentions) {
    const same = bySentence.get(mention.si) ?? [];
    const dup = same.find(
      (k) =>
        (k.start < mention.end && mention.start < k.end) ||
        (k.modality === mention.modality &&
          (k.agent === undefined || mention.agent === undefined || k.agent === mention.agent)),
    );
    if (dup) {
      if (dup.agent === undefined && mention.agent !== undefined && dup.modality === mention.modality) {
        dup.agent = mention.agent;
        // "TCS (triamcinolone 0.1% oint 7/21/25-1/12/26, ~25 wks)": the drug in brackets names the class, and the
        // dates and length after it are the course's.
        // So does one after a class label's colon ("Prior topicals (from our records): triamcinolone … 03/03/25-…").
        if (/^(?:\s*[(:-]|[^.;\n]{0,40}:)\s*$/.test(x.text.slice(dup.end, mention.start))) dup.end = mention.end;
      }
      continue;
    }
    kept.push(mention);
    same.push(mention);
    bySentence.set(mention.si, same);
  }
  x.scan(CONSERVATIVE, (m, si) => {
    const spans = x.therapySpans.get(si) ?? [];
    spans.push([m.index, m.index + m[0].length]);
    x.therapySpans.set(si, spans);
    const [lo, hi] = x.clauseOf(si, m.index);
    ownDuration(x, si, m.index, m.index + m[0].length, lo, hi, false);
  });
  for (const mention of kept) {
    const spans = x.therapySpans.get(mention.si) ?? [];
    spans.push([mention.start, mention.end]);
    x.therapySpans.set(mention.si, spans);
  }
  for (const mention of kept) therapyFact(x, mention, bySentence.get(mention.si) ?? [], bySentence);
}

/** Whether offset `at` lies in a bracket opened after another therapy mention that follows the one read. */
function bracketedAfterAnother(text: string, at: number, after: readonly { start: number; end: number }[]): boolean {
  return after.some((o) => o.end <= at && /^[^()]*\([^()]*$/.test(text.slice(o.end, at)));
}

// ("Advised per Dr Whitcomb's plan that Elidel can take 6-8 weeks for full effect": what the drug does, taught.)
const EXPLAINED_BEFORE =
  /^\W*(?:\d+[.)]\s*)?(?:explained|informed (?:him|her|them|the patient|pt|parents?)|(?:advised|counsell?ed|reminded|told)\b[^.;]{0,40}\bthat)\b[^.;]{0,20}$/i;

/** A duration or date that follows a therapy mention closely, with no new subject in between. */
function follows(x: NoteExtraction, end: number, d: Found<unknown>, limit: number): boolean {
  if (d.start < end || d.end > limit) return false;
  const gap = x.text.slice(end, d.start);
  // "Triamcinolone 0.1% ointment (medium potency) applied twice daily every day 8/4/2025 -> 9/15/2025": the dose,
  // form and schedule between a drug and its dates still belong to it.
  if (d.start - end > (DOSING_ONLY.test(gap) ? 100 : 40)) return false;
  return !OWN_GAP_BREAK.test(gap);
}
const DOSING_ONLY =
  /^(?:[\s\d.,%()/:;-]|\b(?:mg|mcg|g|ml|ointment|oint|cream|lotion|solution|gel|foam|tablets?|tabs?|capsules?|pens?|syringes?|prefilled|low|mid|medium|high|super|potency|applied|apply|applying|used|taken|twice|once|three|four|times|a|an|daily|every|each|other|day|night|bid|tid|qid|qd|qhs|qod|weekly|to|the|body|face|affected|areas?|trunk|arms|legs|scalp|hands|feet|by|mouth|po|sc|subq|sq|prn|as|needed|thin|layer|x)\b)*$/i;

/** The duration of a therapy mention: just after it ("PT x 6 wks") or just before it ("6 weeks of PT"). */
function ownDuration(
  x: NoteExtraction,
  si: number,
  start: number,
  end: number,
  lo: number,
  limit: number,
  alone: boolean,
): Found<number> | undefined {
  const durations = x.durations(si);
  const found =
    durations.find((d) => follows(x, end, d, limit)) ??
    // "triamcinolone …; exact start uncertain (between ~3 and ~5 weeks of daily use)": a length of use the sentence
    // states, when the sentence names no other therapy.
    (alone ? durations.find((d) => d.start >= end && OF_USE.test(x.text.slice(d.end, d.end + 30))) : undefined) ??
    durations.find(
      (d) =>
        d.end <= start &&
        d.start >= lo &&
        /^\)?\s*(?:course |trial )?(?:of |on )?(?:(?:formal|failed|conservative|adjuvant|maintenance|daily|twice-daily|BID|nightly|topical|oral|supervised|outpatient|home|consistent|regular|(?:low|mid|medium|high|super|very high)[-\s]+potency)\s+){0,3}$/i.test(
          x.text.slice(d.end, start),
        ),
    );
  if (found) x.claimed.add(found.start);
  return found;
}

const OF_USE =
  /^\s*(?:of\s+)?(?:daily |regular |consistent |continuous |scheduled )?(?:use|treatment|therapy|application)\b/i;

function therapyFact(
  x: NoteExtraction,
  mention: { si: number; start: number; end: number; modality: TherapyModality; agent?: string; pd?: boolean },
  all: readonly { si: number; start: number; end: number }[],
  /** Every sentence's therapy mentions, by sentence index. */
  mentionsBySentence: ReadonlyMap<number, unknown>,
): void {
  const s = x.ctx.sentences[mention.si];
  if (!s) return;
  const f = x.flags(mention.si, mention.start, mention.end);
  if (f.family) return;
  const [lo, hi] = x.clauseOf(mention.si, mention.start);
  const others = all.filter((o) => o.si === mention.si && o !== mention && o.start >= lo && o.start < hi);
  const after = others.filter((o) => o.start > mention.start).sort((a, b) => a.start - b.start);
  // "calcipotriene/betamethasone foam x 3 months": a combination product shares its duration.
  const combined = after[0] !== undefined && /^\s*\/\s*$/.test(x.text.slice(mention.end, after[0].start));
  const nextStart = Math.min(hi, ...(combined ? after.slice(1) : after).map((o) => o.start));
  // Duration: after the mention up to the next therapy, or just before it ("6 weeks of PT").
  const alone = !all.some((o) => o.si === mention.si && o !== mention);
  const duration = ownDuration(x, mention.si, mention.start, mention.end, lo, nextStart, alone);
  const start = x.starts(mention.si).find((d) => follows(x, mention.end, d, nextStart));
  let durationWeeks = duration?.value;
  const nd = x.noteDate;
  // A stated range ("from 3/10 to 5/19/2025") is the course's length; a bare start runs to the note's date, but
  // "took it a few years ago" names when, not a course running since.
  const until = start?.until ?? nd;
  const agoPoint = start?.ago === true && !STARTED.test(x.text.slice(Math.max(lo, start.start - 40), start.start));
  if (durationWeeks === undefined && start && until && !agoPoint) durationWeeks = weeksBetween(start.value, until);
  // Outcome: the mention's own stretch of the clause; else a shared lead ("Failed X and Y"); else a shared tail
  // when only the last therapy of the clause carries one ("PT and naproxen without relief"); else the following
  // clauses that name no therapy.
  const siblings = all
    .filter((o) => o.si === mention.si && o.start >= lo && o.start < hi)
    .sort((a, b) => a.start - b.start);
  // "… as an alternative if tacrolimus is not tolerated or not covered": a condition is no outcome of any drug it
  // names, so it is blanked out of the sentence before the sentence is cut into each drug's stretch.
  const unconditional = (a: number, b: number): string =>
    a >= s.start && b <= s.end ? masked.slice(a - s.start, b - s.start) : x.text.slice(a, b);
  const masked = s.text.replace(CONDITION, (m) => ' '.repeat(m.length));
  // "failed triamcinolone … 2/2-3/16/26, intolerant of pimecrolimus 3/16-3/21": a result put before a drug is that
  // drug's, not the end of the previous one's stretch.
  const ledBy = (i: number): number | undefined => {
    const cur = siblings[i];
    const prev = siblings[i - 1];
    if (!cur || !prev || prev.end > cur.start) return undefined;
    const lead = LEADING_RESULT.exec(x.text.slice(prev.end, cur.start));
    return lead ? prev.end + lead.index : undefined;
  };
  const segmentOf = (i: number): string => {
    const cur = siblings[i];
    if (!cur) return '';
    const next = siblings[i + 1];
    // A segment ends at the next drug or at a ';' ("Humira (adalimumab); continue MTX": "continue" is MTX's).
    const end = next ? (ledBy(i + 1) ?? next.start) : hi;
    const semicolon = x.text.indexOf(';', cur.end);
    return unconditional(ledBy(i) ?? cur.start, semicolon >= 0 && semicolon < end ? semicolon : end);
  };
  const own = siblings.map((_, i) => outcomeOf([segmentOf(i)]));
  const idx = siblings.indexOf(mention);
  let outcome: TherapyOutcome | undefined = own[idx];
  // A weak "ongoing" (e.g. "prescribed by PT") gives way to a stated result from the lead or the shared tail.
  if (outcome === undefined || outcome === 'ongoing') {
    const lead = outcomeOf([x.text.slice(lo, siblings[0]?.start ?? lo)]);
    // The last drug's result is shared ("PT and naproxen without relief"), but not one in its own brackets
    // ("phototherapy (she cannot attend 3x/week)").
    const shared =
      siblings.length > 0 ? outcomeOf([segmentOf(siblings.length - 1).replace(/\([^)]*\)?/g, ' ')]) : undefined;
    const tail = own.filter((o) => o !== undefined).length <= 2 ? shared : undefined;
    outcome = (lead !== 'ongoing' ? lead : undefined) ?? (tail !== 'ongoing' ? tail : undefined) ?? outcome ?? lead;
    // "inadequate response, plan switch to dupilumab": the drug switched to is the next one, not the one that failed.
    if (SWITCH_TARGET.test(x.text.slice(Math.max(lo, mention.start - 40), mention.start))) outcome = own[idx];
  }
  // "Mometasone nightly, helps some but plaques never clear": a help the sentence goes on to qualify is read with
  // what follows it, up to the next therapy.
  if (outcome === 'improved') {
    const semicolon = x.text.indexOf(';', mention.end);
    const nextTherapy = Math.min(
      s.end,
      semicolon >= 0 ? semicolon : s.end,
      ...all.filter((o) => o.si === mention.si && o.start > mention.start).map((o) => o.start),
    );
    if (outcomeOf([unconditional(mention.start, nextTherapy)]) === 'failed') outcome = 'failed';
  }
  if (outcome === undefined || outcome === 'ongoing') {
    const following: string[] = [];
    for (const c of x.sentenceInfo(mention.si).clauses) {
      if (c[0] < hi) continue;
      if (all.some((o) => o.si === mention.si && o.start >= c[0] && o.start < c[1])) break;
      following.push(x.text.slice(c[0], c[1]));
    }
    // Read as one text: a denial ("Denies nausea, mouth sores, fatigue") spans the clauses of its list.
    outcome = outcomeOf([following.join(', ')]) ?? outcome;
  }
  // "Awaiting records to document which topicals failed": a therapy named in a question has no stated outcome.
  if (QUESTION_BEFORE.test(x.text.slice(Math.max(s.start, mention.start - 60), mention.start))) outcome = undefined;
  // "thinks she stopped because it wasn't doing much, or maybe the nausea": a hedged reason is no stated outcome.
  if (
    (outcome === 'failed' || outcome === 'intolerance' || outcome === 'improved') &&
    HEDGED_OUTCOME.test(x.text.slice(mention.end, s.end))
  )
    outcome = undefined;
  // "On MTX. c/o fatigue day after dose": a side effect told of a drug still taken is no intolerance that ended it.
  if (
    outcome === 'intolerance' &&
    STILL_ON.test(x.text.slice(Math.max(s.start, mention.start - 20), mention.start)) &&
    !INTOLERANCE_STATED.test(x.text.slice(s.start, s.end))
  )
    outcome = 'ongoing';
  // "GI: Positive for nausea (day after MTX)" in a review of systems: a symptom the patient has on the drug, not a
  // reason it was stopped.
  if (outcome === 'intolerance' && s.section === 'ros' && !INTOLERANCE_STATED.test(s.text)) outcome = undefined;
  if (outcome === undefined && s.section === 'medications') outcome = 'ongoing';
  // A medication named in the plan with no word that it is already taken ("Plan: dupilumab 300 mg q2w") is
  // being started: planned, not yet tried.
  // ("Adalimumab DISCONTINUED (last dose 2/23/26)" in a plan is a drug ended, not one being started.)
  // So is any drug the plan prescribes for a length ("Plan: mometasone 0.1% cream daily x up to 4 weeks"): the length
  // is the prescription's, not a course taken.
  const newInPlan =
    outcome === undefined &&
    isPlanLike(s) &&
    (REQUESTED.has(mention.modality) ||
      (!SERVICES.has(mention.modality) && PRESCRIBED_LENGTH.test(x.text.slice(mention.end, hi)))) &&
    !STOPPED_AT.test(x.text.slice(mention.end, Math.min(hi, mention.end + 60))) &&
    !PLAN_ONGOING.test(`${s.lead !== undefined ? (x.ctx.sentences[s.lead]?.text ?? '') : ''} ${s.text}`);
  const date = x.dateNear(mention.si, mention.start);
  const leadText = s.lead !== undefined ? (x.ctx.sentences[s.lead]?.text ?? '') : '';
  let assertion = toAssertion(f, 'event');
  if (newInPlan && assertion === 'affirmed') assertion = 'hypothetical';
  // "Explained TCI takes several weeks to work, stinging usually improves after first wk": what a drug usually does,
  // told to the patient, is no course of it.
  if (assertion === 'affirmed' && EXPLAINED_BEFORE.test(x.text.slice(s.start, mention.start)))
    assertion = 'hypothetical';
  // "Letter of Medical Necessity - STELARA (ustekinumab)": the drug a request names is asked for, not taken.
  // ("I have prescribed dupilumab … and will submit for authorization": prescribed for the request, not yet taken.)
  if (
    assertion === 'affirmed' &&
    REQUESTED.has(mention.modality) &&
    REQUEST_CONTEXT.test(s.text) &&
    (outcome === undefined || (outcome === 'ongoing' && !IN_USE.test(s.text)))
  )
    assertion = 'hypothetical';
  // "Continue emollients, mometasone when available": a drug the patient is to use once she has it is not in use.
  if (assertion === 'affirmed' && WHEN_AVAILABLE.test(x.text.slice(mention.end, Math.min(s.end, mention.end + 40))))
    assertion = 'hypothetical';
  if (assertion === 'uncertain' && PROCEDURES.has(mention.modality) && isPlanLike(s)) {
    assertion = 'hypothetical';
  }
  if (
    assertion === 'affirmed' &&
    PROCEDURES.has(mention.modality) &&
    isPlanLike(s) &&
    !PROCEDURE_DONE.test(`${leadText} ${s.text}`)
  ) {
    assertion = 'hypothetical';
  }
  if (outcome === 'completed' && assertion === 'historical' && !f.remote) assertion = 'affirmed';
  // "She declines phototherapy … and does not want methotrexate", "apprehensive about methotrexate": a therapy the
  // patient refuses is not tried, one she fears is not yet taken; each word governs the therapy right after it.
  const before = x.text.slice(Math.max(lo, mention.start - 60), mention.start);
  // "Recommendations: 6-week trial of tacrolimus 0.1% ointment": a trial a plan sets out has not begun.
  if (assertion === 'affirmed' && isPlanLike(s) && PLANNED_TRIAL.test(before) && !TRIED.test(x.text.slice(lo, hi))) {
    assertion = 'hypothetical';
    outcome = undefined;
  } else if (assertion === 'affirmed' && REFUSED_BEFORE.test(before)) {
    assertion = 'negated';
    outcome = undefined;
  } else if (assertion === 'affirmed' && WARY_BEFORE.test(before)) {
    assertion = 'hypothetical';
    outcome = undefined;
  }
  // The clause from the end of the therapy named before this one: "started naproxen and referred to PT".
  const ownStretch = x.text.slice(
    Math.max(lo, ...siblings.filter((o) => o.end <= mention.start).map((o) => o.end)),
    hi,
  );
  // "PT referral - lumbar stabilization, 6 wks", "referred to PT": a referral is care asked for, not yet given;
  // its planned length is no course until the record says the patient went.
  if (
    assertion === 'affirmed' &&
    SERVICES.has(mention.modality) &&
    REFERRAL.test(ownStretch) &&
    !ATTENDED.test(ownStretch)
  ) {
    assertion = 'hypothetical';
    outcome = undefined;
  }
  // "Crisaborole - never filled", "never picked it up, so he has NOT used it": ordered, not taken.
  // "She never actually picked it up from the pharmacy … So she has not used the triamcinolone": a denial of use
  // after words (in its sentence or the one before) that the prescription was never picked up is that order never
  // taken.
  const previous = x.ctx.sentences[mention.si - 1];
  const neverTaken =
    assertion !== 'family' &&
    (NEVER_TAKEN.test(x.text.slice(mention.end, s.end)) ||
      NEVER_TAKEN_BEFORE.test(x.text.slice(Math.max(s.start, mention.start - 50), mention.start)) ||
      (assertion === 'negated' &&
        NEVER_PICKED_UP.test(`${previous?.text ?? ''} ${x.text.slice(s.start, mention.start)}`)));
  if (neverTaken) {
    outcome = undefined;
    assertion = 'negated';
  }
  // "Records request sent to his prior dermatologist for MTX dosing/dates, labs and response": what the requested
  // records are to show is no outcome yet.
  const requested = RECORDS_REQUESTED_FOR.test(x.text.slice(s.start, mention.start));
  if (requested) outcome = undefined;
  // "MTX contraindicated d/t elevated LFTs": a drug barred before it was taken is contraindicated, not intolerant.
  if (outcome === 'intolerance' && /\bcontraindicat/i.test(s.text) && !TAKEN_WORDS.test(s.text))
    outcome = 'contraindicated';
  // "Pharmacy fill history for Elidel not available to us": the records are missing, not the drug. And "MTX
  // contraindicated d/t elevated LFTs (per PCP)" with the hepatic panel "ordered today": a bar told second-hand
  // while the test that would show it is still to come is not yet shown.
  if (
    outcome === 'contraindicated' &&
    (RECORDS_AWAITED.test(s.text) || (SECOND_HAND.test(s.text) && TEST_AWAITED.test(x.text)))
  )
    outcome = undefined;
  // "No contraindication to phototherapy identified": the therapy stays an option, neither barred nor taken.
  // (Across the sentence: "I recommended methotrexate; he has no contraindication (no alcohol, …)".)
  const notContraindicated =
    (outcome === 'contraindicated' && NO_CONTRAINDICATION.test(x.text.slice(s.start, s.end))) ||
    toldAfter(x, mention.si, mentionsBySentence, 2, NOT_A_CONTRAINDICATION);
  if (notContraindicated) {
    outcome = undefined;
    assertion = 'hypothetical';
  } else if (outcome === 'contraindicated' && CONDITIONAL_BAR.test(s.text)) {
    // "If LFTs are abnormal, MTX would be contraindicated": a bar that waits on a result is not one yet.
    outcome = undefined;
    assertion = 'hypothetical';
  } else if (outcome === 'contraindicated' && (assertion === 'hypothetical' || assertion === 'negated'))
    assertion = 'affirmed';
  const stated = date !== undefined && date !== start?.value ? date : undefined;
  const onNow = /\b(?:on|taking|currently|still)\b[^.;]{0,25}$/i.test(
    x.text.slice(Math.max(lo, mention.start - 30), mention.start),
  );
  if (assertion === 'affirmed' && !onNow && x.isOld(stated, 730)) assertion = 'historical';
  let providerDirected: boolean | undefined;
  const clauseText = `${leadText} ${x.text.slice(lo, hi)}`;
  if (SELF_DIRECTED.test(clauseText)) providerDirected = false;
  else if (
    mention.pd === true ||
    PRESCRIPTION_MODALITIES.has(mention.modality) ||
    (mention.agent !== undefined && PRESCRIPTION_NSAIDS.has(mention.agent)) ||
    PROVIDER_DIRECTED.test(clauseText)
  ) {
    providerDirected = true;
  }
  // "Off Rinvoq > 2 months", "Rinvoq … STOPPED 04/11/2025": the course has ended, on the date stated or by the
  // note's; the length after "off" is time without the drug, not the course.
  const stopAfter = STOPPED_AT.exec(x.text.slice(mention.end, Math.min(hi, mention.end + 60)));
  // "partial response to apremilast, prior MTX (stopped - transaminitis)": a stop in the brackets after another drug
  // is that drug's.
  const stop =
    stopAfter !== null && bracketedAfterAnother(x.text, mention.end + stopAfter.index, after) ? null : stopAfter;
  // "Stop Otezla once Stelara is approved": a stop planned for later has not ended anything yet.
  const later = /^\W{0,3}\s*(?:\w+\s+){0,2}(?:once|when|if|after|upon|as soon as|until)\b/i.test(
    x.text.slice(mention.end, Math.min(hi, mention.end + 40)),
  );
  // ("She stopped MTX herself after her 09/15/2026 dose" is a stop told in the past, whatever follows it.)
  const leadIn = x.text.slice(Math.max(lo, mention.start - 25), mention.start);
  const off = (!later || PAST_STOP_BEFORE.test(leadIn)) && OFF_DRUG.test(leadIn);
  // "Methotrexate: started 02/12/2026 at 15 mg weekly. Patient took 4 weekly doses and stopped on her own around
  // 03/12/2026": the next sentence, naming no therapy of its own, tells how this course ended.
  const stopNext =
    stop === null && !off && !mentionsBySentence.has(mention.si + 1) ? stopInNextSentence(x, mention.si) : undefined;
  // "Rinvoq - DISCONTINUED 01/14/2026 (do not refill)" in a medication list: a drug the line says was stopped is not
  // being taken, whatever list carries it.
  if ((stopNext !== undefined || stop !== null) && outcome === 'ongoing') outcome = undefined;
  if (durationWeeks === undefined && stopNext?.weeks !== undefined) durationWeeks = stopNext.weeks;
  if (outcome === undefined && stopNext !== undefined) outcome = stopNext.outcome;
  // "Pt stopped tacrolimus on his own ~9/29 (used ~3 wk)": a stop said before the drug is dated by the date just
  // after it, and the length given is the course's; only "off X > 2 months" measures time without the drug.
  const stoppedBefore = off && !OFF_WORD.test(x.text.slice(Math.max(lo, mention.start - 25), mention.start));
  // "cyclobenzaprine 10 mg … (last filled 05/2024)": a drug not filled for months is not being taken; its course
  // ended around its last fill, whatever list still carries it.
  const lastFill = LAST_FILLED.exec(x.text.slice(mention.end, Math.min(hi, mention.end + 80)));
  const lastFilledOn = lastFill
    ? x.dates(mention.si).find((d) => d.start >= mention.end + lastFill.index)?.value
    : undefined;
  const lapsed = lastFilledOn !== undefined && nd !== undefined && addDays(lastFilledOn, LAPSE_DAYS) < nd;
  // "Agreed … to stop adalimumab - last injection 02/23/2026": a stop the sentence tells, dated by the last dose.
  const lastDose = LAST_DOSE.exec(x.text.slice(mention.end, Math.min(s.end, mention.end + 80)));
  const lastDoseOn =
    lastDose && STOP_WORD.test(s.text)
      ? x.dates(mention.si).find((d) => d.start >= mention.end + lastDose.index)?.value
      : undefined;
  if (lapsed && outcome === 'ongoing') outcome = undefined;
  const stoppedOn =
    stop !== null
      ? x.dates(mention.si).find((d) => d.start >= mention.end + stop.index)?.value
      : stoppedBefore
        ? x.dates(mention.si).find((d) => d.start >= mention.end && d.start - mention.end <= 25)?.value
        : (stopNext?.date ?? lastDoseOn ?? (lapsed ? lastFilledOn : undefined));
  const endedBy = stoppedOn === undefined && (stop !== null || off || stopNext !== undefined) ? nd : undefined;
  if (off && !stoppedBefore && duration !== undefined) durationWeeks = undefined;
  const startDate = start?.value ?? begunOn(x, mention, lo, hi, assertion);
  const fact: TherapyFact = {
    kind: 'therapy',
    modality: mention.modality,
    ...(mention.agent !== undefined ? { agent: mention.agent } : {}),
    ...(startDate !== undefined ? { start: startDate } : {}),
    ...(durationWeeks !== undefined ? { durationWeeks } : {}),
    ...(duration === undefined && start?.shortestWeeks !== undefined && start.shortestWeeks < (durationWeeks ?? 0)
      ? { shortestWeeks: start.shortestWeeks }
      : {}),
    ...(duration?.shortestWeeks !== undefined && durationWeeks === duration.value
      ? { shortestWeeks: duration.shortestWeeks }
      : {}),
    ...(outcome !== undefined ? { outcome } : {}),
    ...(providerDirected !== undefined ? { providerDirected } : {}),
    ...(onSamples(clauseText) ? { sample: true } : {}),
    ...(PAID_BY_PLAN.test(s.text) ? { paidByPlan: true as const } : {}),
    ...(requested || RECORDS_AWAITED.test(s.text) ? { recordsPending: true as const } : {}),
    ...(notContraindicated ? { notContraindicated: true as const } : {}),
    ...(PATIENT_REPORTED.test(`${leadText} ${x.text.slice(s.start, mention.start)}`)
      ? { patientReported: true as const }
      : {}),
    ...(neverTaken ? { neverTaken: true } : {}),
    ...(assertion === 'negated' &&
    !neverTaken &&
    DENIED_SINCE.test(x.text.slice(mention.end, Math.min(s.end, mention.end + 120)))
      ? { deniedOnlySince: true as const }
      : {}),
    ...(date === undefined &&
    startDate === undefined &&
    durationWeeks === undefined &&
    stoppedOn === undefined &&
    outcome !== 'ongoing' &&
    !onNow
      ? { undated: true as const }
      : {}),
    ...(toleratedAround(x, mention, mentionsBySentence) ? { tolerated: true } : {}),
    ...(POOR_ADHERENCE.test(x.text.slice(mention.start, s.end)) ||
    stopNext?.poorAdherence === true ||
    toldAfter(x, mention.si, mentionsBySentence, 3, POOR_ADHERENCE)
      ? { poorAdherence: true as const }
      : {}),
    ...(STOPPED_BY_CHOICE.test(x.text.slice(mention.start, s.end)) || stopNext?.byChoice === true
      ? { stoppedByChoice: true as const }
      : {}),
    assertion,
    source: x.source(mention.si),
  };
  if (start?.until !== undefined) fact.end = start.until;
  else if (stoppedOn !== undefined && (startDate === undefined || stoppedOn >= startDate)) {
    fact.end = stoppedOn;
    fact.endedBy = stoppedOn;
  } else if (endedBy !== undefined) fact.endedBy = endedBy;
  else if (
    startDate !== undefined &&
    durationWeeks !== undefined &&
    (outcome === 'completed' || outcome === 'failed' || outcome === 'intolerance')
  ) {
    const end = addDays(startDate, Math.round(durationWeeks * 7));
    if (nd === undefined || end <= nd) fact.end = end;
  }
  x.add(x.withDate(fact, date ?? startDate));
}

/** "… since establishing here", "in the past year", "recently": a denial bounded to a recent stretch. */
const DENIED_SINCE =
  /^[^.;]*?\b(?:since (?:establishing|starting|coming|transferring|moving|joining|being seen|her first|his first|their first|the last|last|then|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)|in the (?:past|last) (?:\d+|few|several|one|two|three|six|twelve) (?:days?|weeks?|months?|years?)|(?:in the )?(?:past|last) (?:year|month|\d+ months?)|recently|lately|at (?:this|our) (?:practice|clinic|office))\b/i;
const LAST_DOSE = /\blast (?:injection|dose|infusion|shot)\b/i;
const STOP_WORD = /\b(?:stop(?:ped)?|discontinu\w*|d\/c'?d|quit|held|off)\b/i;
const LAST_FILLED = /\blast (?:filled|fill(?:ed)? (?:on|in)?|dispensed|refilled|picked up)\b/i;
/** A fill older than this (three 30-day supplies) is no drug still taken. */
const LAPSE_DAYS = 90;

/** TOLERATED without its global flag, for a test that must not carry lastIndex over. */
const TOLERATED_ONCE = new RegExp(TOLERATED.source, 'i');
/** "He had no side effects from methotrexate": the words of tolerance before the drug they are about. */
const TOLERATED_BEFORE =
  /\b(?:no|without|denies|denied) (?:any )?(?:side effects?|adverse (?:effects?|events?|reactions?)|problems?|issues?) (?:from|with|on|to)\s+(?:the\s+)?$/i;

/** The drug was tolerated: its sentence says so, or the next sentence does when it names no drug of its own
 * ("Methotrexate self-discontinued after ~7 weeks. No adverse effects; labs normal."). */
function toleratedAround(
  x: NoteExtraction,
  mention: { si: number; start: number },
  mentionsBySentence: ReadonlyMap<number, unknown>,
): boolean {
  const s = x.ctx.sentences[mention.si];
  if (!s) return false;
  if (TOLERATED_ONCE.test(x.text.slice(mention.start, s.end))) return true;
  if (TOLERATED_BEFORE.test(x.text.slice(s.start, mention.start))) return true;
  const next = x.ctx.sentences[mention.si + 1];
  return next !== undefined && !mentionsBySentence.has(mention.si + 1) && TOLERATED_ONCE.test(next.text);
}
/** "Current triamcinolone trial limited by adherence", "BID (variable adherence)", "every day, except when I forget",
 * "a few times a week", "used it 'most days'", "travelling for 2 weeks and did not bring it":
 * the drug was not used as a trial asks, so its failure is not yet an adequate trial's. */
const POOR_ADHERENCE =
  /\b(?:except when (?:i|she|he|they|we) (?:forget|forgot|forgets|miss|missed|misses)|(?<!\b(?:no|without|never|zero|not|any) )(?:missed|misses|missing|skipped|skips|skipping) (?:some |a few |several |many |the |a lot of )?(?:doses|applications|days)|how many (?:days|doses|applications) (?:(?:were|she|he|they) )?(?:missed|skipped)|(?:limited|complicated|confounded) by (?:poor |variable |inconsistent |partial )?(?:adherence|compliance)|(?:poor|variable|inconsistent|partial|suboptimal|sporadic|spotty|erratic) (?:adherence|compliance|use|application)|non-?adheren\w*|non-?complian\w*|not (?:using|applying|taking) (?:it|them) (?:consistently|regularly|daily|every day)|(?:a few|several|a couple of|couple|2-3|two or three) times (?:a|per|each) week|(?:used|using|uses|applied|applying)\b[^.;]{0,30}\bmost days\b|^[\w %.-]{0,30}?["“]?most days\b|\bwhen (?:i|she|he|they) remember(?:ed|s)?\b|\bevery (?:few|couple of|other|2-3|two or three) days\b|\bwas(?:n'?t| not) (?:great|good|consistent) (?:about|with) (?:it|using it|applying it)|(?:did not|didn'?t|forgot to) (?:bring|pack|take) (?:it|them|the (?:cream|ointment|tube))(?: with (?:him|her|them))?|(?:used|applied|using|applying|uses|applies) (?:it |them )?(?:only )?(?:inconsistently|sporadically|irregularly|erratically|as needed|prn|on and off|off and on|for (?:bad )?flares|(?:"|“)?when (?:it|things|the rash|the itch|she|he) (?:was|were|is|are|got|gets|flared)(?: really| very| at its)? (?:bad|worst|up)))\b/i;

/**
 * Whether one of the `reach` sentences after a drug's, in its paragraph and section and naming no therapy of its own,
 * says `pattern`: how the course was used ("Started TAC 0.1% oint at last visit. Pt says it helps a little. … using it
 * 'pretty much every day, except when I forget'"), or the prescriber clearing it ("… consider FibroScan. Not a formal
 * contraindication at this time.").
 */
function toldAfter(
  x: NoteExtraction,
  si: number,
  mentionsBySentence: ReadonlyMap<number, unknown>,
  reach: number,
  pattern: RegExp,
): boolean {
  for (let k = si + 1; k <= si + reach; k++) {
    const s = x.ctx.sentences[k];
    const before = x.ctx.sentences[k - 1];
    if (!s || !before || mentionsBySentence.has(k) || s.section !== before.section) return false;
    if (/\n[ \t]*\n/.test(x.text.slice(before.end, s.start))) return false;
    if (pattern.test(s.text)) return true;
  }
  return false;
}

// Also the plan's own decision: "Humira … -> DISCONTINUE today", "Stop adalimumab."; and a list's aside ("Cibinqo
// 100 mg daily ** pt states no longer taking since July 2025 **", "abrocitinib d/c 7/2025").
const STOPPED_AT =
  /\b(?:stopped|discontinued|d\/c'?d|dc'?d|quit|ended)\b|\bd\/c\s+(?:on\s+|in\s+)?(?=\d)|\bno longer (?:taking|using|on)\b|(?:->|→|:|-)\s*(?:discontinue|stop|d\/c)\b|\b(?:discontinue|stop)\s+(?:it\s+)?(?:today|now|at this visit)\b/i;
const PAST_STOP_BEFORE = /\b(?:stopped|discontinued|quit|d\/c'?d)\s+(?:the\s+|her\s+|his\s+)?$/i;
const OFF_WORD = /\b(?:off(?: of)?|no longer (?:on|taking))\s+(?:the\s+|her\s+|his\s+)?$/i;
const OFF_DRUG =
  /\b(?:off(?: of)?|no longer (?:on|taking)|stopped|discontinued|quit)\s+(?:the\s+|her\s+|his\s+)?$|(?:^|[.;:>]\s*|\d\.\s+)(?:stop|discontinue|d\/c)\s+(?:the\s+|her\s+|his\s+)?$/i;

const REQUEST_CONTEXT =
  /\b(?:letter of medical necessity|medical necessity letter|LMN|prior auth(?:orization)?(?: request)?|PA (?:request|submission)|(?:will|to|plan to|plans to) request|request(?:ing|ed)? (?:coverage|authorization|approval|pre-?certification)(?: for| of)?|appeal for|(?:will |to )?submit(?:ted|ting)? (?:it |this |the request )?(?:for|to) (?:prior )?(?:authori[sz]ation|approval|pre-?certification|coverage))\b/i;
/** Words that the drug is already in use, whatever request the sentence also names. */
const IN_USE = /\b(?:continu\w*|currently|taking|using|since|renew\w*|re-?authori[sz]\w*|refill\w*)\b/i;

const LEADING_RESULT =
  /[,;]\s*(?:and\s+)?(?:intoleran(?:t|ce) (?:of|to)|(?:did not|didn't|could not|couldn't) tolerate|allergic to|allergy to|reaction to|failed|failure of|no response to|inadequate response to)\s+(?:the\s+)?$/i;
const WHEN_AVAILABLE =
  /^[^.;,]{0,25}?\b(?:when|once|if|as soon as) (?:it is |it's |it gets |the refill is )?(?:available|covered|approved|filled|picked up|in stock|refilled|authori[sz]ed)\b/i;
const STARTED = /\b(?:start(?:ed|ing)?|began|begun|initiated|since|been on|on it|on this)\b[^.;]{0,30}$/i;
// "Upadacitinib was discussed in hospital and will not be started", "Rinvoq will not be started": only talked about.
// A refill never picked up ends a course that was taken ("used it about 10 days, then ran out and never picked up the
// refill"); it does not void it.
const NEVER_TAKEN =
  /\(\s*(?:was\s+)?never\s+(?:started|filled|used|taken|picked\s+up)\s*\)|\b(?:never|not|was not|wasn't|were not)\s+(?:been\s+)?(?:filled|picked\s+up|dispensed)\b(?!\s+(?:the\s+|a\s+|her\s+|his\s+|any\s+)?(?:refills?|next\s+fill|second\s+fill|renewal))|^\W{0,3}(?:(?:was|were|is|has|had)\s+)?(?:been\s+)?never\s+(?:been\s+)?(?:started|begun|initiated|given|administered|received|taken)\b|\bnever\s+(?:actually\s+|really\s+|even\s+)?(?:picked\s+(?:it|them)\s+up|started\s+(?:it|them)|used\s+(?:it|them))\b|\b(?:has|have|had)\s+(?:NOT|never)\s+used\s+(?:it|them)\b(?!\s+since)|^\s*(?:was|were)\s+(?:discussed|considered|offered|mentioned)\b[^.;]{0,40}\b(?:and|but)\s+(?:will\s+not|won't|was\s+not|wasn't|not)\s+(?:be\s+)?(?:started|begun|prescribed|initiated)\b|^\W{0,3}(?:will\s+not|won't|is\s+not\s+to|was\s+not|wasn't)\s+(?:be\s+)?(?:started|begun|prescribed|initiated)\b/i;
const NEVER_PICKED_UP =
  /\bnever\s+(?:actually\s+|really\s+|even\s+)?(?:picked\s+(?:it|them)\s+up|filled\s+(?:it|them)|picked\s+up\s+(?:the|her|his)\s+prescription)\b/i;
// "Patient confirms she never picked up or applied tacrolimus", "she did not pick up the triamcinolone".
const NEVER_TAKEN_BEFORE =
  /\bnever\s+(?:picked\s+up|filled|dispensed|applied|used|started|took|taken)(?:\s+(?:or|and|nor)\s+(?:picked\s+up|filled|applied|used|started|took))?(?:\s+(?:the|her|his|any))?\s*$|\b(?:did\s+not|didn'?t)\s+(?:pick\s+up|fill|start)(?:\s+(?:the|her|his|any))?\s*$/i;
const NOT_A_CONTRAINDICATION = /^\W*(?:(?:it|this|that)\s+is\s+)?not\s+an?\s+(?:\w+\s+)?contraindication\b/i;
const NO_CONTRAINDICATION =
  /\b(?:no|not|without|denies|none)\b(?:\s+\w+){0,2}\s+contraindicat|\bcontraindications?\b[^.;]{0,60}\b(?:none|not identified|not present)\b/i;

// "Started HEP on 01/12/2026", "Seen 01/12/2026 …; started naproxen, PT and HEP at that visit": a course the note says
// began on a stated day starts then, and runs from it like any dated course.
const BEGUN_BEFORE = /\b(?:started|began|initiated|commenced)\b[^.;]{0,80}$/i;
// "Methotrexate through PCP: started 15 mg weekly 06/02/2025": who started it and the starting dose sit between.
const BEGUN_AFTER =
  /^\s*(?:(?:through|by|via|per|from)\s+[^.;:,\d]{1,30}?)?\s*:?\s*(?:was\s+)?(?:started|began|initiated|commenced)\s+(?:on\s+)?(?:(?:at\s+)?\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml|units?)\b[^.;,\d]{0,20})?/i;
const AT_THAT_VISIT = /^[^.;]{0,80}\bat (?:that|the same|this) (?:visit|appointment|time|encounter)\b/i;

/** How the course ended, told by the next sentence when it names no therapy itself: a stop ("Stopped 5/12 after > 3
 * months"), or use up to a date ("Used consistently through 09/15/2026 (~11 wks) - failed"). Its date, the length and
 * result it gives, and whether it was the patient's choice. */
function stopInNextSentence(
  x: NoteExtraction,
  si: number,
): { date?: string; weeks?: number; outcome?: TherapyOutcome; byChoice: boolean; poorAdherence: boolean } | undefined {
  const next = x.ctx.sentences[si + 1];
  if (!next) return undefined;
  const stop =
    /\b(?:stopped|discontinued|quit|self-discontinued|ran out)\b/i.exec(next.text) ??
    /^\W*(?:(?:was|were)\s+)?(?:used|applied|taken|took|continued)\b[^.;]{0,40}?\b(?:through|until|till|to)\b/i.exec(
      next.text,
    );
  if (!stop) return undefined;
  const date = x.dates(si + 1).find((d) => d.start >= next.start + stop.index)?.value;
  // "Stopped 5/12 after > 3 months at full dose": the length the stop states.
  // "He is not sure whether he stopped it because of nausea or because it wasn't doing much": no stated result.
  const hedged = HEDGED_OUTCOME.test(next.text);
  const weeks = hedged ? undefined : x.durations(si + 1)[0]?.value;
  const outcome = hedged ? undefined : outcomeOf([next.text.slice(stop.index)]);
  return {
    ...(outcome !== undefined && outcome !== 'ongoing' ? { outcome } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(weeks !== undefined ? { weeks } : {}),
    byChoice: STOPPED_BY_CHOICE.test(next.text),
    poorAdherence: POOR_ADHERENCE.test(next.text),
  };
}

function begunOn(
  x: NoteExtraction,
  mention: { si: number; start: number; end: number },
  lo: number,
  hi: number,
  assertion: string,
): string | undefined {
  if (assertion !== 'affirmed') return undefined;
  // "Methotrexate: started 02/12/2026 at 15 mg weekly".
  const after = BEGUN_AFTER.exec(x.text.slice(mention.end, hi));
  if (after) return x.dates(mention.si).find((d) => d.start === mention.end + after[0].length)?.value;
  if (!BEGUN_BEFORE.test(x.text.slice(lo, mention.start))) return undefined;
  const own = x.dateNear(mention.si, mention.start);
  if (own !== undefined && own !== x.noteDate) return own;
  if (!AT_THAT_VISIT.test(x.text.slice(mention.end, hi))) return undefined;
  // The visit the clause refers back to is the last date stated before it in the sentence.
  return x
    .dates(mention.si)
    .filter((d) => d.end <= lo)
    .at(-1)?.value;
}

const PLANNED_TRIAL =
  /\b(?:(?:\d+|one|two|three|four|six|eight|twelve)[- ](?:weeks?|wks?|months?|mos?)[- ])?trial of\s+(?:(?:a|an|the)\s+)?$/i;
const TRIED =
  /\b(?:failed|completed|tried|had|did|used|took|after|despite|without (?:benefit|improvement|relief)|discontinued|stopped|ended|brief|prior|previous|short)\b/i;
// The refusal right before the therapy it governs, across a short list ("declined NB-UVB and MTX").
const GRADE =
  '(?:(?:[a-z]+\\/)*(?:low|mid|medium|high|super|potency|topical|oral|systemic|stronger|strong|other)[\\s-]+){0,3}';
const REFUSED_BEFORE = new RegExp(
  // "declines medium/high potency TCS": the words that grade the class are part of what is declined.
  `${REFUSAL.source}\\s+(?:(?:any|the|a|an|further|more)\\s+)?${GRADE}(?:[\\w/-]+(?:,\\s*|\\s+(?:and|or)\\s+)){0,3}${GRADE}$`,
  'i',
);
const WARY_BEFORE =
  /\b(?:apprehensive|afraid|fearful|nervous|worried|anxious|hesitant|reluctant)\s+(?:about|of|to (?:start|try|take|use))\s+(?:(?:the|a|an|starting|taking|using)\s+)?$/i;
const STILL_ON = /\b(?:on|still on|remains on|continues?(?: on)?|continuing|tolerating|taking)\s+$/i;
const INTOLERANCE_STATED =
  /\b(?:intoleran\w*|not tolerated|tolerate|stopped|stop|discontinu\w*|held|hold|d\/c|quit|switch\w*|reduce\w*|lower\w*|cut back)\b/i;
const HEDGED_OUTCOME =
  /\b(?:reason (?:for )?(?:stopping|discontinuation|it was stopped)?[^.;]{0,40}\b(?:unknown|unclear|uncertain|not known)|maybe|perhaps|thinks|believes|(?:not sure|unsure|unclear) (?:if|whether|why)|(?:does ?n[o']t|can ?n[o']t|could ?n[o']t|did ?n[o']t) (?:remember|recall|say) (?:if|whether|why))\b/i;

export const THERAPY_FACTS: NoteExtractor = {
  family: 'shared',
  probes: [...THERAPIES.map((c) => c.pattern), DRUG_REGEX, CONSERVATIVE, BARE_TACROLIMUS],
  run: therapies,
};
