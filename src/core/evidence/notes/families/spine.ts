// The spine family (lumbar imaging): red flags, neurological findings (motor grades, sensation, reflexes,
// straight-leg raise), radicular pain with its level and side, and re-evaluations after conservative care.
import type { EvaluationFact, NeuroFindingFact, RadicularPainFact, RedFlagFact } from '../../fact.ts';
import { bodyPartOf } from '../../body-part.ts';
import { EVALUATIONS, GENERIC_CANCER, RED_FLAGS } from '../concepts.ts';
import { conditionFacts, measureFacts } from '../concept-facts.ts';
import type { NoteExtraction } from '../extraction.ts';
import { toAssertion, type NoteExtractor } from '../extraction.ts';
import { opensOnCondition } from '../context.ts';

const SIDE =
  /\b(left|right|bilateral(?:ly)?|bilat|b\/l|both (?:legs|sides|lower extremities))\b|\b(L|R|Lt|Rt)-sided\b|\((L|R)\)|(?<![A-Za-z0-9-])(L|R|Lt|Rt)(?=\.? (?:[A-Za-z]{2,}|[LS]\d)\b)/gi;
const LEVEL = /\b([LS][1-5])\b(?![-/]\s*[LS]?\d)/g;
const DISTRIBUTION_LEVEL: readonly { pattern: RegExp; level: string }[] = [
  {
    pattern:
      /\b(?:dorsum (?:of (?:the )?)?(?:(?:left|right|L|R) )?foot|dorsal foot|first web space|great toe|lateral (?:(?:left|right) )?(?:leg|calf|shin))\b/i,
    level: 'L5',
  },
  {
    pattern:
      /\b(?:lateral (?:(?:left|right) )?(?:foot|ankle)|sole|plantar foot|little toe|small toe|fifth toe|posterior (?:(?:left|right) )?calf|heel)\b/i,
    level: 'S1',
  },
  { pattern: /\b(?:medial (?:(?:left|right) )?(?:leg|shin|calf|ankle|foot)|anterior knee)\b/i, level: 'L4' },
  { pattern: /\banterior thigh\b/i, level: 'L3' },
];
const MUSCLE_LEVEL: readonly { pattern: RegExp; level: string }[] = [
  {
    pattern:
      /\b(?:EHL|extensor hallucis(?: longus)?|great toe (?:extension|extensors?|dorsiflexion)|hip abduct(?:ion|ors?))\b/gi,
    level: 'L5',
  },
  {
    pattern:
      /\b(?:(?:ankle )?dorsiflex(?:ion|ors?)|tibialis anterior|TA|DF|knee extens(?:ion|ors?)|quadriceps|quads?)\b/gi,
    level: 'L4',
  },
  {
    pattern:
      /\b(?:PF|plantar ?flex(?:ion|ors?)|gastroc(?:nemius|soleus|s)?|toe walking|(?:foot |ankle )?eversion|peroneals?)\b/gi,
    level: 'S1',
  },
  { pattern: /\b(?:hip flex(?:ion|ors?)|iliopsoas)\b/gi, level: 'L2' },
];
const GRADE = /(?<![\d/])([0-5][+-]?)\s*\/\s*5\b/g;
const WEAKNESS_WORD = /\b(?:weakness|weak|foot drop|motor deficits?|paresis)\b/gi;
const NORMAL_STRENGTH =
  /\b(?:(?:full|normal|intact) (?:motor )?strength|strength (?:is )?(?:full|normal|intact|symmetric)|motor (?:exam |strength )?(?:is )?(?:normal|(?:grossly )?intact))\b/gi;
