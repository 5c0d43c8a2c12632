// CPT against the indicated study: an imaging family's plain study (lumbar MRI without contrast, 72148) is what most
// indications call for; a contrast-only variant (72149) needs its own indication — prior surgery, suspected
// infection, tumour or immunosuppression. A contrast study ordered where the record states those indications absent
// is the wrong study: not met, with "change the order to" the plain one. Where the record is silent on them, the
// answer is unknown and the request asks for the reason for contrast. Which codes need an indication is the
// policy's data (a without-and-with study also holds the plain one, and some red flags rate it appropriate).
import type { Fact } from '../evidence/fact.ts';
import { normaliseIcd10 } from './code-checks.ts';
import { citation, orderCitation, orderServiceCode, type RuleContext, type RuleResult } from './rule-context.ts';
import type Type from 'typebox';
import type { ContrastIndicationSettings } from './rules/contrast-indication.ts';

export type ContrastIndicationRule = Type.Static<typeof ContrastIndicationSettings>;

function indicationFacts(rule: ContrastIndicationRule, facts: readonly Fact[], assertion: Fact['assertion']): Fact[] {
  const codes = (rule.icd10 ?? []).map(normaliseIcd10);
  return facts.filter((f) => {
    if (f.assertion !== assertion) return false;
    if (f.kind === 'red_flag') return rule.flags.includes(f.flag);
    if (f.kind === 'condition') return f.icd10.some((c) => codes.some((code) => normaliseIcd10(c).startsWith(code)));
    if (f.kind === 'therapy') return (rule.modalities ?? []).includes(f.modality);
    return false;
  });
}

export function contrastIndicationRule(rule: ContrastIndicationRule, ctx: RuleContext): RuleResult {
  const cpt = orderServiceCode(ctx);
  if (cpt === undefined) return { status: 'unknown', evidence: [], reason: 'the order carries no CPT code' };
  if (!rule.contrastCpt.includes(cpt)) {
    return {
      status: 'met',
      evidence: [orderCitation(ctx, `Order: CPT ${cpt}`)],
      reason: `CPT ${cpt} needs no separate indication for contrast`,
    };
  }
  const orderCodes = ctx.order.reasonIcd10.map(normaliseIcd10);
  const affirmed = indicationFacts(rule, ctx.facts, 'affirmed');
  const orderIndicated = (rule.icd10 ?? []).some((code) => orderCodes.some((c) => c.startsWith(normaliseIcd10(code))));
  if (affirmed.length > 0 || orderIndicated) {
    return {
      status: 'met',
      evidence: affirmed.map(citation),
      reason: `CPT ${cpt} (contrast): the record documents an indication for contrast`,
    };
  }
  const negated = indicationFacts(rule, ctx.facts, 'negated');
  if (negated.length > 0) {
    return {
      status: 'not_met',
      evidence: negated.map(citation),
      reason: `CPT ${cpt} is a contrast study; the record states indications for contrast absent and documents none: change the order to ${rule.plainCpt}`,
      request: `Change the order to CPT ${rule.plainCpt}, or document the indication for contrast`,
    };
  }
  return {
    status: 'unknown',
    evidence: [],
    reason: `CPT ${cpt} is a contrast study and the record names no indication for contrast`,
    request: `Document the indication for contrast (prior surgery, suspected infection, tumour or immunosuppression), or change the order to CPT ${rule.plainCpt}`,
  };
}
