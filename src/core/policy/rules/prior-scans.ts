// Scan counting per cancer and strategy (e.g. NCD 220.6.17's one initial and three subsequent PETs).
import Type from 'typebox';
import { priorScans as priorScansRule } from '../cancer-course-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings, Strings } from './settings.ts';

export const PriorScansSettings = settings({
  modalities: Strings,
  strategy: Type.Union([Type.Literal('initial'), Type.Literal('subsequent')]),
  max: Type.Integer({ minimum: 0 }),
  /** Therapy modalities whose completion ends the initial strategy (scans after it are subsequent). */
  initialTherapy: Strings,
});

export const priorScans = ruleKind({
  key: 'priorScans',
  settings: PriorScansSettings,
  evaluate: priorScansRule,
  describe: (spec) => `at most ${String(spec.max)} prior ${spec.strategy} ${spec.modalities.join('/')} scan(s)`,
});
