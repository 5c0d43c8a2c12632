// 278 structure checks on a parsed transaction: HL numbering, parentage and levels, required loops and segments,
// segments outside their loop, NM101 per loop, request/response rules, and every element against its layout.
import { ENTITY_CODES_BY_LOOP, type NameLoopId } from './codes.ts';
import type { Delimiters } from './delimiters.ts';
import type { TransactionSet } from './envelope.ts';
import type { X12Location } from './errors.ts';
import type { Report } from './issues.ts';
import type { Segment } from './segments.ts';
import type { AnyLevel, LevelLoopId, Transaction278 } from './x278-model.ts';
import { PARENT_LEVELS, SLOT_INDEX } from './x278-loops.ts';
import type { Parsed278 } from './x278-parse.ts';
import { SEGMENT_SPECS } from './x278-segments.ts';
import { checkElements, isFormattedDate } from './validate-elements.ts';

/** Segment ids that some loop holds only as unverified (CR4, CR7, CR8): the only ones worth a slot lookup. */
const UNVERIFIED_SEGMENT_IDS = new Set(
  [...SLOT_INDEX.values()].flatMap((slots) =>
    [...slots.values()].filter((slot) => slot.unverified === true).map((slot) => slot.segmentId),
  ),
);

type LocationAt = (position: number, extra?: X12Location) => X12Location;

/** NM101 lists that the reference gives completely: a wrong code there is an error, elsewhere a warning. */
const CERTAIN_ENTITY_LOOPS = new Set<NameLoopId>(['2010A', '2010B', '2010C', '2010D']);
const ENTITY_SETS = new Map(
  Object.entries(ENTITY_CODES_BY_LOOP).map(([loop, codes]) => [loop, new Set<string>(codes)]),
);

function checkHierarchy(parsed: Parsed278, at: LocationAt, report: Report): void {
  const byId = new Map<string, LevelLoopId | undefined>();
  const childCount = new Map<string, number>();
  const hasDependent = parsed.transaction.dependent !== undefined;
  parsed.levels.forEach(({ hl, loopId, segmentInTransaction }, i) => {
    const id = hl.id ?? '';
    if (id !== String(i + 1)) {
      report(
        'error',
        'hl-sequence',
        `HL01 must count up from 1; expected ${i + 1}`,
        at(segmentInTransaction, { segmentId: 'HL', element: 1, value: id }),
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
            at(segmentInTransaction, { segmentId: 'HL', element: 2, loopId }),
          );
        }
      } else if (!byId.has(parentId)) {
        report(
          'error',
          'hl-parent',
          `HL02 ${parentId} does not name an earlier HL`,
          at(segmentInTransaction, { segmentId: 'HL', element: 2, value: parentId, loopId }),
        );
      } else {
        const parentLoop = byId.get(parentId);
        if (parentLoop === undefined || !allowed.includes(parentLoop)) {
          report(
            'error',
            'hl-parent-level',
            `${loopId} (HL ${id}) has parent HL ${parentId}, a ${parentLoop ?? 'level of unknown type'}; expected ${allowed.length === 0 ? 'no parent' : allowed.join(' or ')}`,
            at(segmentInTransaction, { segmentId: 'HL', element: 2, value: parentId, loopId }),
          );
        }
      }
    }
    if (loopId === '2000E' && hasDependent && byId.get(parentId) === '2000C') {
      report(
        'error',
        'hl-parent-level',
        `2000E (HL ${id}) hangs under the subscriber, but the patient is the dependent (2000D)`,
        at(segmentInTransaction, { segmentId: 'HL', element: 2, value: parentId, loopId }),
      );
    }
    if (parentId !== '') childCount.set(parentId, (childCount.get(parentId) ?? 0) + 1);
    byId.set(id, loopId);
  });
  for (const { hl, segmentInTransaction, loopId } of parsed.levels) {
    const hasChildren = (childCount.get(hl.id ?? '') ?? 0) > 0;
    const declared = hl.childCode;
    if ((declared === '1') !== hasChildren && (declared === '0' || declared === '1')) {
      report(
        'error',
        'hl-child-code',
        `HL04 is ${declared} but the level ${hasChildren ? 'has' : 'has no'} children`,
        at(segmentInTransaction, {
          segmentId: 'HL',
          element: 4,
          value: declared,
          ...(loopId === undefined ? {} : { loopId }),
        }),
      );
    }
  }
}

function levelAt(at: LocationAt, position: number, level: AnyLevel, segmentId = 'HL'): X12Location {
  return at(position, { segmentId, loopId: level.loopId });
}

