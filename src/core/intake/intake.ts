// Intake: turns a submitted FHIR Bundle into the parts a determination needs (patient, coverage, payer, the order,
// the clinical record), or rejects it with every problem found, each naming the entry and field. Nothing is
// stored unless this succeeds.
import type {
  Bundle,
  Coverage,
  MedicationRequest,
  Organization,
  Patient,
  Reference,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { CPT_SYSTEMS, HCPCS_SYSTEMS, SYSTEMS } from '../evidence/codesets.ts';
import { buildRecord, referenceOf, type ClinicalRecord, type IntakeWarning } from '../fhir/record.ts';
import { InvalidInputError, type Issue } from '../fhir/outcome.ts';
import { checkStructure, withoutEmptyValues } from '../fhir/validate.ts';
import { tolerateDayInstants } from './day-instants.ts';
import { DRUG_INGREDIENT_SYSTEM, libraryDrugIn } from './drug-table.ts';

export type Order = ServiceRequest | MedicationRequest;

export interface OrderCode {
  system: string;
  code: string;
  display: string;
  /** CPT/HCPCS modifiers (e.g. PI/PS for PET) from ServiceRequest.orderDetail. */
  modifiers: string[];
  kind: 'service' | 'drug';
}

export interface Intake {
  bundle: Bundle;
  patient: Patient;
  order: Order;
  orderCode: OrderCode;
  coverage?: Coverage;
  /** The payer Organization the Coverage names, when it is in the bundle. */
  payerOrganization?: Organization;
  /** The payer's name as the Coverage states it (Organization.name or payor.display). */
  payerName?: string;
  record: ClinicalRecord;
}

export interface IntakeOptions {
  /** `ResourceType/id` of the order to evaluate when the bundle holds several. */
  orderReference?: string;
}

/** What an EHR export sends. Search results, histories, responses and notifications are not a patient's record. */
const BUNDLE_TYPES = ['collection', 'document', 'transaction', 'batch'];
const MODIFIER_SYSTEMS = new Set(['http://www.ama-assn.org/go/cpt-modifier', 'urn:oid:2.16.840.1.113883.6.12']);
const DRUG_SYSTEMS = new Set<string>([SYSTEMS.rxnorm, SYSTEMS.ndc]);
const PATIENT_LINKS = ['subject', 'patient', 'beneficiary'] as const;

export function parseIntake(input: unknown, options: IntakeOptions = {}): Intake {
  const bundle = checkBundleShell(input);
  const issues: Issue[] = [];
  const entries = bundle.entry ?? [];
  const seen = new Map<string, number>();
  const tolerated: IntakeWarning[] = [];
  const withEmpties = new Set<object>();
  entries.forEach((entry, index) => {
    const location = `Bundle.entry[${index}]`;
    // Typed as an entry, but it is whatever JSON arrived.
    const json: unknown = entry;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      issues.push({ severity: 'error', code: 'structure', message: 'entry is not a JSON object', location });
      return;
    }
    const resource = entry.resource;
    if (!resource || typeof resource !== 'object' || typeof resource.resourceType !== 'string') {
      issues.push({ severity: 'error', code: 'required', message: 'entry has no resource', location });
      return;
    }
    if (!resource.id && !entry.fullUrl) {
      issues.push({
        severity: 'error',
        code: 'required',
        message: `${resource.resourceType} has neither an id nor a fullUrl, so nothing can reference it`,
        location: `${location}.resource.id`,
      });
    }
    for (const key of [resource.id ? referenceOf(resource) : undefined, entry.fullUrl]) {
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({
          severity: 'error',
          code: 'duplicate',
          message: `${key} appears twice (also at Bundle.entry[${first}])`,
          location,
        });
      } else seen.set(key, index);
    }
    const { issues: structural, empties } = checkStructure(resource, `${location}.resource`);
    if (empties) withEmpties.add(resource);
    const { errors, warnings } = tolerateDayInstants(resource, `${location}.resource`, structural);
    issues.push(...errors);
    tolerated.push(...warnings);
  });
  if (issues.length > 0) throw new InvalidInputError(issues);
  // `"reference": {}` passes the structural check (an empty object reads as absent there), but is no reference.
  entries.forEach((entry, index) => {
    const resource = entry.resource as unknown as Record<string, unknown>;
    for (const link of PATIENT_LINKS) {
      const ref: unknown = (resource[link] as Reference | undefined)?.reference;
      if (ref !== undefined && typeof ref !== 'string') {
        issues.push({
          severity: 'error',
          code: 'invalid',
          message: `${link}.reference must be a string`,
          location: `Bundle.entry[${index}].resource.${link}.reference`,
        });
      }
    }
  });
  if (issues.length > 0) throw new InvalidInputError(issues);
  // Everything after the structural check reads the resources as it did: empty values absent.
  for (const entry of entries) {
    if (entry.resource && withEmpties.has(entry.resource)) entry.resource = withoutEmptyValues(entry.resource);
  }

  const resources = entries.map((entry) => entry.resource as Resource);
  const patients = resources.filter((r): r is Patient => r.resourceType === 'Patient');
  if (patients.length !== 1) {
    throw new InvalidInputError([
      {
        severity: 'error',
        code: patients.length === 0 ? 'required' : 'invalid',
        message:
          patients.length === 0
            ? 'the bundle has no Patient: a case is for exactly one patient'
            : `the bundle has ${patients.length} Patient resources: a case is for exactly one patient`,
        location: 'Bundle.entry',
      },
    ]);
  }
  const patient = patients[0] as Patient;
  const record = buildRecord(bundle, patient);
  record.warnings.push(...tolerated);

  // Every resource that names a patient must name this one: a bundle mixing patients is a privacy incident waiting.
  entries.forEach((entry, index) => {
    const resource = entry.resource as unknown as Record<string, unknown>;
    for (const link of PATIENT_LINKS) {
      const ref: unknown = (resource[link] as Reference | undefined)?.reference;
      if (typeof ref !== 'string') continue;
      const target = record.byReference.get(ref);
      if (target === patient) continue;
      // Conditional or external references (`Patient?identifier=…`) are not checked: only literal ones can be.
      if (target === undefined && !ref.startsWith('Patient/') && !ref.startsWith('urn:')) continue;
      issues.push({
        severity: 'error',
        code: target === undefined ? 'not-found' : 'invalid',
        message:
          target === undefined
            ? `${link} reference ${ref} does not resolve within the bundle`
            : `${link} references ${ref}, which is not the bundle's Patient`,
        location: `Bundle.entry[${index}].resource.${link}`,
      });
    }
  });
  if (issues.length > 0) throw new InvalidInputError(issues);

  const { order, orderIndex } = selectOrder(bundle, options.orderReference);
  const { orderCode, readFromText } = readOrderCode(order, orderIndex);
  if (readFromText) {
    record.warnings.push({
      reference: referenceOf(order),
      message: `the order names no RxNorm code: read as ${orderCode.display} from its text`,
    });
  }
  const coverage = selectCoverage(bundle, record, order, issues);
  if (issues.length > 0) throw new InvalidInputError(issues);
  if (!coverage) record.warnings.push({ reference: 'Bundle', message: noCoverageAdvice(bundle) });

  const payorRef = coverage?.payor[0];
  const payerResource = record.byReference.get(payorRef?.reference ?? '');
  const payerOrganization = payerResource?.resourceType === 'Organization' ? payerResource : undefined;
  const payerName = payerOrganization?.name ?? payorRef?.display;
  return {
    bundle,
    patient,
    order,
    orderCode,
    ...(coverage ? { coverage } : {}),
    ...(payerOrganization ? { payerOrganization } : {}),
    ...(payerName ? { payerName } : {}),
    record,
  };
}

