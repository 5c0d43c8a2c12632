// The prescriber's specialty (drug-rules.ts).
import Type from 'typebox';
import { prescriberRule } from '../drug-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings, Strings } from './settings.ts';

export const PrescriberSettings = settings({
  specialties: Strings,
  /** A consultation with one of the specialties, stated on the order, also satisfies it. */
  consultation: Type.Optional(Type.Boolean()),
});

export const prescriber = ruleKind({
  key: 'prescriber',
  settings: PrescriberSettings,
  evaluate: prescriberRule,
});
