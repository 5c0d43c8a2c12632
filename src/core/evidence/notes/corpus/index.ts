// The annotated corpus: synthetic notes for spine, PET/melanoma, Mohs and biologics, with expected facts.
import type { CorpusNote } from './types.ts';
import { PET } from './pet.ts';
import { SPINE } from './spine.ts';

export const CORPUS: readonly CorpusNote[] = [...SPINE, ...PET];
export type { CorpusNote, Expected } from './types.ts';
