// Coding helpers and the few code tables the demo needs (drugs with RxNorm-style codes and displays, CPT short
// descriptions). Systems come from the evidence code sets, so demo data and extraction agree by construction.
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import { SYSTEMS } from '../core/evidence/index.ts';

const coding =
  (system: string) =>
  (code: string, display: string): Coding => ({ system, code, display });

export const icd10 = coding(SYSTEMS.icd10);
export const snomed = coding(SYSTEMS.snomed);
export const loinc = coding(SYSTEMS.loinc);
export const cpt = coding(SYSTEMS.cpt);
export const rxnorm = coding(SYSTEMS.rxnorm);

export const CPT_MODIFIER_SYSTEM = 'http://www.ama-assn.org/go/cpt-modifier';

export function concept(codings: Coding | Coding[], text?: string): CodeableConcept {
  const list = Array.isArray(codings) ? codings : [codings];
  return { coding: list, text: text ?? list[0]?.display ?? '' };
}

export interface Drug {
  rxnorm: string;
  display: string;
  /** The ingredient as a clinician writes it in a note. */
  name: string;
  sig: string;
}

export const DRUGS = {
  naproxen500: {
    rxnorm: '198014',
    display: 'Naproxen 500 MG Oral Tablet',
    name: 'naproxen 500 mg',
    sig: '1 tab PO BID with food',
  },
  ibuprofen800: {
    rxnorm: '197807',
    display: 'Ibuprofen 800 MG Oral Tablet',
    name: 'ibuprofen 800 mg',
    sig: '1 tab PO TID with food',
  },
  ibuprofen200: {
    rxnorm: '310965',
    display: 'Ibuprofen 200 MG Oral Tablet',
    name: 'ibuprofen (OTC)',
    sig: '2-3 tabs PO q6h PRN',
  },
  meloxicam15: {
    rxnorm: '311486',
    display: 'Meloxicam 15 MG Oral Tablet',
    name: 'meloxicam 15 mg',
    sig: '1 tab PO daily',
  },
  cyclobenzaprine10: {
    rxnorm: '828348',
    display: 'Cyclobenzaprine Hydrochloride 10 MG Oral Tablet',
    name: 'cyclobenzaprine 10 mg',
    sig: '1 tab PO qHS PRN spasm',
  },
  gabapentin300: {
    rxnorm: '310431',
    display: 'Gabapentin 300 MG Oral Capsule',
    name: 'gabapentin 300 mg',
    sig: '1 cap PO TID',
  },
  lisinopril10: {
    rxnorm: '314076',
    display: 'Lisinopril 10 MG Oral Tablet',
    name: 'lisinopril 10 mg',
    sig: '1 tab PO daily',
  },
  pembrolizumab: {
    rxnorm: '1657750',
    display: '4 ML pembrolizumab 25 MG/ML Injection',
    name: 'pembrolizumab',
    sig: '200 mg IV q3 weeks',
  },
  nivolumab: {
    rxnorm: '1597876',
    display: 'nivolumab 10 MG/ML Injectable Solution',
    name: 'nivolumab',
    sig: '480 mg IV q4 weeks',
  },
} as const satisfies Record<string, Drug>;

export const NSAIDS = [DRUGS.naproxen500, DRUGS.ibuprofen800, DRUGS.meloxicam15] as const;
