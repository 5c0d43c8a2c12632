// From an accepted intake to a Determination: resolve the payer, find the governing policy, extract the facts,
// evaluate the criteria. Pure: the caller passes today's date and the policy library.
import type { CodeableConcept } from '@medplum/fhirtypes';
import type { CoverageLibrary } from '../coverage/directory.ts';
import { discoverCoverage } from '../coverage/discovery.ts';
import { resolvePayer } from '../coverage/payer.ts';
import { icd10Of } from '../evidence/coded.ts';
import { extractFacts } from '../evidence/extract.ts';
import type { Fact } from '../evidence/fact.ts';
import { referenceOf, resolve } from '../fhir/record.ts';
import type { Intake } from '../intake/intake.ts';
import { evaluatePolicy } from '../policy/evaluate.ts';
import type { RuleOrder } from '../policy/rule-context.ts';
import { invalidCodeWarnings } from '../policy/code-checks.ts';
import { selectPolicy, type PolicyLibrary } from '../policy/library.ts';
import { assessDenialRisk } from '../risk/risk.ts';
import type { Determination } from './determination.ts';
import { awaitedResult } from './order-contingency.ts';
import { checkPayerPatterns } from './payer-patterns.ts';

export interface DetermineOptions {
  /** Evaluation date (YYYY-MM-DD); defaults to the order's authoredOn date, else `today`. */
  asOf?: string;
  today: string;
  /** When the payer received the request (ISO date-time with a zone): dates the decision deadline. */
  receivedAt?: string;
  /** Facts from outside the record, e.g. a clinician's QuestionnaireResponse answers, evaluated with the record's. */
  extraFacts?: readonly Fact[];
}

export interface DeterminationWithFacts {
  determination: Determination;
  facts: Fact[];
  /** A guideline stood in for a payer known to require prior authorization: what of the payer's is missing. */
  payerCriteriaMissing?: string;
}

/** The evaluation date: `--as-of`, else the order's authoredOn, else today. */
export function evaluationDate(intake: Intake, options: DetermineOptions): string {
  return options.asOf ?? intake.order.authoredOn?.slice(0, 10) ?? options.today;
}

/** The determination with coverage discovery (reviewer, channels, benefit, deadline) and the denial risk. */
export function determine(
  intake: Intake,
  library: PolicyLibrary & CoverageLibrary,
  options: DetermineOptions,
): DeterminationWithFacts {
  const result = evaluateCase(intake, library, options);
  const d = result.determination;
  const policy = d.policy
    ? library.policies.find((p) => p.id === d.policy?.id && p.version === d.policy.version)
    : undefined;
  const denialRisk = assessDenialRisk({
    determination: d,
    ...(policy ? { policy } : {}),
    facts: result.facts,
    ...(result.payerCriteriaMissing ? { payerCriteriaMissing: result.payerCriteriaMissing } : {}),
  });
  if (!intake.coverage || !library.coverage) return { ...result, determination: { ...d, denialRisk } };
  const payer = resolvePayer(library.payers, intake.coverage, intake.payerOrganization, intake.payerName);
  const { coverage, notes } = discoverCoverage(library.coverage, {
    payer,
    order: intake.orderCode,
    ...(intake.order.priority ? { priority: intake.order.priority } : {}),
    ...(options.receivedAt ? { receivedAt: options.receivedAt } : {}),
    asOf: d.asOf,
  });
  // No prior authorization, no decision clock: the reviewer and channels still say where questions go.
  const { deadline, ...rest } = coverage;
  const discovered = d.paRequired === false || !deadline ? rest : { ...rest, deadline };
  const warnings = d.paRequired === false ? d.warnings : [...d.warnings, ...notes];
  return { ...result, determination: { ...d, warnings, coverage: discovered, denialRisk } };
}

