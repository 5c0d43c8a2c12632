// The sandbox's FHIR server behind SMART Backend Services: discovery documents, tokens from signed assertions,
// search with paging and includes, transactions, and what is refused.
import type { Bundle, CapabilityStatement } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendToken, fhirGet } from './test-flows.ts';
import { type SandboxEhr, startSandboxEhr } from './server.ts';

let ehr: SandboxEhr;
let token: string;

beforeAll(async () => {
  ehr = await startSandboxEhr({ port: 0, demoCases: 6, syntheaDir: null });
  token = (await backendToken(ehr)).access_token;
});
afterAll(async () => {
  await ehr.close();
});

describe('discovery', () => {
  it('publishes the SMART configuration on the FHIR base', async () => {
    const response = await fetch(ehr.smartConfigurationUrl);
    expect(response.status).toBe(200);
    const config = (await response.json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: ehr.issuer,
      token_endpoint: ehr.tokenUrl,
      authorization_endpoint: `${ehr.issuer}/auth`,
      jwks_uri: `${ehr.issuer}/jwks`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(config.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials']));
    expect(config.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['private_key_jwt', 'client_secret_basic', 'none']),
    );
    expect(config.capabilities).toEqual(
      expect.arrayContaining([
        'launch-ehr',
        'launch-standalone',
        'permission-v2',
        'sso-openid-connect',
        'authorize-post',
      ]),
    );
    // The advertised endpoints are the authorization server's own.
    const discovery = (await (await fetch(`${ehr.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery.token_endpoint).toBe(config.token_endpoint);
    expect(discovery.jwks_uri).toBe(config.jwks_uri);
  });

  it('serves a public CapabilityStatement with the SMART security extension', async () => {
    const { status, body } = await fhirGet(`${ehr.fhirBase}/metadata`);
    expect(status).toBe(200);
    const statement = body as unknown as CapabilityStatement;
    expect(statement.resourceType).toBe('CapabilityStatement');
    const security = statement.rest?.[0]?.security;
    expect(security?.service?.[0]?.coding?.[0]?.code).toBe('SMART-on-FHIR');
    const uris = security?.extension?.find((e) => e.url.endsWith('/oauth-uris'))?.extension ?? [];
    expect(Object.fromEntries(uris.map((e) => [e.url, e.valueUri]))).toEqual({
      authorize: `${ehr.issuer}/auth`,
      token: ehr.tokenUrl,
    });
  });
});

describe('backend services', () => {
  it('refuses requests without a valid token', async () => {
    expect((await fhirGet(`${ehr.fhirBase}/Patient`)).status).toBe(401);
    expect((await fhirGet(`${ehr.fhirBase}/Patient`, `${token}x`)).status).toBe(401);
  });

  it('issues a JWT access token with the system scope only', async () => {
    const response = await backendToken(ehr, 'system/*.rs patient/*.rs launch');
    expect(response.token_type).toBe('Bearer');
    expect(response.scope).toBe('system/*.rs');
    expect(response.access_token.split('.')).toHaveLength(3);
  });

  it('searches patients and pages observations with absolute next links', async () => {
    const patients = (await fhirGet(`${ehr.fhirBase}/Patient`, token)).body as unknown as Bundle;
    expect(patients.total).toBe(6);
    const patient = ehr.cases[0]?.patient ?? '';
    let url: string | undefined = `${ehr.fhirBase}/Observation?patient=${patient}&_count=2`;
    const ids: string[] = [];
    let total = 0;
    while (url) {
      const page = (await fhirGet(url, token)).body as unknown as Bundle;
      total = page.total ?? 0;
      expect(page.entry?.length ?? 0).toBeLessThanOrEqual(2);
      ids.push(...(page.entry ?? []).map((e) => e.resource?.id ?? ''));
      url = page.link?.find((l) => l.relation === 'next')?.url;
      if (url) expect(url.startsWith(`${ehr.fhirBase}/Observation?`)).toBe(true);
    }
    expect(total).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(total);
    // A bare id works as well as a typed reference.
    const bare = (await fhirGet(`${ehr.fhirBase}/Observation?patient=${patient.split('/')[1] ?? ''}`, token)).body;
    expect(bare.total).toBe(total);
  });

  it('includes the referenced resources', async () => {
    const order = ehr.cases[0]?.order ?? '';
    const bundle = (
      await fhirGet(
        `${ehr.fhirBase}/ServiceRequest?_id=${order.split('/')[1] ?? ''}&_include=ServiceRequest:patient&_include=ServiceRequest:requester`,
        token,
      )
    ).body as unknown as Bundle;
    const included = (bundle.entry ?? [])
      .filter((e) => e.search?.mode === 'include')
      .map((e) => e.resource?.resourceType);
    expect(included.sort()).toEqual(['Patient', 'Practitioner']);
    expect(bundle.entry?.[0]?.fullUrl).toBe(`${ehr.fhirBase}/${order}`);
  });

  it('reads with ETag and answers 404 for what is not there', async () => {
    const response = await fetch(`${ehr.fhirBase}/${ehr.cases[0]?.patient ?? ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^W\/"/);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    expect((await fhirGet(`${ehr.fhirBase}/Patient/nobody`, token)).status).toBe(404);
  });

  it('rejects what the in-memory search cannot evaluate instead of matching nothing', async () => {
    const chained = await fhirGet(`${ehr.fhirBase}/Observation?patient.name=Smith`, token);
    expect(chained.status).toBe(400);
    const quantity = await fhirGet(`${ehr.fhirBase}/Observation?value-quantity=gt5`, token);
    expect(quantity.status).toBe(400);
  });

  it('cannot write with a read scope', async () => {
    const response = await fetch(`${ehr.fhirBase}/Patient`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient' }),
    });
    expect(response.status).toBe(403);
  });

  it('accepts a transaction Bundle and finds its resources with _revinclude', async () => {
    const writer = (await backendToken(ehr, 'system/*.cruds')).access_token;
    const patientUrl = `urn:uuid:${crypto.randomUUID()}`;
    const response = await fetch(ehr.fhirBase, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: patientUrl,
            resource: { resourceType: 'Patient', name: [{ family: 'Transaction' }] },
            request: { method: 'POST', url: 'Patient' },
          },
          {
            resource: {
              resourceType: 'Coverage',
              status: 'active',
              beneficiary: { reference: patientUrl },
              payor: [{ display: 'UnitedHealthcare' }],
            },
            request: { method: 'POST', url: 'Coverage' },
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as Bundle;
    expect(result.type).toBe('transaction-response');
    const location = result.entry?.[0]?.response?.location ?? '';
    expect(location).toMatch(/^Patient\//);
    const found = (
      await fhirGet(
        `${ehr.fhirBase}/Patient?_id=${location.split('/')[1] ?? ''}&_revinclude=Coverage:beneficiary`,
        token,
      )
    ).body as unknown as Bundle;
    expect(found.entry?.map((e) => `${e.search?.mode ?? ''} ${e.resource?.resourceType ?? ''}`)).toEqual([
      'match Patient',
      'include Coverage',
    ]);
  });
});