const SENSORY =
  /\b(?:(?:decreased|diminished|reduced|absent|loss of|altered|impaired|abnormal)\s+(?:[a-z]+\s+)?(?:sensation|sensory|light touch|pinprick|vibratory sense|vibration)|(?:sensation|sensory exam|light touch|pinprick)\s+(?:is\s+)?(?:decreased|diminished|reduced|absent|altered|impaired)|hypo-?a?esthesia|(?<!(?:saddle|perineal|perianal|groin) )numbness|(?<!(?:saddle|perineal|perianal|groin) )numb)\b/gi;
const SENSORY_NORMAL =
  /\b(?:sensation|sensory(?: exam)?|light touch(?: sensation)?)\s+(?:is\s+)?(?:grossly\s+)?(?:intact|normal)\b|\bSILT\b/gi;
const REFLEX_ANCHOR = /\b(?:reflex(?:es)?|DTRs?|jerks?|achilles|patellar)\b/gi;
const REFLEX_ABNORMAL =
  /\b(?:diminished|decreased|reduced|absent|hypoactive|depressed|trace|asymmetric|0\/4|1\/4)\b|(?<![\d/])[01]\+?(?![\d/+])/i;
const REFLEX_NORMAL = /\b(?:2\+|normal|symmetric(?:al)?|intact|brisk)\b|2\+/i;
const REFLEX_GRADE = /(?<![\d/])([0-4]\+?)(?![\d/])|\b(trace)\b/i;
const SLR = /\b(?:crossed |contralateral )?(?:straight[- ]leg[- ]rais(?:e|ing)(?: test)?|SLR)\b/gi;
const SLR_POS =
  /\b(?:positive|pos|reproduces|reproducing|elicits|eliciting)\b|\(\+\)|\+(?=\s|$)|\+ ?(?:on|at|L|R|left|right)\b/i;
const SLR_NEG = /\b(?:negative|neg)\b|\(-\)/i;
const RADICULAR =
  /\b(?:radiculopathy|radicular (?:pain|symptoms|leg pain)|radiculitis|sciatica|sciatic pain|radiating (?:leg )?pain|(?:pain|symptoms)(?: that)? radiat(?:es|ing|e) (?:down|into|to)|radiat(?:es|ing) (?:down|into|to) (?:the )?(?:(?:left|right|bilateral|both|L|R) )?(?:(?:lateral|medial|posterior|anterior|back of the|front of the) )?(?:leg|legs|buttock|thigh|calf|foot|lower extremit(?:y|ies)|LE)|shooting pain down|dermatomal pain)\b/gi;
// ("Re-assess at visit 8", "recheck after 6 visits": a PT plan's next assessment, not one done.)
const FUTURE_EVAL =
  /\bin \d+\s*(?:weeks?|wks?|months?|mos?|days?)\b|\bwill\b|\bplan\b|^re-?(?:assess|evaluate|examine|check)\s+(?:at|after|by|on)\s+(?:visit|the next|next|\d)/i;
/** Sentences worth reading for reflexes, and for motor grades. */
const REFLEX_HINT = /reflex|DTR|jerk|achilles|patellar/i;
const MOTOR_GRADE_HINT = '/5';

function sideNear(x: NoteExtraction, at: number, lo: number, hi: number): 'left' | 'right' | 'bilateral' | undefined {
  const found = x.nearest(x.findAll(SIDE, lo, hi), at, lo, hi);
  if (!found) return undefined;
  const v = found.value.toLowerCase();
  if (v.startsWith('l')) return 'left';
  if (v.startsWith('r')) return 'right';
  return 'bilateral';
}

function levelNear(x: NoteExtraction, at: number, lo: number, hi: number): string | undefined {
  const found = x.nearest(x.findAll(LEVEL, lo, hi), at, lo, hi);
  if (found) return found.value.toUpperCase();
  const window = x.text.slice(lo, hi);
  for (const d of DISTRIBUTION_LEVEL) if (d.pattern.test(window)) return d.level;
  return undefined;
}

