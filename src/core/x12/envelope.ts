// Groups segments into interchange (ISA/IEA) → functional group (GS/GE) → transaction set (ST/SE). Incremental, so
// the streaming reader can hand out each transaction as its SE arrives without keeping the batch in memory.
import type { Delimiters } from './delimiters.ts';
import { X12Error, type X12Limits } from './errors.ts';
import type { Segment } from './segments.ts';

export interface TransactionSet {
  /** ST … SE inclusive; `se` is undefined when the input ended or a new ST/GE came first. */
  readonly segments: Segment[];
  readonly st: Segment;
  se: Segment | undefined;
}

export interface FunctionalGroup {
  readonly gs: Segment;
  ge: Segment | undefined;
  /** Kept only when the assembler retains (synchronous parse); the stream hands them out instead. */
  readonly transactions: TransactionSet[];
  transactionCount: number;
}

export interface Interchange {
  readonly isa: Segment;
  readonly delimiters: Delimiters;
  iea: Segment | undefined;
  readonly groups: FunctionalGroup[];
  /** TA1 interchange acknowledgments sit directly in the interchange, outside any group. */
  readonly ta1: Segment[];
  groupCount: number;
}

/** A segment that fits nowhere in the envelope (e.g. HL before ST); the validator reports these. */
export interface StraySegment {
  segment: Segment;
  reason: string;
}

/**
 * A transaction set being assembled. A class and `Array.of` rather than literals, because V8 decides per allocation
 * site (each literal is one) whether to allocate straight into the old generation: a synchronous parse keeps every
 * set, so literal sites learn "long-lived", and the stream, which drops each set after its SE, would then build its
 * sets in the old generation too. Measured: one document parse before a one-pass validation in the same process made
 * the validation 25% slower with literals (bench/x12/README.md).
 */
export class OpenSet implements TransactionSet {
  readonly segments: Segment[];
  se: Segment | undefined = undefined;
  constructor(readonly st: Segment) {
    this.segments = Array.of(st);
  }
}

export class EnvelopeAssembler {
  readonly interchanges: Interchange[] = [];
  readonly strays: StraySegment[] = [];
  private interchange: Interchange | undefined;
  private group: FunctionalGroup | undefined;
  private transaction: TransactionSet | undefined;

  constructor(
    private readonly limits: X12Limits,
    /** Keep every interchange, group and transaction (synchronous parse) or only the current ones (stream). */
    private readonly retain: boolean,
  ) {}

  get currentInterchange(): Interchange | undefined {
    return this.interchange;
  }

  get currentGroup(): FunctionalGroup | undefined {
    return this.group;
  }

  /** Adds a segment; returns the transaction set it completed, if any. */
  push(segment: Segment, delimiters: Delimiters): TransactionSet | undefined {
    const open = this.transaction;
    if (
      open !== undefined &&
      segment.id !== 'ST' &&
      segment.id !== 'GE' &&
      segment.id !== 'IEA' &&
      segment.id !== 'ISA'
    ) {
      if (open.segments.length >= this.limits.maxSegmentsPerTransaction) {
        throw new X12Error(
          'TOO_MANY_SEGMENTS',
          `transaction exceeds ${this.limits.maxSegmentsPerTransaction} segments`,
          {
            segmentIndex: segment.index,
            segmentId: segment.id,
          },
        );
      }
      open.segments.push(segment);
      if (segment.id !== 'SE') return undefined;
      open.se = segment;
      this.transaction = undefined;
      return open;
    }
    const cut = this.closeTransaction();
    switch (segment.id) {
      case 'ISA':
        this.closeGroup();
        this.interchange = { isa: segment, delimiters, iea: undefined, groups: [], ta1: [], groupCount: 0 };
        if (this.retain) this.interchanges.push(this.interchange);
        break;
      case 'IEA':
        this.closeGroup();
        if (this.interchange === undefined || this.interchange.iea !== undefined)
          this.stray(segment, 'IEA without ISA');
        else this.interchange.iea = segment;
        break;
      case 'GS':
        this.closeGroup();
        if (this.interchange === undefined || this.interchange.iea !== undefined)
          this.stray(segment, 'GS outside an interchange');
        else this.openGroup(this.interchange, segment);
        break;
      case 'GE':
        if (this.group === undefined || this.group.ge !== undefined) this.stray(segment, 'GE without GS');
        else this.group.ge = segment;
        break;
      case 'ST':
        if (this.group === undefined || this.group.ge !== undefined)
          this.stray(segment, 'ST outside a functional group');
        else this.openTransaction(this.group, segment);
        break;
      case 'TA1':
        if (this.interchange === undefined || this.group !== undefined)
          this.stray(segment, 'TA1 outside an interchange');
        else this.interchange.ta1.push(segment);
        break;
      default:
        this.stray(segment, `${segment.id} outside a transaction set`);
    }
    return cut;
  }

  /** Ends the input; returns a transaction left open (no SE), if any. */
  end(): TransactionSet | undefined {
    const cut = this.closeTransaction();
    this.closeGroup();
    return cut;
  }

  private openGroup(interchange: Interchange, gs: Segment): void {
    this.group = { gs, ge: undefined, transactions: [], transactionCount: 0 };
    interchange.groupCount++;
    if (this.retain) interchange.groups.push(this.group);
  }

  private openTransaction(group: FunctionalGroup, st: Segment): void {
    this.transaction = new OpenSet(st);
    group.transactionCount++;
    if (this.retain) group.transactions.push(this.transaction);
  }

  private closeTransaction(): TransactionSet | undefined {
    const open = this.transaction;
    this.transaction = undefined;
    return open;
  }

  private closeGroup(): void {
    this.group = undefined;
  }

  private stray(segment: Segment, reason: string): void {
    if (this.retain || this.strays.length < 100) this.strays.push({ segment, reason });
  }
}
