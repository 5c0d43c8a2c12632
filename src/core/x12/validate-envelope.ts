// Envelope checks: ISA layout and version, trailers present, control numbers agreeing with their trailers, counts
// (SE01 counts ST…SE inclusive, GE01 transaction sets, IEA01 groups). One function per envelope event, so the
// one-pass validator can run them as the segments go by, without keeping the batch.
import { lookup } from './codes.ts';
import type { ControlNumberSet } from './control-number-set.ts';
import { ISA_LENGTH } from './delimiters.ts';
import { el, segmentSpec } from './element-spec.ts';
import type { FunctionalGroup, Interchange, TransactionSet } from './envelope.ts';
import type { Report } from './issues.ts';
import type { Segment } from './segments.ts';
import { serializeSegment } from './serializer.ts';
import { checkElements } from './element-reader.ts';

const GS = segmentSpec('GS', [
  el('functionalIdCode', 'ID', 2, 2, { required: true }),
  el('applicationSenderCode', 'AN', 2, 15, { required: true }),
  el('applicationReceiverCode', 'AN', 2, 15, { required: true }),
  el('date', 'DT', 8, 8, { required: true }),
  el('time', 'TM', 4, 8, { required: true }),
  el('controlNumber', 'N0', 1, 9, { required: true }),
  el('agencyCode', 'ID', 1, 2, { required: true, codes: ['X'] }),
  el('version', 'AN', 1, 12, { required: true }),
]);
const GE = segmentSpec('GE', [
  el('transactionCount', 'N0', 1, 6, { required: true }),
  el('controlNumber', 'N0', 1, 9, { required: true }),
]);
const IEA = segmentSpec('IEA', [
  el('groupCount', 'N0', 1, 5, { required: true }),
  el('controlNumber', 'N0', 9, 9, { required: true }),
]);
const ST_ENVELOPE = segmentSpec('ST', [
  el('transactionSetId', 'ID', 3, 3, { required: true }),
  el('controlNumber', 'AN', 4, 9, { required: true }),
  el('implementationReference', 'AN', 1, 35),
]);
const SE_ENVELOPE = segmentSpec('SE', [
  el('segmentCount', 'N0', 1, 10, { required: true }),
  el('controlNumber', 'AN', 4, 9, { required: true }),
]);

/** GS01 functional identifier expected for a transaction set id. */
const FUNCTIONAL_ID: Readonly<Record<string, string>> = { '278': 'HI', '999': 'FA', '275': 'PI', '824': 'AG' };

/** One element, read off the segment's span: ST and SE come once per set, and splitting them cost more than reading
 * the few elements checked (a segment already split answers from its split). */
function value(segment: Segment, position: number): string {
  return segment.element(position);
}

function agree(
  trailer: Segment,
  trailerPosition: number,
  expected: string,
  what: string,
  report: Report,
  rule: 'control-number-mismatch' | 'segment-count',
): void {
  const actual = value(trailer, trailerPosition);
  // Control numbers compare as numbers where both are numeric (IEA02 000000031 = ISA13 000000031).
  const same =
    actual === expected || (/^\d+$/.test(actual) && /^\d+$/.test(expected) && Number(actual) === Number(expected));
  if (!same) {
    report(
      'error',
      rule,
      `${trailer.id}${String(trailerPosition).padStart(2, '0')} is ${actual}, expected ${expected} (${what})`,
      {
        segmentIndex: trailer.index,
        segmentId: trailer.id,
        element: trailerPosition,
        value: actual,
      },
    );
  }
}

