// The sandbox's discovery documents: the FHIR CapabilityStatement (with the SMART security extension) and the
// SMART configuration at `<fhirBase>/.well-known/smart-configuration`.
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { LAUNCH_SCOPES } from './auth-server.ts';

export interface AuthEndpoints {
  issuer: string;
  authorize: string;
  token: string;
  jwks: string;
  introspect?: string;
}

export function endpointsOf(issuer: string): AuthEndpoints {
  return { issuer, authorize: `${issuer}/auth`, token: `${issuer}/token`, jwks: `${issuer}/jwks` };
}

/** The resource types the sandbox advertises (it holds and serves any R4 type; these are the ones its data has). */
const RESOURCE_TYPES = [
  'AllergyIntolerance',
  'Condition',
  'Coverage',
  'Device',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'ImagingStudy',
  'Immunization',
  'Location',
  'MedicationRequest',
  'MedicationStatement',
  'Observation',
  'Organization',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Procedure',
  'ServiceRequest',
] as const;

export function capabilityStatement(fhirBase: string, auth: AuthEndpoints): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    software: { name: 'Klivira sandbox EHR' },
    implementation: { description: 'Klivira sandbox EHR (in-memory, synthetic data)', url: fhirBase },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
              text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)',
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: auth.authorize },
                { url: 'token', valueUri: auth.token },
              ],
            },
          ],
        },
        resource: RESOURCE_TYPES.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
          searchInclude: ['*'],
          searchRevInclude: ['*'],
        })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}

export const SCOPES_SUPPORTED = [
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  ...LAUNCH_SCOPES,
  'patient/*.rs',
  'user/*.rs',
  'user/*.cruds',
  'system/*.rs',
];

export function smartConfiguration(auth: AuthEndpoints): Record<string, unknown> {
  return {
    issuer: auth.issuer,
    jwks_uri: auth.jwks,
    authorization_endpoint: auth.authorize,
    token_endpoint: auth.token,
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'none'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-ehr',
      'launch-standalone',
      'client-public',
      'client-confidential-asymmetric',
      'context-ehr-patient',
      'context-ehr-encounter',
      'context-standalone-patient',
      'permission-v2',
      'permission-v1',
      'permission-offline',
      'permission-patient',
      'permission-user',
      'sso-openid-connect',
      'authorize-post',
    ],
  };
}
