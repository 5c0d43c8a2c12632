// The order's maintenance interval against the label's shortest one, in days (dose-rules.ts).
import Type from 'typebox';
import { doseIntervalRule } from '../dose-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings } from './settings.ts';

export const DoseIntervalSettings = settings({ minDays: Type.Integer({ minimum: 1 }) });

export const doseInterval = ruleKind({
  key: 'doseInterval',
  settings: DoseIntervalSettings,
  evaluate: doseIntervalRule,
});