export function checkTransactionEnvelope(
  set: TransactionSet,
  group: FunctionalGroup,
  interchange: Interchange,
  report: Report,
): void {
  const { st } = set;
  checkElements(st, ST_ENVELOPE, interchange.delimiters, {
    at: { segmentIndex: st.index, segmentId: 'ST', segmentInTransaction: 1 },
    report,
  });
  // The group's GS is read for every set in it: split once, then read from its split.
  const gs = group.gs.elements;
  const version = gs[8] ?? '';
  const implementation = value(st, 3);
  if (implementation !== '' && implementation !== version) {
    report('error', 'version-mismatch', `ST03 ${implementation} does not match GS08 ${version}`, {
      segmentIndex: st.index,
      segmentId: 'ST',
      element: 3,
      value: implementation,
    });
  }
  const functionalId = lookup(FUNCTIONAL_ID, value(st, 1));
  if (functionalId !== undefined && gs[1] !== functionalId) {
    report('error', 'gs-functional-id', `GS01 must be ${functionalId} for a ${value(st, 1)}`, {
      segmentIndex: group.gs.index,
      segmentId: 'GS',
      element: 1,
      value: value(group.gs, 1),
    });
  }
  const se = set.se;
  if (se === undefined) {
    report('error', 'missing-trailer', `transaction set ${value(st, 2)} has no SE`, {
      segmentIndex: st.index,
      segmentId: 'ST',
    });
    return;
  }
  checkElements(se, SE_ENVELOPE, interchange.delimiters, {
    at: { segmentIndex: se.index, segmentId: 'SE', segmentInTransaction: set.segments.length },
    report,
  });
  agree(se, 1, String(set.segments.length), 'segments from ST to SE inclusive', report, 'segment-count');
  agree(se, 2, value(st, 2), 'ST02', report, 'control-number-mismatch');
}

export function checkGroupHeader(group: FunctionalGroup, interchange: Interchange, report: Report): void {
  checkElements(group.gs, GS, interchange.delimiters, {
    at: { segmentIndex: group.gs.index, segmentId: 'GS' },
    report,
  });
}

/** ST02 used twice in one group. `seen` is the group's ST02 set so far. */
export function checkDuplicateControlNumber(
  set: TransactionSet,
  group: FunctionalGroup,
  seen: ControlNumberSet,
  report: Report,
): void {
  const control = value(set.st, 2);
  if (!seen.add(control)) {
    report('error', 'duplicate-control-number', `ST02 ${control} is used twice in group ${value(group.gs, 6)}`, {
      segmentIndex: set.st.index,
      segmentId: 'ST',
      element: 2,
      value: control,
    });
  }
}

/** When the group closes: GE present, GE01 count, GE02 = GS06. */
export function checkGroupTrailer(group: FunctionalGroup, interchange: Interchange, report: Report): void {
  const { gs, ge } = group;
  if (ge === undefined) {
    report('error', 'missing-trailer', `group ${value(gs, 6)} has no GE`, { segmentIndex: gs.index, segmentId: 'GS' });
    return;
  }
  checkElements(ge, GE, interchange.delimiters, { at: { segmentIndex: ge.index, segmentId: 'GE' }, report });
  agree(ge, 1, String(group.transactionCount), 'transaction sets in the group', report, 'segment-count');
  agree(ge, 2, value(gs, 6), 'GS06', report, 'control-number-mismatch');
}

export function checkIsa(interchange: Interchange, report: Report): void {
  const { isa } = interchange;
  const at = { segmentIndex: isa.index, segmentId: 'ISA' };
  const length = serializeSegment(isa, interchange.delimiters).length;
  if (length !== ISA_LENGTH || isa.elements.length !== 17) {
    report(
      'error',
      'isa-length',
      `ISA must be ${ISA_LENGTH} characters with 16 elements, is ${length} with ${isa.elements.length - 1}`,
      at,
    );
  }
  const version = value(isa, 12);
  if (version !== '00501') {
    report(
      'error',
      'isa-version',
      `ISA12 is ${version}; a 5010 interchange has 00501 (and ISA11 is then the repetition separator)`,
      {
        ...at,
        element: 12,
        value: version,
      },
    );
  }
  const control = value(isa, 13);
  if (!/^\d{9}$/.test(control)) {
    report('error', 'isa-control-number', 'ISA13 must be 9 digits', { ...at, element: 13, value: control });
  }
}

/** When the interchange closes: IEA present, IEA01 count, IEA02 = ISA13. */
export function checkInterchangeTrailer(interchange: Interchange, report: Report): void {
  const { iea } = interchange;
  if (iea === undefined) {
    report('error', 'missing-trailer', 'interchange has no IEA', {
      segmentIndex: interchange.isa.index,
      segmentId: 'ISA',
    });
    return;
  }
  checkElements(iea, IEA, interchange.delimiters, { at: { segmentIndex: iea.index, segmentId: 'IEA' }, report });
  agree(iea, 1, String(interchange.groupCount), 'functional groups in the interchange', report, 'segment-count');
  agree(iea, 2, value(interchange.isa, 13), 'ISA13', report, 'control-number-mismatch');
}
