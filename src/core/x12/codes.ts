// Code values of the 278 (005010X217) as the public sources give them (../shared/reference/x12-278.md). They are a
// working oracle, not the licensed TR3: lists marked unverified there feed warnings, never errors.

/** A code from `K`, or any other value read off the wire (validation says whether it is allowed). */
export type Coded<K extends string> = K | (string & Record<never, never>);

/** Entry of a code table for a value read off the wire; own keys only, so `constructor` or `__proto__` find nothing. */
export function lookup<K extends string, V>(table: Readonly<Record<K, V>>, code: string | undefined): V | undefined {
  return code !== undefined && Object.hasOwn(table, code) ? table[code as K] : undefined;
}

export const HL_LEVEL_CODES = ['20', '21', '22', '23', 'EV', 'SS'] as const;
export type HlLevelCode = (typeof HL_LEVEL_CODES)[number];

/** BHT02: 13 request, 11 response. BHT06: RU reservation; 18/19 no further / further updates to follow. */
export const BHT_PURPOSE_CODES = ['13', '11'] as const;
export const BHT_TYPE_CODES = ['RU', '18', '19'] as const;

/** UM01 request category (X12 1525). */
export const REQUEST_CATEGORY_CODES = {
  HS: 'health services review',
  AR: 'admission review',
  SC: 'specialty care review',
  IN: 'individual (medical services reservation)',
} as const;
export type RequestCategoryCode = keyof typeof REQUEST_CATEGORY_CODES;

/** UM02 certification type (X12 1322); the X217 subset is unverified. */
export const CERTIFICATION_TYPE_CODES = {
  I: 'initial',
  R: 'renewal',
  S: 'revised',
  '4': 'extension',
  '3': 'cancel',
  '1': 'appeal – immediate',
  '2': 'appeal – standard',
} as const;
export type CertificationTypeCode = keyof typeof CERTIFICATION_TYPE_CODES;

/** UM06 level of service (X12 1338): the TR3 examples use 03, the PAS IG U/E — unverified which a partner expects. */
export const LEVEL_OF_SERVICE_CODES = { U: 'urgent', E: 'elective', '03': 'emergency (TR3 example)' } as const;
export type LevelOfServiceCode = keyof typeof LEVEL_OF_SERVICE_CODES;

/** UM04-2 facility code qualifier: B place of service, A UB-04 bill type. */
export const FACILITY_CODE_QUALIFIERS = ['A', 'B'] as const;

/** HCR01 action code (X12 306). */
export const HCR_ACTION_CODES = {
  A1: 'certified in total',
  A2: 'certified – partial',
  A3: 'not certified',
  A4: 'pended',
  A6: 'modified',
  C: 'cancelled',
  CT: 'contact payer',
  NA: 'no action required',
} as const;
export type HcrActionCode = keyof typeof HCR_ACTION_CODES;

/** AAA03 reject reason (X12 901, base-standard list; the per-loop X217 subsets are unverified). */
export const REJECT_REASON_CODES = {
  '04': 'authorized quantity exceeded',
  '15': 'required application data missing',
  '33': 'input errors',
  '35': 'out of network',
  '41': 'authorization/access restrictions',
  '42': 'unable to respond at current time',
  '43': 'invalid/missing provider identification',
  '44': 'invalid/missing provider name',
  '45': 'invalid/missing provider specialty',
  '46': 'invalid/missing provider phone number',
  '47': 'invalid/missing provider state',
  '51': 'provider not on file',
  '52': 'service dates not within provider plan enrollment',
  '56': 'inappropriate date',
  '57': 'invalid/missing date(s) of service',
  '58': 'invalid/missing date of birth',
  '64': 'invalid/missing patient ID',
  '65': 'invalid/missing patient name',
  '66': 'invalid/missing patient gender code',
  '67': 'patient not found',
  '68': 'duplicate patient ID number',
  '72': 'invalid/missing subscriber/insured ID',
  '73': 'invalid/missing subscriber/insured name',
  '74': 'invalid/missing subscriber/insured gender code',
  '75': 'subscriber/insured not found',
  '76': 'duplicate subscriber/insured ID number',
  '77': 'subscriber found, patient not found',
  '78': 'subscriber/insured not in group/plan identified',
  '79': 'invalid participant identification',
  '80': 'no response received – transaction terminated',
  '95': 'patient not eligible',
  '97': 'invalid or missing provider address',
  '98': 'experimental service or procedure',
  AA: 'authorization number not found',
  AE: 'requires primary care physician authorization',
  AF: 'invalid/missing diagnosis code(s)',
  AG: 'invalid/missing procedure code(s)',
  AO: 'additional patient condition information required',
  CI: 'certification information does not match patient',
  E8: 'requires medical review',
  IA: 'invalid authorization number format',
  IP: 'inappropriate provider role',
  MA: 'missing authorization number',
  NC: 'no certification information found',
  T4: 'payer name or identifier missing',
  T5: 'certification information missing',
} as const;
export type RejectReasonCode = keyof typeof REJECT_REASON_CODES;

/** AAA04 follow-up action (X12 889). */
export const FOLLOW_UP_ACTION_CODES = {
  C: 'please correct and resubmit',
  N: 'resubmission not allowed',
  P: 'please resubmit original transaction',
  R: 'resubmission allowed',
  S: 'do not resubmit; inquiry initiated to a third party',
  W: 'please wait 30 days and resubmit',
  X: 'please wait 10 days and resubmit',
  Y: 'do not resubmit; we will hold your request and respond again shortly',
} as const;
export type FollowUpActionCode = keyof typeof FOLLOW_UP_ACTION_CODES;