function checkBundleShell(input: unknown): Bundle {
  const fail = (message: string, location?: string): never => {
    throw new InvalidInputError([{ severity: 'error', code: 'structure', message, ...(location ? { location } : {}) }]);
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return fail('the body must be a FHIR Bundle JSON object');
  }
  const bundle = input as { resourceType?: unknown; type?: unknown; entry?: unknown };
  if (bundle.resourceType !== 'Bundle') {
    return fail(
      `expected resourceType 'Bundle', got ${typeof bundle.resourceType === 'string' ? `'${bundle.resourceType}'` : 'none'}`,
      'Bundle.resourceType',
    );
  }
  if (typeof bundle.type !== 'string' || !BUNDLE_TYPES.includes(bundle.type)) {
    return fail(
      `Bundle.type must be ${BUNDLE_TYPES.slice(0, -1).join(', ')} or ${BUNDLE_TYPES.at(-1) ?? ''} (got ${typeof bundle.type === 'string' ? `'${bundle.type}'` : 'none'})`,
      'Bundle.type',
    );
  }
  if (!Array.isArray(bundle.entry) || bundle.entry.length === 0) {
    return fail('the Bundle has no entries', 'Bundle.entry');
  }
  return input as Bundle;
}

/** A MedicationRequest is the order under review only while active or draft; past prescriptions are history. */
function isPendingDrugOrder(resource: Resource): resource is MedicationRequest {
  return (
    resource.resourceType === 'MedicationRequest' &&
    resource.intent === 'order' &&
    (resource.status === 'active' || resource.status === 'draft' || resource.status === 'on-hold')
  );
}

