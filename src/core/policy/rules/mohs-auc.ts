// The 2012 Mohs AUC rating of the lesion, met when it is one of `accept` (mohs-rules.ts).
import Type from 'typebox';
import { mohsAucRule } from '../mohs-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings } from './settings.ts';

export const MohsAucSettings = settings({
  accept: Type.Array(Type.Enum(['appropriate', 'uncertain', 'inappropriate']), { minItems: 1 }),
});

export const mohsAuc = ruleKind({
  key: 'mohsAuc',
  settings: MohsAucSettings,
  evaluate: mohsAucRule,
});
