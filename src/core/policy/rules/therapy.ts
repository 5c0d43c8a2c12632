// Conservative care for the order's episode: dated courses of the listed modalities spanning `minWeeks`
// (episode-rules.ts judges them against the episode).
import Type from 'typebox';
import type { Fact, TherapyFact } from '../../evidence/fact.ts';
import { therapyRule } from '../episode-rules.ts';
import { option, words } from './questions.ts';
import { ruleKind, type Answer, type Prefill } from './rule-kind.ts';
import { settings, Strings } from './settings.ts';

export const TherapySettings = settings({
  modalities: Strings,
  minWeeks: Type.Number({ minimum: 0 }),
  providerDirected: Type.Optional(Type.Boolean()),
  /**
   * How many days before the request a course still belongs to the current episode (default 365, see
   * evidence/episode.ts); a course also counts only from the index condition's onset, and only when it is
   * for that condition or states no reason. Visits are judged against the same episode.
   */
  episodeDays: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const therapy = ruleKind({
  key: 'therapy',
  settings: TherapySettings,
  evaluate: (spec, ctx) => therapyRule(spec, ctx.episode()),
  describe: (spec) =>
    `≥ ${String(spec.minWeeks)} weeks of ${words(spec.modalities)}${spec.providerDirected === true ? ', provider-directed' : ''}`,
  questions: (spec, ids, request) => [
    {
      linkId: ids.answer,
      text: `${request} — was this treatment directed by a provider?`,
      type: 'boolean',
      required: true,
    },
    {
      linkId: ids.modality,
      text: 'Treatment',
      type: 'choice',
      required: true,
      answerOption: spec.modalities.map(option),
    },
    { linkId: ids.start, text: 'Start date', type: 'date', required: true },
    { linkId: ids.end, text: 'End date (leave empty if ongoing)', type: 'date' },
  ],
  prefill: (spec, facts, ids) =>
    coursePrefill(spec.modalities, facts, { modality: ids.modality, start: ids.start, end: ids.end }),
  answerFacts(_spec, { main, first, ids, source }): Fact[] {
    const modality = first(ids.modality)?.valueCoding?.code;
    const start = first(ids.start)?.valueDate;
    const end = first(ids.end)?.valueDate;
    const yes = main[0]?.valueBoolean;
    if (!modality || yes === undefined) return [];
    return [
      {
        kind: 'therapy',
        modality: modality as TherapyFact['modality'],
        assertion: 'affirmed',
        providerDirected: yes,
        ...(start ? { start, date: start } : {}),
        ...(end ? { end } : { outcome: 'ongoing' as const }),
        source,
      },
    ];
  },
});

/** Courses of the modalities the record affirms (what a questionnaire can prefill from). */
const coursesOf = (modalities: readonly string[], facts: readonly Fact[]): TherapyFact[] =>
  facts.filter(
    (f): f is TherapyFact => f.kind === 'therapy' && f.assertion === 'affirmed' && modalities.includes(f.modality),
  );

/** A questionnaire's answers from the record's courses of the modalities: the first course's modality, and the first
 * start and end the courses state, into the items named. */
export function coursePrefill(
  modalities: readonly string[],
  facts: readonly Fact[],
  into: { modality: string; start?: string; end: string },
): Prefill {
  const courses = coursesOf(modalities, facts);
  const answers = new Map<string, Answer[]>();
  const first = courses[0];
  if (!first) return { answers, sources: [] };
  answers.set(into.modality, [option(first.modality)]);
  const start = courses.map((c) => c.start).find(Boolean);
  if (start && into.start) answers.set(into.start, [{ valueDate: start }]);
  const end = courses.map((c) => c.end).find(Boolean);
  if (end) answers.set(into.end, [{ valueDate: end }]);
  return { answers, sources: courses.map((c) => c.source.reference) };
}
