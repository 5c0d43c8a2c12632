// The 13 Synthea sample patients, each given a UnitedHealthcare commercial lumbar MRI order (CPT 72148, 2026-12-01):
// none meets without this episode's conservative care or a red flag, and the reasons name the evidence set aside.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { determine } from '../determination/determine.ts';
import type { Determination } from '../determination/determination.ts';
import { parseIntake } from '../intake/intake.ts';
import { coverage, serviceRequest, UHC } from '../../testing/fixtures.ts';
import { hasShared, sharedPath } from '../../testing/shared.ts';

const FOLDER = ['fhir-samples', 'bulk-10-patients-bundles'];
const library = loadPolicyLibrary();

function withLumbarMriOrder(record: Bundle): Bundle {
  const patient = record.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient;
  const subject = { reference: `Patient/${patient.id ?? ''}` };
  const order = { ...serviceRequest('72148'), subject, authoredOn: '2026-12-01' };
  const added = [UHC, { ...coverage('5'), beneficiary: subject }, order].map((resource) => ({ resource }));
  return { ...record, entry: [...(record.entry ?? []), ...added] };
}

describe.skipIf(!hasShared(...FOLDER))('Synthea patients with a lumbar MRI order (UHC commercial)', () => {
  const results = new Map<string, Determination>();
  for (const file of readdirSync(sharedPath(...FOLDER)).sort()) {
    const record = JSON.parse(readFileSync(sharedPath(...FOLDER, file), 'utf8')) as Bundle;
    const intake = parseIntake(withLumbarMriOrder(record));
    results.set(
      file.split('_').slice(0, 2).join('_'),
      determine(intake, library, { today: '2026-12-06' }).determination,
    );
  }
  const criterion = (name: string, id: string) => results.get(name)?.criteria.find((c) => c.id === id);

  it('meets only with a red flag or conservative care within this episode', () => {
    expect(results.size).toBe(13);
    for (const [name, d] of results) {
      if (d.determination !== 'meets') continue;
      const redFlag = d.criteria.find((c) => c.id === 'red-flag')?.status === 'met';
      const care = d.criteria.find((c) => c.id === 'conservative-care');
      expect(redFlag || (care?.status === 'met' && /this episode's window/.test(care.reason ?? '')), name).toBe(true);
    }
  });

  it('sets aside years-old ibuprofen and visits for other conditions, naming them (chronic low back pain since 2014)', () => {
    expect(results.get('Corrin41_Jast432')?.determination).toBe('insufficient_documentation');
    expect(criterion('Corrin41_Jast432', 'conservative-care')?.reason).toContain(
      "ibuprofen 2022-03-30: ended 2022-04-29 (one 30-day fill assumed), before this episode's window (from 2025-12-01)",
    );
    expect(criterion('Corrin41_Jast432', 're-evaluation')?.reason).toContain(
      'for another condition (Normal pregnancy)',
    );
  });

  it('does not take a head injury for a suspected spinal fracture', () => {
    const fracture = criterion('Karena692_OKeefe54', 'red-flag-fracture');
    expect(fracture?.status).not.toBe('met');
    expect(fracture?.reason).toContain('head injury rehabilitation (head)');
  });
});
