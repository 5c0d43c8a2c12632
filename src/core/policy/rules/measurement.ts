// A clinical measure against a range: met inside it, not_met when the latest measure is outside, unknown when none
// (measure-rules.ts).
import Type from 'typebox';
import type { Fact, MeasurementFact } from '../../evidence/fact.ts';
import { measurementRule } from '../measure-rules.ts';
import { label } from './questions.ts';
import { ruleKind } from './rule-kind.ts';
import { MEASURES, settings } from './settings.ts';

export const MeasurementSettings = settings({
  name: Type.Enum(MEASURES),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  /** Only measurements taken within this many days before the evaluation date count. */
  withinDays: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const measurement = ruleKind({
  key: 'measurement',
  settings: MeasurementSettings,
  evaluate: measurementRule,
  questions: (spec, ids, request) => [
    { linkId: ids.answer, text: `${request} — ${label(spec.name)} value`, type: 'decimal', required: true },
    { linkId: ids.date, text: 'Date measured', type: 'date' },
  ],
  answerFacts(spec, { main, first, ids, source }): Fact[] {
    const value = main[0]?.valueDecimal ?? main[0]?.valueInteger;
    if (value === undefined) return [];
    const date = first(ids.date)?.valueDate;
    return [
      {
        kind: 'measurement',
        name: spec.name as MeasurementFact['name'],
        value,
        unit: '',
        assertion: 'affirmed',
        ...(date ? { date } : {}),
        source,
      },
    ];
  },
});
