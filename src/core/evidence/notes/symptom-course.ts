// The symptom course, shared by every family: how long a complaint has lasted and its trend (progressive,
// persistent, improving, resolved), keeping apart the durations that belong to a therapy.
import type { Assertion } from '../fact.ts';
import { daysBetween } from '../dates.ts';
import type { NoteExtraction } from './extraction.ts';
import { type NoteExtractor } from './extraction.ts';
import type { Found } from './when.ts';

const SYMPTOM =
  /\b(?:(?:low(?:er)? )?back(?:\/| and | & )leg(?: pain| symptoms)?|(?:low(?:er)? )?back pain|LBP|lumbago|sciatica|leg pain|radicular (?:pain|symptoms)|radiculopathy|radiculitis|pain|symptoms|sx|numbness|weakness|lesion|nodule|pruritus|itch(?:ing)?|rash|eczema|atopic dermatitis|psoriasis|plaques|flares?)\b/gi;
const TREND: readonly {
  trend: 'progressive' | 'resolved' | 'unchanged' | 'persistent' | 'improving';
  pattern: RegExp;
}[] = [
  {
    trend: 'progressive',
    // "Pain 8/10, worse sitting" names what aggravates the pain, not a course that is getting worse.
    pattern:
      /\b(?:progressive(?:ly)?|progressing|progressed|(?:worsening|worsened|worse|getting worse)(?!,? (?:w\/|(?:with(?! time\b)|when|while|upon|after|by|during|on (?:sitting|standing|bending|walking|lying|activity|exertion)|(?:prolonged )?(?:sitting|standing|bending|walking|lying|coughing|sneezing|flexion|extension))\b))|enlarging|growing|increasing(?:ly)?|escalating)\b/gi,
  },
  { trend: 'resolved', pattern: /\b(?:resolved|no longer present|completely gone)\b/gi },
  {
    trend: 'unchanged',
    pattern:
      /\b(?:unchanged|(?:about|essentially|basically|more or less|pretty much|largely) (?:the )?same|same as (?:before|prior|last|then|in \w+|on \S+)|no (?:interval |clinical )?change|without (?:any )?change|not changed|stable)\b/gi,
  },
  {
    trend: 'persistent',
    pattern:
      /\b(?:persistent|persists?|persisting|persisted|ongoing|continues|continued|continuing|(?:isn't|is not|not|won't|hasn't|has not) (?:going|gone) away|no (?:significant |meaningful |real |substantial |appreciable |noticeable )?improvement|not improved|without improvement|despite|refractory|unrelenting|constant|chronic)\b/gi,
  },
  {
    trend: 'improving',
    pattern:
      /\b(?:improving|improved|improvement|better(?!,? (?:w\/|(?:with|when|while|after|by|on|(?:sitting|standing|walking|lying|bending|rest(?:ing)?|flexion|extension))\b))|resolving|lessening|settl(?:ed|ing) down|calm(?:ed|ing) down|subsid(?:ed|ing)|eas(?:ed|ing) off|(?:mostly|largely|nearly|almost) (?:gone|resolved)|\d{2,3}\s*(?:%|percent) (?:gone|better|improved|resolved))\b/gi,
  },
];
const SYMPTOM_SECTIONS = new Set(['hpi', 'chief_complaint', 'assessment', 'plan', 'other']);

function symptomCourse(x: NoteExtraction): void {
  if (!x.possible.has(SYMPTOM)) return;
  for (let si = 0; si < x.ctx.sentences.length; si++) {
    const s = x.ctx.sentences[si];
    if (!s || !SYMPTOM_SECTIONS.has(s.section)) continue;
    const anchors = x.findAll(SYMPTOM, s.start, s.end, 0);
    const anchor = anchors[0];
    if (!anchor) continue;
    const therapy = x.therapySpans.get(si) ?? [];
    const distTo = (at: number, spans: readonly (readonly [number, number])[]): number =>
      Math.min(Infinity, ...spans.map(([a, b]) => (at >= b ? at - b : a >= at ? a - at : 0)));
    const anchorSpans = anchors.map((a) => [a.start, a.end] as const);
    const own = (d: Found<unknown>): boolean =>
      !x.claimed.has(d.start) && distTo(d.start, anchorSpans) <= distTo(d.start, therapy) + 15;
    const duration = x.durations(si).find(own);
    const start = x.starts(si).find(own);
    const nd = x.noteDate;
    let durationWeeks = duration?.value;
    if (durationWeeks === undefined && start && nd) {
      durationWeeks = Math.round((daysBetween(start.value, nd) / 7) * 10) / 10;
    }
    let trend: 'progressive' | 'resolved' | 'unchanged' | 'persistent' | 'improving' | undefined;
    let at = Infinity;
    for (const t of TREND) {
      const hit = x.findAll(t.pattern, s.start, s.end, 0).find(
        (h) =>
          distTo(h.start, anchorSpans) <= distTo(h.start, therapy) ||
          /despite|persist|worse|unchanged|same/i.test(h.value) ||
          // "radiculopathy -- markedly improved after TFESI": the change told of the complaint, before the therapy
          // it followed, is the complaint's course as much as the therapy's outcome.
          (anchors.some((a) => a.end <= h.start) && therapy.some(([a]) => a > h.end)),
      );
      // "No new or progressive deficit", "denies worsening": a worsening denied is no trend at all.
      // "Kind of like before but maybe worse, I don't know": a worsening in doubt is no trend either.
      if (hit && t.trend === 'progressive') {
        const hitFlags = x.flags(si, hit.start, hit.end);
        if (hitFlags.negated || hitFlags.uncertain) continue;
      }
      if (!hit) continue;
      // "His symptoms have improved substantially …, and no change in his status since the MRI other than
      // improvement": an improvement said of the symptom itself, nearer to it than the "no change", is the trend.
      if (trend === 'unchanged' && t.trend === 'improving' && distTo(hit.start, anchorSpans) < at) {
        trend = 'improving';
        break;
      }
      if (trend !== undefined) continue;
      // "Not improving", "no better": an improvement negated right before it is a course that persists. (A wider
      // negation, "MRI is not likely to change management w/ improving sx", leaves the word alone.)
      const negated = NEGATED_RIGHT_BEFORE.test(x.text.slice(Math.max(s.start, hit.start - 24), hit.start));
      // "No ongoing radicular symptoms": a persistence denied is no course that persists.
      if (negated && t.trend === 'persistent') continue;
      trend = negated && (t.trend === 'improving' || t.trend === 'resolved') ? 'persistent' : t.trend;
      at = distTo(hit.start, anchorSpans);
      // "Chronic low back pain with left sciatica, substantially improved after PT": "chronic" names the complaint's
      // kind; a change the sentence states of it is the course.
      if (trend === 'persistent' && /^chronic$/i.test(hit.value)) {
        trend = changeStated(x, s.start, s.end) ?? trend;
        break;
      }
      if (trend !== 'unchanged') break;
    }
    if (durationWeeks === undefined && trend === undefined) continue;
    const f = x.flags(si, anchor.start, anchor.end);
    if (f.family || f.hypothetical) continue;
    const assertion: Assertion =
      f.negated && trend === undefined
        ? 'negated'
        : f.hypothetical
          ? 'hypothetical'
          : (f.historical && f.remote) ||
              earlierEpisode(s.text, nd) ||
              (trend === 'resolved' && RECURRED.test(s.text)) ||
              QUOTED_LETTER.test(s.text) ||
              TEMPLATE_LABEL.test(s.text) ||
              HISTORY_LABEL.test(s.text)
            ? 'historical'
            : 'affirmed';
    x.add(
      x.withDate(
        {
          kind: 'symptom_course',
          ...(durationWeeks !== undefined ? { durationWeeks } : {}),
          ...(trend ? { trend } : {}),
          assertion,
          source: x.source(si),
        },
        undefined,
      ),
    );
  }
}

/** An improvement or resolution the sentence states, not negated right before it. */
function changeStated(x: NoteExtraction, from: number, to: number): 'improving' | 'resolved' | undefined {
  for (const t of TREND) {
    if (t.trend !== 'improving' && t.trend !== 'resolved') continue;
    const hit = x.findAll(t.pattern, from, to, 0)[0];
    if (hit && !NEGATED_RIGHT_BEFORE.test(x.text.slice(Math.max(from, hit.start - 24), hit.start))) return t.trend;
  }
  return undefined;
}

/** "Hx of L radiculopathy (4/2025, resolved w/ PT) here for recurrent L leg pain": what resolved is the episode
 * before the one that came back. */
const RECURRED = /\b(?:recurrent|recurrence|recurred|returned|came back|back again|new episode|re-?injur\w*)\b/i;

/** "Back pain history: L leg pain radiating …": a line labelled as the history tells the past, often carried
 * forward, not today's course. */
const HISTORY_LABEL = /^\W*(?:[\w/-]+\s+){0,3}(?:history|hx|background)\s*:/i;

const NEGATED_RIGHT_BEFORE =
  /\b(?:not|no|never|isn't|aren't|hasn't|haven't|without)\s+(?:really\s+|much\s+|any\s+|significantly\s+|getting\s+|meaningful(?:ly)?\s+|substantial(?:ly)?\s+|real\s+)?$/i;

/** "(\"persistent radiculopathy - f/u\" per scheduling template)": a scheduling or order label, not the clinician's
 * reading of the course. */
const TEMPLATE_LABEL =
  /\bper (?:the )?(?:scheduling|appointment|visit|referral|order|intake)?\s*(?:template|scheduler|scheduling|appointment type|visit type|reason for visit)\b/i;

/** "Your letter describes … 'persistent back pain'": the referring letter's earlier word, told in the reply. */
const QUOTED_LETTER =
  /\b(?:your (?:letter|note|referral|e-?consult|request|message) (?:describes|states|says|notes|reports|mentions)|(?:per|according to) (?:your|the referral|the referring) (?:letter|note|referral|e-?consult)?)/i;

/** "Had a similar but milder episode in 2021 that resolved with PT": the course of another, earlier episode. */
function earlierEpisode(text: string, noteDate: string | undefined): boolean {
  if (
    /\b(?:similar|prior|previous|earlier|past|another|last|first|separate|one)\b(?:\s+[\w-]+){0,3}\s+episodes?\b/i.test(
      text,
    )
  )
    return true;
  if (noteDate === undefined) return false;
  const noteYear = Number(noteDate.slice(0, 4));
  // "2025 episode of R L5 radiculopathy … improved with PT" in a 2026 note: an episode the year names as past.
  const named = /\b((?:19|20)\d{2}) (?:episode|flare|bout)\b/i.exec(text)?.[1];
  if (named !== undefined && Number(named) < noteYear) return true;
  const year = /\b(?:in|since|back in|during|around|circa|about|~)\s*((?:19|20)\d{2})\b/i.exec(text)?.[1];
  return year !== undefined && Number(year) < noteYear - 1;
}

export const SYMPTOM_COURSE: NoteExtractor = { family: 'shared', sliced: [SYMPTOM], run: symptomCourse };
