// Per-segment 278 rules beyond the element layout: dates in the format their qualifier names, segments the reference
// only lists as unverified for a loop, NM101 entity codes per name loop. Run by the 278 reader as it goes by.
import { ENTITY_CODES_BY_LOOP, type NameLoopId } from './codes.ts';
import { isFormattedDate, type ElementCheck } from './element-reader.ts';
import type { Segment } from './segments.ts';
import { SLOT_INDEX } from './x278-loops.ts';

type Fields = Readonly<Record<string, unknown>>;

/** Segment ids that some loop holds only as unverified (CR4, CR7, CR8): the only ones worth a slot lookup. */
const UNVERIFIED_SEGMENT_IDS = new Set(
  [...SLOT_INDEX.values()].flatMap((slots) =>
    Object.values(slots).flatMap((slot) => (slot?.unverified === true ? [slot.segmentId] : [])),
  ),
);

/** NM101 lists that the reference gives completely: a wrong code there is an error, elsewhere a warning. */
const CERTAIN_ENTITY_LOOPS = new Set<NameLoopId>(['2010A', '2010B', '2010C', '2010D']);
const ENTITY_SETS = new Map(
  Object.entries(ENTITY_CODES_BY_LOOP).map(([loop, codes]) => [loop, new Set<string>(codes)]),
);

/** Dates whose format sits in a qualifier element (DTP02/03, DMG01/02): field names and position of the date. */
const DATED = new Map<string, readonly [format: string, value: string, position: number]>([
  ['DTP', ['format', 'value', 3]],
  ['DMG', ['dateFormat', 'birthDate', 2]],
]);

function checkDate(segment: Segment, fields: Fields, { at, report }: ElementCheck): void {
  const dated = DATED.get(segment.id);
  if (dated === undefined) return;
  const [formatField, valueField, position] = dated;
  const value = fields[valueField];
  if (typeof value !== 'string') return;
  const format = fields[formatField];
  const formatCode = typeof format === 'string' ? format : '';
  if (!isFormattedDate(formatCode, value)) {
    report(
      'error',
      'element-type',
      `${segment.id}${String(position).padStart(2, '0')} is not a valid ${formatCode} date`,
      {
        ...at,
        element: position,
        value,
      },
    );
  }
}

/**
 * The rules for one segment in loop `loopId`, after its elements were decoded into `fields` and checked
 * (`check.at` locates it).
 */
export function checkSegment(segment: Segment, fields: Fields, loopId: string, check: ElementCheck): void {
  const { at, report } = check;
  checkDate(segment, fields, check);
  if (UNVERIFIED_SEGMENT_IDS.has(segment.id) && SLOT_INDEX.get(loopId)?.[segment.id]?.unverified === true) {
    report('warning', 'unverified-segment', `whether X217 keeps ${segment.id} in ${loopId} is unverified`, { ...at });
  }
  if (segment.id === 'NM1') {
    const allowed = ENTITY_SETS.get(loopId);
    if (allowed === undefined) return;
    const entity = fields.entityIdentifierCode;
    const code = typeof entity === 'string' ? entity : '';
    if (!allowed.has(code)) {
      const certain = CERTAIN_ENTITY_LOOPS.has(loopId as NameLoopId);
      report(
        certain ? 'error' : 'warning',
        'entity-code',
        `NM101 '${code}' is not ${certain ? 'allowed' : 'a known code'} in ${loopId}`,
        {
          ...at,
          element: 1,
          value: code,
        },
      );
    }
  }
}
