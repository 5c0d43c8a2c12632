// One-pass validation: the envelope checks and every 278 transaction set, run as the segments go by. The same
// validator serves a parsed document (replayed), a whole text without building a document, and a stream.
import { ControlNumberSet } from './control-number-set.ts';
import type { Delimiters } from './delimiters.ts';
import { EnvelopeAssembler, OpenSet, type FunctionalGroup, type Interchange, type TransactionSet } from './envelope.ts';
import { DEFAULT_LIMITS, type X12Limits } from './errors.ts';
import type { Report, X12Issue } from './issues.ts';
import { decodeInput, type ParseOptions, type X12Document } from './parse.ts';
import { HlIdMap } from './hl-id-map.ts';
import { Segment } from './segments.ts';
import { ChunkTokenizer, type X12Source } from './stream.ts';
import { scanSegments } from './tokenizer.ts';
import { Validator278 } from './validate-278.ts';
import {
  checkDuplicateControlNumber,
  checkGroupHeader,
  checkGroupTrailer,
  checkInterchangeTrailer,
  checkIsa,
  checkTransactionEnvelope,
} from './validate-envelope.ts';
import type { Parsed278 } from './x278-parse.ts';
import { parse275, type Parsed275 } from './x275-parse.ts';

export interface ValidationReport {
  /** No errors (warnings allowed). */
  valid: boolean;
  errorCount: number;
  warningCount: number;
  /** The findings, up to `maxIssues`; the counts above include any beyond. */
  issues: X12Issue[];
  issuesTruncated: boolean;
  /** Number of 278 and 275 transaction sets checked (the kind of each is read from its ST01). */
  transactionCount: number;
  /** The parsed 278 sets, in input order, unless the caller asked not to keep them (batch runs). */
  transactions: Parsed278[];
  /** The parsed 275 (005010X210) sets, likewise. */
  attachments: Parsed275[];
}

export interface ValidateOptions extends ParseOptions {
  /** Keep every Parsed278 in the report (default true); batch runs pass false and use `onTransaction`. */
  retainTransactions?: boolean;
  /** Findings kept in the report (default 10,000), so a hostile batch cannot grow memory without bound. */
  maxIssues?: number;
  /** Called with each 278 set once validated, with the issues found in it. */
  onTransaction?: (parsed: Parsed278, set: TransactionSet, issues: readonly X12Issue[]) => void;
}

export class X12Validator {
  private readonly issues: X12Issue[] = [];
  private errorCount = 0;
  private warningCount = 0;
  /** Findings of the transaction set being checked, for `onTransaction`. */
  private current: X12Issue[] | undefined;
  private readonly report: Report = (severity, rule, message, location) => {
    const issue: X12Issue = { severity, rule, message, location };
    if (severity === 'error') this.errorCount++;
    else this.warningCount++;
    if (this.issues.length < (this.options.maxIssues ?? 10_000)) this.issues.push(issue);
    this.current?.push(issue);
  };
  private readonly assembler: EnvelopeAssembler;
  private readonly transactions: Parsed278[] = [];
  private readonly attachments: Parsed275[] = [];
  private readonly sets = new Validator278();
  private transactionCount = 0;
  private controlNumbers = new ControlNumberSet();
  private layoutNoted = false;

  constructor(private readonly options: ValidateOptions = {}) {
    const limits: X12Limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.assembler = new EnvelopeAssembler(limits, false);
  }

  noteByteOrderMark(): void {
    this.report('warning', 'byte-order-mark', 'input starts with a UTF-8 byte-order mark (tolerated, never sent)', {
      segmentIndex: 1,
    });
  }

  push(segment: Segment, delimiters: Delimiters): void {
    const report = this.report;
    if (segment.prefix !== undefined && !this.layoutNoted) {
      this.layoutNoted = true;
      report('warning', 'layout-whitespace', 'line breaks or indentation between segments (tolerated, never sent)', {
        segmentIndex: segment.index,
        segmentId: segment.id,
      });
    }
    const group = this.assembler.currentGroup;
    const interchange = this.assembler.currentInterchange;
    const done = this.assembler.push(segment, delimiters);
    if (done !== undefined && group !== undefined && interchange !== undefined) this.finish(done, group, interchange);
    if (this.assembler.strays.length > 0) {
      for (const stray of this.assembler.strays.splice(0)) {
        report('error', 'stray-segment', stray.reason, {
          segmentIndex: stray.segment.index,
          segmentId: stray.segment.id,
        });
      }
    }
    // A group is judged when it is left (by GS, IEA, ISA or the end), whether or not its GE came.
    if (group !== undefined && interchange !== undefined && this.assembler.currentGroup !== group) {
      checkGroupTrailer(group, interchange, report);
    }
    const current = this.assembler.currentInterchange;
    if (segment.id === 'ISA' && current !== undefined) {
      if (interchange !== undefined && interchange.iea === undefined) checkInterchangeTrailer(interchange, report);
      checkIsa(current, report);
    } else if (segment.id === 'IEA' && current?.iea === segment) {
      checkInterchangeTrailer(current, report);
    } else if (segment.id === 'GS') {
      const opened = this.assembler.currentGroup;
      if (opened !== undefined && opened !== group && current !== undefined) {
        this.controlNumbers = new ControlNumberSet();
        checkGroupHeader(opened, current, report);
      }
    }
  }

