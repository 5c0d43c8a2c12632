// Reads and checks one 275 (005010X210) transaction set in a single forward walk over a table of its segment slots
// (loops, order, repeats, required segments), decoding each segment into the model and checking its elements as it
// goes; then the rules across segments: the patient control number, LX numbering, and BIN01 against the bytes of
// BIN02. Every finding carries the segment's place (input ordinal, position in the set, loop). Hand-written like the
// 278 codec: no maintained library handles X210 (see index.ts).
import type { Delimiters } from './delimiters.ts';
import { decodeSegment, type SegmentSpec, type SegmentValue } from './element-spec.ts';
import type { TransactionSet } from './envelope.ts';
import type { X12Location } from './errors.ts';
import type { Report } from './issues.ts';
import type { Segment } from './segments.ts';
import { DTP, NM1, PER } from './x278-segments.ts';
import type { Attachment275, Loop275Id, Party275, Transaction275 } from './x275-model.ts';
import { BGN, CAT, EFI, LX, REF_275, STC, TRN_275 } from './x275-segments.ts';

interface Slot {
  loop: Loop275Id;
  spec: SegmentSpec;
  /** NM101 entity codes that open this name loop. */
  entity?: readonly string[];
  required?: boolean;
  max: number;
}

/** Binary data has no layout to decode: BIN is read by hand (see binaryOf). */
const BIN_SLOT_SPEC: SegmentSpec = { id: 'BIN', elements: [], assemble: () => ({}) };

const SLOTS: readonly Slot[] = [
  { loop: 'heading', spec: BGN, required: true, max: 1 },
  { loop: '1000A', spec: NM1, entity: ['PR'], required: true, max: 1 },
  { loop: '1000A', spec: PER, max: 1 },
  { loop: '1000B', spec: NM1, entity: ['41'], required: true, max: 1 },
  { loop: '1000C', spec: NM1, entity: ['1P', '85', 'FA'], required: true, max: 1 },
  { loop: '1000C', spec: REF_275, max: 2 },
  { loop: '1000D', spec: NM1, entity: ['QC'], required: true, max: 1 },
  { loop: '1000D', spec: REF_275, required: true, max: 4 },
  { loop: '1000D', spec: DTP, max: 1 },
  { loop: '2000A', spec: LX, required: true, max: 1 },
  { loop: '2000A', spec: TRN_275, required: true, max: 1 },
  { loop: '2000A', spec: STC, max: 1 },
  { loop: '2000A', spec: REF_275, max: 3 },
  { loop: '2000A', spec: DTP, max: 2 },
  { loop: '2100A', spec: CAT, required: true, max: 1 },
  { loop: '2100A', spec: EFI, required: true, max: 1 },
  { loop: '2100A', spec: BIN_SLOT_SPEC, required: true, max: 1 },
];
/** Index of LX: where each 2000A (attachment) loop starts again. */
const DETAIL_START = SLOTS.findIndex((slot) => slot.spec === LX);

export interface Parsed275 {
  transaction: Transaction275;
}

/** The BIN02 bytes as text, and BIN01 as sent: everything after `BIN*<BIN01>*` up to the terminator is data. */
export function binaryOf(segment: Segment): { declared: string; data: string } {
  const declared = segment.element(1);
  const dataStart = segment.start + 4 + declared.length + 1;
  return { declared, data: dataStart <= segment.end ? segment.source.slice(dataStart, segment.end) : '' };
}

/** UTF-8 byte length of BIN02 as read (X12 counts octets, not characters). */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function party(): Party275 {
  return { nm1: {}, ref: [], dtp: [] };
}

function attachment(): Attachment275 {
  return { ref: [], dtp: [] };
}

class Walk {
  readonly transaction: Transaction275;
  private cursor = -1;
  private count = 0;
  private current: Attachment275 | undefined;

  constructor(
    private readonly set: TransactionSet,
    private readonly delimiters: Delimiters,
    private readonly report: Report,
  ) {
    this.transaction = {
      controlNumber: set.st.element(2),
      implementationReference: set.st.element(3),
      bgn: {},
      attachments: [],
    };
  }

  at(position: number, extra: X12Location = {}): X12Location {
    return {
      segmentIndex: this.set.segments[position - 1]?.index ?? this.set.st.index,
      segmentInTransaction: position,
      ...extra,
    };
  }

