// Typed model of one 275 (005010X210) transaction set: who sends to whom about which patient (1000A payer, 1000B
// submitter, 1000C provider, 1000D patient), then one 2000A loop per attachment, each tied to the payer's request by
// the attachment control number in its TRN and carrying the document in BIN.
import type { Dtp, Nm1, Per } from './x278-segments.ts';
import type { Bgn, Cat, Ref275, Trn275 } from './x275-segments.ts';

export type Loop275Id = 'heading' | '1000A' | '1000B' | '1000C' | '1000D' | '2000A' | '2100A';

export interface Party275 {
  nm1: Nm1;
  per?: Per;
  ref: Ref275[];
  dtp: Dtp[];
}

export interface Attachment275 {
  assignedNumber?: string;
  trn?: Trn275;
  /** STC01-2: the payer's question (a LOINC attachment code), when it asked by one. */
  question?: string;
  ref: Ref275[];
  dtp: Dtp[];
  cat?: Cat;
  efiFormat?: string;
  /** BIN01 as sent, and BIN02: the document (an HL7 CDA document for CAT02 `HL`). */
  declaredLength?: number;
  data?: string;
}

export interface Transaction275 {
  controlNumber: string;
  implementationReference: string;
  bgn: Bgn;
  payer?: Party275;
  submitter?: Party275;
  provider?: Party275;
  patient?: Party275;
  attachments: Attachment275[];
}
