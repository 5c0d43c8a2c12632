// Each scenario's bundle says what its expected outcome needs it to say, checked on the coded resources alone.
import { describe, expect, it } from 'vitest';
import type {
  Condition,
  Coverage,
  MedicationRequest,
  MedicationStatement,
  Organization,
  Patient,
  Procedure,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { DRUG_INGREDIENTS, NEURO_FINDING_SNOMED, THERAPY_PROCEDURES, daysBetween } from '../core/evidence/index.ts';
import { generateDemoCases } from './index.ts';
import type { DemoCase, ScenarioId } from './index.ts';

const cases = generateDemoCases({ seed: 424242, count: 40 });

function all<T extends Resource>(c: DemoCase, type: T['resourceType']): T[] {
  return (c.bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource as T] : []));
}
const one = <T extends Resource>(c: DemoCase, type: T['resourceType']): T => {
  const [first] = all<T>(c, type);
  if (!first) throw new Error(`${c.id}: no ${type}`);
  return first;
};
const codes = (r: { code?: { coding?: { code?: string }[] } }): string[] =>
  (r.code?.coding ?? []).map((c) => c.code ?? '');
const day = (value: string | undefined): string => (value ?? '').slice(0, 10);
const order = (c: DemoCase) => one<ServiceRequest>(c, 'ServiceRequest');
const orderDate = (c: DemoCase) => day(order(c).authoredOn);
const modifier = (c: DemoCase) => order(c).orderDetail?.[0]?.coding?.[0]?.code;
const conditionCodes = (c: DemoCase) => all<Condition>(c, 'Condition').flatMap(codes);
const PET = new Set(['78815', '78816']);
const pets = (c: DemoCase) => all<Procedure>(c, 'Procedure').filter((p) => codes(p).some((code) => PET.has(code)));
const therapyEnd = (c: DemoCase) =>
  day(
    all<MedicationStatement>(c, 'MedicationStatement').find((m) => /mab/.test(m.medicationCodeableConcept?.text ?? ''))
      ?.effectivePeriod?.end,
  );
const nsaidWords = DRUG_INGREDIENTS.find((d) => d.modality === 'nsaid')?.words ?? [];
const isNsaid = (text: string | undefined) => nsaidWords.some((w) => (text ?? '').toLowerCase().includes(w));

function byScenario(id: ScenarioId): DemoCase[] {
  const list = cases.filter((c) => c.scenario === id);
  expect(list.length).toBeGreaterThan(0);
  return list;
}

