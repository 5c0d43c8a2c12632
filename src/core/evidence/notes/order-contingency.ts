// An order made to wait on a result, shared by every family: "will proceed with PET/CT if the biopsy confirms
// in-transit disease", "MRI only if ESR/CRP are elevated; labs pending", "imaging decision after the final
// pathology", "PET/CT - will submit for auth so it's ready, will decide after CXR/labs". The clinician who orders the study says its indication is not yet established, so no determination
// may read the record as meeting the policy before that result is on record.
import type { NoteExtraction, NoteExtractor } from './extraction.ts';

/** The study or treatment a plan sentence may make wait (the order's own kind is not known to the note reader). */
const ORDERED =
  /\b(?:PET(?:\/CT)?|MRI|CT|imaging|scan|study|Mohs|surgery|biologic|dupilumab|Dupixent|injection|prior auth\w*)\b|\bPA\b/i;
/** A condition on a result: "if the biopsy …", "once the final pathology …", "pending ESR/CRP", "after the labs". */
const WAITS_ON =
  /\b(?:only if|if|once|depending on|contingent (?:on|upon)|pending|awaiting|(?:will )?decide (?:after|once|when))\b(?: the| her| his| their)?(?: final| permanent| outside)?\s+((?:punch |shave |excisional )?(?:biopsy|bx)(?: results?)?|CXR|chest (?:x-?ray|film)|x-?rays?|patholog(?:y|ic) (?:report|result|read)s?|pathology|path|(?:immuno)?stains|IHC|permanent sections|labs?(?: results?)?|ESR(?:\/CRP)?|CRP|(?:blood )?cultures|flow cytometry|dermatopathology|FNA|fine[- ]needle aspirat\w*|cytology|(?:(?:axillary|nodal|groin|neck|node|lymph node) )?(?:US|ultrasound|u\/s|sonogram)|EMG(?:\/NCS)?|nerve conduction studies|addendum|deeper levels|(?:special |S-?100 )?stains?)\b/i;
const WITH_STUDY = /^\s*(?:\/|and|or|&|\+)\s*(?:PET|MRI|CT|imaging|scan)/i;
/** The result of the study itself ("once PET results are back, plan surgery") is not a condition on the order. */
const OWN_RESULT = /\b(?:PET(?:\/CT)?|MRI|CT|imaging|scan)\s+(?:results?|findings|report)\b/i;

function orderContingency(x: NoteExtraction): void {
  // Most notes hold no such condition (the prefilter says so): only those that may are split and read in context.
  if (!x.possible.has(WAITS_ON)) return;
  // A sentence can hold a condition only if the note does: the whole text is tested once before it is split.
  if (!WAITS_ON.test(x.text) || !ORDERED.test(x.text)) return;
  for (let si = 0; si < x.ctx.sentences.length; si++) {
    const s = x.ctx.sentences[si];
    if (!s || (s.section !== 'plan' && s.section !== 'assessment' && s.section !== 'other')) continue;
    const waits = WAITS_ON.exec(s.text);
    if (!waits || !ORDERED.test(s.text) || OWN_RESULT.test(s.text)) continue;
    // "Hold antibiotics until cultures/MRI", "tumor board after biopsy/PET": the study is awaited with the result.
    if (WITH_STUDY.test(s.text.slice(waits.index + waits[0].length, waits.index + waits[0].length + 12))) continue;
    const f = x.flags(si, s.start + waits.index, s.start + waits.index + waits[0].length);
    if (f.family || f.negated) continue;
    x.add(
      x.withDate(
        { kind: 'order_contingency', waitsOn: waits[1] ?? waits[0], assertion: 'affirmed', source: x.source(si) },
        undefined,
      ),
    );
  }
}

export const ORDER_CONTINGENCY: NoteExtractor = { family: 'shared', probes: [WAITS_ON], run: orderContingency };
