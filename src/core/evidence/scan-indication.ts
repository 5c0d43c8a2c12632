// The cancer a scan was done for, as its words state it ("PET/CT 03/2023 for his CLL", a procedure titled "PET/CT …
// for CLL"): scan limits such as NCD 220.6.17's are counted per cancer, so a PET done for another cancer does not
// use up this cancer's scans. Only a cancer named after "for" counts: a scan sentence names many things.
import type { CancerType } from './fact.ts';

const STATED_FOR = new RegExp(
  String.raw`\bfor (?:his |her |their |the |known |a |an |suspected |possible |presumed |recurrent )?(` +
    [
      String.raw`CLL|chronic lymphocytic leuka?emia|(?:non-?)?Hodgkin'?s?(?: lymphoma)?|lymphoma|leuka?emia|myeloma`,
      String.raw`(?:breast|prostate|lung|colon|colorectal|rectal|pancreatic|thyroid|renal|kidney|ovarian|cervical|bladder|esophageal|gastric|head and neck) (?:cancer|carcinoma|ca)`,
      String.raw`melanoma`,
      String.raw`merkel(?: cell)?(?: carcinoma)?|MCC`,
      String.raw`(?:cutaneous )?(?:SCC|squamous cell carcinoma)`,
    ].join('|') +
    String.raw`)\b`,
  'i',
);

export function scanIndicationIn(text: string): CancerType | undefined {
  const named = STATED_FOR.exec(text)?.[1]?.toLowerCase();
  if (named === undefined) return undefined;
  if (/cll|lymph|leuk|myeloma|hodgkin/.test(named)) return 'hematologic';
  if (named === 'melanoma') return 'melanoma';
  if (/merkel|mcc/.test(named)) return 'merkel_cell';
  if (/scc|squamous/.test(named)) return 'cutaneous_scc';
  return 'other_solid';
}
