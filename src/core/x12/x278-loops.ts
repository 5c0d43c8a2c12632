// Which segments each 278 loop holds, in TR3 order, and under which model field. The parser places segments by
// this table, the serializer emits them in this order, and the validator reports whatever the table has no place for.
import type { NameLoopId } from './codes.ts';
import type { SegmentSpec } from './element-spec.ts';
import type { LevelLoopId } from './x278-model.ts';
import { SEGMENT_SPECS } from './x278-segments.ts';

export interface Slot {
  segmentId: string;
  /** Layout of the segment, looked up once here rather than per segment parsed. */
  spec: SegmentSpec;
  /** Field of the loop object in the model. */
  key: string;
  /** Repeats (array field) or at most once. */
  many: boolean;
  /** Present in the reference only as "unverified" for this loop: placing it there is a warning. */
  unverified?: boolean;
}

function specOf(segmentId: string): SegmentSpec {
  const spec = SEGMENT_SPECS[segmentId];
  if (spec === undefined) throw new Error(`no layout for ${segmentId}`);
  return spec;
}

const one = (segmentId: string, unverified?: boolean): Slot => ({
  segmentId,
  spec: specOf(segmentId),
  key: segmentId.toLowerCase(),
  many: false,
  ...(unverified === true ? { unverified } : {}),
});
const many = (segmentId: string): Slot => ({
  segmentId,
  spec: specOf(segmentId),
  key: segmentId.toLowerCase(),
  many: true,
});

const REVIEW_HEAD = [many('TRN'), many('AAA'), one('UM'), one('HCR'), many('REF'), many('DTP')];

export const LEVEL_SLOTS: Readonly<Record<LevelLoopId, readonly Slot[]>> = {
  '2000A': [many('AAA')],
  '2000B': [],
  '2000C': [],
  '2000D': [],
  '2000E': [
    ...REVIEW_HEAD,
    one('HI'),
    many('HSD'),
    many('CRC'),
    one('CL1'),
    one('CR1'),
    one('CR2'),
    one('CR4', true),
    one('CR5'),
    one('CR6'),
    one('CR7', true),
    one('CR8', true),
    many('PWK'),
    many('MSG'),
  ],
  '2000F': [...REVIEW_HEAD, one('SV1'), one('SV2'), one('SV3'), many('TOO'), many('HSD'), many('PWK'), many('MSG')],
};

export const NAME_SLOTS: Readonly<Record<NameLoopId, readonly Slot[]>> = {
  '2010A': [many('REF'), one('N3'), one('N4'), many('PER'), many('AAA')],
  '2010B': [many('REF'), one('N3'), one('N4'), many('PER'), many('AAA'), one('PRV')],
  '2010C': [many('REF'), one('N3'), one('N4'), many('AAA'), one('DMG'), one('INS')],
  '2010D': [many('REF'), one('N3'), one('N4'), many('AAA'), one('DMG'), one('INS')],
  '2010EA': [many('REF'), one('N3'), one('N4'), many('PER'), many('AAA'), one('PRV')],
  '2010EB': [one('N3'), one('N4')],
  '2010EC': [many('REF'), many('DTP'), one('N3'), one('N4'), many('AAA')],
  '2010F': [many('REF'), one('N3'), one('N4'), many('PER'), many('AAA'), one('PRV')],
};

/** HL03 level code → loop (a switch: the code is a fresh string, and comparing it costs less than hashing it). */
export function levelLoopFor(code: string): LevelLoopId | undefined {
  switch (code) {
    case '20':
      return '2000A';
    case '21':
      return '2000B';
    case '22':
      return '2000C';
    case '23':
      return '2000D';
    case 'EV':
      return '2000E';
    case 'SS':
      return '2000F';
    default:
      return undefined;
  }
}

/** Level code(s) an HL may have as parent (2000E hangs under the subscriber or the dependent). */
export const PARENT_LEVELS: Readonly<Record<LevelLoopId, readonly LevelLoopId[]>> = {
  '2000A': [],
  '2000B': ['2000A'],
  '2000C': ['2000B'],
  '2000D': ['2000C'],
  '2000E': ['2000C', '2000D'],
  '2000F': ['2000E'],
};

const TRANSPORT_ENTITIES = new Set(['PW', '45', 'FS', 'ND', 'R3']);
const OTHER_UMO_ENTITIES = new Set(['00', 'CA', 'GG']);

/** The 2010 loop an NM1 opens, from the level it sits in and (in 2000E) its entity code. */
export function nameLoopFor(level: LevelLoopId, entityCode: string): NameLoopId {
  switch (level) {
    case '2000A':
      return '2010A';
    case '2000B':
      return '2010B';
    case '2000C':
      return '2010C';
    case '2000D':
      return '2010D';
    case '2000E':
      if (TRANSPORT_ENTITIES.has(entityCode)) return '2010EB';
      return OTHER_UMO_ENTITIES.has(entityCode) ? '2010EC' : '2010EA';
    case '2000F':
      return '2010F';
  }
}

/** A loop's slots by segment id: a plain object, read with ids the tokenizer has checked ([A-Z0-9]{2,3}), so no
 * inherited key can match, and a property read of an interned id costs less than a map lookup. */
export type SlotTable = Readonly<Record<string, Slot | undefined>>;

function slotIndex(slots: Readonly<Record<string, readonly Slot[]>>): Map<string, SlotTable> {
  return new Map(
    Object.entries(slots).map(([loop, list]) => [loop, Object.fromEntries(list.map((slot) => [slot.segmentId, slot]))]),
  );
}

/** loop id → segment id → slot, for placing segments in O(1). */
export const SLOT_INDEX = slotIndex({ ...LEVEL_SLOTS, ...NAME_SLOTS });