/** NM101 entity identifier codes by name loop. */
export const ENTITY_CODES_BY_LOOP = {
  '2010A': ['X3'],
  '2010B': ['1P', 'FA'],
  '2010C': ['IL'],
  '2010D': ['QC'],
  '2010EA': ['71', '72', '73', '77', 'AAJ', 'DD', 'DK', 'DN', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ'],
  '2010EB': ['PW', '45', 'FS', 'ND', 'R3'],
  '2010EC': ['00', 'CA', 'GG'],
  '2010F': ['SJ', 'FA', '71', '72', '73', '77', 'DK', 'DN', 'P3', 'QB'],
} as const;
export type NameLoopId = keyof typeof ENTITY_CODES_BY_LOOP;

/** NM108 identification code qualifier: PI payer id, XX NPI, 46 ETIN, 24 EIN, 34 SSN, MI member id. */
export const ID_CODE_QUALIFIERS = ['PI', 'XX', '46', '24', '34', 'MI', 'II', 'SV', 'ZZ'] as const;
export type IdCodeQualifier = (typeof ID_CODE_QUALIFIERS)[number];

export const ENTITY_TYPE_QUALIFIERS = ['1', '2'] as const;

/** REF01 reference identification qualifier (X12 128) as the reference lists it. */
export const REFERENCE_QUALIFIERS = [
  'BB',
  'NT',
  'G1',
  '9F',
  'EJ',
  '1L',
  '1W',
  '6P',
  'IG',
  'SY',
  'HJ',
  'NQ',
  'EI',
  'N5',
  'N7',
  'ZH',
  '1J',
  'D9',
] as const;

/** DTP01 date/time qualifier (X12 374); placement of 102/036/007 is unverified. */
export const DATE_QUALIFIERS = {
  '435': 'admission',
  '096': 'discharge',
  '472': 'service',
  AAH: 'event',
  '439': 'accident',
  '484': 'last menstrual period',
  ABC: 'estimated date of birth',
  '431': 'onset',
  '102': 'issue',
  '036': 'expiration',
  '007': 'effective',
} as const;
export type DateQualifier = keyof typeof DATE_QUALIFIERS;
export const DATE_FORMATS = ['D8', 'RD8'] as const;

/** HI qualifiers: ICD-10-CM principal/other/admitting, ICD-9 as in the 2005-era TR3 examples. */
export const DIAGNOSIS_QUALIFIERS = ['ABK', 'ABF', 'ABJ', 'BK', 'BF', 'BJ'] as const;
export type DiagnosisQualifier = (typeof DIAGNOSIS_QUALIFIERS)[number];

/** Procedure code qualifiers in SV1/SV2/SV3 composites: HC CPT/HCPCS, AD dental, IV HIEC, N4 NDC, ZZ mutually defined. */
export const PROCEDURE_QUALIFIERS = ['HC', 'AD', 'IV', 'N4', 'ZZ', 'WK', 'ER'] as const;

/** HSD01 quantity qualifier. */
export const DELIVERY_QUANTITY_QUALIFIERS = ['DY', 'FL', 'HS', 'MN', 'VS'] as const;

/** PWK01 report type (X12 755) and PWK02 transmission code (X12 756). */
export const REPORT_TYPE_CODES = {
  AS: 'admission summary',
  B2: 'prescription',
  B3: 'physician order',
  DG: 'diagnostic report',
  DS: 'discharge summary',
  OB: 'operative note',
  OZ: 'support data for claim',
  PN: 'physical therapy notes',
  RB: 'radiology films',
  '77': 'support data for verification',
} as const;
export type ReportTypeCode = keyof typeof REPORT_TYPE_CODES;
export const TRANSMISSION_CODES = {
  EL: 'electronically only',
  BM: 'by mail',
  FX: 'by fax',
  EM: 'e-mail',
  FT: 'file transfer',
  VO: 'voice',
  AA: 'available on request at provider site',
} as const;
export type TransmissionCode = keyof typeof TRANSMISSION_CODES;

/** DMG03 gender. */
export const GENDER_CODES = ['F', 'M', 'U'] as const;
export type GenderCode = (typeof GENDER_CODES)[number];

/** TRN01: 1 current transaction trace (request), 2 referenced transaction trace (response echo). */
export const TRACE_TYPE_CODES = ['1', '2'] as const;

/** PER contact function and communication qualifiers. */
export const CONTACT_FUNCTION_CODES = ['IC'] as const;
export const COMMUNICATION_QUALIFIERS = ['TE', 'FX', 'EM', 'EX', 'UR'] as const;

/** PRV01 provider code and PRV02 reference qualifier (PXC taxonomy). */
export const PROVIDER_CODES = ['AD', 'AS', 'AT', 'CO', 'CV', 'OP', 'OR', 'OT', 'PC', 'PE', 'RF'] as const;

/** CRC01 condition category codes. */
export const CONDITION_CATEGORY_CODES = ['07', '08', '09', '11', '75', '76', '77'] as const;

export const YES_NO = ['Y', 'N'] as const;
/** X12 1073 in full (W = not applicable, U = unknown), as the TR3 home-health example uses it in CR607. */
export const YES_NO_CONDITION = ['Y', 'N', 'U', 'W'] as const;

/** 999 IK5/AK9 and TA1 acknowledgment codes. */
export const ACK_CODES = {
  A: 'accepted',
  E: 'accepted with errors',
  M: 'rejected, message authentication failed',
  P: 'partially accepted',
  R: 'rejected',
  W: 'rejected, assurance failed',
  X: 'rejected, content could not be analysed',
} as const;
export type AckCode = keyof typeof ACK_CODES;
