// How notes say a treatment did or did not work, beyond the plain words ("failed", "improved") of the outcome
// lexicon in concepts.ts: the hedged and templated ways a prescriber writes an inadequate response ("no meaningful
// change", "without adequate control", "minimal to no response", "not working fast enough"). The outcome lexicon
// tries these right after its own failure words, so ConText (negation, hypothetical) applies to them the same way.

/** An inadequate response stated in words. */
export const INADEQUATE_RESPONSE =
  /\b(?:without (?:adequate|good|sufficient|meaningful|lasting|significant) (?:control|response|relief|improvement|benefit|clearance)|without control|not adequately (?:controlled|responsive|responding|improved)|no (?:meaningful|significant|real|appreciable|noticeable|objective|clinical(?:ly)? (?:meaningful|significant)) (?:change|difference|improvement|response|benefit)|(?:minimal|little|slight) (?:to|or) no (?:response|improvement|relief|benefit|change|effect)|sub-?optimal (?:response|control|improvement)|(?:not|wasn'?t|was not|isn'?t|is not|stopped) working|(?:wasn'?t|was not|isn'?t|is not|not) doing (?:much|anything|a thing)|did nothing|did(?:n'?t| not) do (?:much|anything)|(?:continued|continues|persistent) to flare|flared (?:on|despite|while on))\b/i;
