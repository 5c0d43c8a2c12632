// From a parsed intake and its determination to the PAS request input: picks the parties PAS needs (payer, the
// requesting Organization or PractitionerRole) and the diagnoses, and says precisely what is missing when the
// intake cannot make a PAS request. The caller supplies what the clinical record does not hold: the submission
// identity and time, the FHIR base, and how the service is requested.
import type { Condition, Organization, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import type { Determination } from '../determination/determination.ts';
import { InvalidInputError, type Issue } from '../fhir/outcome.ts';
import { referenceOf, resolve } from '../fhir/record.ts';
import type { Intake } from '../intake/intake.ts';
import { practiceOrganization, practiceRole, type PracticeIdentity } from '../submission/practice.ts';
import type { PasRequestInput, PasServiceDetails, PasSubmission, TransmissionIdentifiers } from './request.ts';

export interface PasRequestOptions {
  submission: PasSubmission;
  fullUrlBase: string;
  service: PasServiceDetails;
  transmission?: TransmissionIdentifiers;
  /** Claim.provider, when the order's requester is not itself an Organization or PractitionerRole in the intake. */
  requester?: Organization | PractitionerRole;
  careTeam?: (Organization | PractitionerRole)[];
  /**
   * The practice's own identity (configuration): the organization a bare Practitioner requester acts for, and the
   * contact details a PractitionerRole must have (US Core pd-1) when the bundle's has none.
   */
  practice?: PracticeIdentity;
}

export function pasRequestInputFromIntake(
  intake: Intake,
  determination: Determination,
  options: PasRequestOptions,
): PasRequestInput {
  const issues: Issue[] = [];
  if (!intake.coverage) issues.push(missing('a Coverage: PAS sends the member id and the focal coverage'));
  if (!intake.payerOrganization) {
    issues.push(missing('the payer Organization the Coverage names: PAS needs the insurer as a resource'));
  }
  const chosen = options.requester ? { requester: options.requester } : requesterOf(intake, options.practice);
  const requester = chosen && withContact(chosen.requester, options.practice);
  if (!chosen) {
    issues.push(
      missing(
        "the requesting Organization or PractitionerRole: the order's requester is neither, no PractitionerRole " +
          "in the bundle names its Practitioner, and the practice's identity (name, NPI) is not configured",
      ),
    );
  } else if (!requester) {
    issues.push(
      missing(
        "contact details for the requesting PractitionerRole (US Core pd-1): add its telecom or configure the practice's phone",
      ),
    );
  }
  if (!intake.coverage || !intake.payerOrganization || !chosen || !requester) throw new InvalidInputError(issues);
  return {
    submission: options.submission,
    fullUrlBase: options.fullUrlBase,
    patient: intake.patient,
    coverage: intake.coverage,
    insurer: intake.payerOrganization,
    requester,
    ...(chosen.organization ? { requesterOrganization: chosen.organization } : {}),
    ...(options.careTeam ? { careTeam: options.careTeam } : {}),
    order: intake.order,
    orderCode: intake.orderCode,
    conditions: diagnosesFor(intake),
    notes: intake.record.notes,
    determination,
    resources: intake.record.byReference,
    service: options.service,
    ...(options.transmission ? { transmission: options.transmission } : {}),
  };
}

function missing(what: string): Issue {
  return { severity: 'error', code: 'required', message: `a PAS request needs ${what}` };
}

interface ChosenRequester {
  requester: Organization | PractitionerRole;
  /** The organization the requester acts for when it is not in the intake (the configured practice). */
  organization?: Organization;
}

/**
 * The order's requester when it can be Claim.provider; else, for a Practitioner, the PractitionerRole in the bundle
 * that names them, or them acting for the configured practice.
 */
function requesterOf(intake: Intake, practice: PracticeIdentity | undefined): ChosenRequester | undefined {
  const requester = resolve(intake.record, intake.order.requester?.reference);
  if (requester?.resourceType === 'Organization' || requester?.resourceType === 'PractitionerRole')
    return { requester };
  if (requester?.resourceType !== 'Practitioner') return undefined;
  const role = intake.record.resources.find(
    (resource): resource is PractitionerRole =>
      resource.resourceType === 'PractitionerRole' &&
      resolve(intake.record, resource.practitioner?.reference) === requester,
  );
  if (role) return { requester: role };
  return practice ? actingForPractice(requester, practice) : undefined;
}

function actingForPractice(practitioner: Practitioner, practice: PracticeIdentity): ChosenRequester {
  return { requester: practiceRole(practitioner, practice), organization: practiceOrganization(practice) };
}

/** A PractitionerRole must carry contact details (pd-1): the practice's phone when it has none; undefined if neither. */
function withContact(
  requester: Organization | PractitionerRole,
  practice: PracticeIdentity | undefined,
): Organization | PractitionerRole | undefined {
  if (requester.resourceType === 'Organization' || requester.telecom?.length || requester.endpoint?.length) {
    return requester;
  }
  if (!practice?.phone) return undefined;
  return { ...requester, telecom: [{ system: 'phone', value: practice.phone, use: 'work' }] };
}

const INACTIVE = new Set(['inactive', 'resolved', 'remission']);
const NOT_CONFIRMED = new Set(['entered-in-error', 'refuted']);

/** Current, not refuted conditions; the order's own reasons first, since the first diagnosis is the principal one. */
function diagnosesFor(intake: Intake): Condition[] {
  const current = intake.record.resources.filter(
    (resource): resource is Condition =>
      resource.resourceType === 'Condition' &&
      !resource.clinicalStatus?.coding?.some((c) => c.code !== undefined && INACTIVE.has(c.code)) &&
      !resource.verificationStatus?.coding?.some((c) => c.code !== undefined && NOT_CONFIRMED.has(c.code)),
  );
  const reasons = new Set(
    (intake.order.reasonReference ?? []).flatMap((reason) => {
      const target: Resource | undefined = resolve(intake.record, reason.reference);
      return target ? [referenceOf(target)] : [];
    }),
  );
  return [
    ...current.filter((condition) => reasons.has(referenceOf(condition))),
    ...current.filter((condition) => !reasons.has(referenceOf(condition))),
  ];
}
