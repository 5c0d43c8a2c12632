// What the appeal documents read from the intake bundle: who the patient and the ordering clinician are, the
// member id, the payer's address as the record gives it, and for each cited resource a label and the date it
// speaks for (a note's date, a condition's onset, an observation's effective time), so that every quote in a
// letter carries its source and date.
import type { Bundle, HumanName, Identifier, Reference, Resource } from '@medplum/fhirtypes';

export interface RecordParties {
  patient: { name?: string; birthDate?: string; memberId?: string };
  clinician: { name?: string; npi?: string };
  /** The payer Organization's name and address lines as the Coverage names it. */
  payer: { name?: string; addressLines: string[] };
}

export interface CitationSource {
  /** A readable label: the note's title or the resource type. */
  label: string;
  /** YYYY-MM-DD, when the resource carries one. */
  date?: string;
}

const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

/** The resources of a bundle by `Type/id`. */
export function resourcesOf(bundle: Bundle | undefined): Map<string, Resource> {
  const byReference = new Map<string, Resource>();
  for (const entry of bundle?.entry ?? []) {
    const resource = entry.resource;
    if (resource?.id) byReference.set(`${resource.resourceType}/${resource.id}`, resource);
    if (resource && entry.fullUrl) byReference.set(entry.fullUrl, resource);
  }
  return byReference;
}

const resolve = (resources: Map<string, Resource>, reference: Reference | undefined): Resource | undefined =>
  reference?.reference ? resources.get(reference.reference) : undefined;

export function nameText(names: readonly HumanName[] | undefined): string | undefined {
  const name = names?.[0];
  if (!name) return undefined;
  const text = name.text ?? [...(name.prefix ?? []), ...(name.given ?? []), name.family].filter(Boolean).join(' ');
  return text || undefined;
}

const npiOf = (identifiers: readonly Identifier[] | undefined): string | undefined =>
  identifiers?.find((i) => i.system === NPI_SYSTEM)?.value;

/** The parties of the order `orderReference` (`Type/id`) in its intake bundle. */
export function recordParties(bundle: Bundle | undefined, orderReference: string | undefined): RecordParties {
  const resources = resourcesOf(bundle);
  const all = [...new Set(resources.values())];
  const patient = all.find((r) => r.resourceType === 'Patient');
  const coverage = all.find((r) => r.resourceType === 'Coverage');
  const order = orderReference ? resources.get(orderReference) : undefined;
  const requester = order && 'requester' in order ? resolve(resources, order.requester) : undefined;
  const practitioner =
    requester?.resourceType === 'PractitionerRole' ? resolve(resources, requester.practitioner) : requester;
  const payerOrganization = coverage?.resourceType === 'Coverage' ? resolve(resources, coverage.payor?.[0]) : undefined;
  const address = payerOrganization?.resourceType === 'Organization' ? payerOrganization.address?.[0] : undefined;
  const cityLine = address
    ? [address.city, [address.state, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')
    : '';
  return {
    patient: {
      ...(patient?.resourceType === 'Patient' && nameText(patient.name) ? { name: nameText(patient.name) } : {}),
      ...(patient?.resourceType === 'Patient' && patient.birthDate ? { birthDate: patient.birthDate } : {}),
      ...(coverage?.resourceType === 'Coverage' && coverage.subscriberId ? { memberId: coverage.subscriberId } : {}),
    },
    clinician: clinicianOf(practitioner, requester),
    payer: {
      ...(payerOrganization?.resourceType === 'Organization' && payerOrganization.name
        ? { name: payerOrganization.name }
        : {}),
      addressLines: [...(address?.line ?? []), ...(cityLine ? [cityLine] : [])],
    },
  };
}

/** The ordering clinician: a Practitioner's name and NPI, else what its PractitionerRole or Organization gives. */
function clinicianOf(practitioner: Resource | undefined, requester: Resource | undefined): RecordParties['clinician'] {
  const name =
    practitioner?.resourceType === 'Practitioner'
      ? nameText(practitioner.name)
      : requester?.resourceType === 'Organization'
        ? requester.name
        : undefined;
  const npi =
    (practitioner?.resourceType === 'Practitioner' ? npiOf(practitioner.identifier) : undefined) ??
    (requester?.resourceType === 'PractitionerRole' || requester?.resourceType === 'Organization'
      ? npiOf(requester.identifier)
      : undefined);
  return { ...(name ? { name } : {}), ...(npi ? { npi } : {}) };
}

const day = (value: string | undefined): string | undefined => value?.slice(0, 10);

/** The date a resource speaks for, by its type's clinical date element. */
function dateOf(resource: Resource): string | undefined {
  switch (resource.resourceType) {
    case 'DocumentReference':
      return day(resource.context?.period?.start ?? resource.date);
    case 'Condition':
      return day(resource.onsetDateTime ?? resource.onsetPeriod?.start ?? resource.recordedDate);
    case 'Observation':
      return day(resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.issued);
    case 'Procedure':
      return day(resource.performedDateTime ?? resource.performedPeriod?.start);
    case 'MedicationRequest':
    case 'ServiceRequest':
      return day(resource.authoredOn);
    case 'MedicationStatement':
      return day(resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.dateAsserted);
    case 'Encounter':
      return day(resource.period?.start);
    case 'DiagnosticReport':
      return day(resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.issued);
    case 'ImagingStudy':
      return day(resource.started);
    case 'QuestionnaireResponse':
      return day(resource.authored);
    default:
      return undefined;
  }
}

/** A readable name for a cited resource: a note's title or type, else its resource type. */
function labelOf(resource: Resource): string {
  if (resource.resourceType === 'DocumentReference') {
    const title = resource.description ?? resource.content[0]?.attachment.title ?? resource.type?.text;
    return title ? `clinical note "${title}"` : 'clinical note';
  }
  if (resource.resourceType === 'QuestionnaireResponse') return 'documentation questionnaire answers';
  return resource.resourceType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The label and date of each cited reference found in the bundle; a reference not in it keeps its own text. */
export function citationSources(bundle: Bundle | undefined): (reference: string) => CitationSource {
  const resources = resourcesOf(bundle);
  return (reference) => {
    const resource = resources.get(reference);
    if (!resource) return { label: reference };
    const date = dateOf(resource);
    return { label: labelOf(resource), ...(date ? { date } : {}) };
  };
}
