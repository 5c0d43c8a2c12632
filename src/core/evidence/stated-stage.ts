// A cancer's stage as words state it: an AJCC stage group ("stage IIC", "stage 3b") and a TNM category ("pT4b pN0(sn)
// M0"), read alike from a note's sentence, a Condition's text and a pathology conclusion. A node-negative melanoma's
// TNM gives its stage group (AJCC 8th) where no group is written.
import type { CancerFact } from './fact.ts';

export const STAGE = /\bstage\s+(0|I{1,3}|IV|[1-4])([A-D])?\b/i;
const TNM = /\b[pcy]?T(is|[0-4][a-d]?|x)\b(?:[\s,]*[pcy]?N([0-3][a-c]?|x)\b)?(?:[\s,]*[pcy]?M([01][a-d]?)\b)?/g;
/** "at least pT3a" (a transected biopsy): a bound the final category may exceed, not the category. */
const LOWER_BOUND = /(?:\bat least|\bminimum(?: of)?|≥|>=?)\s*$/i;
const ROMAN: Readonly<Record<string, string>> = { '1': 'I', '2': 'II', '3': 'III', '4': 'IV' };

/** The stage group of a STAGE match, in roman numerals ("3b" → "IIIB"). */
export function stageGroupOf(m: RegExpMatchArray): string | undefined {
  return m[1] === undefined ? undefined : (ROMAN[m[1]] ?? m[1]) + (m[2] ?? '').toUpperCase();
}

/** Every stage group the text names ("stage IIA vs IIB" → IIA, IIB). */
export function stageGroupsIn(text: string): string[] {
  const groups = [...text.matchAll(/\b(0|I{1,3}|IV|[1-4])([A-D])?\b/gi)].flatMap((m) => stageGroupOf(m) ?? []);
  return [...new Set(groups)];
}

/** The first TNM category the text states (not a lower bound on it). */
export function tnmIn(text: string): CancerFact['tnm'] | undefined {
  TNM.lastIndex = 0;
  let m = TNM.exec(text);
  while (m !== null && LOWER_BOUND.test(text.slice(Math.max(0, m.index - 12), m.index))) m = TNM.exec(text);
  if (m?.[1] === undefined) return undefined;
  return {
    t: `T${m[1]}`,
    ...(m[2] !== undefined ? { n: `N${m[2]}` } : {}),
    ...(m[3] !== undefined ? { m: `M${m[3]}` } : {}),
  };
}

/** AJCC 8th pathological stage groups of node-negative melanoma ("pT2b N0 M0" is stage IIA); nodal or distant
 * disease, or a node category not stated, leaves the stage to what the record says. */
const MELANOMA_N0_STAGE: Readonly<Record<string, string>> = {
  T1: 'IA',
  T1a: 'IA',
  T1b: 'IA',
  T2a: 'IB',
  T2b: 'IIA',
  T3a: 'IIA',
  T3b: 'IIB',
  T4a: 'IIB',
  T4b: 'IIC',
};

export function melanomaStageOf(tnm: NonNullable<CancerFact['tnm']>): string | undefined {
  if (tnm.n !== 'N0' || (tnm.m !== undefined && tnm.m !== 'M0')) return undefined;
  return MELANOMA_N0_STAGE[tnm.t ?? ''];
}

/** Words that leave a structured entry's stage open ("clinical stage IIA pending", "at least pT3a", "IIB vs IIC"). */
const OPEN = /\b(?:pending|at least|possible|probable|presumed|likely|vs\.?|versus|or|await\w*)\b|\?/i;

/** The stage and TNM a structured entry states (a problem-list Condition's text, a pathology conclusion): nothing
 * where its words leave them open. */
export function statedStaging(text: string, type: CancerFact['cancerType']): Pick<CancerFact, 'stage' | 'tnm'> {
  if (OPEN.test(text)) return {};
  const group = STAGE.exec(text);
  const tnm = tnmIn(text);
  const stage =
    (group ? stageGroupOf(group) : undefined) ?? (type === 'melanoma' && tnm ? melanomaStageOf(tnm) : undefined);
  return { ...(stage ? { stage } : {}), ...(tnm ? { tnm } : {}) };
}
