// Every Synthea sample bundle goes through buildRecord + extractNoteFacts without error, every fact's quote slices
// back out of its note, and the chronic low back pain patients' notes yield the facts a spine request needs.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { buildRecord } from '../../fhir/record.ts';
import { hasShared, sharedPath } from '../../../testing/shared.ts';
import type { Fact } from '../fact.ts';
import { extractNoteFacts } from './index.ts';

const DIR = ['fhir-samples', 'bulk-10-patients-bundles'] as const;

function load(file: string): { facts: Fact[]; notes: number } {
  const bundle = JSON.parse(readFileSync(path.join(sharedPath(...DIR), file), 'utf8')) as Bundle;
  const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient;
  const record = buildRecord(bundle, patient);
  const facts: Fact[] = [];
  for (const note of record.notes) {
    for (const fact of extractNoteFacts(note)) {
      expect(note.text.slice(fact.source.start, fact.source.end)).toBe(fact.source.text);
      expect(fact.source.reference).toBe(note.reference);
      facts.push(fact);
    }
  }
  return { facts, notes: record.notes.length };
}

describe.skipIf(!hasShared(...DIR))('Synthea bundles', () => {
  const files = hasShared(...DIR) ? readdirSync(sharedPath(...DIR)).filter((f) => f.endsWith('.json')) : [];

  it('finds the sample bundles', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  const perPatient = new Map<string, number>();
  for (const file of files) {
    it(`reads every note of ${file.split('_').slice(0, 2).join(' ')} without error`, () => {
      const { facts, notes } = load(file);
      expect(notes).toBeGreaterThan(0);
      perPatient.set(file, facts.length);
    });
  }

  it('yields facts from the sample notes (most patients have some)', () => {
    const withFacts = [...perPatient.values()].filter((n) => n > 0).length;
    expect(withFacts).toBeGreaterThanOrEqual(Math.ceil(files.length / 2));
  });

  for (const name of ['Corrin41', 'Karena692']) {
    it(`${name}: chronic low back pain with provider-prescribed NSAID`, () => {
      const file = files.find((f) => f.startsWith(name));
      expect(file).toBeDefined();
      const { facts } = load(file ?? '');
      const lbp = facts.filter(
        (f) => f.kind === 'condition' && f.icd10.includes('M54.50') && f.assertion === 'affirmed',
      );
      expect(lbp.length).toBeGreaterThan(0);
      expect(lbp[0]?.source.section).toBe('assessment');
    });
  }

  it('Corrin41: ibuprofen prescribed in the plan is a provider-directed NSAID', () => {
    const file = files.find((f) => f.startsWith('Corrin41')) ?? '';
    const { facts } = load(file);
    expect(
      facts.some(
        (f) => f.kind === 'therapy' && f.modality === 'nsaid' && f.agent === 'ibuprofen' && f.providerDirected === true,
      ),
    ).toBe(true);
  });
});
