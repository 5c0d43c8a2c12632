// The annotated corpus: synthetic notes for spine, PET/melanoma, Mohs and biologics, with expected facts.
// CORPUS is the development set (the test asserts it); HELD_OUT was annotated before its first run and is only
// scored (bench/evidence/score.ts), never tuned on.
import type { CorpusNote } from './types.ts';
import { BIOLOGICS } from './biologics.ts';
import { HELD_OUT_NOTES } from './held-out.ts';
import { HELD_OUT_2_NOTES } from './held-out-2.ts';
import { HELD_OUT_3_NOTES } from './held-out-3.ts';
import { HELD_OUT_4_NOTES } from './held-out-4.ts';
import { HELD_OUT_5_NOTES } from './held-out-5.ts';
import { HELD_OUT_6_NOTES } from './held-out-6.ts';
import { MOHS } from './mohs.ts';
import { PET } from './pet.ts';
import { SPINE } from './spine.ts';

export const CORPUS: readonly CorpusNote[] = [...SPINE, ...PET, ...MOHS, ...BIOLOGICS];
export const HELD_OUT: readonly CorpusNote[] = HELD_OUT_NOTES;
/** Second held-out batch, annotated after all tuning on CORPUS and HELD_OUT. */
export const HELD_OUT_2: readonly CorpusNote[] = HELD_OUT_2_NOTES;
/** Third held-out batch, annotated after all tuning on the other sets. */
export const HELD_OUT_3: readonly CorpusNote[] = HELD_OUT_3_NOTES;
/** Fourth held-out batch, annotated after all fixes prompted by batches 1–3. */
export const HELD_OUT_4: readonly CorpusNote[] = HELD_OUT_4_NOTES;
/** Fifth held-out batch, annotated after all fixes prompted by batches 1–4. */
export const HELD_OUT_5: readonly CorpusNote[] = HELD_OUT_5_NOTES;
/** Sixth held-out batch, annotated after all fixes prompted by batches 1–5. */
export const HELD_OUT_6: readonly CorpusNote[] = HELD_OUT_6_NOTES;
export type { CorpusNote, Expected } from './types.ts';