/** Per-level rules, run on the parsed levels in input order; locations are built only when something is reported. */
function checkLevel(
  level: AnyLevel,
  position: number,
  transaction: Transaction278,
  at: LocationAt,
  report: Report,
): void {
  const { kind } = transaction;
  if (kind === 'request' && level.aaa.length > 0) {
    report(
      'error',
      'response-only-segment',
      'AAA belongs to responses, not to a request',
      levelAt(at, position, level, 'AAA'),
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
          levelAt(at, position, level),
        );
      return;
    case '2000E':
      if (kind === 'request' && level.hcr !== undefined) {
        report(
          'error',
          'response-only-segment',
          'HCR belongs to responses, not to a request',
          levelAt(at, position, level, 'HCR'),
        );
      }
      if (kind === 'response' && level.hcr === undefined && level.aaa.length === 0) {
        report('warning', 'decision-missing', 'response 2000E has neither HCR nor AAA', levelAt(at, position, level));
      }
      if (kind === 'request' && level.um === undefined) {
        report('error', 'required-segment', '2000E needs UM in a request', levelAt(at, position, level, 'UM'));
      }
      if (level.um?.requestCategory === 'IN' && transaction.bht.transactionTypeCode !== 'RU') {
        report('warning', 'reservation-type', 'UM01 IN (medical services reservation) goes with BHT06 RU', {
          ...at(2),
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
          levelAt(at, position, level, 'HCR'),
        );
      }
      if (level.sv1 === undefined && level.sv2 === undefined && level.sv3 === undefined) {
        report('error', 'required-segment', '2000F needs SV1, SV2 or SV3', levelAt(at, position, level));
      }
      return;
  }
}

const REQUIRED_LEVELS = [
  ['umo', '2000A'],
  ['requester', '2000B'],
  ['subscriber', '2000C'],
] as const;

function checkContent(parsed: Parsed278, at: LocationAt, report: Report): void {
  const { transaction } = parsed;
  if (transaction.bht.structureCode === undefined) {
    report('error', 'required-segment', 'BHT is required after ST', at(2, { segmentId: 'BHT' }));
  }
  for (const [key, loopId] of REQUIRED_LEVELS) {
    if (transaction[key] === undefined)
      report('error', 'required-level', `${loopId} is required`, at(1, { segmentId: 'ST', loopId }));
  }
  if (transaction.events.length === 0) {
    report('error', 'required-level', '2000E (patient event) is required', at(1, { segmentId: 'ST', loopId: '2000E' }));
  }
  for (const { level, segmentInTransaction } of parsed.levels) {
    if (level !== undefined) checkLevel(level, segmentInTransaction, transaction, at, report);
  }
}

/** Dates whose format sits in a qualifier element (DTP02/03, DMG01/02). */
const DATED = new Map<string, readonly [format: number, value: number]>([
  ['DTP', [2, 3]],
  ['DMG', [1, 2]],
]);

function checkDate(segment: Segment, base: X12Location, report: Report): void {
  const positions = DATED.get(segment.id);
  if (positions === undefined) return;
  const format = segment.elements[positions[0]] ?? '';
  const value = segment.elements[positions[1]] ?? '';
  if (value !== '' && !isFormattedDate(format, value)) {
    report(
      'error',
      'element-type',
      `${segment.id}${String(positions[1]).padStart(2, '0')} is not a valid ${format} date`,
      {
        ...base,
        element: positions[1],
        value,
      },
    );
  }
}

/** All 278 findings for one transaction set (the envelope around it is validated separately). */
export function validate278(set: TransactionSet, parsed: Parsed278, delimiters: Delimiters, report: Report): void {
  const at = (position: number, extra: X12Location = {}): X12Location => ({
    segmentIndex: set.segments[position - 1]?.index ?? set.st.index,
    segmentInTransaction: position,
    ...extra,
  });
  checkHierarchy(parsed, at, report);
  checkContent(parsed, at, report);
  for (const { segmentInTransaction, segment, loopId, reason } of parsed.misplaced) {
    const where = at(segmentInTransaction, { segmentId: segment.id, loopId });
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
  const segments = set.segments;
  // One location object, updated per segment; reports copy it, so the happy path allocates nothing per segment.
  const base: X12Location = { segmentIndex: 0, segmentInTransaction: 0, segmentId: '', loopId: '' };
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined || segment.id === 'ST' || segment.id === 'SE') continue;
    const spec = SEGMENT_SPECS[segment.id];
    if (spec === undefined) continue;
    const loopId = parsed.loopIds[i] ?? 'unknown';
    base.segmentIndex = segment.index;
    base.segmentInTransaction = i + 1;
    base.segmentId = segment.id;
    base.loopId = loopId;
    checkElements(segment, spec, delimiters, base, report);
    checkDate(segment, base, report);
    if (UNVERIFIED_SEGMENT_IDS.has(segment.id) && SLOT_INDEX.get(loopId)?.get(segment.id)?.unverified === true) {
      report('warning', 'unverified-segment', `whether X217 keeps ${segment.id} in ${loopId} is unverified`, {
        ...base,
      });
    }
    if (segment.id === 'NM1') {
      const allowed = ENTITY_SETS.get(loopId);
      const code = segment.elements[1] ?? '';
      if (allowed !== undefined && !allowed.has(code)) {
        const certain = CERTAIN_ENTITY_LOOPS.has(loopId as NameLoopId);
        report(
          certain ? 'error' : 'warning',
          'entity-code',
          `NM101 '${code}' is not ${certain ? 'allowed' : 'a known code'} in ${loopId}`,
          {
            ...base,
            element: 1,
            value: code,
          },
        );
      }
    }
  }
}
