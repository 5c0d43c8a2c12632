// Section detection: markdown headings (`# Assessment and Plan`, `## Plan`), labelled headings (`HPI:`, `A/P:`,
// `PE:`, with or without text after the colon) and upper-case heading lines (`PHYSICAL EXAM`). Only known labels
// start a section, so that "Location: left cheek" or "Neuro: 5/5" stay inside the section they belong to.
import type { NoteSection } from '../fact.ts';

export interface SectionSpan {
  section: NoteSection;
  /** Offset where the section's body starts (after the heading). */
  start: number;
  end: number;
}

/** Normalised heading label → section. Data: add a label here to recognise a new heading. */
export const SECTION_LABELS: Readonly<Record<string, NoteSection>> = {
  'chief complaint': 'chief_complaint',
  cc: 'chief_complaint',
  'reason for visit': 'chief_complaint',
  'reason for referral': 'chief_complaint',
  hpi: 'hpi',
  'history of present illness': 'hpi',
  'history of the present illness': 'hpi',
  'interval history': 'hpi',
  subjective: 'hpi',
  history: 'hpi',
  s: 'hpi',
  ros: 'ros',
  'review of systems': 'ros',
  pmh: 'pmh',
  pmhx: 'pmh',
  'past medical history': 'pmh',
  'medical history': 'pmh',
  'past history': 'pmh',
  'problem list': 'pmh',
  psh: 'psh',
  pshx: 'psh',
  'past surgical history': 'psh',
  'surgical history': 'psh',
  fh: 'fh',
  fhx: 'fh',
  'family history': 'fh',
  sh: 'sh',
  shx: 'sh',
  'social history': 'sh',
  medications: 'medications',
  meds: 'medications',
  'current medications': 'medications',
  'medication list': 'medications',
  'outpatient medications': 'medications',
  allergies: 'allergies',
  'drug allergies': 'allergies',
  exam: 'exam',
  pe: 'exam',
  'physical exam': 'exam',
  'physical examination': 'exam',
  examination: 'exam',
  objective: 'exam',
  o: 'exam',
  vitals: 'exam',
  'skin exam': 'exam',
  'neurologic exam': 'exam',
  'neuro exam': 'exam',
  'spine exam': 'exam',
  imaging: 'imaging',
  radiology: 'imaging',
  studies: 'imaging',
  'imaging studies': 'imaging',
  'data reviewed': 'imaging',
  pathology: 'pathology',
  path: 'pathology',
  histopathology: 'pathology',
  'pathology report': 'pathology',
  'biopsy results': 'pathology',
  assessment: 'assessment',
  impression: 'assessment',
  a: 'assessment',
  diagnosis: 'assessment',
  diagnoses: 'assessment',
  'assessment and plan': 'assessment',
  'assessment & plan': 'assessment',
  'assessment/plan': 'assessment',
  'a/p': 'assessment',
  'a&p': 'assessment',
  'impression and plan': 'assessment',
  'impression/plan': 'assessment',
  plan: 'plan',
  p: 'plan',
  recommendations: 'plan',
  disposition: 'plan',
};

const MARKDOWN = /^[ \t]*#{1,6}[ \t]*([^\n#]+?)[ \t]*#*[ \t]*$/gm;
const LABELLED = /^[ \t]*([A-Za-z][A-Za-z /&]{0,40}?)[ \t]*:(?!\/)/gm;
const UPPER = /^[ \t]*([A-Z][A-Z /&]{1,40}[A-Z])[ \t]*$/gm;

function lookup(label: string): NoteSection | undefined {
  return SECTION_LABELS[label.trim().toLowerCase().replace(/\s+/g, ' ')];
}

interface Heading {
  at: number;
  bodyStart: number;
  section: NoteSection;
}

/** The sections of a note in order; text before the first heading is `other`. */
export function detectSections(text: string): SectionSpan[] {
  const headings: Heading[] = [];
  for (const re of [MARKDOWN, LABELLED, UPPER]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const label = m[1] ?? '';
      const section = lookup(label) ?? (re === MARKDOWN ? 'other' : undefined);
      if (section) headings.push({ at: m.index, bodyStart: m.index + m[0].length, section });
    }
  }
  headings.sort((a, b) => a.at - b.at);
  const spans: SectionSpan[] = [];
  let cursor = 0;
  let current: NoteSection = 'other';
  for (const h of headings) {
    if (h.at < cursor) continue;
    if (h.at > cursor) spans.push({ section: current, start: cursor, end: h.at });
    current = h.section;
    cursor = h.bodyStart;
  }
  if (cursor < text.length) spans.push({ section: current, start: cursor, end: text.length });
  return spans;
}