/** Red flags whose suspicion is the indication (ACR Low Back Pain variants 4 and 7). */
const SUSPECTED_FLAGS: ReadonlySet<string> = new Set(['cauda_equina', 'spinal_infection']);
const SUSPICION =
  /\b(?:(?:high|strong|significant|serious|real)\s+(?:concern|suspicion|index of suspicion)\s+(?:for|of)|(?:concern(?:ing)?|worrisome|worried)\s+(?:for|about)|suspicious\s+(?:for|of)|suspect(?:ed|s)?|presumed|probable)\b/i;
const DOUBT =
  /\b(?:less likely|unlikely|low (?:concern|suspicion|probability)|doubt(?:ful)?|not suspected|no (?:concern|suspicion)|vs\.?|versus|rule out|r\/o|if\b)/i;

function redFlags(x: NoteExtraction): void {
  for (const concept of RED_FLAGS) {
    x.scan(concept.pattern, (m, si) => {
      const s = x.ctx.sentences[si];
      if (!s || concept.unless?.test(s.text)) return;
      const f = x.flags(si, m.index, m.index + m[0].length);
      if (f.family) return;
      const date = x.dateNear(si, m.index);
      let assertion = toAssertion(f, concept.chronic ? 'chronic' : 'finding');
      if (concept.absent === true && (assertion === 'affirmed' || assertion === 'historical')) assertion = 'negated';
      // "Pt reports new numbness bottom of L foot": a deficit only the patient reports is for an examination to
      // find; it is suspected, not shown.
      if (
        assertion === 'affirmed' &&
        concept.flag === 'progressive_neurological_deficit' &&
        x.reportedByPatient(si, m.index, m.index + m[0].length)
      )
        assertion = 'uncertain';
      if (assertion === 'affirmed' && !concept.chronic && x.isOld(date)) assertion = 'historical';
      if (assertion === 'affirmed' && concept.longstanding?.test(x.text.slice(...x.clauseOf(si, m.index))))
        assertion = 'historical';
      // "High concern for vertebral osteomyelitis / discitis": a red flag is a suspicion, and the clinician's firm one
      // is the indication itself (ACR's "suspected infection", "suspected cauda equina"); "less likely" is not.
      let suspected = false;
      if (assertion === 'uncertain' && SUSPECTED_FLAGS.has(concept.flag)) {
        const [lo, hi] = x.clauseOf(si, m.index);
        const clause = x.text.slice(lo, hi);
        suspected = SUSPICION.test(x.text.slice(lo, m.index)) && !DOUBT.test(clause);
      }
      const sited = concept.mechanism !== undefined && !concept.mechanism.test(m[0]);
      const part = sited ? bodyPartOf(x.text.slice(...x.clauseOf(si, m.index))) : undefined;
      const fact: RedFlagFact = {
        kind: 'red_flag',
        flag: concept.flag,
        assertion,
        ...(suspected ? { suspected: true as const } : {}),
        source: x.source(si),
      };
      x.add(x.withDate(part ? { ...fact, bodySite: part } : fact, date));
    });
  }
  x.scan(GENERIC_CANCER, (m, si) => {
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.family) {
      x.familyHistory(si, m.index, 'Malignant neoplasm', 'C80.1', f);
      return;
    }
    x.add(
      x.withDate(
        { kind: 'red_flag', flag: 'cancer_history', assertion: toAssertion(f, 'chronic'), source: x.source(si) },
        x.dateNear(si, m.index),
      ),
    );
  });
}

