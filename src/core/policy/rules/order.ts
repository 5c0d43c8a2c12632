// What the order itself says: its modifier, its reason codes and text, and the purpose stated for the scan. A reason
// the record's latest note denies ("suspected recurrence" on the order, "no clinical evidence of recurrence" in the
// note) is contested, not met: the order's word alone does not outweigh the clinical record.
import Type from 'typebox';
import type { Fact } from '../../evidence/fact.ts';
import { orderRule } from '../cancer-course-rules.ts';
import { citation, newestDate, type RuleResult } from '../rule-context.ts';
import { matchFact } from './fact-matching.ts';
import { ruleKind } from './rule-kind.ts';
import { settings, Str, Strings } from './settings.ts';

export const OrderSettings = settings({
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
  /** The fact the order's reason claims (`{ kind: cancer, where: { primary: [recurrent] } }`): the record stating it
   * absent, no earlier than any statement of it, contests the order's reason. */
  deniedBy: Type.Optional(
    settings({ kind: Str, where: Type.Optional(Type.Record(Type.String(), Type.Array(Str, { minItems: 1 }))) }),
  ),
});
type OrderSpec = Type.Static<typeof OrderSettings>;

export const order = ruleKind({
  key: 'order',
  settings: OrderSettings,
  evaluate(spec, ctx) {
    const result = orderRule(spec, ctx);
    return result.status === 'met' && spec.deniedBy ? (denied(result, spec.deniedBy, ctx.facts) ?? result) : result;
  },
  describe: (spec) =>
    [
      spec.modifier !== undefined ? `order modifier ${spec.modifier}` : '',
      spec.reasonIcd10 ? `order reason ICD-10 ${spec.reasonIcd10.join(', ')}` : '',
      spec.reasonText ? `order reason mentions ${spec.reasonText.map((t) => `"${t}"`).join(' or ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
});

function denied(result: RuleResult, claim: NonNullable<OrderSpec['deniedBy']>, facts: readonly Fact[]) {
  const matches = facts.filter((f) => matchFact(f, claim.kind, claim.where) === 'match');
  const absent = matches.filter((f) => f.assertion === 'negated');
  const stated = matches.filter((f) => f.assertion !== 'negated' && f.assertion !== 'hypothetical');
  if (absent.length === 0 || newestDate(absent) < newestDate(stated)) return undefined;
  const latest = absent.filter((f) => f.date === newestDate(absent));
  return {
    status: 'unknown' as const,
    evidence: [...result.evidence, ...latest.map(citation)],
    reason: `the order states it, and the record's latest word denies it: ${[...new Set(latest.map((f) => `"${f.source.text}"`))].join('; ')}`,
    request: "Document the findings behind the order's stated reason (the latest note states it absent)",
    contested: true,
  };
}
