// Layouts of the segments a 278 carries (X12 base-standard element types and lengths; code lists from the public
// reference). Decoded types are derived from these tables, so the model and the validator share one source.
import {
  BHT_PURPOSE_CODES,
  BHT_TYPE_CODES,
  CERTIFICATION_TYPE_CODES,
  COMMUNICATION_QUALIFIERS,
  CONDITION_CATEGORY_CODES,
  CONTACT_FUNCTION_CODES,
  DATE_FORMATS,
  DATE_QUALIFIERS,
  DELIVERY_QUANTITY_QUALIFIERS,
  DIAGNOSIS_QUALIFIERS,
  ENTITY_TYPE_QUALIFIERS,
  FACILITY_CODE_QUALIFIERS,
  FOLLOW_UP_ACTION_CODES,
  GENDER_CODES,
  HCR_ACTION_CODES,
  HL_LEVEL_CODES,
  ID_CODE_QUALIFIERS,
  LEVEL_OF_SERVICE_CODES,
  PROCEDURE_QUALIFIERS,
  PROVIDER_CODES,
  REFERENCE_QUALIFIERS,
  REJECT_REASON_CODES,
  REPORT_TYPE_CODES,
  REQUEST_CATEGORY_CODES,
  TRACE_TYPE_CODES,
  TRANSMISSION_CODES,
  YES_NO,
  YES_NO_CONDITION,
} from './codes.ts';
import {
  codesOf,
  composite,
  compositeList,
  el,
  segmentSpec,
  type SegmentSpec,
  type SegmentValue,
} from './element-spec.ts';

const unverified = { unverifiedCodes: true } as const;

/** SV1-01 / SV2-02 / SV3-01: procedure identifier composite. */
const procedure = [
  el('qualifier', 'ID', 2, 2, { required: true, codes: PROCEDURE_QUALIFIERS, ...unverified }),
  el('code', 'AN', 1, 48, { required: true }),
  el('modifier1', 'AN', 2, 2),
  el('modifier2', 'AN', 2, 2),
  el('modifier3', 'AN', 2, 2),
  el('modifier4', 'AN', 2, 2),
  el('description', 'AN', 1, 80),
] as const;

export const ST = segmentSpec('ST', [
  el('transactionSetId', 'ID', 3, 3, { required: true, codes: ['278'] }),
  el('controlNumber', 'AN', 4, 9, { required: true }),
  el('implementationReference', 'AN', 1, 35, { required: true, codes: ['005010X217'] }),
]);

export const SE = segmentSpec('SE', [
  el('segmentCount', 'N0', 1, 10, { required: true }),
  el('controlNumber', 'AN', 4, 9, { required: true }),
]);

export const BHT = segmentSpec('BHT', [
  el('structureCode', 'ID', 4, 4, { required: true, codes: ['0007'] }),
  el('purposeCode', 'ID', 2, 2, { required: true, codes: BHT_PURPOSE_CODES }),
  el('referenceId', 'AN', 1, 50, { required: true }),
  el('date', 'DT', 8, 8, { required: true }),
  el('time', 'TM', 4, 8, { required: true }),
  el('transactionTypeCode', 'ID', 2, 2, { codes: BHT_TYPE_CODES }),
]);

export const HL = segmentSpec('HL', [
  el('id', 'AN', 1, 12, { required: true }),
  el('parentId', 'AN', 1, 12),
  el('levelCode', 'ID', 1, 2, { required: true, codes: HL_LEVEL_CODES }),
  el('childCode', 'ID', 1, 1, { required: true, codes: ['0', '1'] }),
]);

export const NM1 = segmentSpec('NM1', [
  el('entityIdentifierCode', 'ID', 2, 3, { required: true }),
  el('entityTypeQualifier', 'ID', 1, 1, { required: true, codes: ENTITY_TYPE_QUALIFIERS }),
  el('lastNameOrOrganization', 'AN', 1, 60),
  el('firstName', 'AN', 1, 35),
  el('middleName', 'AN', 1, 25),
  el('prefix', 'AN', 1, 10),
  el('suffix', 'AN', 1, 10),
  el('idCodeQualifier', 'ID', 1, 2, { codes: ID_CODE_QUALIFIERS, ...unverified }),
  el('idCode', 'AN', 2, 80),
]);

