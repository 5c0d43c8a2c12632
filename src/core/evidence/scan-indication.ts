// The cancer a scan was done for, as its words state it ("PET/CT 03/2023 for his CLL", a procedure titled "PET/CT …
// for CLL"): scan limits such as NCD 220.6.17's are counted per cancer, so a PET done for another cancer does not
// use up this cancer's scans. Only a cancer named after "for" counts: a scan sentence names many things.
import type { CancerType } from './fact.ts';

const CANCER_NAMES = [
  String.raw`CLL|chronic lymphocytic leuka?emia|(?:non-?)?Hodgkin'?s?(?: lymphoma)?|(?:diffuse large |follicular |mantle cell )?(?:B-cell )?lymphoma|DLBCL|leuka?emia|myeloma`,
  String.raw`(?:breast|prostate|lung|colon|colorectal|rectal|pancreatic|thyroid|renal|kidney|ovarian|cervical|bladder|esophageal|gastric|head and neck) (?:cancer|carcinoma|ca)`,
  String.raw`melanoma`,
  String.raw`merkel(?: cell)?(?: carcinoma)?|MCC`,
  String.raw`(?:cutaneous )?(?:SCC|squamous cell carcinoma)`,
  // "for a different cancer": not this one, whichever it was.
  String.raw`(?:different|another|other|unrelated|separate) (?:cancer|malignancy|primary)`,
].join('|');
const STATED_FOR = new RegExp(
  String.raw`\bfor (?:his |her |their |the |known |a |an |suspected |possible |presumed |recurrent )?(${CANCER_NAMES})\b`,
  'i',
);
/** A list heading that is a cancer ("A. Diffuse large B-cell lymphoma (2025) - in remission"). */
const HEADING_CANCER = new RegExp(String.raw`^\s*(?:[A-Z0-9][.)]\s+)?(${CANCER_NAMES})\b`, 'i');

/** A label that opens on a cancer ("Melanoma imaging", "MCC staging"). */
const LABEL_CANCER = new RegExp(String.raw`(?:^|[.;]\s*)(?:\d+[.)]\s*|[-*•]\s*)?(${CANCER_NAMES})\b[^:]*$`, 'i');

/** A scan for something that is no cancer ("for an unrelated, benign lung nodule", "nodule characterization",
 * "considered benign; no cancer diagnosis"): it counts for no cancer's limit. */
const NOT_A_CANCER =
  /\bfor (?:an? |the |her |his )?(?:(?:unrelated|benign|incidental|indeterminate),? )*(?:[\w.-]+ ){0,4}?(?:nodule|spot|cyst)s?\b|\bnodule characteri[sz]ation\b|\bno (?:cancer|malignancy) (?:diagnosis|diagnosed|found)\b|\b(?:considered|deemed|proved|proven) benign\b|\b(?:nodule|spot)\b[^.;]{0,40}\b(?:low suspicion|released from (?:f\/u|follow-?up))/i;

/** The sentence around a scan says it was for no cancer ("…, considered benign; no cancer diagnosis"). */
export function notACancerIn(text: string): boolean {
  return NOT_A_CANCER.test(text.replace(/\s+/g, ' '));
}

export function scanIndicationIn(text: string): CancerType | undefined {
  const flat = text.replace(/\s+/g, ' ');
  return indicationOf(STATED_FOR.exec(flat)?.[1]) ?? (NOT_A_CANCER.test(flat) ? 'other_solid' : undefined);
}

/**
 * The cancer of the list a scan's line sits in: the nearest line above it, in the same block, that is indented less
 * and names a cancer ("ONCOLOGIC HISTORY / A. Diffuse large B-cell lymphoma / 01/28/2025 FDG PET/CT (initial
 * staging)"). A scan in another cancer's history does not use up this cancer's scans.
 */
export function listHeadingIndication(text: string, at: number): CancerType | undefined {
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const indent = (from: number): number => /^[ \t]*/.exec(text.slice(from, from + 40))?.[0].length ?? 0;
  const own = indent(lineStart);
  while (lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const line = text.slice(prevStart, lineStart - 1);
    if (line.trim() === '') return undefined;
    if (indent(prevStart) < own) return indicationOf(HEADING_CANCER.exec(line)?.[1]);
    lineStart = prevStart;
  }
  return undefined;
}

/**
 * The cancer a label before the scan on its line names ("Imaging for melanoma: PET/CT 05/2019 (baseline), 11/2020",
 * "Melanoma surveillance: PET/CT 01/2024, 07/2024"): every scan the label lists was for it.
 */
export function labelIndication(text: string, at: number): CancerType | undefined {
  const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  const colon = line.lastIndexOf(':');
  if (colon === -1) return undefined;
  const label = line.slice(Math.max(0, colon - 60), colon).replace(/\s+/g, ' ');
  return indicationOf(STATED_FOR.exec(label)?.[1] ?? LABEL_CANCER.exec(label)?.[1]);
}

function indicationOf(name: string | undefined): CancerType | undefined {
  const named = name?.toLowerCase();
  if (named === undefined) return undefined;
  if (/^(?:different|another|other|unrelated|separate) /.test(named)) return 'other_solid';
  if (/cll|lymph|leuk|myeloma|hodgkin|dlbcl/.test(named)) return 'hematologic';
  if (named === 'melanoma') return 'melanoma';
  if (/merkel|mcc/.test(named)) return 'merkel_cell';
  if (/scc|squamous/.test(named)) return 'cutaneous_scc';
  return 'other_solid';
}
