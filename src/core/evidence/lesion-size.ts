// Which "N cm" / "N mm" figures in a skin-cancer sentence are the lesion's size. Notes and pathology reports give
// many other lengths beside it: margins, depths and Breslow thickness, the punch or curette used, where the lesion
// sits ("3 cm above the brow"), a criterion's threshold ("≥ 1.1 cm"), a third dimension, nodes. The note reader
// (notes/families/mohs.ts) and the coded pathology reader (coded.ts) both ask here, so that the two agree.

/** A length in cm or mm, with an optional second dimension ("1.3 x 1.1 cm"). */
export const LENGTH = /(?<![\d.])(\d+(?:\.\d+)?)\s*(?:x\s*(\d+(?:\.\d+)?)\s*)?(cm|mm)\b/gi;

const EXCLUDE_BEFORE =
  /(?:margins?|depth|breslow|thick(?:ness)?|deep|clearance|invasion|(?:extension|extends?|spread|reach(?:es|ing)?|distance) of)\s*(?:of|is|:)?\s*$|(?:<|≤|>=?|≥|\bless than|\bunder|\bbelow|\bover|\bat least|\bgreater than)\s*$/i;
const THIRD_DIMENSION = /\d\s*x\s*$/i;
/** "Biopsy (4 mm punch)", "3 mm curette": the instrument; "1.0 mm deep": a depth. */
const INSTRUMENT_OR_DEPTH_AFTER = /^\s*(?:margins?|depth|deep|thick|in depth|breslow|punch|curette|trephine)/i;
/** "R forehead (mid, 3 cm above brow)", "10 cm below the acromion": where the lesion is, not how big. */
const PLACE_AFTER = /^\s*(?:above|below|from|proximal|distal|superior|inferior|lateral|medial|anterior|posterior)\b/i;
/** "well-mod diff, 1.0 mm, papillary dermis", "1.2 mm, Clark II": a depth of invasion given by its layer or level. */
const LAYER_AFTER =
  /^[,;]?\s*(?:(?:(?:into|to|in) (?:the )?)?(?:papillary|reticular|superficial|mid|deep)?\s*(?:dermis|subcut\w*|fat)|Clark|level)\b/i;
const GRADE_BEFORE = /\bdiff(?:erentiated|\.)?\s*,?\s*$/i;
const NODE_AFTER = /^\s*(?:[\w-]+\s+){0,3}(?:lymph\s+)?(?:nodes?|lymphadenopathy)\b/i;

/** Whether the length `value`, with up to 20 characters `before` it and 40 `after` it, is not the lesion's size. */
// "0.5 cm on the path report is the shave specimen", "\"~1 cm\" in 09/2025 was a visual estimate": a size the sentence
// itself sets aside.
const DISCLAIMED_AFTER =
  /^["”']?\s*(?:(?:on|in|from) the (?:path(?:ology)?|gross|outside) report\b|(?:is|was) (?:the )?(?:shave |punch |excision(?:al)? )?specimen\b|(?:in \d{1,2}\/\d{2,4} )?(?:was|is) an? (?:visual |rough |eyeball )?estimate\b)/i;

export function notLesionSize(value: string, before: string, after: string): boolean {
  return (
    EXCLUDE_BEFORE.test(before) ||
    THIRD_DIMENSION.test(before) ||
    INSTRUMENT_OR_DEPTH_AFTER.test(after) ||
    PLACE_AFTER.test(after) ||
    LAYER_AFTER.test(after) ||
    (/mm$/i.test(value) && GRADE_BEFORE.test(before)) ||
    NODE_AFTER.test(after) ||
    DISCLAIMED_AFTER.test(after)
  );
}

/** The largest dimension of a length, in cm (two decimals). */
export function lengthInCm(value: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(?:x\s*(\d+(?:\.\d+)?)\s*)?(cm|mm)/i.exec(value);
  if (!m) return undefined;
  const largest = Math.max(Number(m[1]), m[2] !== undefined ? Number(m[2]) : 0);
  const cm = (m[3] ?? '').toLowerCase() === 'mm' ? largest / 10 : largest;
  return Math.round(cm * 100) / 100;
}

/** The lesion sizes a text states, in cm, in order. */
export function lesionSizes(text: string): number[] {
  return [...text.matchAll(LENGTH)].flatMap((m) => {
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    return notLesionSize(m[0], before, after) ? [] : (lengthInCm(m[0]) ?? []);
  });
}
