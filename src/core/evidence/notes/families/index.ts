// The note pipeline's extractors, run in this order over every note. A new clinical family is a module here and
// its extractors in this list. The order is part of the behaviour: the cancer extractor sets the note's cancer
// context before the others read it, therapies claim their durations before the symptom course, and of two equal
// facts the first one found is kept.
import type { NoteExtractor } from '../extraction.ts';
import { ORDER_CONTINGENCY } from '../order-contingency.ts';
import { SYMPTOM_COURSE } from '../symptom-course.ts';
import { THERAPY_FACTS } from '../therapies.ts';
import {
  PRIOR_BIOLOGIC_DENIED,
  SITES_CLEARED,
  SKIN_CONDITIONS,
  SKIN_SEVERITY_SCORES,
  TB_SCREENING,
} from './inflammatory-skin.ts';
import { EXAMINED_SIZES, REPORT_FEATURES, RISK_MODIFIERS } from './mohs.ts';
import { SCC_RISK_FEATURES } from './scc-risk-features.ts';
import {
  CANCERS_AND_STAGING,
  IMAGING_STUDIES,
  MANAGEMENT_CHANGES,
  ONCOLOGY_MEASURES,
  TREATMENT_PHASE,
  UNCOUNTED_SCANS,
} from './oncology-imaging.ts';
import {
  FIRST_CARE_VISITS,
  NEURO_FINDINGS,
  PROCEDURE_REFUSALS,
  RADICULAR_PAIN,
  RE_EVALUATIONS,
  SPINE_CONDITIONS,
  SPINE_MEASURES,
  SPINE_RED_FLAGS,
} from './spine.ts';

export const NOTE_EXTRACTORS: readonly NoteExtractor[] = [
  CANCERS_AND_STAGING,
  REPORT_FEATURES,
  EXAMINED_SIZES,
  SCC_RISK_FEATURES,
  SPINE_RED_FLAGS,
  THERAPY_FACTS,
  NEURO_FINDINGS,
  RADICULAR_PAIN,
  SPINE_CONDITIONS,
  SKIN_CONDITIONS,
  SITES_CLEARED,
  SPINE_MEASURES,
  SKIN_SEVERITY_SCORES,
  PRIOR_BIOLOGIC_DENIED,
  TB_SCREENING,
  ONCOLOGY_MEASURES,
  IMAGING_STUDIES,
  UNCOUNTED_SCANS,
  TREATMENT_PHASE,
  MANAGEMENT_CHANGES,
  RE_EVALUATIONS,
  PROCEDURE_REFUSALS,
  FIRST_CARE_VISITS,
  RISK_MODIFIERS,
  SYMPTOM_COURSE,
  ORDER_CONTINGENCY,
];
