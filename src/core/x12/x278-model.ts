// Typed model of one 278 (005010X217) transaction set: the HL hierarchy 2000A UMO → 2000B requester → 2000C
// subscriber → (2000D dependent) → 2000E patient event → 2000F service, each with its 2010 name loops.
import type { NameLoopId } from './codes.ts';
import type {
  Aaa,
  Bht,
  Cl1,
  Cr1,
  Cr2,
  Cr4,
  Cr5,
  Cr6,
  Cr7,
  Cr8,
  Crc,
  Dmg,
  Dtp,
  Hcr,
  Hi,
  Hl,
  Hsd,
  Ins,
  Msg,
  N3,
  N4,
  Nm1,
  Per,
  Prv,
  Pwk,
  Ref,
  Sv1,
  Sv2,
  Sv3,
  Too,
  Trn,
  Um,
} from './x278-segments.ts';

export type LevelLoopId = '2000A' | '2000B' | '2000C' | '2000D' | '2000E' | '2000F';
export type LoopId = LevelLoopId | NameLoopId;

/** A 2010 loop: an NM1 and the segments that describe that party. */
export interface NameLoop {
  loopId: NameLoopId;
  nm1: Nm1;
  ref: readonly Ref[];
  n3?: N3;
  n4?: N4;
  per: readonly Per[];
  prv?: Prv;
  dmg?: Dmg;
  ins?: Ins;
  dtp: readonly Dtp[];
  aaa: readonly Aaa[];
}

interface Level {
  hl: Hl;
  aaa: readonly Aaa[];
  names: readonly NameLoop[];
}

export interface UmoLevel extends Level {
  loopId: '2000A';
}
export interface RequesterLevel extends Level {
  loopId: '2000B';
}
export interface SubscriberLevel extends Level {
  loopId: '2000C';
}
export interface DependentLevel extends Level {
  loopId: '2000D';
}

/** What the patient-event and service levels share: the review request (UM) and its answer (HCR). */
interface ReviewLevel extends Level {
  trn: readonly Trn[];
  um?: Um;
  hcr?: Hcr;
  ref: readonly Ref[];
  dtp: readonly Dtp[];
  hsd: readonly Hsd[];
  pwk: readonly Pwk[];
  msg: readonly Msg[];
}

export interface PatientEventLevel extends ReviewLevel {
  loopId: '2000E';
  hi?: Hi;
  crc: readonly Crc[];
  cl1?: Cl1;
  cr1?: Cr1;
  cr2?: Cr2;
  cr4?: Cr4;
  cr5?: Cr5;
  cr6?: Cr6;
  cr7?: Cr7;
  cr8?: Cr8;
  services: readonly ServiceLevel[];
}

export interface ServiceLevel extends ReviewLevel {
  loopId: '2000F';
  sv1?: Sv1;
  sv2?: Sv2;
  sv3?: Sv3;
  too: readonly Too[];
}

export type AnyLevel = UmoLevel | RequesterLevel | SubscriberLevel | DependentLevel | PatientEventLevel | ServiceLevel;

export interface Transaction278 {
  /** BHT02 13 → request, 11 → response. */
  kind: 'request' | 'response' | 'unknown';
  /** ST02. */
  controlNumber: string;
  /** ST03, `005010X217`. */
  implementationReference: string;
  bht: Bht;
  umo?: UmoLevel;
  requester?: RequesterLevel;
  subscriber?: SubscriberLevel;
  dependent?: DependentLevel;
  events: PatientEventLevel[];
}