function neuro(x: NoteExtraction): void {
  // Motor grades: each grade's window runs from the previous grade to the next.
  for (let si = 0; x.possible.has(MOTOR_GRADE_HINT) && si < x.ctx.sentences.length; si++) {
    const s = x.ctx.sentences[si];
    if (!s) continue;
    if (s.text.includes(MOTOR_GRADE_HINT)) motorGrades(x, si);
  }
  const graded = new Set(
    x.facts.filter((f) => f.kind === 'neuro_finding' && f.finding === 'motor_weakness').map((f) => f.source.start),
  );
  x.scan(NORMAL_STRENGTH, (m, si) => {
    neuroFact(x, si, m.index, m.index + m[0].length, 'motor_weakness', true);
  });
  x.scan(WEAKNESS_WORD, (m, si) => {
    if (graded.has(x.ctx.sentences[si]?.start)) return;
    neuroFact(x, si, m.index, m.index + m[0].length, 'motor_weakness', false);
  });
  x.scan(SENSORY_NORMAL, (m, si) => {
    neuroFact(x, si, m.index, m.index + m[0].length, 'sensory_loss', true);
  });
  x.scan(SENSORY, (m, si) => {
    neuroFact(x, si, m.index, m.index + m[0].length, 'sensory_loss', false);
  });
  reflexes(x);
  x.scan(SLR, (m, si) => {
    const s = x.ctx.sentences[si];
    if (!s) return;
    const [lo, hi] = x.clauseOf(si, m.index);
    const nextSlr = x.text.slice(m.index + m[0].length, hi).search(SLR);
    const wEnd = nextSlr === -1 ? hi : m.index + m[0].length + nextSlr;
    const window = x.text.slice(Math.max(lo, m.index - 15), wEnd);
    const positive = SLR_POS.test(window);
    const negative = SLR_NEG.test(window);
    if (!positive && !negative) return;
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.family) return;
    let assertion = toAssertion(f, 'finding');
    if (negative && !positive) assertion = assertion === 'affirmed' ? 'negated' : assertion;
    if (positive && !negative && assertion === 'negated') assertion = 'affirmed';
    const side = sideNear(x, m.index, Math.max(lo, m.index - 25), wEnd);
    const fact: NeuroFindingFact = {
      kind: 'neuro_finding',
      finding: 'positive_straight_leg_raise',
      ...(side ? { side } : {}),
      assertion,
      source: x.source(si),
    };
    x.add(x.withDate(fact, undefined));
  });
}

function motorGrades(x: NoteExtraction, si: number): void {
  const s = x.ctx.sentences[si];
  if (!s) return;
  const grades = x.findAll(GRADE, s.start, s.end);
  for (let i = 0; i < grades.length; i++) {
    const g = grades[i];
    if (!g) continue;
    const [clo, chi] = x.clauseOf(si, g.start);
    const lo = Math.max(clo, grades[i - 1]?.end ?? s.start);
    const comma = x.text.indexOf(',', g.end);
    const hi = Math.min(chi, grades[i + 1]?.start ?? s.end, comma !== -1 ? comma : s.end);
    let level = x.nearest(x.findAll(LEVEL, lo, hi), g.start, lo, hi)?.value;
    if (level === undefined) {
      let best = Infinity;
      for (const ml of MUSCLE_LEVEL) {
        const found = x.nearest(x.findAll(ml.pattern, lo, hi, 0), g.start, lo, hi);
        if (found) {
          const dist = Math.abs(found.start - g.start);
          if (dist < best) {
            best = dist;
            level = ml.level;
          }
        }
      }
    }
    const side = sideNear(x, g.start, lo, hi);
    const normal = g.value === '5';
    const f = x.flags(si, g.start, g.end);
    if (f.family) continue;
    let assertion = toAssertion(f, 'finding');
    if (normal && assertion === 'affirmed') assertion = 'negated';
    const fact: NeuroFindingFact = {
      kind: 'neuro_finding',
      finding: 'motor_weakness',
      ...(level !== undefined ? { level } : {}),
      ...(side ? { side } : {}),
      ...(normal ? {} : { grade: `${g.value}/5` }),
      assertion,
      source: x.source(si),
    };
    if (normal) {
      delete fact.level;
      delete fact.side;
    }
    x.add(x.withDate(fact, undefined));
  }
}

