// Another drug of these modalities still under way alongside the requested one (drug-rules.ts).
import { concurrentTherapyRule } from '../drug-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings, Strings } from './settings.ts';

export const ConcurrentTherapySettings = settings({ modalities: Strings });

export const concurrentTherapy = ruleKind({
  key: 'concurrentTherapy',
  settings: ConcurrentTherapySettings,
  evaluate: concurrentTherapyRule,
});
