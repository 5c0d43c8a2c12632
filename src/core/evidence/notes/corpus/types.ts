// The annotated note corpus: synthetic clinic notes (no real people), each with every fact it must yield
// (`expect`, matched on the fields given) and facts it must not yield (`absent`). `todo` marks a gold fact the
// extractor is known to miss: the test skips it, the scorer still counts it as a miss.
import type { Assertion, FactKind } from '../../fact.ts';

export interface Expected {
  kind: FactKind;
  assertion: Assertion;
  todo?: true;
  [field: string]: unknown;
}

export interface CorpusNote {
  id: string;
  domain: 'spine' | 'pet' | 'mohs' | 'biologic';
  date: string;
  text: string;
  expect: Expected[];
  absent?: Expected[];
}

type Extra = Record<string, unknown>;
const e = (kind: FactKind, assertion: Assertion, extra: Extra = {}): Expected => ({ kind, assertion, ...extra });

export const rf = (flag: string, a: Assertion = 'affirmed'): Expected => e('red_flag', a, { flag });
export const th = (modality: string, a: Assertion = 'affirmed', x: Extra = {}): Expected =>
  e('therapy', a, { modality, ...x });
export const nf = (finding: string, a: Assertion = 'affirmed', x: Extra = {}): Expected =>
  e('neuro_finding', a, { finding, ...x });
export const rp = (a: Assertion = 'affirmed', x: Extra = {}): Expected => e('radicular_pain', a, x);
export const sc = (a: Assertion = 'affirmed', x: Extra = {}): Expected => e('symptom_course', a, x);
export const ms = (name: string, value: number, a: Assertion = 'affirmed'): Expected =>
  e('measurement', a, { name, value });
export const im = (modality: string, a: Assertion = 'affirmed', x: Extra = {}): Expected =>
  e('imaging', a, { modality, ...x });
export const ca = (cancerType: string, a: Assertion = 'affirmed', x: Extra = {}): Expected =>
  e('cancer', a, { cancerType, ...x });
export const tp = (phase: string, a: Assertion = 'affirmed'): Expected => e('treatment_phase', a, { phase });
export const mc = (a: Assertion = 'affirmed'): Expected => e('management_change', a);
export const ev = (type: string, a: Assertion = 'affirmed'): Expected => e('evaluation', a, { type });
export const fh = (relationship: string, a: Assertion = 'family', x: Extra = {}): Expected =>
  e('family_history', a, { relationship, ...x });
export const rk = (factor: string, a: Assertion = 'affirmed', x: Extra = {}): Expected =>
  e('risk_factor', a, { factor, ...x });
export const cond = (icd10: string, a: Assertion = 'affirmed'): Expected => e('condition', a, { icd10: [icd10] });
export const todo = (x: Expected): Expected => ({ ...x, todo: true });
