// The inflammatory-skin family (atopic dermatitis and psoriasis biologics): the skin conditions and the severity
// scores (BSA, EASI, IGA, PASI, DLQI) of its concept rows, and a denied prior biologic. Its drugs, topicals and their
// outcomes are read by the shared therapy extractor (../therapies.ts), and before/after changes by
// ../measure-change.ts.
import type { NoteExtractor } from '../extraction.ts';
import { conditionFacts, measureFacts } from '../concept-facts.ts';
import { negativeChecked } from '../not-tried.ts';
import { SYSTEMIC_MODALITIES } from '../../codesets.ts';
import { TB_TEST, tbResult } from '../../screening-tests.ts';
import { clearedSiteWords } from '../../codesets.ts';

export const SKIN_CONDITIONS = conditionFacts('inflammatory-skin');
export const SKIN_SEVERITY_SCORES = measureFacts('inflammatory-skin');

const BIOLOGIC_WORD = /\bbiologics?\b/gi;
const NO_PRIOR_BIOLOGIC =
  /\b(?:no (?:prior|previous|past) (?:biologics?|biologic (?:therapy|agents?|use))|biologic[- ]na[iï]ve|bio[- ]na[iï]ve|never (?:been )?(?:on|used|tried|received|taken) (?:a |any )?biologics?|no (?:[\w-]+ (?:or|and|\/) )?biologics?(?: (?:therapy|therapies|agents?|drugs?|medications?))?,? ever)\b/i;
const NEVER_BEFORE =
  /\b(?:never|no (?:prior|previous|past)|not previously|(?:has|have|had) not (?:been on|tried|used|received|had)|denies (?:any )?(?:prior|previous|past)?)\b/i;
const JAK_WORD = /\bJAK(?: inhibitors?)?\b/;
/** "No prior biologic or other targeted therapy": the whole targeted class (biologics, JAK inhibitors, apremilast). */
const NO_TARGETED =
  /\b(?:no (?:prior|previous|past) (?:biologics? (?:or|and|\/) )?(?:other )?(?:targeted|advanced) (?:therap(?:y|ies)|immunomodulators?|agents?|drugs?|systemics?)|(?:targeted|advanced)[- ]therapy[- ]na[iï]ve|no (?:biologic (?:or|and|\/) )?systemic (?:or biologic )?(?:agents?|therap(?:y|ies)|drugs?|medications?),? ever)\b/i;

/**
 * "No prior biologic", "biologic-naive", "Prior biologic / JAK: [ ] yes [X] no": the class was not tried. The fact
 * names the class, not a drug, so a step asking for a prior biologic is affirmed not met rather than left unknown.
 */
/** "No prior systemic agents", "Never had phototherapy or any oral/injectable systemic agent": every systemic class,
 * conventional and targeted, was not tried. */
const NO_SYSTEMIC =
  /\b(?:no (?:prior |previous |past )?(?:(?:phototherapy|biologics?|topicals?) (?:or|and|\/) )?systemics?(?: or biologics?)? (?:agents?|therap(?:y|ies)|drugs?|medications?|treatments?)(?:,? ever)?|never (?:had|been on|on|received|tried|used) (?:any )?(?:(?:phototherapy|biologics?) (?:or|and|\/) (?:any )?)?(?:(?:oral|injectable|oral\/injectable|conventional|traditional) )?systemic (?:agents?|therap(?:y|ies)|drugs?|medications?|treatments?))\b/gi;

/** "No reason to avoid systemics: LFTs nl, 2-3 drinks/wk", "no contraindication to systemic therapy": the prescriber
 * clears the conventional systemics, methotrexate first (a "contraindicated" branch is then not met). */
const SYSTEMICS_CLEARED =
  /\bno (?:medical |clinical )?(?:reason|contraindications?) (?:to (?:avoid )?|for avoiding )(?:conventional |traditional )?(?:systemics?|systemic (?:therap(?:y|ies)|agents?|medications?)|methotrexate|MTX)\b/gi;

