// A contrast variant of a study against the indications for contrast (contrast-rules.ts).
import Type from 'typebox';
import { contrastIndicationRule } from '../contrast-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings, Str, Strings } from './settings.ts';

export const ContrastIndicationSettings = settings({
  /** The study without contrast that the usual indication calls for. */
  plainCpt: Str,
  /** The contrast variants of the same study. */
  contrastCpt: Strings,
  /** Red flags that call for contrast. */
  flags: Strings,
  /** Diagnoses that call for contrast (a code covers the codes under it, e.g. M96.1). */
  icd10: Type.Optional(Strings),
  /** Therapies whose history calls for contrast (e.g. prior spinal surgery). */
  modalities: Type.Optional(Strings),
});

export const contrastIndication = ruleKind({
  key: 'contrastIndication',
  settings: ContrastIndicationSettings,
  evaluate: contrastIndicationRule,
});
