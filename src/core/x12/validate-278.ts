// 278 checks of a transaction set: HL numbering, parentage and levels, required loops and segments, segments outside
// their loop, request/response rules; the per-segment checks (elements, dates, NM101) run inside the mapping walk.
import type { Delimiters } from './delimiters.ts';
import type { TransactionSet } from './envelope.ts';
import type { X12Location } from './errors.ts';
import type { Report, X12Issue } from './issues.ts';
import type { AnyLevel, LevelLoopId, Transaction278 } from './x278-model.ts';
import { HlIdMap, ordinalOf } from './hl-id-map.ts';
import { PARENT_LEVELS } from './x278-loops.ts';
import { parse278, type Parsed278 } from './x278-parse.ts';

/** Location of the segment at `position` in the set (ST = 1), built only when something is reported. */
function at(set: TransactionSet, position: number, extra: X12Location = {}): X12Location {
  return {
    segmentIndex: set.segments[position - 1]?.index ?? set.st.index,
    segmentInTransaction: position,
    ...extra,
  };
}

function checkHierarchy(set: TransactionSet, parsed: Parsed278, report: Report): void {
  const byId = new HlIdMap<LevelLoopId | undefined>();
  const childCount = new HlIdMap<number>();
  const hasDependent = parsed.transaction.dependent !== undefined;
  for (let i = 0; i < parsed.levels.length; i++) {
    const entry = parsed.levels[i];
    if (entry === undefined) continue;
    const { hl, loopId, segmentInTransaction } = entry;
    const id = hl.id ?? '';
    if (ordinalOf(id) !== i + 1) {
      report(
        'error',
        'hl-sequence',
        `HL01 must count up from 1; expected ${i + 1}`,
        at(set, segmentInTransaction, { segmentId: 'HL', element: 1, value: id }),
      );
    }
    const parentId = hl.parentId ?? '';
    if (loopId !== undefined) {
      const allowed = PARENT_LEVELS[loopId];
      if (parentId === '') {
        if (allowed.length > 0) {
          report(
            'error',
            'hl-parent',
            `${loopId} needs a parent (HL02)`,
            at(set, segmentInTransaction, { segmentId: 'HL', element: 2, loopId }),
          );
        }
      } else if (!byId.has(parentId)) {
        report(
          'error',
          'hl-parent',
          `HL02 ${parentId} does not name an earlier HL`,
          at(set, segmentInTransaction, { segmentId: 'HL', element: 2, value: parentId, loopId }),
        );
      } else {
        const parentLoop = byId.get(parentId);
        if (parentLoop === undefined || !allowed.includes(parentLoop)) {
          report(
            'error',
            'hl-parent-level',
            `${loopId} (HL ${id}) has parent HL ${parentId}, a ${parentLoop ?? 'level of unknown type'}; expected ${allowed.length === 0 ? 'no parent' : allowed.join(' or ')}`,
            at(set, segmentInTransaction, { segmentId: 'HL', element: 2, value: parentId, loopId }),
          );
        }
      }
    }
    if (loopId === '2000E' && hasDependent && byId.get(parentId) === '2000C') {
      report(
        'error',
        'hl-parent-level',
        `2000E (HL ${id}) hangs under the subscriber, but the patient is the dependent (2000D)`,
        at(set, segmentInTransaction, { segmentId: 'HL', element: 2, value: parentId, loopId }),
      );
    }
    if (parentId !== '') childCount.set(parentId, (childCount.get(parentId) ?? 0) + 1);
    byId.set(id, loopId);
  }
  for (const { hl, segmentInTransaction, loopId } of parsed.levels) {
    const hasChildren = (childCount.get(hl.id ?? '') ?? 0) > 0;
    const declared = hl.childCode;
    if ((declared === '1') !== hasChildren && (declared === '0' || declared === '1')) {
      report(
        'error',
        'hl-child-code',
        `HL04 is ${declared} but the level ${hasChildren ? 'has' : 'has no'} children`,
        at(set, segmentInTransaction, {
          segmentId: 'HL',
          element: 4,
          value: declared,
          ...(loopId === undefined ? {} : { loopId }),
        }),
      );
    }
  }
}

function levelAt(set: TransactionSet, position: number, level: AnyLevel, segmentId = 'HL'): X12Location {
  return at(set, position, { segmentId, loopId: level.loopId });
}