function evaluateCase(intake: Intake, library: PolicyLibrary, options: DetermineOptions): DeterminationWithFacts {
  const asOf = evaluationDate(intake, options);
  const payer = resolvePayer(library.payers, intake.coverage, intake.payerOrganization, intake.payerName);
  const { system, code, display } = intake.orderCode;
  const warnings = intake.record.warnings.map((w) => `${w.reference}: ${w.message}`);
  const facts = [
    ...extractFacts(intake.record, asOf, { orderReference: referenceOf(intake.order) }),
    ...(options.extraFacts ?? []),
  ];
  const reasonIcd10 = (intake.order.reasonCode ?? []).flatMap((r) => icd10Of(r));
  warnings.push(...invalidCodeWarnings(referenceOf(intake.order), reasonIcd10, facts, asOf));
  const base = {
    order: { system, code, display },
    payer: { id: payer.id ?? 'unknown', name: payer.name, lineOfBusiness: payer.lineOfBusiness },
    asOf,
  };

  const noPolicy = (reason: string): DeterminationWithFacts => ({
    facts,
    determination: {
      ...base,
      determination: 'no_policy',
      paRequired: 'unknown',
      policy: null,
      criteria: [],
      missingDocumentation: [],
      warnings: [...warnings, reason],
    },
  });
  if (!intake.coverage)
    return noPolicy('the order has no Coverage: the payer, and so the policy, cannot be determined');

  const selection = selectPolicy(library, payer, intake.orderCode, asOf);
  const policy = selection.policy;
  if (!policy) return noPolicy(selection.reason);

  const paRequired = policy.priorAuth === 'required' ? true : policy.priorAuth === 'not_required' ? false : 'unknown';
  const policySummary = {
    id: policy.id,
    version: policy.version,
    title: policy.title,
    source: [policy.source.name, policy.source.number, policy.source.url].filter(Boolean).join(' — '),
  };
  if (selection.fallback || selection.familyMember || selection.nearestVersion || selection.assumedLine)
    warnings.push(selection.reason);
  if (!policy.criteria && paRequired === false) {
    return {
      facts,
      determination: {
        ...base,
        determination: 'not_required',
        paRequired,
        policy: policySummary,
        criteria: [],
        missingDocumentation: [],
        warnings,
      },
    };
  }
  const order = orderContext(intake);
  const result = evaluatePolicy({ policy, facts, order, bundle: intake.bundle, asOf });
  // A guideline's "meets" is not the payer's when the payer requires PA: the patterns payers share decide.
  const patterns =
    selection.fallback && result.outcome === 'meets'
      ? checkPayerPatterns({ library, payer, guideline: policy, facts, order, bundle: intake.bundle, asOf })
      : undefined;
  const payerCriteriaMissing = patterns?.caution;
  if (payerCriteriaMissing) warnings.push(payerCriteriaMissing);
  if (patterns?.missing) {
    result.outcome = 'insufficient_documentation';
    result.missingDocumentation = [...result.missingDocumentation, patterns.missing];
  }
  const awaited = result.outcome === 'meets' ? awaitedResult(facts) : undefined;
  if (awaited) {
    result.outcome = 'insufficient_documentation';
    result.missingDocumentation = [...result.missingDocumentation, awaited.missing];
    warnings.push(awaited.warning);
  }
  return {
    facts,
    ...(payerCriteriaMissing ? { payerCriteriaMissing } : {}),
    determination: {
      ...base,
      determination: result.outcome,
      paRequired,
      policy: policySummary,
      criteria: result.criteria,
      missingDocumentation: result.missingDocumentation,
      warnings,
    },
  };
}

/** The words an order's own name adds to its code ("… - subsequent treatment strategy (PS)"), if any. */
function orderedName(code: CodeableConcept | undefined): string | undefined {
  const text = code?.text;
  if (text === undefined) return undefined;
  const displays = (code?.coding ?? []).map((c) => (c.display ?? '').toLowerCase());
  return displays.includes(text.toLowerCase()) ? undefined : text;
}

function orderContext(intake: Intake): RuleOrder {
  const order = intake.order;
  const reasons = order.reasonCode ?? [];
  const notes = (order.note ?? []).map((n) => n.text);
  const texts = [
    ...reasons.flatMap((r) => [r.text, ...(r.coding ?? []).map((c) => c.display)]),
    ...notes,
    order.resourceType === 'ServiceRequest' ? order.patientInstruction : undefined,
    // "Whole-body FDG PET/CT, baseline": the order's details say what it is for as often as its reason does, and so
    // may the order's own name ("FDG PET/CT whole body - subsequent treatment strategy (PS)").
    ...(order.resourceType === 'ServiceRequest' ? (order.orderDetail ?? []) : []).flatMap((d) => [
      d.text,
      ...(d.coding ?? []).map((c) => c.display),
    ]),
    order.resourceType === 'ServiceRequest' ? orderedName(order.code) : undefined,
  ];
  const conditions = (order.reasonReference ?? []).flatMap((r) => {
    const target = resolve(intake.record, r.reference);
    return target?.resourceType === 'Condition' ? [referenceOf(target)] : [];
  });
  return {
    reference: referenceOf(order),
    modifiers: intake.orderCode.modifiers,
    reasonIcd10: reasons.flatMap((r) => icd10Of(r)),
    ...(conditions.length > 0 ? { reasonReferences: conditions } : {}),
    reasonText: texts
      .filter((t): t is string => typeof t === 'string')
      .join(' \n ')
      .toLowerCase(),
  };
}