function selectOrder(bundle: Bundle, orderReference: string | undefined): { order: Order; orderIndex: number } {
  const entries = bundle.entry ?? [];
  if (orderReference !== undefined) {
    const index = entries.findIndex(
      (e) => e.resource && (referenceOf(e.resource) === orderReference || e.fullUrl === orderReference),
    );
    const resource = entries[index]?.resource;
    if (!resource) {
      throw new InvalidInputError([
        { severity: 'error', code: 'not-found', message: `the order ${orderReference} is not in the bundle` },
      ]);
    }
    if (resource.resourceType !== 'ServiceRequest' && resource.resourceType !== 'MedicationRequest') {
      throw new InvalidInputError([
        {
          severity: 'error',
          code: 'invalid',
          message: `${orderReference} is a ${resource.resourceType}, not a ServiceRequest or MedicationRequest`,
          location: `Bundle.entry[${index}].resource`,
        },
      ]);
    }
    return { order: resource, orderIndex: index };
  }
  // Without --order: the ServiceRequests, or else the pending MedicationRequests (past prescriptions are history).
  const serviceRequests = entries.flatMap((e, i) =>
    e.resource?.resourceType === 'ServiceRequest' &&
    e.resource.status !== 'completed' &&
    e.resource.status !== 'revoked'
      ? [{ order: e.resource, orderIndex: i }]
      : [],
  );
  const candidates =
    serviceRequests.length > 0
      ? serviceRequests
      : entries.flatMap((e, i) =>
          e.resource && isPendingDrugOrder(e.resource) ? [{ order: e.resource, orderIndex: i }] : [],
        );
  if (candidates.length === 0) {
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'required',
        message:
          'the bundle has no order: add an active ServiceRequest coded in CPT or HCPCS, or an active ' +
          'MedicationRequest (intent order) coded in RxNorm or NDC or naming the drug in its text',
        location: 'Bundle.entry',
      },
    ]);
  }
  if (candidates.length > 1) {
    const refs = candidates.map((c) => referenceOf(c.order)).join(', ');
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'invalid',
        message: `the bundle has ${candidates.length} orders (${refs}): choose one with --order or ?order=`,
        location: 'Bundle.entry',
      },
    ]);
  }
  return candidates[0] as { order: Order; orderIndex: number };
}

/** The order's code; `readFromText` when a drug order had no RxNorm or NDC coding and its text named the drug. */
function readOrderCode(order: Order, index: number): { orderCode: OrderCode; readFromText: boolean } {
  const location = `Bundle.entry[${index}].resource`;
  if (order.resourceType === 'ServiceRequest') {
    const coding = order.code?.coding?.find(
      (c) => c.system !== undefined && (CPT_SYSTEMS.has(c.system) || HCPCS_SYSTEMS.has(c.system)) && c.code,
    );
    if (!coding?.code || !coding.system) {
      throw new InvalidInputError([
        {
          severity: 'error',
          code: 'required',
          message: `ServiceRequest.code has no CPT (${[...CPT_SYSTEMS][0] ?? ''}) or HCPCS coding`,
          location: `${location}.code`,
        },
      ]);
    }
    if (!/^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/.test(coding.code)) {
      throw new InvalidInputError([
        {
          severity: 'error',
          code: 'value',
          message: `'${coding.code}' is not a well-formed CPT or HCPCS Level II code`,
          location: `${location}.code.coding`,
        },
      ]);
    }
    const modifiers = (order.orderDetail ?? []).flatMap((detail) =>
      (detail.coding ?? [])
        .filter((c) => c.system && MODIFIER_SYSTEMS.has(c.system) && c.code)
        .map((c) => c.code ?? ''),
    );
    const orderCode: OrderCode = {
      system: CPT_SYSTEMS.has(coding.system) ? SYSTEMS.cpt : SYSTEMS.hcpcs,
      code: coding.code,
      display: coding.display ?? order.code?.text ?? coding.code,
      modifiers,
      kind: 'service',
    };
    return { orderCode, readFromText: false };
  }
  const medication = order.medicationCodeableConcept;
  const coding = medication?.coding?.find((c) => c.system !== undefined && DRUG_SYSTEMS.has(c.system) && c.code);
  if (coding?.code && coding.system) {
    const display = coding.display ?? medication?.text ?? coding.code;
    // An NDC or a branded product code names the drug by brand ("Dupixent 200 mg/1.14 mL"): the library matches
    // drug orders by ingredient, so the ingredient the words name is written beside it.
    const words = [display, medication?.text].filter(Boolean).join(' ');
    const ingredient = libraryDrugIn(words)?.ingredient;
    const orderCode: OrderCode = {
      system: coding.system,
      code: coding.code,
      display:
        ingredient !== undefined && !display.toLowerCase().includes(ingredient.toLowerCase())
          ? `${display} (${ingredient})`
          : display,
      modifiers: [],
      kind: 'drug',
    };
    return { orderCode, readFromText: false };
  }
  return { orderCode: drugFromText(order, `${location}.medicationCodeableConcept`), readFromText: true };
}

