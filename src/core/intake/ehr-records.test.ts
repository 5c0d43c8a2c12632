// Records as EHR exports send them: drugs named only in text, bundles missing the Coverage or the order.
import { describe, expect, it } from 'vitest';
import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { InvalidInputError } from '../fhir/outcome.ts';
import { bundle, coverage, drugOrder, medicationHistory, TEST_PATIENT, UHC } from '../../testing/fixtures.ts';
import { extractFacts } from '../evidence/extract.ts';
import { LIBRARY_DRUGS } from '../evidence/index.ts';
import { DRUG_INGREDIENT_SYSTEM, libraryDrugIn } from './drug-table.ts';
import { parseIntake } from './intake.ts';

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

function textOnly(text: string, extra: Partial<MedicationRequest> = {}): MedicationRequest {
  return { ...drugOrder(text), medicationCodeableConcept: { text }, ...extra };
}

function rejection(resources: Resource[]): string {
  try {
    parseIntake(bundle(resources));
  } catch (error) {
    if (error instanceof InvalidInputError) return error.message;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('drug orders named only in text', () => {
  it.each([
    ['Skyrizi 150 mg/mL pen', 'risankizumab', DRUG_INGREDIENT_SYSTEM, 'risankizumab'],
    ['dupilumab (Dupixent) 300 mg', 'dupilumab', RXNORM, '1876376'],
    ['HUMIRA PEN 40 MG/0.4 ML', 'adalimumab', RXNORM, '327361'],
    ['Cimzia 200 mg prefilled syringe', 'certolizumab pegol', DRUG_INGREDIENT_SYSTEM, 'certolizumab pegol'],
    ['certolizumab 200 mg', 'certolizumab pegol', DRUG_INGREDIENT_SYSTEM, 'certolizumab pegol'],
    ['Rinvoq 15 mg ER tablet', 'upadacitinib', DRUG_INGREDIENT_SYSTEM, 'upadacitinib'],
  ])('%s resolves to %s', (text, ingredient, system, code) => {
    const intake = parseIntake(bundle([TEST_PATIENT, UHC, coverage('5'), textOnly(text)]));
    expect(intake.orderCode).toEqual({ system, code, display: ingredient, modifiers: [], kind: 'drug' });
    expect(intake.record.warnings).toContainEqual({
      reference: 'MedicationRequest/order-1',
      message: `the order names no RxNorm code: read as ${ingredient} from its text`,
    });
  });

  it('reads a display of a coding in a system it does not know', () => {
    const order = drugOrder('x', {
      medicationCodeableConcept: { coding: [{ system: 'urn:oid:1.2.3', code: '77', display: 'Taltz 80 mg' }] },
    });
    expect(parseIntake(bundle([TEST_PATIENT, UHC, coverage('5'), order])).orderCode.display).toBe('ixekizumab');
  });

  it('every brand the table names resolves to its own ingredient', () => {
    for (const drug of LIBRARY_DRUGS) {
      for (const brand of drug.brands) expect(libraryDrugIn(`${brand} 1 mg`)?.ingredient).toBe(drug.ingredient);
    }
  });

  it('refuses a drug the library does not name, saying what to add', () => {
    expect(rejection([TEST_PATIENT, UHC, coverage('5'), textOnly('Amoxicillin 500 mg capsule')])).toMatch(
      /no RxNorm or NDC coding and its text names none of the drugs of the policy library: add a coding with system http:\/\/www\.nlm\.nih\.gov\/research\/umls\/rxnorm/,
    );
  });

  it('accepts text-only medications in the history as therapy evidence', () => {
    const statement = medicationHistory('methotrexate 15 mg weekly', '2025-01-01', '2025-06-01', 'stopped', {
      reason: 'ineffective',
    });
    const prescription: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: 'hist-2',
      status: 'completed',
      intent: 'order',
      subject: { reference: 'Patient/pat-1' },
      medicationCodeableConcept: { text: 'apremilast 30 mg tablet' },
      authoredOn: '2025-06-01',
    };
    const intake = parseIntake(
      bundle([TEST_PATIENT, UHC, coverage('5'), textOnly('Skyrizi 150 mg/mL pen'), statement, prescription]),
    );
    const agents = extractFacts(intake.record, '2026-03-02').flatMap((f) => (f.kind === 'therapy' ? [f.agent] : []));
    expect(agents).toEqual(expect.arrayContaining(['methotrexate', 'apremilast']));
  });
});

describe('what to add when the bundle lacks a part', () => {
  it('a bundle without a Coverage says to add it with its payor Organization', () => {
    const intake = parseIntake(bundle([TEST_PATIENT, drugOrder('dupilumab 300 mg', { insurance: [] })]));
    expect(intake.record.warnings).toContainEqual({
      reference: 'Bundle',
      message: "the bundle has no Coverage: add the patient's Coverage with its payor Organization (name and payer id)",
    });
  });

  it('of two active Coverages, takes the one ranked primary by its order, and names none when neither is', () => {
    const primary = { ...coverage('1'), id: 'cov-primary', order: 1 };
    const supplement = { ...coverage('5'), id: 'cov-supplement', order: 2 };
    const order = drugOrder('dupilumab 300 mg', { insurance: [] });
    expect(parseIntake(bundle([TEST_PATIENT, UHC, supplement, primary, order])).coverage?.id).toBe('cov-primary');
    const unranked = [coverage('5'), { ...coverage('1'), id: 'cov-2' }];
    expect(parseIntake(bundle([TEST_PATIENT, UHC, ...unranked, order])).coverage).toBeUndefined();
  });

  it('a bundle without an order names both resource types and their code systems', () => {
    const message = rejection([TEST_PATIENT, UHC, coverage('5')]);
    for (const word of ['ServiceRequest', 'CPT', 'HCPCS', 'MedicationRequest', 'RxNorm', 'NDC']) {
      expect(message).toContain(word);
    }
  });
});