export const PRIOR_BIOLOGIC_DENIED: NoteExtractor = {
  family: 'inflammatory-skin',
  probes: [BIOLOGIC_WORD, NO_SYSTEMIC, SYSTEMICS_CLEARED],
  run: (x) => {
    x.scan(SYSTEMICS_CLEARED, (m, si) => {
      const f = x.flags(si, m.index, m.index + m[0].length);
      if (f.family || f.hypothetical) return;
      const source = x.source(si);
      for (const modality of ['methotrexate', 'cyclosporine', 'acitretin'] as const)
        x.add({
          kind: 'therapy',
          modality,
          agent: modality,
          notContraindicated: true,
          assertion: 'hypothetical',
          source,
        });
    });
    x.scan(NO_SYSTEMIC, (m, si) => {
      const f = x.flags(si, m.index, m.index + m[0].length);
      if (f.family || f.hypothetical) return;
      const source = x.source(si);
      for (const modality of SYSTEMIC_MODALITIES) x.add({ kind: 'therapy', modality, assertion: 'negated', source });
    });
    x.scan(BIOLOGIC_WORD, (m, si) => {
      const source = x.source(si);
      const checked = negativeChecked(source.text);
      // "Has never received phototherapy, methotrexate, … or any biologic": a list the word "never" governs.
      const f = x.flags(si, m.index, m.index + m[0].length);
      const listedNever =
        f.negated && !f.hypothetical && NEVER_BEFORE.test(x.text.slice(x.ctx.sentences[si]?.start ?? 0, m.index));
      if (!checked && !listedNever && !NO_PRIOR_BIOLOGIC.test(source.text)) return;
      x.add({ kind: 'therapy', modality: 'biologic', assertion: 'negated', source });
      // "No prior methotrexate, cyclosporine, acitretin, apremilast or any biologic": a list that denies both the oral
      // targeted drug and every biologic is the whole targeted class.
      const wholeList =
        listedNever && /\b(?:apremilast|otezla)\b/i.test(source.text) && /\bany biologics?\b/i.test(source.text);
      if ((checked && JAK_WORD.test(source.text)) || NO_TARGETED.test(source.text) || wholeList) {
        x.add({ kind: 'therapy', modality: 'jak_inhibitor', assertion: 'negated', source });
      }
      if (NO_TARGETED.test(source.text))
        x.add({ kind: 'therapy', modality: 'apremilast', assertion: 'negated', source });
    });
  },
};

/**
 * Tuberculosis screening before a biologic: "QuantiFERON negative 01/17/2023", "QFT-Plus drawn today, pending".
 * The result and the date are read in the test's clause (else the note's date); "no TB test on file" is silence.
 */
const TB_TEST_ALL = new RegExp(TB_TEST.source, 'gi');
const OTHER_PERSON =
  /\b(?:husband|wife|spouse|partner|mother|father|son|daughter|brother|sister|roommate|household contact|co-?worker)s?\b/i;

export const TB_SCREENING: NoteExtractor = {
  family: 'inflammatory-skin',
  probes: [TB_TEST_ALL],
  run: (x) => {
    x.scan(TB_TEST_ALL, (m, si) => {
      const f = x.flags(si, m.index, m.index + m[0].length);
      // A test "a long time ago" the patient "thinks was negative" is no screening result on record.
      if (f.family || f.uncertain || (f.historical && f.remote)) return;
      const [lo, clauseEnd] = x.clauseOf(si, m.index);
      // "TB screening - household contact (husband treated for latent TB)": the result after another person is his.
      const other = OTHER_PERSON.exec(x.text.slice(m.index, clauseEnd));
      const hi = other ? m.index + other.index : clauseEnd;
      const result = tbResult(x.text.slice(lo, hi)) ?? (f.hypothetical ? 'pending' : undefined);
      // "QuantiFERON negative" reads as negated to ConText; "no TB test on file" states no result at all.
      if (!result || (f.negated && result !== 'negative')) return;
      // The test's date anywhere in its clause ("last QuantiFERON was pre-employment 01/2023 (negative)").
      const dated = x.nearest(x.dates(si), m.index, lo, hi)?.value;
      x.add(
        x.withDate(
          {
            kind: 'screening_test',
            test: 'tuberculosis',
            result,
            ...(dated === undefined ? { undated: true as const } : {}),
            assertion: 'affirmed',
            source: x.source(si),
          },
          dated,
        ),
      );
    });
  },
};

/** "Scalp: clear. Palms, soles: clear.": the sites an examination finds clear of the disease (codesets.ts). */
const CLEAR_WORD = /\b(?:clear|uninvolved|spared|spares|sparing|not involved|no (?:involvement|lesions|plaques))\b/gi;

const NOT_BEFORE =
  /\b(?:never|not|don'?t|doesn'?t|didn'?t|won'?t|hasn'?t|haven'?t|isn'?t|aren'?t|fails? to|failed to)\s+(?:\w+\s+)?$/i;

export const SITES_CLEARED: NoteExtractor = {
  family: 'inflammatory-skin',
  probes: [CLEAR_WORD],
  run: (x) => {
    const seen = new Set<number>();
    x.scan(CLEAR_WORD, (m, si) => {
      if (seen.has(si)) return;
      seen.add(si);
      const f = x.flags(si, m.index, m.index + m[0].length);
      if (f.family || f.hypothetical) return;
      // "Plaques on arms/neck behind knees never clear": what does not clear is involved.
      if (NOT_BEFORE.test(x.text.slice(Math.max(0, m.index - 30), m.index))) return;
      const source = x.source(si);
      const cleared = clearedSiteWords(source.text);
      if (cleared.length > 0)
        x.add(x.withDate({ kind: 'site_exam', cleared, assertion: 'affirmed', source }, undefined));
    });
  },
};
