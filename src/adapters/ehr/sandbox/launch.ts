// SMART launch context: the opaque `launch` ids the sandbox issues for an EHR launch, and the context bound to each
// grant at consent, which the token response (`patient`, `encounter`, `fhirContext`) and the access token carry.
import { randomBytes } from 'node:crypto';

export interface LaunchRequest {
  /** `Patient/123` or `123`. */
  patient: string;
  encounter?: string;
  /** The order under review: `ServiceRequest/…` (or another reference), returned in `fhirContext`. */
  order?: string;
}

export interface LaunchContext {
  /** Patient id (not a reference), as SMART's `patient` token response parameter. */
  patient?: string;
  encounter?: string;
  fhirContext?: { reference: string }[];
}

const LAUNCH_TTL_MS = 60 * 60 * 1000;

function idOf(reference: string, type: string): string {
  return reference.startsWith(`${type}/`) ? reference.slice(type.length + 1) : reference;
}

export class LaunchContexts {
  private readonly launches = new Map<string, { context: LaunchContext; expires: number }>();
  private readonly grants = new Map<string, LaunchContext>();

  issue(request: LaunchRequest): string {
    const launch = randomBytes(16).toString('base64url');
    const context: LaunchContext = {
      patient: idOf(request.patient, 'Patient'),
      ...(request.encounter ? { encounter: idOf(request.encounter, 'Encounter') } : {}),
      ...(request.order ? { fhirContext: [{ reference: request.order }] } : {}),
    };
    this.launches.set(launch, { context, expires: Date.now() + LAUNCH_TTL_MS });
    return launch;
  }

  launch(id: string): LaunchContext | undefined {
    const found = this.launches.get(id);
    if (found && found.expires > Date.now()) return found.context;
    this.launches.delete(id);
    return undefined;
  }

  bind(grantId: string, context: LaunchContext): void {
    this.grants.set(grantId, context);
  }

  forGrant(grantId: string | undefined): LaunchContext | undefined {
    return grantId === undefined ? undefined : this.grants.get(grantId);
  }
}

/** The SMART token response parameters for a context. */
export function tokenResponseParams(context: LaunchContext, styleUrl: string): Record<string, unknown> {
  return {
    ...context,
    ...(context.patient ? { need_patient_banner: true } : {}),
    smart_style_url: styleUrl,
  };
}
