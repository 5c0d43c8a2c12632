// Maps one 278 transaction set onto the typed model. Lenient by design: anything that has no place in the TR3
// structure is kept in `misplaced` for the validator instead of aborting, so a defective file still yields a model.
import { lookup } from './codes.ts';
import type { Delimiters } from './delimiters.ts';
import { decodeSegment } from './element-spec.ts';
import type { TransactionSet } from './envelope.ts';
import { X12Error } from './errors.ts';
import type { Segment } from './segments.ts';
import type { AnyLevel, LevelLoopId, LoopId, NameLoop, PatientEventLevel, Transaction278 } from './x278-model.ts';
import { LEVEL_BY_CODE, nameLoopFor, SLOT_INDEX, type Slot } from './x278-loops.ts';
import { BHT, HL, NM1, type Hl } from './x278-segments.ts';

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

function newLevel(loopId: LevelLoopId, hl: Hl): AnyLevel {
  const base = { hl, aaa: [], names: [] };
  switch (loopId) {
    case '2000A':
    case '2000B':
    case '2000C':
    case '2000D':
      return { loopId, ...base };
    case '2000E':
      return { loopId, ...base, trn: [], ref: [], dtp: [], hsd: [], pwk: [], msg: [], crc: [], services: [] };
    case '2000F':
      return { loopId, ...base, trn: [], ref: [], dtp: [], hsd: [], pwk: [], msg: [], too: [] };
  }
}

/** Puts a decoded segment in its slot; false when the slot is single and already taken. */
function place(target: Fields, slot: Slot, value: unknown): boolean {
  if (slot.many) {
    (target[slot.key] as unknown[]).push(value);
    return true;
  }
  if (target[slot.key] !== undefined) return false;
  target[slot.key] = value;
  return true;
}

export function parse278(set: TransactionSet, delimiters: Delimiters): Parsed278 {
  const st = set.st;
  if (st.elements[1] !== '278') {
    throw new X12Error('NOT_A_278', `transaction set ${st.elements[1] ?? ''} is not a 278`, {
      segmentIndex: st.index,
      segmentId: 'ST',
      element: 1,
      value: st.elements[1] ?? '',
    });
  }
  const transaction: Transaction278 = {
    kind: 'unknown',
    controlNumber: st.elements[2] ?? '',
    implementationReference: st.elements[3] ?? '',
    bht: {},
    events: [],
  };
  const result: Parsed278 = { transaction, loopIds: [], misplaced: [], levels: [] };
  const levelsById = new Map<string, AnyLevel>();
  let level: AnyLevel | undefined;
  let name: NameLoop | undefined;
  let inHeader = true;
  const segments = set.segments;
  const misplace = (
    position: number,
    segment: Segment,
    reason: MisplacedSegment['reason'],
    loopId: MisplacedSegment['loopId'],
  ): void => {
    result.misplaced.push({ segmentInTransaction: position, segment, loopId, reason });
  };
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
      transaction.bht = decodeSegment(segment, BHT, delimiters);
      transaction.kind =
        transaction.bht.purposeCode === '13'
          ? 'request'
          : transaction.bht.purposeCode === '11'
            ? 'response'
            : 'unknown';
      result.loopIds.push('header');
      inHeader = false;
      continue;
    }
    if (id === 'HL') {
      inHeader = false;
      name = undefined;
      const hl = decodeSegment(segment, HL, delimiters);
      const loopId = lookup(LEVEL_BY_CODE, hl.levelCode);
      const attached = loopId === undefined ? 'unknown-level' : attachLevel(transaction, loopId, hl, levelsById);
      level = typeof attached === 'string' ? undefined : attached;
      result.levels.push({ segmentInTransaction: position, hl, loopId, level });
      if (level !== undefined && hl.id !== undefined) levelsById.set(hl.id, level);
      result.loopIds.push(loopId ?? 'unknown');
      if (typeof attached === 'string') misplace(position, segment, attached, loopId ?? 'unknown');
      continue;
    }
    if (level === undefined) {
      result.loopIds.push(inHeader ? 'header' : 'unknown');
      misplace(position, segment, 'not-in-loop', inHeader ? 'header' : 'unknown');
      continue;
    }
    if (id === 'NM1') {
      const nm1 = decodeSegment(segment, NM1, delimiters);
      const loopId = nameLoopFor(level.loopId, nm1.entityIdentifierCode ?? '');
      name = { loopId, nm1, ref: [], per: [], dtp: [], aaa: [] };
      level.names.push(name);
      result.loopIds.push(loopId);
      continue;
    }
    const loopId: LoopId = name?.loopId ?? level.loopId;
    result.loopIds.push(loopId);
    const slot = SLOT_INDEX.get(loopId)?.get(id);
    if (slot === undefined) {
      misplace(position, segment, 'not-in-loop', loopId);
      continue;
    }
    const target = (name ?? level) as unknown as Fields;
    if (!place(target, slot, decodeSegment(segment, slot.spec, delimiters)))
      misplace(position, segment, 'repeated', loopId);
  }
  return result;
}

/** Hooks a new level into the model; returns why not when it has nowhere to go (its segments become misplaced). */
function attachLevel(
  transaction: Transaction278,
  loopId: LevelLoopId,
  hl: Hl,
  levelsById: Map<string, AnyLevel>,
): AnyLevel | 'duplicate-level' | 'no-parent-event' {
  const level = newLevel(loopId, hl);
  switch (level.loopId) {
    case '2000A':
    case '2000B':
    case '2000C':
    case '2000D': {
      const key = ({ '2000A': 'umo', '2000B': 'requester', '2000C': 'subscriber', '2000D': 'dependent' } as const)[
        level.loopId
      ];
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
      event.services.push(level);
      return level;
    }
  }
}

function owningEvent(start: AnyLevel | undefined, levelsById: Map<string, AnyLevel>): PatientEventLevel | undefined {
  let current = start;
  for (let hops = 0; current !== undefined && hops < 8; hops++) {
    if (current.loopId === '2000E') return current;
    if (current.loopId !== '2000F') return undefined;
    current = levelsById.get(current.hl.parentId ?? '');
  }
  return undefined;
}
