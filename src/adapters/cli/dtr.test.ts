// `klivira dtr prefill`: the command's work given parsed arguments (main.ts registers it). On the DTR vector in
// ../shared/dtr (skipped when absent) it prints the readable list and the QuestionnaireResponse; bad input gives a
// message naming the file or flag (exit 2).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, QuestionnaireResponse } from '@medplum/fhirtypes';
import { hasShared, sharedPath } from '../../testing/shared.ts';
import { dtrPrefill } from './dtr.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'klivira-dtr-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const write = (name: string, content: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe('klivira dtr prefill: bad input', () => {
  const bundle = write('bundle.json', JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }));

  it('names the missing or unreadable file', async () => {
    expect(await dtrPrefill(path.join(dir, 'nope.json'), bundle, { order: 'DeviceRequest/x' })).toEqual({
      error: `no such file: ${path.join(dir, 'nope.json')}`,
    });
    const bad = write('bad.json', '{ "resourceType": ');
    const result = await dtrPrefill(bundle, bad, { order: 'DeviceRequest/x' });
    expect('error' in result && result.error.startsWith(`${bad} is not valid JSON: `)).toBe(true);
  });

  it('names the flag', async () => {
    expect(await dtrPrefill(bundle, bundle, {})).toEqual({
      error: '--order <ResourceType/id> is required: the order the questionnaire is about',
    });
    expect(await dtrPrefill(bundle, bundle, { order: 'DeviceRequest/x', today: '2024-02-30' })).toEqual({
      error: "--today '2024-02-30' is not a calendar date YYYY-MM-DD",
    });
    expect(await dtrPrefill(bundle, bundle, { order: 'x' })).toEqual({
      error: "--order 'x' is not a reference ResourceType/id",
    });
  });

  it('names the file a problem is in', async () => {
    expect(await dtrPrefill(bundle, bundle, { order: 'DeviceRequest/x' })).toEqual({
      error: `${bundle}: has no Questionnaire`,
    });
    const pkg = write(
      'pkg.json',
      JSON.stringify({
        resourceType: 'Bundle',
        entry: [{ resource: { resourceType: 'Questionnaire', status: 'active' } }],
      }),
    );
    expect(await dtrPrefill(pkg, bundle, { order: 'DeviceRequest/x' })).toEqual({
      error: `${bundle}: has no DeviceRequest/x (the --order)`,
    });
  });
});

describe.skipIf(!hasShared('dtr', 'questionnaire_package.json'))('klivira dtr prefill on ../shared/dtr', () => {
  let pkg: string;
  let record: string;
  beforeAll(() => {
    pkg = sharedPath('dtr', 'questionnaire_package.json');
    // The README: the record lacks Practitioner/pra1234, which the provider items need.
    const bundle = JSON.parse(readFileSync(sharedPath('dtr', 'pat015_bundle.json'), 'utf8')) as Bundle;
    bundle.entry?.push({
      resource: {
        resourceType: 'Practitioner',
        id: 'pra1234',
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1122334455' }],
        name: [{ family: 'Doe', given: ['Jane', 'Betty'] }],
      },
    });
    record = write('pat015-with-practitioner.json', JSON.stringify(bundle));
  });

  it('prints a readable list: linkId, question, answers', async () => {
    const result = await dtrPrefill(pkg, record, { order: 'DeviceRequest/devreqe0470', today: '2024-04-07' });
    if ('error' in result) throw new Error(result.error);
    expect(result.warnings).toEqual([]);
    const lines = result.out.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Questionnaire RespiratoryAssistDevices — Respiratory Assist Device Questionnaire',
      'for Patient/pat015; context DeviceRequest/devreqe0470, Coverage/cov015; authored 2024-04-07',
      '17 of 17 CQL-filled items have an answer',
    ]);
    expect(lines).toContain('PBD.1     Last Name: Oster');
    expect(lines).toContain('PBD.5     Gender: Male (male)');
    expect(lines).toContain('PND.5     Date of F2F encounter: 2020-07-01');
    expect(lines).toContain(
      "3.2       Other Diagnoses: Hypoxemia (R09.02); Alzheimer's disease with early onset (G30.0)",
    );
    expect(lines).toContain('4.6.1     Specify: E0470 - Respiratory assist device, bi-level without backup rate');
    expect(lines).toContain('SIGPNP.3  Date: 2024-04-07');
    expect(result.out).not.toContain('Not prefilled');
  });

  it('prints the QuestionnaireResponse with --json', async () => {
    const result = await dtrPrefill(pkg, record, {
      order: 'DeviceRequest/devreqe0470',
      today: '2024-04-07',
      json: true,
    });
    if ('error' in result) throw new Error(result.error);
    const qr = JSON.parse(result.out) as QuestionnaireResponse;
    expect(qr.resourceType).toBe('QuestionnaireResponse');
    expect(qr.status).toBe('in-progress');
    expect(qr.item?.map((i) => i.linkId)).toEqual(['PBD', 'PND', '3', '4', 'SIGPNP']);
  });

  it('uses the clock without --today, and says what the CQL left empty', async () => {
    const result = await dtrPrefill(
      pkg,
      sharedPath('dtr', 'pat015_bundle.json'),
      { order: 'ServiceRequest/servreq-g0180-1' },
      () => new Date('2026-05-04T10:00:00Z'),
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.out).toContain('SIGPNP.3  Date: 2026-05-04');
    expect(result.out).toContain('authored 2026-05-04T10:00:00.000Z');
    expect(result.out).toMatch(
      /\nNot prefilled:\n {2}4\.6\.1 {5}"RespiratoryAssistDevicesPrepopulation"\.RadDeviceRequested: 'null' is not one of the item's options\n$/,
    );
    expect(result.warnings).toEqual([
      'Library RespiratoryAssistDevicesPrepopulation takes device_request, none of them a ServiceRequest: run without the order',
    ]);
  });
});