function neuroFact(
  x: NoteExtraction,
  si: number,
  start: number,
  end: number,
  finding: 'motor_weakness' | 'sensory_loss',
  normal: boolean,
): void {
  const s = x.ctx.sentences[si];
  if (!s) return;
  const f = x.flags(si, start, end);
  if (f.family) return;
  // The patient's own words, and a review of systems ("Neurological: negative for weakness, numbness"), are
  // symptoms asked about, not an examination finding either way.
  if (s.section === 'ros' || (!normal && x.reportedByPatient(si, start, end))) return;
  let assertion = toAssertion(f, 'finding');
  if (normal) assertion = assertion === 'affirmed' ? 'negated' : assertion;
  const [lo, hi] = x.clauseOf(si, start);
  const level = normal ? undefined : levelNear(x, start, lo, hi);
  const side = normal ? undefined : sideNear(x, start, lo, hi);
  const fact: NeuroFindingFact = {
    kind: 'neuro_finding',
    finding,
    ...(level !== undefined ? { level } : {}),
    ...(side ? { side } : {}),
    assertion,
    source: x.source(si),
  };
  x.add(x.withDate(fact, undefined));
}

function reflexes(x: NoteExtraction): void {
  if (!x.possible.has(REFLEX_HINT)) return;
  for (let si = 0; si < x.ctx.sentences.length; si++) {
    const s = x.ctx.sentences[si];
    if (!s || !REFLEX_HINT.test(s.text)) continue;
    const anchors = x.findAll(REFLEX_ANCHOR, s.start, s.end, 0);
    for (let i = 0; i < anchors.length; i++) {
      const a = anchors[i];
      if (!a) continue;
      const [clo, chi] = x.clauseOf(si, a.start);
      const prev = anchors[i - 1];
      const next = anchors[i + 1];
      let lo = Math.max(clo, prev ? prev.end : a.start - 30, s.start);
      const comma = x.text.lastIndexOf(',', a.start);
      if (comma >= lo) lo = comma + 1;
      const hi = Math.min(chi, next ? next.start : s.end);
      const window = x.text.slice(lo, hi);
      const abnormal = REFLEX_ABNORMAL.test(window.replace(/\b[LS][1-5]\b/g, ''));
      const normal = !abnormal && REFLEX_NORMAL.test(window);
      if (!abnormal && !normal) continue;
      const f = x.flags(si, a.start, a.end);
      if (f.family) continue;
      let assertion = toAssertion(f, 'finding');
      if (normal && assertion === 'affirmed') assertion = 'negated';
      if (abnormal && assertion === 'negated' && /\b(?:absent|diminished|decreased|reduced)\b/i.test(window))
        assertion = 'affirmed';
      const anchorWord = a.value.toLowerCase();
      const nearWords = x.text.slice(lo, hi).toLowerCase();
      const level =
        /achilles|ankle/.test(nearWords) || anchorWord === 'achilles'
          ? 'S1'
          : /patellar|knee/.test(nearWords)
            ? 'L4'
            : undefined;
      const side = sideNear(x, a.start, lo, hi);
      const gm = abnormal ? REFLEX_GRADE.exec(window.replace(/\b[LS][1-5]\b/g, '')) : null;
      const grade = gm?.[1] ?? gm?.[2];
      // "Achilles 1+ bilaterally": a slightly low reflex, the same on both sides, is no root's deficit (a radiculopathy
      // shows on its own side); an absent or asymmetric one stays a finding.
      if (abnormal && assertion === 'affirmed' && side === 'bilateral' && grade === '1+') continue;
      const fact: NeuroFindingFact = {
        kind: 'neuro_finding',
        finding: 'reflex_change',
        ...(level !== undefined && abnormal ? { level } : {}),
        ...(side && abnormal ? { side } : {}),
        ...(grade !== undefined ? { grade: grade.toLowerCase() } : {}),
        assertion,
        source: x.source(si),
      };
      x.add(x.withDate(fact, undefined));
    }
  }
}

