// The inflammatory-skin family (atopic dermatitis and psoriasis biologics): the skin conditions and the severity
// scores (BSA, EASI, IGA, PASI, DLQI) of its concept rows. Its drugs, topicals and their outcomes are read by the
// shared therapy extractor (../therapies.ts), and before/after changes by ../measure-change.ts.
import { conditionFacts, measureFacts } from '../concept-facts.ts';

export const SKIN_CONDITIONS = conditionFacts('inflammatory-skin');
export const SKIN_SEVERITY_SCORES = measureFacts('inflammatory-skin');