/** Per-level rules, run on the parsed levels in input order; locations are built only when something is reported. */
function checkLevel(
  level: AnyLevel,
  position: number,
  transaction: Transaction278,
  set: TransactionSet,
  report: Report,
): void {
  const { kind } = transaction;
  if (kind === 'request' && level.aaa.length > 0) {
    report(
      'error',
      'response-only-segment',
      'AAA belongs to responses, not to a request',
      levelAt(set, position, level, 'AAA'),
    );
  }
  switch (level.loopId) {
    case '2000A':
    case '2000B':
    case '2000C':
    case '2000D':
      if (level.names.length === 0)
        report(
          'error',
          'required-segment',
          `${level.loopId} needs its 2010 name loop (NM1)`,
          levelAt(set, position, level),
        );
      return;
    case '2000E':
      if (kind === 'request' && level.hcr !== undefined) {
        report(
          'error',
          'response-only-segment',
          'HCR belongs to responses, not to a request',
          levelAt(set, position, level, 'HCR'),
        );
      }
      if (kind === 'response' && level.hcr === undefined && level.aaa.length === 0) {
        report('warning', 'decision-missing', 'response 2000E has neither HCR nor AAA', levelAt(set, position, level));
      }
      if (kind === 'request' && level.um === undefined) {
        report('error', 'required-segment', '2000E needs UM in a request', levelAt(set, position, level, 'UM'));
      }
      if (level.um?.requestCategory === 'IN' && transaction.bht.transactionTypeCode !== 'RU') {
        report('warning', 'reservation-type', 'UM01 IN (medical services reservation) goes with BHT06 RU', {
          ...at(set, 2),
          segmentId: 'BHT',
          element: 6,
        });
      }
      return;
    case '2000F':
      if (kind === 'request' && level.hcr !== undefined) {
        report(
          'error',
          'response-only-segment',
          'HCR belongs to responses, not to a request',
          levelAt(set, position, level, 'HCR'),
        );
      }
      if (level.sv1 === undefined && level.sv2 === undefined && level.sv3 === undefined) {
        report('error', 'required-segment', '2000F needs SV1, SV2 or SV3', levelAt(set, position, level));
      }
      return;
  }
}

const REQUIRED_LEVELS = [
  ['umo', '2000A'],
  ['requester', '2000B'],
  ['subscriber', '2000C'],
] as const;

function checkContent(set: TransactionSet, parsed: Parsed278, report: Report): void {
  const { transaction } = parsed;
  if (transaction.bht.structureCode === undefined) {
    report('error', 'required-segment', 'BHT is required after ST', at(set, 2, { segmentId: 'BHT' }));
  }
  for (const [key, loopId] of REQUIRED_LEVELS) {
    if (transaction[key] === undefined)
      report('error', 'required-level', `${loopId} is required`, at(set, 1, { segmentId: 'ST', loopId }));
  }
  if (transaction.events.length === 0) {
    report(
      'error',
      'required-level',
      '2000E (patient event) is required',
      at(set, 1, { segmentId: 'ST', loopId: '2000E' }),
    );
  }
  for (const { level, segmentInTransaction } of parsed.levels) {
    if (level !== undefined) checkLevel(level, segmentInTransaction, transaction, set, report);
  }
}

/**
 * Validates 278 sets one after another: the model of each and all its findings (the envelope around it is validated
 * separately). The per-segment findings come out of the mapping walk; they are held back and reported after the
 * structural ones, in segment order.
 */
export class Validator278 {
  private readonly segmentFindings: X12Issue[] = [];
  private readonly holdBack: Report = (severity, rule, message, location) => {
    this.segmentFindings.push({ severity, rule, message, location });
  };

  validate(set: TransactionSet, delimiters: Delimiters, report: Report): Parsed278 {
    const held = this.segmentFindings;
    held.length = 0;
    const parsed = parse278(set, delimiters, this.holdBack);
    reportStructure(set, parsed, report);
    for (const { severity, rule, message, location } of held) report(severity, rule, message, location);
    held.length = 0;
    return parsed;
  }
}

function reportStructure(set: TransactionSet, parsed: Parsed278, report: Report): void {
  checkHierarchy(set, parsed, report);
  checkContent(set, parsed, report);
  for (const { segmentInTransaction, segment, loopId, reason } of parsed.misplaced) {
    const where = at(set, segmentInTransaction, { segmentId: segment.id, loopId });
    switch (reason) {
      case 'not-in-loop':
        report(
          'error',
          'segment-not-in-loop',
          `${segment.id} has no place in ${loopId} (or comes out of order)`,
          where,
        );
        break;
      case 'repeated':
        report('error', 'segment-repeated', `${segment.id} may occur only once in ${loopId}`, where);
        break;
      case 'unknown-level':
        report('error', 'unknown-level', `HL03 does not name a 278 level`, { ...where, element: 3 });
        break;
      case 'no-parent-event':
        report('error', 'hl-parent-level', `2000F before any 2000E`, where);
        break;
      case 'duplicate-level':
        report('error', 'duplicate-level', `${loopId} occurs more than once`, where);
        break;
    }
  }
}