const ABOVE_KNEE =
  /\b(?:not|no|never|doesn't|does not|without)\b(?: radiat\w*| extend\w*| go(?:es|ing)?| travel\w*| pain)?(?: (?:to|past|beyond))? below (?:the |his |her )?knees?\b|\bstops? (?:at|above) (?:the |his |her )?knees?\b/i;

function radicular(x: NoteExtraction): void {
  x.scan(RADICULAR, (m, si) => {
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.family) return;
    const s = x.ctx.sentences[si];
    if (!s) return;
    const level = levelNear(x, m.index, s.start, s.end);
    const [lo, hi] = x.clauseOf(si, m.index);
    const side = sideNear(x, m.index, lo, hi);
    // "Radiates to R buttock and back of thigh, not below knee": pain that stops above the knee is referred pain,
    // not the dermatomal pain of a nerve root.
    const assertion = toAssertion(f, 'finding');
    const referred = assertion === 'affirmed' && ABOVE_KNEE.test(s.text);
    const fact: RadicularPainFact = {
      kind: 'radicular_pain',
      ...(level !== undefined ? { level } : {}),
      ...(side ? { side } : {}),
      assertion: referred ? 'negated' : assertion,
      source: x.source(si),
    };
    x.add(x.withDate(fact, undefined));
  });
}

function evaluations(x: NoteExtraction): void {
  for (const e of EVALUATIONS) {
    x.scan(e.pattern, (m, si) => {
      const f = x.flags(si, m.index, m.index + m[0].length);
      let assertion = toAssertion(f, 'statement');
      // "consider MRI if … or if candidate for ESI": candidacy under a condition is not yet candidacy; nor is an option
      // the patient has not taken up ("Discussed ESI as an option; pt wants to think about it").
      if (e.type !== 're_evaluation' && assertion === 'affirmed') {
        const start = x.ctx.sentences[si]?.start ?? 0;
        const head = x.text.slice(Math.max(start, m.index - 40), m.index);
        // "If EMG confirms L5 radiculopathy, then refer to pain management", "If MRI shows disc herniation will refer
        // to spine", "no imaging now; if not improving at 6 wks -> MRI and consider ESI": past the condition's comma,
        // arrow or the "will" that opens its consequent, the referral is conditional. The condition opens its clause.
        const before = x.text.slice(start, m.index);
        const opening = before.slice(before.lastIndexOf(';') + 1);
        const lead =
          opensOnCondition(opening) && /(?:,|->|→|=>|\b(?:then|will|would|shall|could|may|might)\b)/.test(opening);
        // "TFESI if she does not improve with PT": a condition right after the procedure holds it too.
        const tail = x.text.slice(
          m.index + m[0].length,
          Math.min(m.index + m[0].length + 40, x.ctx.sentences[si]?.end ?? 0),
        );
        if (
          lead ||
          CONDITIONAL_HEAD.test(head) ||
          CONDITION_AFTER.test(tail) ||
          UNDECIDED.test(x.ctx.sentences[si]?.text ?? '')
        )
          assertion = 'hypothetical';
      }
      if (e.type === 're_evaluation' && assertion === 'affirmed') {
        const tail = x.text.slice(m.index, Math.min(m.index + m[0].length + 25, x.ctx.sentences[si]?.end ?? 0));
        const head = x.text.slice(Math.max(x.ctx.sentences[si]?.start ?? 0, m.index - 12), m.index);
        // "RETURN IN 6 WEEKS for re-evaluation": a visit asked for is not one that happened.
        if (FUTURE_EVAL.test(tail) || /\b(?:will|to|plan)\s*$/i.test(head) || f.hypothetical)
          assertion = 'hypothetical';
      }
      x.add(x.withDate({ kind: 'evaluation', type: e.type, assertion, source: x.source(si) }, undefined));
    });
  }
}

