// The patient's age against the label's or the policy's limits (measure-rules.ts).
import Type from 'typebox';
import { ageRule } from '../measure-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings } from './settings.ts';

export const AgeSettings = settings({
  minYears: Type.Optional(Type.Number({ minimum: 0 })),
  maxYears: Type.Optional(Type.Number({ minimum: 0 })),
  minMonths: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const age = ruleKind({
  key: 'age',
  settings: AgeSettings,
  evaluate: ageRule,
});