export const REF = segmentSpec('REF', [
  el('qualifier', 'ID', 2, 3, { required: true, codes: REFERENCE_QUALIFIERS, ...unverified }),
  el('value', 'AN', 1, 50, { required: true }),
  el('description', 'AN', 1, 80),
]);

export const N3 = segmentSpec('N3', [el('address1', 'AN', 1, 55, { required: true }), el('address2', 'AN', 1, 55)]);

export const N4 = segmentSpec('N4', [
  el('city', 'AN', 2, 30),
  el('state', 'ID', 2, 2),
  el('postalCode', 'ID', 3, 15),
  el('country', 'ID', 2, 3),
]);

export const PER = segmentSpec('PER', [
  el('contactFunction', 'ID', 2, 2, { required: true, codes: CONTACT_FUNCTION_CODES }),
  el('name', 'AN', 1, 60),
  el('qualifier1', 'ID', 2, 2, { codes: COMMUNICATION_QUALIFIERS, ...unverified }),
  el('number1', 'AN', 1, 256),
  el('qualifier2', 'ID', 2, 2, { codes: COMMUNICATION_QUALIFIERS, ...unverified }),
  el('number2', 'AN', 1, 256),
  el('qualifier3', 'ID', 2, 2, { codes: COMMUNICATION_QUALIFIERS, ...unverified }),
  el('number3', 'AN', 1, 256),
]);

export const PRV = segmentSpec('PRV', [
  el('providerCode', 'ID', 1, 3, { required: true, codes: PROVIDER_CODES, ...unverified }),
  el('referenceQualifier', 'ID', 2, 3, { codes: ['PXC'] }),
  el('taxonomyCode', 'AN', 1, 50),
]);

export const DMG = segmentSpec('DMG', [
  el('dateFormat', 'ID', 2, 3, { codes: ['D8'] }),
  el('birthDate', 'AN', 1, 35),
  el('gender', 'ID', 1, 1, { codes: GENDER_CODES }),
]);

export const INS = segmentSpec('INS', [
  el('subscriberIndicator', 'ID', 1, 1, { required: true, codes: YES_NO }),
  el('relationshipCode', 'ID', 2, 2, { required: true }),
]);

export const TRN = segmentSpec('TRN', [
  el('traceTypeCode', 'ID', 1, 2, { required: true, codes: TRACE_TYPE_CODES }),
  el('traceNumber', 'AN', 1, 50, { required: true }),
  el('originatorId', 'AN', 10, 10, { required: true }),
  el('originatorSupplementalId', 'AN', 1, 50),
]);

export const UM = segmentSpec('UM', [
  el('requestCategory', 'ID', 1, 2, { required: true, codes: codesOf(REQUEST_CATEGORY_CODES) }),
  el('certificationType', 'ID', 1, 1, { required: true, codes: codesOf(CERTIFICATION_TYPE_CODES), ...unverified }),
  el('serviceType', 'ID', 1, 2),
  composite('facility', [
    el('code', 'AN', 1, 2, { required: true }),
    el('qualifier', 'ID', 1, 1, { required: true, codes: FACILITY_CODE_QUALIFIERS }),
  ]),
  composite('relatedCauses', [
    el('cause1', 'ID', 2, 3),
    el('cause2', 'ID', 2, 3),
    el('cause3', 'ID', 2, 3),
    el('state', 'ID', 2, 2),
    el('country', 'ID', 2, 3),
  ]),
  el('levelOfService', 'ID', 1, 3, { codes: codesOf(LEVEL_OF_SERVICE_CODES), ...unverified }),
  el('currentHealthCondition', 'ID', 1, 1),
  el('prognosis', 'ID', 1, 1),
  el('releaseOfInformation', 'ID', 1, 1),
  el('delayReason', 'ID', 1, 2),
]);

