// The inflammatory-skin family (atopic dermatitis and psoriasis biologics): the skin conditions and the severity
// scores (BSA, EASI, IGA, PASI, DLQI) of its concept rows, and a denied prior biologic. Its drugs, topicals and their
// outcomes are read by the shared therapy extractor (../therapies.ts), and before/after changes by
// ../measure-change.ts.
import type { NoteExtractor } from '../extraction.ts';
import { conditionFacts, measureFacts } from '../concept-facts.ts';
import { negativeChecked } from '../not-tried.ts';

export const SKIN_CONDITIONS = conditionFacts('inflammatory-skin');
export const SKIN_SEVERITY_SCORES = measureFacts('inflammatory-skin');

const BIOLOGIC_WORD = /\bbiologics?\b/gi;
const NO_PRIOR_BIOLOGIC =
  /\b(?:no (?:prior|previous|past) (?:biologics?|biologic (?:therapy|agents?|use))|biologic[- ]na[iï]ve|bio[- ]na[iï]ve|never (?:been )?(?:on|used|tried|received|taken) (?:a |any )?biologics?)\b/i;
const JAK_WORD = /\bJAK(?: inhibitors?)?\b/;

/**
 * "No prior biologic", "biologic-naive", "Prior biologic / JAK: [ ] yes [X] no": the class was not tried. The fact
 * names the class, not a drug, so a step asking for a prior biologic is affirmed not met rather than left unknown.
 */
export const PRIOR_BIOLOGIC_DENIED: NoteExtractor = {
  family: 'inflammatory-skin',
  probes: [BIOLOGIC_WORD],
  run: (x) => {
    x.scan(BIOLOGIC_WORD, (_m, si) => {
      const source = x.source(si);
      const checked = negativeChecked(source.text);
      if (!checked && !NO_PRIOR_BIOLOGIC.test(source.text)) return;
      x.add({ kind: 'therapy', modality: 'biologic', assertion: 'negated', source });
      if (checked && JAK_WORD.test(source.text)) {
        x.add({ kind: 'therapy', modality: 'jak_inhibitor', assertion: 'negated', source });
      }
    });
  },
};
