// Maps one 278 transaction set onto the typed model. Lenient by design: anything that has no place in the TR3
// structure is kept in `misplaced` for the validator instead of aborting, so a defective file still yields a model.
// The validator runs its per-segment checks inside this walk (see parse278), so a batch is read once.
import { lookup } from './codes.ts';
import { HlIdMap } from './hl-id-map.ts';
import type { Delimiters } from './delimiters.ts';
import type { ElementCheck } from './element-reader.ts';
import { decodeSegment, type SegmentSpec, type SegmentValue } from './element-spec.ts';
import type { TransactionSet } from './envelope.ts';
import { X12Error } from './errors.ts';
import type { Report } from './issues.ts';
import type { Segment } from './segments.ts';
import { checkSegment } from './validate-segment.ts';
import type { AnyLevel, LevelLoopId, LoopId, NameLoop, PatientEventLevel, Transaction278 } from './x278-model.ts';
import { levelLoopFor, nameLoopFor, SLOT_INDEX, type Slot, type SlotTable } from './x278-loops.ts';
import { BHT, HL, NM1, SEGMENT_SPECS, type Hl } from './x278-segments.ts';

export interface MisplacedSegment {
  /** Position inside the transaction set (ST = 1). */
  segmentInTransaction: number;
  segment: Segment;
  /** Loop the parser was in when the segment came. */
  loopId: LoopId | 'header' | 'unknown';
  reason: 'not-in-loop' | 'repeated' | 'unknown-level' | 'no-parent-event' | 'duplicate-level';
}

export interface Parsed278 {
  transaction: Transaction278;
  /** Loop of each segment of the set (index 0 = ST), for locating validation findings. */
  loopIds: (LoopId | 'header' | 'unknown')[];
  misplaced: MisplacedSegment[];
  /** HL segments with their position in the set, in input order, for the hierarchy checks. */
  levels: { segmentInTransaction: number; hl: Hl; loopId: LevelLoopId | undefined; level: AnyLevel | undefined }[];
}

type Fields = Record<string, unknown>;

/**
 * The list of a level or name loop with nothing in it yet: one frozen array shared by all of them. Most of a level's
 * lists stay empty (a service level has nine), and an array's first push reserves room for 16 entries, so giving
 * each its own array was over a third of what parsing a batch allocated.
 */
const NONE: readonly never[] = Object.freeze([]);

/** `list` with `item` added: a new one-entry array in place of the shared empty one, else the same array grown. */
function append<T>(list: readonly T[], item: T): readonly T[] {
  if (list === NONE) return [item];
  (list as T[]).push(item);
  return list;
}

function newLevel(loopId: LevelLoopId, hl: Hl): AnyLevel {
  // Literal objects (no spread): one allocation each, fields in the model's order.
  switch (loopId) {
    case '2000A':
    case '2000B':
    case '2000C':
    case '2000D':
      return { loopId, hl, aaa: NONE, names: NONE };
    case '2000E':
      return {
        loopId,
        hl,
        aaa: NONE,
        names: NONE,
        trn: NONE,
        ref: NONE,
        dtp: NONE,
        hsd: NONE,
        pwk: NONE,
        msg: NONE,
        crc: NONE,
        services: NONE,
      };
    case '2000F':
      return {
        loopId,
        hl,
        aaa: NONE,
        names: NONE,
        trn: NONE,
        ref: NONE,
        dtp: NONE,
        hsd: NONE,
        pwk: NONE,
        msg: NONE,
        too: NONE,
      };
  }
}

/** Puts a decoded segment in its slot; false when the slot is single and already taken. */
function place(target: Fields, slot: Slot, value: unknown): boolean {
  if (slot.many) {
    target[slot.key] = append(target[slot.key] as readonly unknown[], value);
    return true;
  }
  if (target[slot.key] !== undefined) return false;
  target[slot.key] = value;
  return true;
}

/** Records a segment that has no place in the model (the validator reports it). */
function misplace(
  parsed: Parsed278,
  segmentInTransaction: number,
  segment: Segment,
  reason: MisplacedSegment['reason'],
  loopId: MisplacedSegment['loopId'],
): void {
  parsed.misplaced.push({ segmentInTransaction, segment, loopId, reason });
}

/**
 * The typed model of a 278 set. With `report`, the same walk also runs every per-segment check (elements against
 * their layout, qualified dates, unverified placements, NM101 per loop), so each element is read once.
 */
