// Already on the requested drug (the reauthorization branch), for at least `minWeeks` (drug-rules.ts).
import Type from 'typebox';
import { onTherapyRule } from '../drug-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings, Strings } from './settings.ts';

export const OnTherapySettings = settings({
  agents: Type.Optional(Strings),
  /** Time on the drug before a renewal is considered. */
  minWeeks: Type.Optional(Type.Number({ minimum: 0 })),
  /** Samples and manufacturer programmes do not establish therapy. */
  excludeSamples: Type.Optional(Type.Boolean()),
});

export const onTherapy = ruleKind({
  key: 'onTherapy',
  settings: OnTherapySettings,
  evaluate: onTherapyRule,
});
