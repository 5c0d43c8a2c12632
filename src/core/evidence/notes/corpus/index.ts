// The annotated corpus: synthetic notes for spine, PET/melanoma, Mohs and biologics, with expected facts.
import type { CorpusNote } from './types.ts';
import { BIOLOGICS } from './biologics.ts';
import { MOHS } from './mohs.ts';
import { PET } from './pet.ts';
import { SPINE } from './spine.ts';

export const CORPUS: readonly CorpusNote[] = [...SPINE, ...PET, ...MOHS, ...BIOLOGICS];
export type { CorpusNote, Expected } from './types.ts';
