// The Synthea sample patients (../shared) as case bundles: each with a UnitedHealthcare commercial coverage and a lumbar
// MRI order added, as JSON text (the form a bundle arrives in). Empty without ../shared.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { hasShared, sharedPath } from '../../src/testing/shared.ts';

export function syntheaCases(): string[] {
  if (!hasShared('fhir-samples', 'bulk-10-patients-bundles')) return [];
  const dir = sharedPath('fhir-samples', 'bulk-10-patients-bundles');
  return readdirSync(dir).map((file) => {
    const bundle = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bundle;
    const patient = bundle.entry?.[0]?.resource;
    bundle.entry?.push(
      {
        fullUrl: 'urn:uuid:bench-payer',
        resource: {
          resourceType: 'Organization',
          id: 'bench-payer',
          name: 'UnitedHealthcare',
          identifier: [{ value: '87726' }],
        },
      },
      {
        fullUrl: 'urn:uuid:bench-coverage',
        resource: {
          resourceType: 'Coverage',
          id: 'bench-coverage',
          status: 'active',
          beneficiary: { reference: `urn:uuid:${patient?.id ?? ''}` },
          payor: [{ reference: 'urn:uuid:bench-payer' }],
          type: { text: 'Commercial PPO' },
        },
      },
      {
        fullUrl: 'urn:uuid:bench-order',
        resource: {
          resourceType: 'ServiceRequest',
          id: 'bench-order',
          status: 'active',
          intent: 'order',
          subject: { reference: `urn:uuid:${patient?.id ?? ''}` },
          code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '72148' }] },
          authoredOn: '2026-11-02',
        },
      },
    );
    return JSON.stringify(bundle);
  });
}
