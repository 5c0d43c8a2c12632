// Facts from the concept tables of conditions and measures: each family reads its own rows (the `family` of each
// row in concepts.ts), so that a new family adds rows and one extractor per table.
import { affirmedSiteWords } from '../codesets.ts';
import { addDays } from '../dates.ts';
import type { Assertion } from '../fact.ts';
import { CONDITIONS, ICD10_SYSTEM, MEASURES, type NoteFamily } from './concepts.ts';
import type { NoteExtraction } from './extraction.ts';
import { toAssertion, type NoteExtractor } from './extraction.ts';

function conditions(x: NoteExtraction, concepts: typeof CONDITIONS): void {
  for (const c of concepts) {
    x.scan(c.pattern, (m, si) => {
      const f = x.flags(si, m.index, m.index + m[0].length);
      if (f.family) {
        x.familyHistory(si, m.index, c.display, c.icd10, f);
        return;
      }
      const assertion = toAssertion(f, 'finding');
      // "No childhood eczema": a denial of one past period, not of the disease now.
      if (assertion === 'negated' && periodOfLife(x.text, m.index, m.index + m[0].length)) return;
      const source = x.source(si);
      const bodySite = c.sited && assertion === 'affirmed' ? currentSites(x, si, source.text, source.start ?? 0) : [];
      x.add(
        x.withDate(
          {
            kind: 'condition',
            coding: [{ system: ICD10_SYSTEM, code: c.icd10, display: c.display }],
            icd10: [c.icd10],
            display: c.display,
            assertion,
            source,
            ...(bodySite.length > 0 ? { bodySite } : {}),
          },
          x.dateNear(si, m.index),
        ),
      );
    });
  }
}

const PERIOD_BEFORE = /\b(?:childhood|infantile|infant|juvenile|early[- ]life)\s+$/i;
const PERIOD_AFTER = /^\s*(?:as an? (?:child|infant|baby|kid|teen(?:ager)?)|in (?:childhood|infancy|early life))\b/i;

function periodOfLife(text: string, start: number, end: number): boolean {
  return PERIOD_BEFORE.test(text.slice(Math.max(0, start - 20), start)) || PERIOD_AFTER.test(text.slice(end, end + 25));
}

/** The sites a sentence affirms the disease at, less those it puts in the past or in doubt ("involves the elbows and
 * knees, and has a history of scalp involvement": the scalp is not involved now). */
function currentSites(x: NoteExtraction, si: number, text: string, offset: number): string[] {
  const lower = text.toLowerCase();
  return affirmedSiteWords(text).filter((word) => {
    const at = lower.indexOf(word);
    if (at < 0) return true;
    const f = x.flags(si, offset + at, offset + at + word.length);
    return !f.historical && !f.hypothetical && !f.uncertain && !f.negated;
  });
}

function measures(x: NoteExtraction, concepts: typeof MEASURES): void {
  for (const c of concepts) {
    x.scan(c.pattern, (m, si) => {
      let raw: string | undefined;
      for (let g = 1; g < m.length && raw === undefined; g++) raw = m[g];
      if (raw === undefined) return;
      const value = Number(raw);
      if (!Number.isFinite(value) || value > c.max) return;
      const f = x.flags(si, m.index, m.index + m[0].length);
      if (f.family) return;
      const assertion: Assertion = f.hypothetical
        ? 'hypothetical'
        : f.negated
          ? 'negated'
          : f.historical
            ? 'historical'
            : 'affirmed';
      x.add(
        x.withDate(
          { kind: 'measurement', name: c.name, value, unit: c.unit, assertion, source: x.source(si) },
          x.dateNear(si, m.index) ?? earlierValueDate(x, si, m.index, m.index + m[0].length),
        ),
      );
    });
  }
}

const CHANGED_FROM =
  /\b(?:improved|improving|decreased|down|reduced|better|dropped|fell|declined|up|increased|worse(?:ned)?|went|came down)\s+from\s+(?:(?:a|an|the|her|his)\s+)?(?:[A-Za-z]+\s+){0,2}$/i;
/** "last year", "last month": the one period before the note ("N months ago" is read by when.ts). */
const LAST_PERIOD = /^[^.;,()]{0,12}?\blast (year|month)\b/i;

/** "BSA 4%, improved from BSA 12% last year": the value a change started from, on the day the sentence places it. */
function earlierValueDate(x: NoteExtraction, si: number, start: number, end: number): string | undefined {
  const s = x.ctx.sentences[si];
  if (!s || x.noteDate === undefined || !CHANGED_FROM.test(x.text.slice(Math.max(s.start, start - 40), start)))
    return undefined;
  const ago = x.starts(si).find((d) => d.ago === true && d.start >= end && d.start - end <= 14);
  if (ago) return ago.value;
  const last = LAST_PERIOD.exec(x.text.slice(end, s.end))?.[1]?.toLowerCase();
  return last === undefined ? undefined : addDays(x.noteDate, last === 'year' ? -365 : -30);
}

/** The conditions of one family's rows in CONDITIONS. */
export function conditionFacts(family: NoteFamily): NoteExtractor {
  const concepts = CONDITIONS.filter((c) => c.family === family);
  return {
    family,
    probes: concepts.map((c) => c.pattern),
    run: (x) => {
      conditions(x, concepts);
    },
  };
}

/** The measures (scores, sizes, labs) of one family's rows in MEASURES. */
export function measureFacts(family: NoteFamily): NoteExtractor {
  const concepts = MEASURES.filter((c) => c.family === family);
  return {
    family,
    probes: concepts.map((c) => c.pattern),
    run: (x) => {
      measures(x, concepts);
    },
  };
}
