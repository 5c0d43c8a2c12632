// What a rule sees when it is evaluated, and what it answers. Shared by the evaluator and the rule families
// (measures, drugs, Mohs) so that each family lives in its own file.
import type { Bundle, MedicationRequest, Resource, ServiceRequest } from '@medplum/fhirtypes';
import type { CriterionStatus, EvidenceCitation } from '../determination/determination.ts';
import { drugModality } from '../evidence/coded.ts';
import type { Fact } from '../evidence/fact.ts';

export interface RuleOrder {
  /** `ServiceRequest/id` or `MedicationRequest/id`. */
  reference: string;
  modifiers: string[];
  reasonIcd10: string[];
  /** `Condition/id` of the Conditions the order's reasonReference names. */
  reasonReferences?: string[];
  /** Free text of the order's reason and notes, lower-cased. */
  reasonText: string;
}

export interface RuleContext {
  /** The record's facts dated on or before the evaluation date. */
  facts: Fact[];
  order: RuleOrder;
  bundle: Bundle;
  asOf: string;
}

export interface RuleResult {
  status: CriterionStatus;
  evidence: EvidenceCitation[];
  reason?: string;
  /** A request more precise than the criterion's own, when the rule knows exactly what is missing. */
  request?: string;
  /** Unknown because the record raises it and contradicts it (contested-findings.ts), not because it is silent. */
  contested?: boolean;
  /** Unknown because the record raises it without establishing it ("possible, unconfirmed history of cancer"). */
  raisedUnsettled?: boolean;
}

/** The newest date among the facts (YYYY-MM-DD), or '' when none is dated: the record's latest word on something. */
export const newestDate = (facts: readonly Fact[]): string =>
  facts.reduce((d, f) => ((f.date ?? '') > d ? (f.date ?? '') : d), '');

export const citation = (fact: Fact): EvidenceCitation => ({
  reference: fact.source.reference,
  text: fact.source.text,
  ...(fact.source.start !== undefined ? { start: fact.source.start } : {}),
  ...(fact.source.end !== undefined ? { end: fact.source.end } : {}),
});

export const orderCitation = (ctx: RuleContext, text: string): EvidenceCitation => ({
  reference: ctx.order.reference,
  text,
});

/** The order resource itself, found in the bundle by its reference. */
export function orderResource(ctx: RuleContext): ServiceRequest | MedicationRequest | undefined {
  for (const entry of ctx.bundle.entry ?? []) {
    const resource: Resource | undefined = entry.resource;
    if (!resource || (resource.resourceType !== 'ServiceRequest' && resource.resourceType !== 'MedicationRequest'))
      continue;
    if (
      `${resource.resourceType}/${resource.id ?? ''}` === ctx.order.reference ||
      entry.fullUrl === ctx.order.reference
    )
      return resource;
  }
  return undefined;
}

/** The CPT/HCPCS code of a ServiceRequest order. */
export function orderServiceCode(ctx: RuleContext): string | undefined {
  const order = orderResource(ctx);
  if (order?.resourceType !== 'ServiceRequest') return undefined;
  return order.code?.coding?.find((c) => c.code && /^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/.test(c.code))?.code;
}

/** The ingredient of a drug order (`dupilumab`), from its display words. */
export function orderedAgent(ctx: RuleContext): string | undefined {
  const order = orderResource(ctx);
  if (order?.resourceType !== 'MedicationRequest') return undefined;
  const concept = order.medicationCodeableConcept;
  const display = [concept?.text, ...(concept?.coding ?? []).map((c) => c.display)].filter(Boolean).join(' ');
  // An order coded without words is still the drug its own fact names (read from the code at intake).
  if (display) {
    const agent = drugModality(display)?.agent;
    if (agent) return agent;
  }
  for (const f of ctx.facts) if (f.kind === 'therapy' && f.source.reference === ctx.order.reference) return f.agent;
  return undefined;
}

/** True when a fact comes from the order under review (a pending drug order is not therapy already received). */
export const fromOrder = (fact: Fact, ctx: RuleContext): boolean => fact.source.reference === ctx.order.reference;
