// What a SMART token response says about the launch: the patient, the encounter, the order in fhirContext, and the
// user (the id_token's fhirUser claim), who becomes the case's actor.
import { decodeJwt } from 'jose';
import type { TokenGrant } from '../pull/token-endpoint.ts';

export interface LaunchContext {
  patient: string;
  encounter?: string;
  /** `ServiceRequest/…` or `MedicationRequest/…` from fhirContext, when the EHR launched for an order. */
  order?: string;
  /** The user, as the EHR names them (`…/Practitioner/123`); undefined without an id_token. */
  fhirUser?: string;
}

const ORDER = /^(ServiceRequest|MedicationRequest)\/[A-Za-z0-9\-.]{1,64}$/;

/** The id_token's fhirUser. Not verified here: it came straight from the token endpoint over the channel the
 * token exchange trusts (OpenID Connect Core 3.1.3.7), and it only names the actor, it grants nothing. */
function fhirUserOf(idToken: string | undefined): string | undefined {
  if (!idToken) return undefined;
  try {
    const claim = decodeJwt(idToken).fhirUser;
    return typeof claim === 'string' ? claim : undefined;
  } catch {
    return undefined;
  }
}

export function launchContextOf(grant: TokenGrant): LaunchContext | undefined {
  if (typeof grant.patient !== 'string' || grant.patient === '') return undefined;
  const order = grant.fhirContext?.find((c) => typeof c.reference === 'string' && ORDER.test(c.reference))?.reference;
  const fhirUser = fhirUserOf(grant.id_token);
  return {
    patient: grant.patient,
    ...(grant.encounter ? { encounter: grant.encounter } : {}),
    ...(order ? { order } : {}),
    ...(fhirUser ? { fhirUser } : {}),
  };
}
