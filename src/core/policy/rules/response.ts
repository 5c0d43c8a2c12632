// A documented response: a score lower than before the drug was started (by `minImprovementPercent`), or a stated
// one (drug-rules.ts).
import Type from 'typebox';
import { responseRule } from '../drug-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { MEASURES, settings, Strings } from './settings.ts';

export const ResponseSettings = settings({
  measures: Type.Array(Type.Enum(MEASURES), { minItems: 1 }),
  /** Minimum relative improvement of a score (e.g. 50 for EASI-50); any improvement when absent. */
  minImprovementPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  agents: Type.Optional(Strings),
});

export const response = ruleKind({
  key: 'response',
  settings: ResponseSettings,
  evaluate: responseRule,
});