export const HCR = segmentSpec('HCR', [
  el('action', 'ID', 1, 2, { required: true, codes: codesOf(HCR_ACTION_CODES) }),
  el('certificationNumber', 'AN', 1, 50),
  el('reasonCode', 'ID', 1, 3),
  el('secondSurgicalOpinion', 'ID', 1, 1, { codes: YES_NO }),
]);

export const DTP = segmentSpec('DTP', [
  el('qualifier', 'ID', 3, 3, { required: true, codes: codesOf(DATE_QUALIFIERS), ...unverified }),
  el('format', 'ID', 2, 3, { required: true, codes: DATE_FORMATS }),
  el('value', 'AN', 1, 35, { required: true }),
]);

export const HI = segmentSpec('HI', [
  compositeList(
    'codes',
    [
      el('qualifier', 'ID', 1, 3, { required: true, codes: DIAGNOSIS_QUALIFIERS, ...unverified }),
      el('code', 'AN', 1, 30, { required: true }),
      el('dateFormat', 'ID', 2, 3, { codes: DATE_FORMATS }),
      el('date', 'AN', 1, 35),
    ],
    12,
    { required: true },
  ),
]);

export const HSD = segmentSpec('HSD', [
  el('quantityQualifier', 'ID', 2, 2, { codes: DELIVERY_QUANTITY_QUALIFIERS, ...unverified }),
  el('quantity', 'R', 1, 15),
  el('unit', 'ID', 2, 2),
  el('sampleModulus', 'R', 1, 6),
  el('periodQualifier', 'ID', 1, 2),
  el('periodCount', 'N0', 1, 3),
  el('deliveryFrequency', 'ID', 1, 1),
  el('deliveryTime', 'ID', 1, 1),
]);

export const CRC = segmentSpec('CRC', [
  el('category', 'ID', 2, 2, { required: true, codes: CONDITION_CATEGORY_CODES, ...unverified }),
  el('applies', 'ID', 1, 1, { required: true, codes: YES_NO }),
  el('condition1', 'ID', 2, 3, { required: true }),
  el('condition2', 'ID', 2, 3),
  el('condition3', 'ID', 2, 3),
  el('condition4', 'ID', 2, 3),
  el('condition5', 'ID', 2, 3),
]);

export const CL1 = segmentSpec('CL1', [
  el('admissionType', 'ID', 1, 1),
  el('admissionSource', 'ID', 1, 1),
  el('patientStatus', 'ID', 1, 2),
  el('nursingHomeResidentialStatus', 'ID', 1, 1),
]);

export const CR1 = segmentSpec('CR1', [
  el('weightUnit', 'ID', 2, 2),
  el('patientWeight', 'R', 1, 10),
  el('ambulanceTransportCode', 'ID', 1, 1),
  el('ambulanceTransportReason', 'ID', 1, 1),
  el('distanceUnit', 'ID', 2, 2),
  el('transportDistance', 'R', 1, 15),
  el('addressInformation1', 'AN', 1, 55),
  el('addressInformation2', 'AN', 1, 55),
  el('roundTripPurpose', 'AN', 1, 80),
  el('stretcherPurpose', 'AN', 1, 80),
]);

export const CR2 = segmentSpec('CR2', [
  el('treatmentCount', 'N0', 1, 9),
  el('quantity', 'R', 1, 15),
  el('subluxationLevel1', 'ID', 2, 3),
  el('subluxationLevel2', 'ID', 2, 3),
  el('unit', 'ID', 2, 2),
  el('treatmentSeriesCount', 'R', 1, 15),
  el('visitsRendered', 'R', 1, 15),
  el('description1', 'AN', 1, 80),
  el('patientConditionCode', 'ID', 1, 1),
  el('complication', 'ID', 1, 1, { codes: YES_NO_CONDITION }),
  el('description2', 'AN', 1, 80),
  el('description3', 'AN', 1, 80),
]);

/** CR4, CR7, CR8: whether X217 keeps them is unverified (the validator warns); the layout is the base standard's head. */
export const CR4 = segmentSpec('CR4', [el('certificationType', 'ID', 1, 1), el('quantity', 'R', 1, 15)]);

