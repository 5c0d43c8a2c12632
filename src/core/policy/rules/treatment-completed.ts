// Initial treatment of a cancer completed (cancer-course-rules.ts), e.g. before a subsequent-strategy scan.
import type { Fact, TherapyFact } from '../../evidence/fact.ts';
import { treatmentCompleted as completedRule } from '../cancer-course-rules.ts';
import { option, words } from './questions.ts';
import { ruleKind } from './rule-kind.ts';
import { settings, Strings } from './settings.ts';
import { coursePrefill } from './therapy.ts';

export const treatmentCompleted = ruleKind({
  key: 'treatmentCompleted',
  settings: settings({ modalities: Strings }),
  evaluate: (spec, ctx) => completedRule(spec.modalities, ctx),
  describe: (spec) => `completed ${words(spec.modalities)}`,
  questions: (spec, ids, request) => [
    { linkId: ids.answer, text: `${request} — completed?`, type: 'boolean', required: true },
    { linkId: ids.modality, text: 'Treatment', type: 'choice', answerOption: spec.modalities.map(option) },
    { linkId: ids.date, text: 'Completion date', type: 'date' },
  ],
  prefill: (spec, facts, ids) => coursePrefill(spec.modalities, facts, { modality: ids.modality, end: ids.date }),
  answerFacts(spec, { main, first, ids, source }): Fact[] {
    const modality = first(ids.modality)?.valueCoding?.code ?? String(spec.modalities[0]);
    const date = first(ids.date)?.valueDate;
    const yes = main[0]?.valueBoolean;
    if (yes === undefined) return [];
    return [
      {
        kind: 'therapy',
        modality: modality as TherapyFact['modality'],
        assertion: 'affirmed',
        outcome: yes ? 'completed' : 'ongoing',
        ...(date ? { start: date, end: date, date } : {}),
        source,
      },
    ];
  },
});
