// SMART App Launch against the sandbox: a standalone launch with PKCE that picks a patient, an EHR launch whose
// context (patient, encounter, the order) comes back with the token, refresh tokens, and patient/ scope limits.
import type { Bundle } from '@medplum/fhirtypes';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeWithPkce, fhirGet, refresh } from './test-flows.ts';
import { type SandboxEhr, startSandboxEhr } from './server.ts';

const redirectUri = 'http://127.0.0.1:9/callback';
let ehr: SandboxEhr;

beforeAll(async () => {
  ehr = await startSandboxEhr({ port: 0, demoCases: 4, syntheaDir: null, redirectUris: [redirectUri] });
});
afterAll(async () => {
  await ehr.close();
});

function caseAt(i: number) {
  const found = ehr.cases[i];
  if (!found) throw new Error(`no case ${String(i)}`);
  return found;
}

describe('standalone launch', () => {
  it('logs the coordinator in, picks the patient and reads it with the token', async () => {
    const patientId = caseAt(1).patient.split('/')[1] ?? '';
    const token = await authorizeWithPkce(ehr, {
      scope: 'openid fhirUser launch/patient offline_access patient/*.rs',
      username: 'coordinator',
      password: 'coordinator-demo',
      redirectUri,
      patient: patientId,
    });
    expect(token.patient).toBe(patientId);
    expect(token.scope?.split(' ')).toEqual(expect.arrayContaining(['launch/patient', 'patient/*.rs']));
    expect(token.refresh_token).toBeDefined();
    expect(decodeJwt(token.id_token ?? '').fhirUser).toBe(`${ehr.fhirBase}/Practitioner/sandbox-coordinator`);
    expect(JSON.stringify(token)).not.toContain('need_patient_banner":false');

    const patient = await fhirGet(`${ehr.fhirBase}/Patient/${patientId}`, token.access_token);
    expect(patient.status).toBe(200);
    // Another patient, and their data, are out of reach of a patient/ scope.
    const other = caseAt(0).patient;
    expect((await fhirGet(`${ehr.fhirBase}/${other}`, token.access_token)).status).toBe(403);
    const observations = (await fhirGet(`${ehr.fhirBase}/Observation?patient=${other}`, token.access_token))
      .body as unknown as Bundle;
    expect(observations.total).toBe(0);
    const own = (await fhirGet(`${ehr.fhirBase}/Observation`, token.access_token)).body as unknown as Bundle;
    expect(own.total).toBeGreaterThan(0);
    expect(own.entry?.every((e) => JSON.stringify(e.resource).includes(`Patient/${patientId}`))).toBe(true);

    const refreshed = await refresh(ehr, token.refresh_token ?? '');
    expect(refreshed.status).toBe(200);
    const again = (await refreshed.json()) as { access_token: string; patient?: string };
    expect(again.patient).toBe(patientId);
    expect((await fhirGet(`${ehr.fhirBase}/Patient/${patientId}`, again.access_token)).status).toBe(200);
  });

  it('refuses wrong credentials and a missing PKCE challenge', async () => {
    await expect(
      authorizeWithPkce(ehr, { scope: 'openid', username: 'coordinator', password: 'nope', redirectUri }),
    ).rejects.toThrow(/401/);
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: ehr.appClient.clientId,
      redirect_uri: redirectUri,
      scope: 'openid',
    });
    const response = await fetch(`${ehr.issuer}/auth?${params.toString()}`, { redirect: 'manual' });
    expect(response.headers.get('location')).toContain('error=invalid_request');
  });
});

describe('EHR launch', () => {
  it('returns the launch context with the token', async () => {
    const chart = caseAt(2);
    const response = await fetch(`${ehr.url}/sandbox/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patient: chart.patient, encounter: chart.encounter, order: chart.order }),
    });
    expect(response.status).toBe(200);
    const { launch, launchUrl } = (await response.json()) as { launch: string; launchUrl: string };
    expect(new URL(launchUrl).searchParams.get('iss')).toBe(ehr.fhirBase);

    const token = await authorizeWithPkce(ehr, {
      scope: 'launch openid fhirUser user/*.rs',
      username: 'clinician',
      password: 'clinician-demo',
      redirectUri,
      launch,
    });
    expect(token.patient).toBe(chart.patient.split('/')[1]);
    expect(token.encounter).toBe(chart.encounter?.split('/')[1]);
    expect(token.fhirContext).toEqual([{ reference: chart.order }]);
    expect(token.need_patient_banner).toBe(true);
    expect(token.smart_style_url).toMatch(/^http:/);
    const claims = decodeJwt(token.access_token);
    expect(claims.aud).toBe(ehr.fhirBase);
    expect(claims.fhirUser).toBe(`${ehr.fhirBase}/Practitioner/sandbox-clinician`);
    // user/*.rs reaches beyond the launch patient.
    expect((await fhirGet(`${ehr.fhirBase}/${chart.order}`, token.access_token)).status).toBe(200);
    expect((await fhirGet(`${ehr.fhirBase}/${caseAt(0).patient}`, token.access_token)).status).toBe(200);
  });

  it('refuses an unknown launch and an unknown patient', async () => {
    await expect(
      authorizeWithPkce(ehr, {
        scope: 'launch openid',
        username: 'clinician',
        password: 'clinician-demo',
        redirectUri,
        launch: 'made-up',
      }),
    ).rejects.toThrow(/invalid_request/);
    const response = await fetch(`${ehr.url}/sandbox/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patient: 'Patient/nobody' }),
    });
    expect(response.status).toBe(404);
  });
});
