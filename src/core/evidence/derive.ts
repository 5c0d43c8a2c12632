// Facts that follow from other facts. A face-to-face visit held after a conservative-care trial had been under way
// for two weeks or more is the clinical re-evaluation payers ask for (UHC: "trial ... with clinical
// re-evaluation"), whatever the visit was coded as.
import { daysBetween } from './dates.ts';
import type { Fact, TherapyFact, TherapyModality } from './fact.ts';

const CONSERVATIVE: ReadonlySet<TherapyModality> = new Set([
  'physical_therapy',
  'home_exercise',
  'chiropractic',
  'activity_modification',
  'nsaid',
  'acetaminophen',
  'muscle_relaxant',
  'oral_steroid',
  'neuropathic_agent',
  'epidural_steroid_injection',
  'topical_corticosteroid',
  'topical_calcineurin_inhibitor',
  'phototherapy',
  'methotrexate',
  'cyclosporine',
]);

const MIN_TRIAL_DAYS = 14;

export function deriveFacts(facts: readonly Fact[]): Fact[] {
  const trialStarts = facts
    .filter((f): f is TherapyFact => f.kind === 'therapy' && f.assertion === 'affirmed' && CONSERVATIVE.has(f.modality))
    .flatMap((f) => (f.start ? [f.start] : []))
    .sort();
  const firstStart = trialStarts[0];
  if (firstStart === undefined) return [];
  return facts.flatMap((fact): Fact[] => {
    if (fact.kind !== 'evaluation' || fact.type !== 'in_person_visit' || fact.assertion !== 'affirmed') return [];
    if (fact.date === undefined || daysBetween(firstStart, fact.date) < MIN_TRIAL_DAYS) return [];
    return [
      {
        ...fact,
        type: 're_evaluation',
        source: { ...fact.source, text: `${fact.source.text} — after the trial began ${firstStart}` },
      },
    ];
  });
}
