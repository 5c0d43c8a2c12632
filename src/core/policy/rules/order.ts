// What the order itself says: its modifier, its reason codes and text, and the purpose stated for the scan.
import Type from 'typebox';
import { orderRule } from '../cancer-course-rules.ts';
import { ruleKind } from './rule-kind.ts';
import { settings, Str, Strings } from './settings.ts';

export const order = ruleKind({
  key: 'order',
  settings: settings({
    modifier: Type.Optional(Str),
    otherModifiers: Type.Optional(Strings),
    reasonIcd10: Type.Optional(Strings),
    reasonText: Type.Optional(Strings),
    /** Stated purposes of the scan (evidence/scan-purpose.ts), read from the order and the plan naming it. */
    purpose: Type.Optional(
      Type.Array(
        Type.Union([Type.Literal('surveillance'), Type.Literal('regional_nodes'), Type.Literal('treatment_decision')]),
      ),
    ),
  }),
  evaluate: orderRule,
  describe: (spec) =>
    [
      spec.modifier !== undefined ? `order modifier ${spec.modifier}` : '',
      spec.reasonIcd10 ? `order reason ICD-10 ${spec.reasonIcd10.join(', ')}` : '',
      spec.reasonText ? `order reason mentions ${spec.reasonText.map((t) => `"${t}"`).join(' or ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
});