export function parse278(set: TransactionSet, delimiters: Delimiters, report?: Report): Parsed278 {
  const st = set.st;
  const setId = st.element(1);
  if (setId !== '278') {
    throw new X12Error('NOT_A_278', `transaction set ${setId} is not a 278`, {
      segmentIndex: st.index,
      segmentId: 'ST',
      element: 1,
      value: setId,
    });
  }
  const transaction: Transaction278 = {
    kind: 'unknown',
    controlNumber: st.element(2),
    implementationReference: st.element(3),
    bht: {},
    events: [],
  };
  const result: Parsed278 = { transaction, loopIds: [], misplaced: [], levels: [] };
  const levelsById = new HlIdMap<AnyLevel>();
  // One location, updated per segment; findings copy it, so the happy path allocates nothing per segment.
  const check: ElementCheck | undefined =
    report === undefined
      ? undefined
      : { at: { segmentIndex: 0, segmentInTransaction: 0, segmentId: '', loopId: '' }, report };
  let level: AnyLevel | undefined;
  let name: NameLoop | undefined;
  let inHeader = true;
  // Slot table of the loop the last segment was placed in: consecutive segments mostly share a loop.
  let slotsLoop: LoopId | undefined;
  let slots: SlotTable | undefined;
  const segments = set.segments;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined) continue;
    const position = i + 1;
    const id = segment.id;
    if (id === 'ST' || id === 'SE') {
      result.loopIds.push('header');
      continue;
    }
    if (id === 'BHT' && inHeader) {
      result.loopIds.push('header');
      transaction.bht = read(segment, BHT, position, 'header', delimiters, check);
      transaction.kind =
        transaction.bht.purposeCode === '13'
          ? 'request'
          : transaction.bht.purposeCode === '11'
            ? 'response'
            : 'unknown';
      inHeader = false;
      continue;
    }
    if (id === 'HL') {
      inHeader = false;
      name = undefined;
      // The loop comes from HL03, read ahead so the HL's own findings already carry it.
      const loopId = levelLoopFor(segment.element(3));
      const hl = read(segment, HL, position, loopId ?? 'unknown', delimiters, check);
      const attached = loopId === undefined ? 'unknown-level' : attachLevel(transaction, loopId, hl, levelsById);
      level = typeof attached === 'string' ? undefined : attached;
      result.levels.push({ segmentInTransaction: position, hl, loopId, level });
      if (level !== undefined && hl.id !== undefined) levelsById.set(hl.id, level);
      result.loopIds.push(loopId ?? 'unknown');
      if (typeof attached === 'string') misplace(result, position, segment, attached, loopId ?? 'unknown');
      continue;
    }
    if (level === undefined) {
      const loopId = inHeader ? 'header' : 'unknown';
      result.loopIds.push(loopId);
      misplace(result, position, segment, 'not-in-loop', loopId);
      checkMisplaced(segment, position, loopId, delimiters, check);
      continue;
    }
    if (id === 'NM1') {
      const loopId = nameLoopFor(level.loopId, segment.element(1));
      name = {
        loopId,
        nm1: read(segment, NM1, position, loopId, delimiters, check),
        ref: NONE,
        per: NONE,
        dtp: NONE,
        aaa: NONE,
      };
      level.names = append(level.names, name);
      result.loopIds.push(loopId);
      continue;
    }
    const loopId: LoopId = name?.loopId ?? level.loopId;
    result.loopIds.push(loopId);
    if (loopId !== slotsLoop) {
      slotsLoop = loopId;
      slots = SLOT_INDEX.get(loopId);
    }
    const slot = slots?.[id];
    if (slot === undefined) {
      misplace(result, position, segment, 'not-in-loop', loopId);
      checkMisplaced(segment, position, loopId, delimiters, check);
      continue;
    }
    const target = (name ?? level) as unknown as Fields;
    if (!place(target, slot, read(segment, slot.spec, position, loopId, delimiters, check)))
      misplace(result, position, segment, 'repeated', loopId);
  }
  return result;
}

/** Decodes a segment of the set; when checking, its element and segment findings are reported on the way. */
function read<S extends SegmentSpec>(
  segment: Segment,
  spec: S,
  position: number,
  loopId: string,
  delimiters: Delimiters,
  check: ElementCheck | undefined,
): SegmentValue<S> {
  if (check === undefined) return decodeSegment(segment, spec, delimiters);
  const { at } = check;
  at.segmentIndex = segment.index;
  at.segmentInTransaction = position;
  at.segmentId = segment.id;
  at.loopId = loopId;
  const value = decodeSegment(segment, spec, delimiters, check);
  checkSegment(segment, value, loopId, check);
  return value;
}

/** A segment without a place in the model is still checked against its layout, when it has one. */
function checkMisplaced(
  segment: Segment,
  position: number,
  loopId: string,
  delimiters: Delimiters,
  check: ElementCheck | undefined,
): void {
  const spec = lookup(SEGMENT_SPECS, segment.id);
  if (check !== undefined && spec !== undefined) read(segment, spec, position, loopId, delimiters, check);
}

/** Where each party level sits in the transaction. */
const PARTY_KEYS = { '2000A': 'umo', '2000B': 'requester', '2000C': 'subscriber', '2000D': 'dependent' } as const;

/** Hooks a new level into the model; returns why not when it has nowhere to go (its segments become misplaced). */
function attachLevel(
  transaction: Transaction278,
  loopId: LevelLoopId,
  hl: Hl,
  levelsById: HlIdMap<AnyLevel>,
): AnyLevel | 'duplicate-level' | 'no-parent-event' {
  const level = newLevel(loopId, hl);
  switch (level.loopId) {
    case '2000A':
    case '2000B':
    case '2000C':
    case '2000D': {
      const key = PARTY_KEYS[level.loopId];
      if (transaction[key] !== undefined) return 'duplicate-level';
      (transaction as unknown as Fields)[key] = level;
      return level;
    }
    case '2000E':
      transaction.events.push(level);
      return level;
    case '2000F': {
      // A service hangs under its HL parent's event; a wrong parent (another 2000F) is reported by the validator,
      // and the service still lands under the nearest event so the decision is not lost.
      const event = owningEvent(levelsById.get(hl.parentId ?? ''), levelsById) ?? transaction.events.at(-1);
      if (event === undefined) return 'no-parent-event';
      event.services = append(event.services, level);
      return level;
    }
  }
}

function owningEvent(start: AnyLevel | undefined, levelsById: HlIdMap<AnyLevel>): PatientEventLevel | undefined {
  let current = start;
  for (let hops = 0; current !== undefined && hops < 8; hops++) {
    if (current.loopId === '2000E') return current;
    if (current.loopId !== '2000F') return undefined;
    current = levelsById.get(current.hl.parentId ?? '');
  }
  return undefined;
}