  segment(segment: Segment, position: number): void {
    const slots = SLOTS;
    const entity = segment.id === 'NM1' ? segment.element(1) : undefined;
    const fits = (slot: Slot, byIdOnly = false): boolean =>
      slot.spec.id === segment.id && (byIdOnly || slot.entity === undefined || slot.entity.includes(entity ?? ''));
    const here = slots[this.cursor];
    if (here !== undefined && fits(here) && this.count < here.max && !(segment.id === 'LX')) {
      this.count++;
      this.take(here, segment, position);
      return;
    }
    if (segment.id === 'LX' && this.cursor >= DETAIL_START) {
      this.missingUntil(slots.length, position);
      this.enter(DETAIL_START, segment, position);
      return;
    }
    let next = slots.findIndex((slot, index) => index > this.cursor && fits(slot));
    if (next < 0 && entity !== undefined) {
      next = slots.findIndex((slot, index) => index > this.cursor && fits(slot, true));
      const slot = slots[next];
      if (slot !== undefined) {
        this.report(
          'error',
          'entity-code',
          `NM101 '${entity}' does not open ${slot.loop}; expected ${(slot.entity ?? []).join(' or ')}`,
          this.at(position, { segmentId: 'NM1', element: 1, value: entity, loopId: slot.loop }),
        );
      }
    }
    if (next >= 0) {
      this.missingUntil(next, position);
      this.enter(next, segment, position);
      return;
    }
    const loop = here?.loop ?? 'heading';
    if (here !== undefined && fits(here)) {
      this.report(
        'error',
        'segment-repeated',
        `${segment.id} may occur at most ${String(here.max)} time(s) here in ${loop}`,
        this.at(position, { segmentId: segment.id, loopId: loop }),
      );
      return;
    }
    const earlier = slots.findIndex((slot, index) => index < this.cursor && fits(slot, true));
    const belongs = slots[earlier];
    if (belongs !== undefined) {
      this.report(
        'error',
        'segment-order',
        `${segment.id} is out of order: it belongs in ${belongs.loop}, before ${here?.spec.id ?? 'this point'} (${loop})`,
        this.at(position, { segmentId: segment.id, loopId: loop }),
      );
      return;
    }
    this.report(
      'error',
      'segment-not-in-loop',
      `${segment.id} has no place in a 275 (005010X210)`,
      this.at(position, { segmentId: segment.id, loopId: loop }),
    );
  }

  /** At SE (or the end of the set): what the walk still owes. */
  end(position: number): void {
    if (this.cursor < DETAIL_START) {
      this.missingUntil(DETAIL_START, position);
      this.report(
        'error',
        'required-level',
        '2000A (an attachment: LX, TRN, CAT, EFI, BIN) is required',
        this.at(position, { segmentId: 'LX', loopId: '2000A' }),
      );
      return;
    }
    this.missingUntil(SLOTS.length, position);
  }

  /** Reports each required slot skipped between the cursor and `until` (exclusive), located where it was missed. */
  private missingUntil(until: number, position: number): void {
    for (let index = this.cursor + 1; index < until; index++) {
      const slot = SLOTS[index];
      if (slot?.required !== true) continue;
      const what = slot.entity ? `${slot.loop} (NM1*${slot.entity.join('/')})` : `${slot.spec.id} in ${slot.loop}`;
      this.report(
        'error',
        slot.entity ? 'required-level' : 'required-segment',
        `${what} is required but missing`,
        this.at(position, { segmentId: slot.spec.id, loopId: slot.loop }),
      );
    }
  }

  private enter(index: number, segment: Segment, position: number): void {
    this.cursor = index;
    this.count = 1;
    const slot = SLOTS[index];
    if (slot !== undefined) this.take(slot, segment, position);
  }

  private decode<S extends SegmentSpec>(spec: S, segment: Segment, position: number, loop: Loop275Id): SegmentValue<S> {
    return decodeSegment(segment, spec, this.delimiters, {
      at: this.at(position, { segmentId: segment.id, loopId: loop }),
      report: this.report,
    });
  }