describe('scenario content', () => {
  it('bills lumbar cases to UHC (commercial, every third Medicaid managed care), PET cases to Original Medicare, Mohs to Aetna', () => {
    for (const c of cases) {
      const payerId = one<Organization>(c, 'Organization').identifier?.[0]?.value;
      const sop = one<Coverage>(c, 'Coverage').type?.coding?.[0]?.code;
      const expected = c.scenario.startsWith('lumbar')
        ? ['87726', Number(c.id.split('-').at(-1)) % 3 === 0 ? '21' : '5']
        : c.scenario.startsWith('pet')
          ? ['CMS-MEDICARE', '121']
          : ['60054', '5'];
      expect([payerId, sop], c.id).toEqual(expected);
      if (c.scenario.startsWith('pet')) {
        const birth = one<Patient>(c, 'Patient').birthDate ?? '';
        expect(daysBetween(birth, orderDate(c)) / 365.25, c.id).toBeGreaterThanOrEqual(65);
      }
    }
  });

  it('lumbar_meets_radiculopathy: radiculopathy, ≥ 6 weeks of PT, an NSAID, a coded deficit, a re-evaluation', () => {
    for (const c of byScenario('lumbar_meets_radiculopathy')) {
      expect(
        conditionCodes(c).some((code) => /^M5[14]\.1[67]$/.test(code)),
        c.id,
      ).toBe(true);
      const pt = all<Procedure>(c, 'Procedure').filter((p) => p.performedPeriod);
      expect(
        Math.max(...pt.map((p) => daysBetween(day(p.performedPeriod?.start), day(p.performedPeriod?.end)))),
        c.id,
      ).toBeGreaterThanOrEqual(42);
      const meds = [
        ...all<MedicationRequest>(c, 'MedicationRequest'),
        ...all<MedicationStatement>(c, 'MedicationStatement'),
      ];
      expect(
        meds.some((m) => isNsaid(m.medicationCodeableConcept?.text)),
        c.id,
      ).toBe(true);
      const neuro = all<Resource & { code: { coding?: { code?: string }[] } }>(c, 'Observation').filter((o) =>
        codes(o).some((code) => code in NEURO_FINDING_SNOMED),
      );
      expect(neuro.length, c.id).toBeGreaterThan(0);
      const visits = all<Resource & { period?: { start?: string } }>(c, 'Encounter')
        .map((e) => day(e.period?.start))
        .sort();
      expect(daysBetween(visits[0] ?? '', visits.at(-1) ?? ''), c.id).toBeGreaterThanOrEqual(42);
    }
  });

  it('lumbar_red_flag: cauda equina symptoms of days, ordered urgently', () => {
    for (const c of byScenario('lumbar_red_flag')) {
      expect(conditionCodes(c), c.id).toEqual(expect.arrayContaining(['R33.9', 'R20.0', 'G83.4']));
      for (const condition of all<Condition>(c, 'Condition'))
        expect(daysBetween(day(condition.onsetDateTime), orderDate(c))).toBeLessThan(7);
      expect(order(c).priority).toBe('urgent');
    }
  });

  it('lumbar_short_therapy: every therapy ended and lasted under 6 weeks, symptoms under 6 weeks', () => {
    for (const c of byScenario('lumbar_short_therapy')) {
      for (const p of all<Procedure>(c, 'Procedure')) {
        expect(p.status).toBe('completed');
        if (p.performedPeriod)
          expect(daysBetween(day(p.performedPeriod.start), day(p.performedPeriod.end)), c.id).toBeLessThanOrEqual(14);
      }
      for (const m of all<MedicationRequest>(c, 'MedicationRequest')) {
        expect(m.status).toBe('completed');
        expect(m.dispenseRequest?.expectedSupplyDuration?.value).toBeLessThanOrEqual(14);
      }
      const onset = day(one<Condition>(c, 'Condition').onsetDateTime);
      expect(daysBetween(onset, orderDate(c)), c.id).toBeLessThan(42);
    }
  });

  it('lumbar_silent: one SNOMED-only chronic low back pain condition and nothing else clinical', () => {
    for (const c of byScenario('lumbar_silent')) {
      const conditions = all<Condition>(c, 'Condition');
      expect(conditions).toHaveLength(1);
      expect(conditions[0]?.code?.coding).toEqual([
        expect.objectContaining({ system: 'http://snomed.info/sct', code: '278860009' }),
      ]);
      for (const type of [
        'Procedure',
        'Observation',
        'MedicationRequest',
        'MedicationStatement',
        'ImagingStudy',
      ] as const) {
        expect(all(c, type), `${c.id} ${type}`).toHaveLength(0);
      }
    }
  });

  it('pet_initial_staging: melanoma with a positive node, PI, no prior PET', () => {
    for (const c of byScenario('pet_initial_staging')) {
      expect(conditionCodes(c).some((code) => code.startsWith('C43'))).toBe(true);
      expect(conditionCodes(c).some((code) => code.startsWith('C77'))).toBe(true);
      expect(modifier(c)).toBe('PI');
      expect(pets(c)).toHaveLength(0);
    }
  });

  it('pet_subsequent_within_limit and pet_fourth_subsequent: 1–2 and 3 prior PS scans after initial therapy', () => {
    const after = (c: DemoCase) => pets(c).filter((p) => day(p.performedDateTime) > therapyEnd(c));
    for (const c of byScenario('pet_subsequent_within_limit')) {
      expect(modifier(c)).toBe('PS');
      expect([1, 2]).toContain(after(c).length);
    }
    for (const c of byScenario('pet_fourth_subsequent')) {
      expect(modifier(c)).toBe('PS');
      expect(after(c)).toHaveLength(3);
    }
    for (const c of [...byScenario('pet_subsequent_within_limit'), ...byScenario('pet_fourth_subsequent')]) {
      const surgery = all<Procedure>(c, 'Procedure').filter((p) =>
        codes(p).some((code) => THERAPY_PROCEDURES[code] === 'cancer_surgery'),
      );
      expect(surgery.length, c.id).toBeGreaterThan(0);
      expect(therapyEnd(c) < orderDate(c)).toBe(true);
    }
  });

  it('pet_family_history_only: no cancer of the patient own, melanoma in the mother', () => {
    for (const c of byScenario('pet_family_history_only')) {
      expect(conditionCodes(c).filter((code) => /^(C|D0[34])/.test(code))).toEqual([]);
      expect(all(c, 'FamilyMemberHistory')).toHaveLength(1);
    }
  });

  it('pet_regional_nodes_initial: PI, reason names regional lymph nodes with a C77 code', () => {
    for (const c of byScenario('pet_regional_nodes_initial')) {
      expect(modifier(c)).toBe('PI');
      const reasons = order(c).reasonCode ?? [];
      expect(
        reasons.some((r) => r.coding?.[0]?.code?.startsWith('C77') && /regional lymph nodes/.test(r.text ?? '')),
      ).toBe(true);
    }
  });

  it('mohs_auc_fallback: CPT 17311', () => {
    for (const c of byScenario('mohs_auc_fallback')) expect(codes(order(c))).toEqual(['17311']);
  });
});