export const CR5 = segmentSpec('CR5', [
  el('certificationType', 'ID', 1, 1),
  el('treatmentPeriodCount', 'R', 1, 15),
  el('equipmentType1', 'ID', 1, 1),
  el('equipmentType2', 'ID', 1, 1),
  el('equipmentReason', 'AN', 1, 80),
  el('orderedFlowRate', 'R', 1, 15),
  el('dailyOxygenUseCount', 'R', 1, 15),
  el('oxygenUsePeriodHours', 'R', 1, 15),
  el('respiratoryTherapistOrder', 'AN', 1, 80),
  el('arterialBloodGas', 'R', 1, 15),
  el('oxygenSaturation', 'R', 1, 15),
  el('oxygenTestCondition', 'ID', 1, 1),
  el('oxygenTestFinding1', 'ID', 1, 1),
  el('oxygenTestFinding2', 'ID', 1, 1),
  el('oxygenTestFinding3', 'ID', 1, 1),
  el('portableFlowRate', 'R', 1, 15),
  el('oxygenDeliverySystem', 'ID', 1, 1),
  el('oxygenEquipmentType', 'ID', 1, 1),
]);

export const CR6 = segmentSpec('CR6', [
  el('prognosis', 'ID', 1, 1, { required: true }),
  el('startOfCare', 'DT', 8, 8, { required: true }),
  el('periodFormat', 'ID', 2, 3, { codes: DATE_FORMATS }),
  el('certificationPeriod', 'AN', 1, 35),
  el('diagnosisDate', 'DT', 8, 8),
  el('skilledNursingFacility', 'ID', 1, 1, { codes: YES_NO_CONDITION }),
  el('medicare', 'ID', 1, 1, { codes: YES_NO_CONDITION }),
  el('certificationType', 'ID', 1, 1),
  el('surgeryDate', 'DT', 8, 8),
  el('productOrServiceQualifier', 'ID', 2, 2),
  el('surgicalProcedureCode', 'AN', 1, 48),
  el('physicianOrderDate', 'DT', 8, 8),
  el('lastVisitDate', 'DT', 8, 8),
  el('physicianContactDate', 'DT', 8, 8),
  el('periodFormat2', 'ID', 2, 3, { codes: DATE_FORMATS }),
  el('lastAdmissionPeriod', 'AN', 1, 35),
  el('patientDischargeFacilityType', 'ID', 1, 2),
]);

export const CR7 = segmentSpec('CR7', [
  el('disciplineType', 'ID', 2, 2),
  el('totalVisits', 'N0', 1, 9),
  el('visitCount', 'N0', 1, 9),
]);

export const CR8 = segmentSpec('CR8', [el('pacemakerType', 'ID', 1, 1), el('pacemakerDate', 'DT', 8, 8)]);

export const PWK = segmentSpec('PWK', [
  el('reportType', 'ID', 2, 2, { required: true, codes: codesOf(REPORT_TYPE_CODES), ...unverified }),
  el('transmission', 'ID', 1, 2, { required: true, codes: codesOf(TRANSMISSION_CODES) }),
  el('copies', 'N0', 1, 2),
  el('entityIdentifierCode', 'ID', 2, 3),
  el('idCodeQualifier', 'ID', 1, 2, { codes: ['AC'] }),
  el('attachmentControlNumber', 'AN', 2, 80),
  el('description', 'AN', 1, 80),
]);

export const MSG = segmentSpec('MSG', [el('text', 'AN', 1, 264, { required: true })]);

export const SV1 = segmentSpec('SV1', [
  composite('procedure', procedure, { required: true }),
  el('chargeAmount', 'R', 1, 18),
  el('unitBasis', 'ID', 2, 2, { codes: ['UN', 'MJ'] }),
  el('quantity', 'R', 1, 15),
  el('placeOfService', 'AN', 1, 2),
  el('serviceTypeCode', 'ID', 1, 2),
  el('diagnosisPointer', 'AN', 1, 20),
]);