  private take(slot: Slot, segment: Segment, position: number): void {
    const t = this.transaction;
    const loop = slot.loop;
    if (loop === 'heading') {
      t.bgn = this.decode(BGN, segment, position, loop);
      return;
    }
    if (loop === '2000A' || loop === '2100A') {
      if (slot.spec === LX || this.current === undefined) {
        this.current = attachment();
        t.attachments.push(this.current);
      }
      this.attachmentSegment(this.current, slot, segment, position);
      return;
    }
    const key = ({ '1000A': 'payer', '1000B': 'submitter', '1000C': 'provider', '1000D': 'patient' } as const)[loop];
    const named = (t[key] ??= party());
    if (slot.spec === NM1) named.nm1 = this.decode(NM1, segment, position, loop);
    else if (slot.spec === PER) named.per = this.decode(PER, segment, position, loop);
    else if (slot.spec === REF_275) named.ref.push(this.decode(REF_275, segment, position, loop));
    else if (slot.spec === DTP) named.dtp.push(this.decode(DTP, segment, position, loop));
  }

  private attachmentSegment(target: Attachment275, slot: Slot, segment: Segment, position: number): void {
    const loop = slot.loop;
    switch (slot.spec) {
      case LX: {
        const assigned = this.decode(LX, segment, position, loop).assignedNumber;
        if (assigned !== undefined) target.assignedNumber = assigned;
        const expected = this.transaction.attachments.length;
        if (assigned !== String(expected)) {
          this.report(
            'error',
            'lx-sequence',
            `LX01 must count up from 1; expected ${String(expected)}`,
            this.at(position, { segmentId: 'LX', element: 1, value: assigned ?? '', loopId: loop }),
          );
        }
        return;
      }
      case TRN_275:
        target.trn = this.decode(TRN_275, segment, position, loop);
        return;
      case STC: {
        const question = this.decode(STC, segment, position, loop).status?.code;
        if (question !== undefined) target.question = question;
        return;
      }
      case REF_275:
        target.ref.push(this.decode(REF_275, segment, position, loop));
        return;
      case DTP:
        target.dtp.push(this.decode(DTP, segment, position, loop));
        return;
      case CAT:
        target.cat = this.decode(CAT, segment, position, loop);
        return;
      case EFI: {
        const format = this.decode(EFI, segment, position, loop).formatCode;
        if (format !== undefined) target.efiFormat = format;
        return;
      }
      default:
        this.binary(target, segment, position);
    }
  }

  private binary(target: Attachment275, segment: Segment, position: number): void {
    const { declared, data } = binaryOf(segment);
    target.data = data;
    const where = (element: number, value: string) =>
      this.at(position, { segmentId: 'BIN', element, value, loopId: '2100A' });
    if (!/^\d{1,15}$/.test(declared)) {
      this.report('error', 'element-type', 'BIN01 must be the length of BIN02 in bytes', where(1, declared));
      return;
    }
    target.declaredLength = Number(declared);
    const actual = byteLength(data);
    if (actual === 0) this.report('error', 'element-required', 'BIN02 (the attachment) is empty', where(2, ''));
    if (actual !== target.declaredLength) {
      this.report(
        'error',
        'binary-length',
        `BIN01 declares ${declared} bytes but BIN02 holds ${String(actual)}`,
        where(1, declared),
      );
    }
  }
}

/** Parses one 275 set into its model, reporting structure, element and cross-segment findings through `report`. */
export function parse275(set: TransactionSet, delimiters: Delimiters, report: Report): Parsed275 {
  const walk = new Walk(set, delimiters, report);
  const body = set.se === undefined ? set.segments.length : set.segments.length - 1;
  for (let position = 2; position <= body; position++) {
    const segment = set.segments[position - 1];
    if (segment !== undefined) walk.segment(segment, position);
  }
  walk.end(Math.max(1, body));
  const { transaction } = walk;
  const patientControl = transaction.patient?.ref.some((ref) => ref.qualifier === 'EJ');
  if (transaction.patient !== undefined && patientControl !== true) {
    report(
      'error',
      'required-segment',
      'REF*EJ (patient control number) is required in 1000D',
      walk.at(1, { segmentId: 'REF', loopId: '1000D' }),
    );
  }
  const solicited = transaction.bgn.purposeCode === '11';
  transaction.attachments.forEach((item) => {
    const trace = item.trn?.traceTypeCode;
    if (trace !== undefined && (trace === '2') !== solicited) {
      report(
        'warning',
        'element-code',
        `TRN01 ${trace} does not match BGN01 ${transaction.bgn.purposeCode ?? ''} (2 answers a request, 1 is unsolicited)`,
        walk.at(1, { segmentId: 'TRN', element: 1, value: trace, loopId: '2000A' }),
      );
    }
  });
  return { transaction };
}
