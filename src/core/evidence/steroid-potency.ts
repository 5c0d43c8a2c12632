// Topical corticosteroid potency classes, so that a note's "failed a medium-potency TCS" is linked to the
// triamcinolone course and not to the hydrocortisone one. Grouped as the US seven-class system is usually
// collapsed (I–II super-high/high, III–V medium, VI–VII low); an agent whose potency depends on its ester or
// strength (betamethasone valerate is medium, dipropionate high) is given its usual dermatology strength's class.
export type SteroidPotency = 'low' | 'medium' | 'high' | 'super_high';

export const POTENCY_ORDER: readonly SteroidPotency[] = ['low', 'medium', 'high', 'super_high'];

const AGENT_POTENCY: Readonly<Record<string, SteroidPotency>> = {
  hydrocortisone: 'low',
  desonide: 'low',
  alclometasone: 'low',
  triamcinolone: 'medium',
  mometasone: 'medium',
  fluocinolone: 'medium',
  fluticasone: 'medium',
  betamethasone: 'medium',
  prednicarbate: 'medium',
  hydrocortisone_valerate: 'medium',
  fluocinonide: 'high',
  desoximetasone: 'high',
  amcinonide: 'high',
  halcinonide: 'high',
  diflorasone: 'high',
  clobetasol: 'super_high',
  halobetasol: 'super_high',
};

export function potencyOf(agent: string | undefined): SteroidPotency | undefined {
  return agent === undefined ? undefined : AGENT_POTENCY[agent];
}

/** The potency a sentence states: "medium-potency", "med-potency", "mid-strength", "high potency", "super-potent", "low-potency". */
export function statedPotency(text: string): { potency: SteroidPotency; orHigher: boolean } | undefined {
  const m =
    /\b(low|mild|medium|med|mid|moderate|high|super[- ]?high|super|ultra[- ]?high|very[- ]?high)[- ](?:to[- ](?:high|very[- ]high|super[- ]high)[- ])?(?:or[- ]higher[- ])?(?:potency|potent|strength)\b/i.exec(
      text,
    );
  if (!m) return undefined;
  const word = (m[1] ?? '').toLowerCase().replace(/[- ]/g, '');
  const potency: SteroidPotency =
    word === 'low' || word === 'mild'
      ? 'low'
      : word === 'medium' || word === 'med' || word === 'mid' || word === 'moderate'
        ? 'medium'
        : word === 'high'
          ? 'high'
          : 'super_high';
  return { potency, orHigher: /\bor[- ]higher\b|\bto[- ]/i.test(m[0]) };
}

/** Whether a course of `agent` is what a statement of `stated` potency speaks about (unknown agents never are). */
export function potencyMatches(
  agent: string | undefined,
  stated: { potency: SteroidPotency; orHigher: boolean },
): boolean {
  const actual = potencyOf(agent);
  if (actual === undefined) return false;
  if (actual === stated.potency) return true;
  return stated.orHigher && POTENCY_ORDER.indexOf(actual) > POTENCY_ORDER.indexOf(stated.potency);
}