export const SV2 = segmentSpec('SV2', [
  el('revenueCode', 'AN', 1, 48),
  composite('procedure', procedure),
  el('chargeAmount', 'R', 1, 18),
  el('unitBasis', 'ID', 2, 2, { codes: ['UN', 'DA'] }),
  el('quantity', 'R', 1, 15),
  el('unitRate', 'R', 1, 10),
  el('nonCoveredAmount', 'R', 1, 18),
]);

export const SV3 = segmentSpec('SV3', [
  composite('procedure', procedure, { required: true }),
  el('chargeAmount', 'R', 1, 18),
  el('facilityCode', 'AN', 1, 2),
  el('facilityCodeQualifier', 'ID', 1, 1),
  el('prosthesisCrownInlay', 'ID', 1, 1),
  el('quantity', 'R', 1, 15),
]);

export const TOO = segmentSpec('TOO', [
  el('codeListQualifier', 'ID', 1, 3, { required: true, codes: ['JP'] }),
  el('toothCode', 'AN', 1, 30, { required: true }),
  composite('surfaces', [
    el('surface1', 'ID', 1, 2),
    el('surface2', 'ID', 1, 2),
    el('surface3', 'ID', 1, 2),
    el('surface4', 'ID', 1, 2),
    el('surface5', 'ID', 1, 2),
  ]),
]);

export const AAA = segmentSpec('AAA', [
  el('valid', 'ID', 1, 1, { required: true, codes: YES_NO }),
  el('agencyQualifier', 'ID', 2, 2),
  el('rejectReason', 'ID', 2, 2, { codes: codesOf(REJECT_REASON_CODES), ...unverified }),
  el('followUpAction', 'ID', 1, 1, { codes: codesOf(FOLLOW_UP_ACTION_CODES) }),
]);

/** Every segment the 278 model decodes, by id. */
export const SEGMENT_SPECS: Readonly<Record<string, SegmentSpec>> = {
  ST,
  SE,
  BHT,
  HL,
  NM1,
  REF,
  N3,
  N4,
  PER,
  PRV,
  DMG,
  INS,
  TRN,
  UM,
  HCR,
  DTP,
  HI,
  HSD,
  CRC,
  CL1,
  CR1,
  CR2,
  CR4,
  CR5,
  CR6,
  CR7,
  CR8,
  PWK,
  MSG,
  SV1,
  SV2,
  SV3,
  TOO,
  AAA,
};

export type St = SegmentValue<typeof ST>;
export type Bht = SegmentValue<typeof BHT>;
export type Hl = SegmentValue<typeof HL>;
export type Nm1 = SegmentValue<typeof NM1>;
export type Ref = SegmentValue<typeof REF>;
export type N3 = SegmentValue<typeof N3>;
export type N4 = SegmentValue<typeof N4>;
export type Per = SegmentValue<typeof PER>;
export type Prv = SegmentValue<typeof PRV>;
export type Dmg = SegmentValue<typeof DMG>;
export type Ins = SegmentValue<typeof INS>;
export type Trn = SegmentValue<typeof TRN>;
export type Um = SegmentValue<typeof UM>;
export type Hcr = SegmentValue<typeof HCR>;
export type Dtp = SegmentValue<typeof DTP>;
export type Hi = SegmentValue<typeof HI>;
export type Hsd = SegmentValue<typeof HSD>;
export type Crc = SegmentValue<typeof CRC>;
export type Cl1 = SegmentValue<typeof CL1>;
export type Cr1 = SegmentValue<typeof CR1>;
export type Cr2 = SegmentValue<typeof CR2>;
export type Cr4 = SegmentValue<typeof CR4>;
export type Cr5 = SegmentValue<typeof CR5>;
export type Cr6 = SegmentValue<typeof CR6>;
export type Cr7 = SegmentValue<typeof CR7>;
export type Cr8 = SegmentValue<typeof CR8>;
export type Pwk = SegmentValue<typeof PWK>;
export type Msg = SegmentValue<typeof MSG>;
export type Sv1 = SegmentValue<typeof SV1>;
export type Sv2 = SegmentValue<typeof SV2>;
export type Sv3 = SegmentValue<typeof SV3>;
export type Too = SegmentValue<typeof TOO>;
export type Aaa = SegmentValue<typeof AAA>;
