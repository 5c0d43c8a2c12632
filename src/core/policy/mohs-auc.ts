// The 2012 AAD/ACMS/ASDSA/ASMS Appropriate Use Criteria for Mohs micrographic surgery as data: each row rates a
// scenario (area × tumour × subtype × primary/recurrent × immune status × size band) appropriate, uncertain or
// inappropriate. Read in our own words from the public summaries in the reference (§3); the first matching row wins.
// Area L SCC edge sizes come from the AUC summary chart and are marked for confirmation against the paper.
import type { AucArea } from '../evidence/codesets.ts';

export type AucTumour = 'bcc' | 'scc' | 'sccis' | 'lm_mis' | 'ak_sccis';
export type AucSubtype = 'aggressive' | 'nodular' | 'superficial' | 'non_aggressive' | 'verrucous' | 'ka_type';
export type AucStatus = 'primary' | 'recurrent';
export type AucImmune = 'healthy' | 'immunocompromised';
/** Clinical diameter bands: ≤ 0.5 cm, 0.6–1.0, 1.1–2.0, > 2.0. */
export type AucSize = 'le0.5' | '0.6-1.0' | '1.1-2.0' | 'gt2.0';
export type AucRating = 'appropriate' | 'uncertain' | 'inappropriate';

export const AUC_AREAS: readonly AucArea[] = ['H', 'M', 'L'];
export const AUC_SIZES: readonly AucSize[] = ['le0.5', '0.6-1.0', '1.1-2.0', 'gt2.0'];
export const AUC_STATUSES: readonly AucStatus[] = ['primary', 'recurrent'];
export const AUC_IMMUNE: readonly AucImmune[] = ['healthy', 'immunocompromised'];
export const AUC_SUBTYPES: Readonly<Record<AucTumour, readonly AucSubtype[] | undefined>> = {
  bcc: ['aggressive', 'nodular', 'superficial'],
  scc: ['aggressive', 'non_aggressive', 'verrucous', 'ka_type'],
  sccis: undefined,
  lm_mis: undefined,
  ak_sccis: undefined,
};

export interface AucRow {
  area: readonly AucArea[];
  tumour: AucTumour;
  subtype?: readonly AucSubtype[];
  status?: readonly AucStatus[];
  immune?: readonly AucImmune[];
  size?: readonly AucSize[];
  rating: AucRating;
}

const ALL: readonly AucArea[] = ['H', 'M', 'L'];
const SMALL: readonly AucSize[] = ['le0.5', '0.6-1.0'];
const P: readonly AucStatus[] = ['primary'];
const R: readonly AucStatus[] = ['recurrent'];
const HEALTHY: readonly AucImmune[] = ['healthy'];
const IC: readonly AucImmune[] = ['immunocompromised'];