// "first visit for this problem", "has not seen any other provider, chiropractor or PT for this": the visit the note
// records is where clinician-directed care for the complaint begins.
const FIRST_CARE =
  /\b(?:first|initial) (?:visit|evaluation|presentation|appointment|encounter|time (?:being )?seen) (?:for|with|regarding|about) (?:this|these|the|her|his) (?:problem|complaint|issue|symptoms?|episode|(?:low )?back pain|pain)\b|\b(?:has not|hasn't|have not|haven't) (?:seen|been seen by|consulted|been evaluated by|been treated by) (?:any|another|a|other)(?: other)? (?:provider|doctor|physician|clinician|practitioner)s?\b[^.;]{0,60}\bfor (?:this|it)\b/gi;

// "Untreated to date", "no treatment so far": nothing at all was done for the complaint before this visit.
const UNTREATED =
  /\b(?:untreated|no (?:prior |previous )?(?:treatment|therapy|care)(?: of any kind)?|not (?:yet )?(?:been )?treated|has(?: not|n't) (?:tried|had) any (?:treatment|therapy)) (?:to date|so far|yet|at all|until now|up to now)\b/gi;

function firstCare(x: NoteExtraction): void {
  const read = (m: RegExpExecArray, si: number, untreated: boolean): void => {
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.hypothetical || f.family || f.uncertain) return;
    const fact: EvaluationFact = {
      kind: 'evaluation',
      type: 'in_person_visit',
      firstCare: true,
      ...(untreated ? { untreated: true as const } : {}),
      assertion: 'affirmed',
      source: x.source(si),
    };
    x.add(x.withDate(fact, undefined));
  };
  x.scan(FIRST_CARE, (m, si) => {
    read(m, si, false);
  });
  x.scan(UNTREATED, (m, si) => {
    read(m, si, true);
  });
}

// "Will decide on spine surgery referral after MRI", "ESI vs surgery depending on results", "we talked in general
// terms that depending on what MRI shows next steps could be …", "discussed option of ESI vs continuing conservative
// care", "talked about referral to spine surgeon vs pain management": a choice the scan or the patient is still to make
// is not yet candidacy.
const UNDECIDED =
  /\b(?:(?:wants?|would like|needs?) (?:time )?to think (?:about|it over)|will think about|undecided|unsure (?:about|whether|if)|not sure (?:about|whether|if)|has not decided|hasn't decided|will let us know|(?:will|to|would) decide (?:on|about|whether|if)\b[^.;]{0,60}\b(?:after|once|when|based on)|depending on (?:the |what (?:the )?)?(?:MRI|imaging|scan|results?|findings)|in general terms|(?:not sure|unsure) (?:she|he|they|the patient|pt) (?:would|will|wants?)|discussed (?:the |various |several |treatment |further )?options?\b|\bas (?:a |an )?(?:future |possible |potential |later )?option\b|vs\.? (?:continuing|continued|more|ongoing) (?:conservative|current|same)|(?:talked|spoke) about [^.;]*\b(?:vs\.?|versus)|once (?:he|she|they|pt|the patient) decides?|once (?:the )?(?:MRI|imaging|scan)(?: results?)? (?:is |are )?(?:back|done|available|reviewed)\b[^.;]{0,40}\b(?:discuss|decide|review)|(?:will|to) (?:review (?:&|and) )?discuss (?:an? )?(?:ESI|epidural|injections?|surgery|surgical options?))\b/i;
const CONDITION_AFTER =
  /^[^.;]{0,25}?\b(?:if|unless|should)\s+(?:she|he|they|the patient|pt|symptoms?|pain|there is)\b/i;
// "if candidate for ESI", and "MRI if not improving, would consider S1 TFESI": a consequent after its condition.
const CONDITIONAL_HEAD =
  /\b(?:if|whether|unless|in case)\b(?:\s+[\w/-]+){0,3}\s*$|\b(?:if|unless)\b[^.;]{1,40},?\s*(?:would|will|could|may|might|then)\s+(?:[\w/-]+\s+){0,2}$/i;

// The patient's refusal of what the MRI would plan ("firmly declines any injection", "would not have spine surgery
// under any circumstances", "declines pain management and neurosurgery referrals") is candidacy denied, as a
// clinician's "not a surgical candidate" is. The refusal reaches the procedures named after it in its clause.
const REFUSAL =
  /\b(?:(?:continues? to |still )?declin(?:e|es|ed|ing)|refus(?:e|es|ed|ing)|(?:prefers|wants|would (?:rather|prefer)) to avoid|(?:does not|doesn't|did not|didn't|do not|don't) (?:want|wish)(?: to (?:have|undergo|consider|pursue))?|not (?:interested in|open to|willing to (?:have|undergo|consider))|unwilling to (?:have|undergo|consider)|(?:would|will) (?:not|never) (?:have|undergo|consider|agree to|let anyone|want)|(?:wouldn't|won't) (?:have|undergo|consider|want)|opposed to|(?:firmly |strongly |adamantly |very much )against)\b/gi;
const REFUSED_PROCEDURE: readonly { type: 'surgical_candidate' | 'injection_candidate'; pattern: RegExp }[] = [
  {
    type: 'surgical_candidate',
    pattern:
      /\b(?:surgery|surgical|operation|operative|(?:micro)?discectomy|laminectomy|laminotomy|fusion|decompression|neurosurg\w*|surgeon)\b/i,
  },
  {
    type: 'injection_candidate',
    pattern:
      /\b(?:injections?|ESI|TFESI|epidurals?|pain (?:management|medicine|clinic)|interventional pain|physiatry)\b|(?<!\b(?:flu|influenza|covid(?:-19)?|tetanus|tdap|pneumonia|pneumococcal|shingles|zoster|hepatitis [ab]|b-?12|allergy|vaccine|booster|insulin) )\bshots?\b/i,
  },
];

function refusals(x: NoteExtraction): void {
  x.scan(REFUSAL, (m, si) => {
    const f = x.flags(si, m.index, m.index + m[0].length);
    if (f.hypothetical || f.negated || f.family) return;
    const [, clauseEnd] = x.clauseOf(si, m.index);
    const reach = x.text.slice(m.index + m[0].length, Math.min(clauseEnd, m.index + m[0].length + 90));
    for (const { type, pattern } of REFUSED_PROCEDURE) {
      if (!pattern.test(reach)) continue;
      x.add(
        x.withDate({ kind: 'evaluation', type, assertion: 'negated', refused: true, source: x.source(si) }, undefined),
      );
    }
  });
}

export const SPINE_RED_FLAGS: NoteExtractor = {
  family: 'spine',
  probes: [...RED_FLAGS.map((c) => c.pattern), GENERIC_CANCER],
  run: redFlags,
};
export const NEURO_FINDINGS: NoteExtractor = {
  family: 'spine',
  probes: [NORMAL_STRENGTH, WEAKNESS_WORD, SENSORY_NORMAL, SENSORY, SLR, MOTOR_GRADE_HINT],
  sliced: [REFLEX_HINT],
  run: neuro,
};
export const RADICULAR_PAIN: NoteExtractor = { family: 'spine', probes: [RADICULAR], run: radicular };
export const SPINE_CONDITIONS = conditionFacts('spine');
export const SPINE_MEASURES = measureFacts('spine');
export const RE_EVALUATIONS: NoteExtractor = {
  family: 'spine',
  probes: EVALUATIONS.map((c) => c.pattern),
  run: evaluations,
};
export const FIRST_CARE_VISITS: NoteExtractor = { family: 'spine', probes: [FIRST_CARE, UNTREATED], run: firstCare };
export const PROCEDURE_REFUSALS: NoteExtractor = { family: 'spine', probes: [REFUSAL], run: refusals };
