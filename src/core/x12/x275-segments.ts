// Layouts of the segments a 275 (005010X210) carries, beyond those it shares with the 278 (NM1, PER, DTP). Code lists
// are the values Klivira sends and the reference names; the TR3 itself is not public, so the wider lists only warn.
import { composite, el, segmentSpec, type SegmentValue } from './element-spec.ts';

const unverified = { unverifiedCodes: true } as const;

export const ST_275 = segmentSpec('ST', [
  el('transactionSetId', 'ID', 3, 3, { required: true, codes: ['275'] }),
  el('controlNumber', 'AN', 4, 9, { required: true }),
  el('implementationReference', 'AN', 1, 35, { required: true, codes: ['005010X210'] }),
]);

/** BGN01: `11` response (to a payer's request for information), `02` original (unsolicited, with the 278). */
export const BGN = segmentSpec('BGN', [
  el('purposeCode', 'ID', 2, 2, { required: true, codes: ['02', '11'] }),
  el('referenceId', 'AN', 1, 50, { required: true }),
  el('date', 'DT', 8, 8, { required: true }),
  el('time', 'TM', 4, 8),
]);

/** TRN01 `2` when the payer asked (solicited), `1` when unsolicited; TRN02 the attachment control number (PWK06). */
export const TRN_275 = segmentSpec('TRN', [
  el('traceTypeCode', 'ID', 1, 2, { required: true, codes: ['1', '2'] }),
  el('attachmentControlNumber', 'AN', 1, 50, { required: true }),
]);

export const REF_275 = segmentSpec('REF', [
  el('qualifier', 'ID', 2, 3, { required: true, codes: ['EJ', 'EA', '1K', 'D9', 'NT', 'BB', 'FJ'], ...unverified }),
  el('value', 'AN', 1, 50, { required: true }),
]);

export const LX = segmentSpec('LX', [el('assignedNumber', 'N0', 1, 6, { required: true })]);

/** STC01: the payer's question, as a LOINC attachment code (`R3:<LOINC>::LOI` in the TR3 examples). */
export const STC = segmentSpec('STC', [
  composite(
    'status',
    [
      el('category', 'AN', 1, 30, { required: true }),
      el('code', 'AN', 1, 30, { required: true }),
      el('entity', 'AN', 2, 3),
      el('codeListQualifier', 'ID', 1, 3),
    ],
    { required: true },
  ),
]);

/** CAT01 `AE` attachment; CAT02 the format of BIN02, `HL` an HL7 CDA document. */
export const CAT = segmentSpec('CAT', [
  el('categoryCode', 'ID', 2, 2, { required: true, codes: ['AE'] }),
  el('formatCode', 'ID', 2, 2, { required: true, codes: ['HL', 'IA'], ...unverified }),
]);

/** EFI01 electronic format of the attachment (`05` in the TR3 examples). */
export const EFI = segmentSpec('EFI', [el('formatCode', 'ID', 2, 2, { required: true, codes: ['05'], ...unverified })]);

export type Bgn = SegmentValue<typeof BGN>;
export type Trn275 = SegmentValue<typeof TRN_275>;
export type Ref275 = SegmentValue<typeof REF_275>;
export type Cat = SegmentValue<typeof CAT>;
