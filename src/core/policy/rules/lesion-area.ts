// The lesion's AUC area (H, M or L) is one of `areas` (mohs-rules.ts).
import Type from 'typebox';
import { lesionAreaRule } from '../mohs-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings } from './settings.ts';

export const LesionAreaSettings = settings({ areas: Type.Array(Type.Enum(['H', 'M', 'L']), { minItems: 1 }) });

export const lesionArea = ruleKind({
  key: 'lesionArea',
  settings: LesionAreaSettings,
  evaluate: lesionAreaRule,
});