/**
 * EHR exports often name the drug only in text ('Skyrizi 150 mg/mL pen'). A drug of the policy library is read as
 * its ingredient: coded in RxNorm where the ingredient concept is on file, else under Klivira's own system, with the
 * ingredient as display (the library matches drug orders by ingredient words).
 */
function drugFromText(order: MedicationRequest, location: string): OrderCode {
  const medication = order.medicationCodeableConcept;
  const text = [medication?.text, ...(medication?.coding ?? []).map((c) => c.display)].filter(Boolean).join(' ');
  const drug = libraryDrugIn(text);
  if (!drug) {
    throw new InvalidInputError([
      {
        severity: 'error',
        code: 'required',
        message:
          'MedicationRequest.medicationCodeableConcept has no RxNorm or NDC coding and its text names none of the ' +
          `drugs of the policy library: add a coding with system ${SYSTEMS.rxnorm} (or ${SYSTEMS.ndc})`,
        location,
      },
    ]);
  }
  return {
    system: drug.rxcui === undefined ? DRUG_INGREDIENT_SYSTEM : SYSTEMS.rxnorm,
    code: drug.rxcui ?? drug.ingredient,
    display: drug.ingredient,
    modifiers: [],
    kind: 'drug',
  };
}

/** What to add when no Coverage was chosen: there is none, or several and the order names none of them. */
function noCoverageAdvice(bundle: Bundle): string {
  const count = (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Coverage').length;
  return count === 0
    ? "the bundle has no Coverage: add the patient's Coverage with its payor Organization (name and payer id)"
    : `the bundle has ${String(count)} Coverages and none is clearly the one in force: name it in the order's insurance`;
}

/** Of several active Coverages, the one whose `order` ranks it first (1 = primary), when exactly one does. */
function primaryOf(active: readonly Coverage[]): Coverage | undefined {
  const ranked = active.filter((c) => c.order !== undefined);
  const first = Math.min(...ranked.map((c) => c.order ?? Infinity));
  const primary = ranked.filter((c) => c.order === first);
  return primary.length === 1 ? primary[0] : undefined;
}

/** The Coverage the order names (`insurance`), else the bundle's only active Coverage, else the active one ranked
 * primary by its `order`; absent is allowed. */
function selectCoverage(bundle: Bundle, record: ClinicalRecord, order: Order, issues: Issue[]): Coverage | undefined {
  const entries = bundle.entry ?? [];
  const named = order.insurance?.[0]?.reference;
  let coverage: Coverage | undefined;
  if (named !== undefined) {
    const resource = record.byReference.get(named);
    if (resource?.resourceType !== 'Coverage') {
      issues.push({
        severity: 'error',
        code: 'not-found',
        message: `the order's insurance reference ${named} does not resolve to a Coverage in the bundle`,
        location: `Bundle.entry[${entries.findIndex((e) => e.resource === order)}].resource.insurance[0]`,
      });
      return undefined;
    }
    coverage = resource;
  } else {
    const coverages = entries.flatMap((e) => (e.resource?.resourceType === 'Coverage' ? [e.resource] : []));
    const active = coverages.filter((c) => c.status === 'active');
    coverage = active.length === 1 ? active[0] : coverages.length === 1 ? coverages[0] : primaryOf(active);
  }
  if (!coverage) return undefined;
  const index = entries.findIndex((e) => e.resource === coverage);
  const payor = coverage.payor[0];
  const payerResource = record.byReference.get(payor?.reference ?? '');
  if (payerResource === undefined && !payor?.display) {
    issues.push({
      severity: 'error',
      code: 'not-found',
      message: `Coverage.payor must reference an Organization in the bundle or give the payer's name as display (got ${payor?.reference ?? 'nothing'})`,
      location: `Bundle.entry[${index}].resource.payor[0]`,
    });
  } else if (payerResource !== undefined && payerResource.resourceType !== 'Organization') {
    issues.push({
      severity: 'error',
      code: 'invalid',
      message: `Coverage.payor references a ${payerResource.resourceType}; the payer must be an Organization`,
      location: `Bundle.entry[${index}].resource.payor[0]`,
    });
  }
  return coverage;
}
