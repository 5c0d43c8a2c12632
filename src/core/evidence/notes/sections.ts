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
  // A cancer's course told as a dated list: what has been done, not a plan.
  'oncologic history': 'hpi',
  'oncology history': 'hpi',
  'oncological history': 'hpi',
  'cancer history': 'hpi',
  'treatment history': 'hpi',
  'imaging history': 'hpi',
  'treatment summary': 'hpi',
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
  // A consultant's letter closes with its own headings.
  impressions: 'assessment',
  'clinical impression': 'assessment',
  opinion: 'assessment',
  'opinion and recommendations': 'assessment',
  'opinion/recommendations': 'assessment',
  'impression and recommendations': 'assessment',
  'assessment and recommendations': 'assessment',
  conclusion: 'assessment',
  conclusions: 'assessment',
  plan: 'plan',
  p: 'plan',
  recommendations: 'plan',
  recommendation: 'plan',
  disposition: 'plan',
};

// Matched line by line (anchored, no multiline scan over the whole note).
const MARKDOWN = /^[ \t]*#{1,6}[ \t]*([^\n#]+?)[ \t]*#*[ \t]*$/;
// "EXAM (video, limited):": a heading may carry a bracketed qualifier before its colon.
const LABELLED = /^[ \t]*([A-Za-z][A-Za-z /&]{0,40}?)[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?:(?!\/)/;
const UPPER = /^[ \t]*([A-Z][A-Z /&]{1,40}[A-Z])[ \t]*$/;

/** First characters of every key `lookup` can find (the labels, and the names a plain object inherits): a label
 * starting with anything else is not lower-cased and normalised, which most lines of a note are spared. */
const LABEL_FIRST = new Set(
  [...Object.keys(SECTION_LABELS), ...Object.getOwnPropertyNames(Object.prototype)].map((k) => k.charAt(0)),
);

function lookup(label: string): NoteSection | undefined {
  const trimmed = label.trim();
  if (!LABEL_FIRST.has(trimmed.charAt(0).toLowerCase())) return undefined;
  // "ASSESSMENT / PLAN" is "assessment/plan".
  return SECTION_LABELS[
    trimmed
      .toLowerCase()
      .replace(/\s*\/\s*/g, '/')
      .replace(/\s+/g, ' ')
  ];
}

interface Heading {
  at: number;
  bodyStart: number;
  section: NoteSection;
}

function lineHeading(line: string, fullLength: number): { section: NoteSection; length: number } | undefined {
  const first = line.trimStart().charAt(0);
  if (first === '') return undefined;
  if (first === '#') {
    const m = MARKDOWN.exec(line);
    if (m && line.length === fullLength) return { section: lookup(m[1] ?? '') ?? 'other', length: m[0].length };
    return undefined;
  }
  if (line.indexOf(':') !== -1) {
    const m = LABELLED.exec(line);
    const section = m ? lookup(m[1] ?? '') : undefined;
    if (m && section) return { section, length: m[0].length };
  }
  if (fullLength <= 50) {
    // A line that is nothing but a known heading ("History of Present Illness", "Plan"), as HTML notes decode.
    const bare = line.trim().replace(/[.:]$/, '');
    const bareSection = bare.length > 1 ? lookup(bare) : undefined;
    if (bareSection) return { section: bareSection, length: line.length };
    const m = UPPER.exec(line);
    const section = m ? lookup(m[1] ?? '') : undefined;
    if (m && section) return { section, length: m[0].length };
  }
  return undefined;
}

/** The sections of a note in order; text before the first heading is `other`. */
export function detectSections(text: string): SectionSpan[] {
  const headings: Heading[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const heading = lineHeading(text.slice(pos, Math.min(nl, pos + 200)), nl - pos);
    if (heading) headings.push({ at: pos, bodyStart: pos + heading.length, section: heading.section });
    pos = nl + 1;
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
