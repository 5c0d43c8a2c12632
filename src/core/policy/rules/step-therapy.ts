// Step therapy: `count` distinct modalities (or agents) tried with a qualifying outcome; a failure needs `minWeeks`
// (drug-rules.ts).
import Type from 'typebox';
import type { Fact, TherapyFact } from '../../evidence/fact.ts';
import { stepTherapyRule } from '../drug-rules.ts';
import { option } from './questions.ts';
import { ruleKind } from './rule-kind.ts';
import { OUTCOMES, settings, Strings } from './settings.ts';

export const StepTherapySettings = settings({
  modalities: Type.Optional(Strings),
  agents: Type.Optional(Strings),
  excludeAgents: Type.Optional(Strings),
  /** Topical corticosteroids below this potency do not count ("medium-to-super-high potency"); a course whose
   * potency neither its agent nor its sentence states ("a stronger steroid cream") is undetermined. */
  minPotency: Type.Optional(Type.Enum(['low', 'medium', 'high', 'super_high'])),
  /** Minimum length of a trial that ended in failure (intolerance and contraindication need no length). */
  minWeeks: Type.Optional(Type.Number({ minimum: 0 })),
  /** How many distinct modalities (or agents) must qualify. */
  count: Type.Optional(Type.Integer({ minimum: 1 })),
  distinct: Type.Optional(Type.Union([Type.Literal('modality'), Type.Literal('agent')])),
  /** Outcomes that qualify; default failure, intolerance, contraindication. */
  outcomes: Type.Optional(Type.Array(Type.Enum(OUTCOMES), { minItems: 1 })),
  /** Only trials that ended (or are under way) within this many months count (e.g. "in the past year"). */
  withinMonths: Type.Optional(Type.Number({ minimum: 1 })),
  /** Count the requested drug itself as a prior agent (default false). */
  includeOrderedAgent: Type.Optional(Type.Boolean()),
  /** Phrases in the order's reason that state none of these agents was tried (e.g. "biologic-naive"). */
  noneTriedWhenOrderSays: Type.Optional(Strings),
  /** Only courses for these conditions count (ICD-10-CM prefixes); a course whose stated reasons name only other
   * conditions does not ("dupilumab for atopic dermatitis" is no prior biologic for psoriasis). */
  forIcd10: Type.Optional(Strings),
  /** The policy asks for each drug with its dates: a trial with no date on record is not yet documented. */
  datesRequired: Type.Optional(Type.Boolean()),
});

export const stepTherapy = ruleKind({
  key: 'stepTherapy',
  settings: StepTherapySettings,
  evaluate: stepTherapyRule,
  // One trial per answer: the outcome that counts for step therapy, the drug, and its dates.
  questions(spec, ids, request) {
    const modalities = spec.modalities ?? [];
    const agents = spec.agents ?? [];
    return [
      {
        linkId: ids.answer,
        text: `${request} — outcome of the trial`,
        type: 'choice',
        required: true,
        answerOption: (spec.outcomes ?? ['failed', 'intolerance', 'contraindicated']).map(option),
      },
      ...(modalities.length > 0
        ? [
            {
              linkId: ids.modality,
              text: 'Drug class',
              type: 'choice' as const,
              required: true,
              answerOption: modalities.map(option),
            },
          ]
        : []),
      {
        linkId: ids.agent,
        text: agents.length > 0 ? `Drug (one of: ${agents.join(', ')})` : 'Drug',
        type: 'string',
        required: agents.length > 0,
      },
      { linkId: ids.start, text: 'Start date', type: 'date' },
      { linkId: ids.end, text: 'End date', type: 'date' },
    ];
  },
  answerFacts(_spec, { main, first, ids, source }): Fact[] {
    const outcome = main[0]?.valueCoding?.code;
    const modality = first(ids.modality)?.valueCoding?.code ?? 'other';
    const agent = first(ids.agent)?.valueString?.trim().toLowerCase();
    const start = first(ids.start)?.valueDate;
    const end = first(ids.end)?.valueDate;
    if (!outcome) return [];
    return [
      {
        kind: 'therapy',
        modality: modality as TherapyFact['modality'],
        ...(agent ? { agent } : {}),
        assertion: 'affirmed',
        outcome: outcome as NonNullable<TherapyFact['outcome']>,
        providerDirected: true,
        ...(start ? { start, date: start } : {}),
        ...(end ? { end } : {}),
        source,
      },
    ];
  },
});
