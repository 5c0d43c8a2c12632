// Model → segments, in TR3 order (the loop table), with SE01 counted here so it is never hand-set.
import type { Delimiters } from './delimiters.ts';
import { encodeSegment, type SegmentSpec, type SegmentValue } from './element-spec.ts';
import { makeSegment, type Segment } from './segments.ts';
import type { AnyLevel, NameLoop, Transaction278 } from './x278-model.ts';
import { LEVEL_SLOTS, NAME_SLOTS, type Slot } from './x278-loops.ts';
import { BHT, HL, NM1 } from './x278-segments.ts';

type Fields = Record<string, unknown>;

function emitSlots(out: Segment[], source: Fields, slots: readonly Slot[], delimiters: Delimiters): void {
  for (const slot of slots) {
    const field = source[slot.key];
    if (field === undefined) continue;
    const values = slot.many ? (field as unknown[]) : [field];
    for (const value of values) out.push(encodeSegment(slot.spec, value as SegmentValue<SegmentSpec>, delimiters));
  }
}

function emitName(out: Segment[], name: NameLoop, delimiters: Delimiters): void {
  out.push(encodeSegment(NM1, name.nm1, delimiters));
  emitSlots(out, name as unknown as Fields, NAME_SLOTS[name.loopId], delimiters);
}

function emitLevel(out: Segment[], level: AnyLevel, delimiters: Delimiters): void {
  out.push(encodeSegment(HL, level.hl, delimiters));
  emitSlots(out, level as unknown as Fields, LEVEL_SLOTS[level.loopId], delimiters);
  for (const name of level.names) emitName(out, name, delimiters);
}

/** ST … SE of a 278 model. */
export function transaction278Segments(transaction: Transaction278, delimiters: Delimiters): Segment[] {
  const out: Segment[] = [
    makeSegment(['ST', '278', transaction.controlNumber, transaction.implementationReference], delimiters),
  ];
  out.push(encodeSegment(BHT, transaction.bht, delimiters));
  const heads = [transaction.umo, transaction.requester, transaction.subscriber, transaction.dependent];
  for (const level of heads) if (level !== undefined) emitLevel(out, level, delimiters);
  for (const event of transaction.events) {
    emitLevel(out, event, delimiters);
    for (const service of event.services) emitLevel(out, service, delimiters);
  }
  out.push(makeSegment(['SE', String(out.length + 1), transaction.controlNumber], delimiters));
  return out;
}