  end(): ValidationReport {
    const report = this.report;
    const group = this.assembler.currentGroup;
    const interchange = this.assembler.currentInterchange;
    const cut = this.assembler.end();
    if (cut !== undefined && group !== undefined && interchange !== undefined) this.finish(cut, group, interchange);
    if (group !== undefined && interchange !== undefined) checkGroupTrailer(group, interchange, report);
    if (interchange !== undefined && interchange.iea === undefined) checkInterchangeTrailer(interchange, report);
    return {
      valid: this.errorCount === 0,
      errorCount: this.errorCount,
      warningCount: this.warningCount,
      issues: this.issues,
      issuesTruncated: this.errorCount + this.warningCount > this.issues.length,
      transactionCount: this.transactionCount,
      transactions: this.transactions,
      attachments: this.attachments,
    };
  }

  private finish(set: TransactionSet, group: FunctionalGroup, interchange: Interchange): void {
    const report = this.report;
    const found: X12Issue[] = [];
    this.current = found;
    checkDuplicateControlNumber(set, group, this.controlNumbers, report);
    checkTransactionEnvelope(set, group, interchange, report);
    if (set.st.element(1) === '278') {
      const parsed = this.sets.validate(set, interchange.delimiters, report);
      this.transactionCount++;
      if (this.options.retainTransactions !== false) this.transactions.push(parsed);
      this.current = undefined;
      this.options.onTransaction?.(parsed, set, found);
    } else if (set.st.element(1) === '275') {
      const parsed = parse275(set, interchange.delimiters, report);
      this.transactionCount++;
      if (this.options.retainTransactions !== false) this.attachments.push(parsed);
    }
    this.current = undefined;
  }
}

/** Validates a parsed document (replaying its segments). */
export function validateX12(document: X12Document, options: ValidateOptions = {}): ValidationReport {
  const validator = new X12Validator(options);
  if (document.bom) validator.noteByteOrderMark();
  let interchange = -1;
  let delimiters = document.delimiters;
  for (const segment of document.segments) {
    if (segment.id === 'ISA') delimiters = document.interchanges[++interchange]?.delimiters ?? delimiters;
    validator.push(segment, delimiters);
  }
  return validator.end();
}

/**
 * Tokenizes and validates in one pass without building a document: nothing but the open transaction set is kept
 * (plus the parsed sets, unless `retainTransactions` is false). Throws X12Error where parseX12 would.
 */
export function validateX12Text(input: string | Uint8Array, options: ValidateOptions = {}): ValidationReport {
  const text = decodeInput(input);
  const validator = new X12Validator(options);
  if (text.startsWith('\uFEFF')) validator.noteByteOrderMark();
  const state = { delimiters: undefined as Delimiters | undefined, count: 0 };
  scanSegments(text, 0, state, { ...DEFAULT_LIMITS, ...options.limits }, true, (segment) => {
    if (state.delimiters !== undefined) validator.push(segment, state.delimiters);
  });
  return validator.end();
}

/** Validates a stream of any size; pass `retainTransactions: false` to keep memory constant. */
export async function validateX12Stream(source: X12Source, options: ValidateOptions = {}): Promise<ValidationReport> {
  const validator = new X12Validator(options);
  // Segments go straight from the tokenizer to the validator: only the open transaction set stays alive.
  const tokenizer = new ChunkTokenizer(
    { ...DEFAULT_LIMITS, ...options.limits },
    (segment, delimiters) => {
      validator.push(segment, delimiters);
    },
    () => {
      validator.noteByteOrderMark();
    },
  );
  for await (const chunk of source) tokenizer.write(chunk);
  tokenizer.end();
  return validator.end();
}

/**
 * One instance of each class a validation makes, kept for the life of the process. V8 reaches an instance's hidden
 * class from its constructor only through weak transitions: when a full collection finds no live instance, it
 * collects the hidden class, and every optimized function that checks for it is thrown away and compiled again on
 * the next input. A process that validates file after file with other work in between (a server; the bench, where
 * the other parsers run between ours) paid that on every file (bench/x12/README.md). Exported for the test that
 * checks they share the hidden classes of the instances the codec makes.
 */
const KEPT_SEGMENT = new Segment('ISA', 1, '', 0, 0, '*');
export const SHAPE_KEEPERS: readonly object[] = [
  new X12Validator(),
  KEPT_SEGMENT,
  new ChunkTokenizer(DEFAULT_LIMITS, () => undefined),
  new OpenSet(KEPT_SEGMENT),
  new HlIdMap<unknown>(),
];
