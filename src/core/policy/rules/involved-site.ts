// A Condition of the disease stated at one of the body regions (crucial or difficult areas; measure-rules.ts).
import Type from 'typebox';
import { involvedSiteRule } from '../measure-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { BODY_REGIONS, settings, Strings } from './settings.ts';

export const InvolvedSiteSettings = settings({
  regions: Type.Array(Type.Enum(BODY_REGIONS), { minItems: 1 }),
  /** The disease whose sites count (ICD-10-CM prefixes); any Condition when absent. */
  icd10: Type.Optional(Strings),
});

export const involvedSite = ruleKind({
  key: 'involvedSite',
  settings: InvolvedSiteSettings,
  evaluate: involvedSiteRule,
});