export const AUC_TABLE: readonly AucRow[] = [
  // Actinic keratosis with focal SCC in situ: inappropriate in every area.
  { area: ALL, tumour: 'ak_sccis', rating: 'inappropriate' },
  // Area H: every BCC and SCC subtype, primary or recurrent, and LM/MIS.
  { area: ['H'], tumour: 'bcc', rating: 'appropriate' },
  { area: ['H'], tumour: 'scc', rating: 'appropriate' },
  { area: ['H'], tumour: 'sccis', rating: 'appropriate' },
  { area: ['H'], tumour: 'lm_mis', rating: 'appropriate' },
  // Area M.
  { area: ['M'], tumour: 'bcc', status: R, rating: 'appropriate' },
  { area: ['M'], tumour: 'bcc', status: P, subtype: ['aggressive', 'nodular'], rating: 'appropriate' },
  { area: ['M'], tumour: 'bcc', status: P, subtype: ['superficial'], immune: IC, rating: 'appropriate' },
  {
    area: ['M'],
    tumour: 'bcc',
    status: P,
    subtype: ['superficial'],
    size: ['0.6-1.0', '1.1-2.0', 'gt2.0'],
    rating: 'appropriate',
  },
  {
    area: ['M'],
    tumour: 'bcc',
    status: P,
    subtype: ['superficial'],
    immune: HEALTHY,
    size: ['le0.5'],
    rating: 'uncertain',
  },
  { area: ['M'], tumour: 'scc', subtype: ['aggressive', 'non_aggressive', 'ka_type'], rating: 'appropriate' },
  { area: ['M'], tumour: 'sccis', rating: 'appropriate' },
  { area: ['M'], tumour: 'lm_mis', rating: 'appropriate' },
  // Area L, BCC.
  { area: ['L'], tumour: 'bcc', status: R, subtype: ['aggressive', 'nodular'], rating: 'appropriate' },
  { area: ['L'], tumour: 'bcc', status: R, subtype: ['superficial'], rating: 'inappropriate' },
  {
    area: ['L'],
    tumour: 'bcc',
    status: P,
    subtype: ['aggressive'],
    size: ['0.6-1.0', '1.1-2.0', 'gt2.0'],
    rating: 'appropriate',
  },
  { area: ['L'], tumour: 'bcc', status: P, subtype: ['aggressive'], size: ['le0.5'], rating: 'uncertain' },
  { area: ['L'], tumour: 'bcc', status: P, subtype: ['nodular'], size: ['gt2.0'], rating: 'appropriate' },
  { area: ['L'], tumour: 'bcc', status: P, subtype: ['nodular'], immune: IC, size: ['1.1-2.0'], rating: 'appropriate' },
  { area: ['L'], tumour: 'bcc', status: P, subtype: ['nodular'], immune: IC, size: ['0.6-1.0'], rating: 'uncertain' },
  { area: ['L'], tumour: 'bcc', status: P, subtype: ['nodular'], immune: IC, size: ['le0.5'], rating: 'inappropriate' },
  {
    area: ['L'],
    tumour: 'bcc',
    status: P,
    subtype: ['nodular'],
    immune: HEALTHY,
    size: ['1.1-2.0'],
    rating: 'uncertain',
  },
  {
    area: ['L'],
    tumour: 'bcc',
    status: P,
    subtype: ['nodular'],
    immune: HEALTHY,
    size: SMALL,
    rating: 'inappropriate',
  },
  { area: ['L'], tumour: 'bcc', status: P, subtype: ['superficial'], immune: HEALTHY, rating: 'inappropriate' },
  {
    area: ['L'],
    tumour: 'bcc',
    status: P,
    subtype: ['superficial'],
    immune: IC,
    size: ['1.1-2.0', 'gt2.0'],
    rating: 'uncertain',
  },
  { area: ['L'], tumour: 'bcc', status: P, subtype: ['superficial'], immune: IC, size: SMALL, rating: 'inappropriate' },
  // Area L, SCC (edge sizes from the summary chart: confirm against the paper).
  { area: ['L'], tumour: 'scc', subtype: ['aggressive'], rating: 'appropriate' },
  { area: ['L'], tumour: 'scc', status: R, subtype: ['non_aggressive'], rating: 'appropriate' },
  { area: ['L'], tumour: 'scc', status: P, subtype: ['non_aggressive'], size: ['gt2.0'], rating: 'appropriate' },
  {
    area: ['L'],
    tumour: 'scc',
    status: P,
    subtype: ['non_aggressive'],
    immune: IC,
    size: ['1.1-2.0'],
    rating: 'appropriate',
  },
  { area: ['L'], tumour: 'scc', status: P, subtype: ['non_aggressive'], immune: IC, size: SMALL, rating: 'uncertain' },
  {
    area: ['L'],
    tumour: 'scc',
    status: P,
    subtype: ['non_aggressive'],
    immune: HEALTHY,
    size: ['1.1-2.0'],
    rating: 'uncertain',
  },
  {
    area: ['L'],
    tumour: 'scc',
    status: P,
    subtype: ['non_aggressive'],
    immune: HEALTHY,
    size: SMALL,
    rating: 'inappropriate',
  },
  {
    area: ['L'],
    tumour: 'scc',
    status: P,
    subtype: ['ka_type'],
    immune: HEALTHY,
    size: SMALL,
    rating: 'inappropriate',
  },
  { area: ['L'], tumour: 'scc', status: P, subtype: ['ka_type'], immune: IC, size: ['le0.5'], rating: 'inappropriate' },
  // Area L, SCC in situ.
  { area: ['L'], tumour: 'sccis', status: R, rating: 'uncertain' },
  { area: ['L'], tumour: 'sccis', status: P, size: ['gt2.0'], rating: 'appropriate' },
  { area: ['L'], tumour: 'sccis', status: P, immune: IC, size: ['1.1-2.0'], rating: 'appropriate' },
  { area: ['L'], tumour: 'sccis', status: P, immune: IC, size: ['0.6-1.0'], rating: 'uncertain' },
  { area: ['L'], tumour: 'sccis', status: P, immune: IC, size: ['le0.5'], rating: 'inappropriate' },
  { area: ['L'], tumour: 'sccis', status: P, immune: HEALTHY, size: ['1.1-2.0'], rating: 'uncertain' },
  { area: ['L'], tumour: 'sccis', status: P, immune: HEALTHY, size: SMALL, rating: 'inappropriate' },
];

export interface AucScenario {
  area: AucArea;
  tumour: AucTumour;
  subtype?: AucSubtype;
  status: AucStatus;
  immune: AucImmune;
  size: AucSize;
}

/** The rating of a fully described scenario, or undefined when the table does not rate it. */
export function aucRating(s: AucScenario): AucRating | undefined {
  return AUC_TABLE.find(
    (row) =>
      row.area.includes(s.area) &&
      row.tumour === s.tumour &&
      (row.subtype === undefined || (s.subtype !== undefined && row.subtype.includes(s.subtype))) &&
      (row.status === undefined || row.status.includes(s.status)) &&
      (row.immune === undefined || row.immune.includes(s.immune)) &&
      (row.size === undefined || row.size.includes(s.size)),
  )?.rating;
}

/** The size band of a clinical diameter in cm. */
export function sizeBand(cm: number): AucSize {
  if (cm <= 0.5) return 'le0.5';
  if (cm <= 1.0) return '0.6-1.0';
  if (cm <= 2.0) return '1.1-2.0';
  return 'gt2.0';
}

export const SIZE_LABEL: Readonly<Record<AucSize, string>> = {
  'le0.5': '≤ 0.5 cm',
  '0.6-1.0': '0.6–1.0 cm',
  '1.1-2.0': '1.1–2.0 cm',
  'gt2.0': '> 2.0 cm',
};
