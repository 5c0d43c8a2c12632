// The stated purpose of an imaging order (issue 15, class 4): what question the scan answers decides exclusions
// ("to evaluate the axillary nodes before sentinel node biopsy" is regional-node evaluation) and whether its result
// will change management ("to decide between surgery and radiation") or is surveillance ("to make sure it hasn't
// spread", "routine, asymptomatic"). Read from the order's reason and notes and from the plan sentence naming the scan.

export type ScanPurpose = 'surveillance' | 'regional_nodes' | 'treatment_decision';

/** Surveillance, reassurance or screening: no treatment decision rests on the result. */
const SURVEILLANCE =
  /\b(?:routine|surveillance|reassur(?:e|ance)|peace of mind|(?:patient|family)(?:'s)? (?:request|anxiety|wish)|per (?:the )?(?:patient|family)(?:'s)? request|asymptomatic|no (?:management|treatment) decision|screen(?:ing)?|hidden cancer|make sure (?:it|the cancer|the melanoma|nothing)\b[^.;]{0,25}\bspread)\b/i;
/** Evaluation of the regional nodes (the sentinel-node basin), not of distant disease. */
// ("The specific question … is the status of the right inguinal nodal basins".)
// ("the axillary knows": a dictation's slip for the nodes.)
const REGIONAL_NODES =
  /\b(?:evaluat\w*|assess\w*|characteri[sz]\w*|stag\w*|look at|check\w*|image|imaging of|spread to|involv\w*|status of)\b[^.;]{0,40}?\b(?:lymph nodes?|nodes|nodal (?:basins?|disease|involvement|status)|node basins?|(?:axillary|inguinal|groin|cervical|popliteal|epitrochlear|regional|lymph) (?:knows|nose|notes|nods))\b/i;
/** "The PET is not being used to characterize the regional nodes", "I do not need PET to evaluate the axilla". */
const DENIED_BEFORE = /\b(?:not|no need|don'?t need|do not need)\b[^.;]{0,30}$/i;
// A purpose beyond the nodes; "no distant symptoms" names none.
const DISTANT =
  /(?<!\b(?:no|without|denies|negative for) (?:\w+ )?)\b(?:distant|whole[- ]body|systemic|extent of (?:the )?disease|lungs?|liver|brain|bones?)\b/i;
/** "FDG PET/CT (whole body, to include both legs)", "whole-body PET": the field the scan covers, not a purpose. */
const SCAN_FIELD =
  /(?<=\b(?:PET(?:\/CT)?|CT|scan)\s*\(?\s*)whole[- ]body\b|\bwhole[- ]body(?= (?:FDG |PET|CT|scan|imaging)\b)/gi;
/** The result decides or plans treatment. */
const DECISION =
  /\b(?:define|determine|assess|evaluate|establish)\b[^.;]{0,15}\bextent\b|\bto (?:decide|choose|select|plan|guide)\b|\b(?:results?|findings?|scan)\b[^.;]{0,20}\b(?:will|would|to) (?:decide|determine|change|guide|direct)\b|\b(?:initial|baseline) staging\b|\b(?:surgical|treatment|radiation) planning\b|\b(?:before|prior to|ahead of)\b[^.;]{0,40}\b(?:surgery|resection|\w+ectomy|dissection|excision|treatment|therapy|radiation|metastasectomy|SLNB|SLN biopsy|sentinel (?:lymph )?node (?:biopsy|mapping))\b|\b(?:look|assess|evaluat\w*|rule out|exclude|r\/o)\b[^.;]{0,20}\b(?:distant|additional|other|further) (?:disease|metastas[ie]s|spread|sites|lesions)\b|(?:->|→)\s*(?:[\w+/-]+\s+){0,3}(?:resection|surgery|wedge|\w+ectomy|systemic therapy|radiation|SBRT|immunotherapy)\b/i;

/** Every purpose a text states for a scan: a reassurance scan of the nodes is both surveillance and regional nodes. */
export function scanPurposes(text: string): ScanPurpose[] {
  const out: ScanPurpose[] = [];
  if (SURVEILLANCE.test(text)) out.push('surveillance');
  const nodes = REGIONAL_NODES.exec(text);
  const beyond = DISTANT.test(text.replace(SCAN_FIELD, ' '));
  if (nodes && !beyond && !DENIED_BEFORE.test(text.slice(Math.max(0, nodes.index - 40), nodes.index)))
    out.push('regional_nodes');
  if (DECISION.test(text)) out.push('treatment_decision');
  return out;
}

/** The purpose that decides whether a result changes management; surveillance words win, no decision rests on it. */
export function primaryPurpose(all: readonly ScanPurpose[]): ScanPurpose | undefined {
  return all.includes('surveillance') ? 'surveillance' : all.includes('regional_nodes') ? 'regional_nodes' : all[0];
}

export const scanPurpose = (text: string): ScanPurpose | undefined => primaryPurpose(scanPurposes(text));
