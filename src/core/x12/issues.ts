// Validation findings. Every finding names its rule and where it sits; unverified rules only ever warn.
import type { X12Location } from './errors.ts';

export type X12Rule =
  // envelope
  | 'isa-length'
  | 'isa-version'
  | 'isa-control-number'
  | 'gs-functional-id'
  | 'version-mismatch'
  | 'control-number-mismatch'
  | 'segment-count'
  | 'missing-trailer'
  | 'duplicate-control-number'
  | 'stray-segment'
  | 'byte-order-mark'
  | 'layout-whitespace'
  // elements
  | 'element-required'
  | 'element-length'
  | 'element-type'
  | 'element-code'
  | 'too-many-elements'
  | 'too-many-components'
  // 278 structure
  | 'hl-sequence'
  | 'hl-parent'
  | 'hl-parent-level'
  | 'hl-child-code'
  | 'unknown-level'
  | 'required-level'
  | 'duplicate-level'
  | 'required-segment'
  | 'segment-not-in-loop'
  | 'segment-repeated'
  | 'unverified-segment'
  | 'entity-code'
  | 'response-only-segment'
  | 'decision-missing'
  | 'reservation-type'
  // 275 structure
  | 'segment-order'
  | 'lx-sequence'
  | 'binary-length';

export interface X12Issue {
  severity: 'error' | 'warning';
  rule: X12Rule;
  message: string;
  location: X12Location;
}

export type Report = (severity: X12Issue['severity'], rule: X12Rule, message: string, location: X12Location) => void;

/** One line per issue, e.g. for a CLI: `error segment-count SE01 (segment 27, 2000E): …`. */
export function formatIssue(issue: X12Issue): string {
  const { location } = issue;
  const where = [
    location.segmentId !== undefined && location.element !== undefined
      ? `${location.segmentId}${String(location.element).padStart(2, '0')}${location.component === undefined ? '' : `-${location.component}`}`
      : location.segmentId,
    location.segmentIndex === undefined ? undefined : `segment ${location.segmentIndex}`,
    location.segmentInTransaction === undefined ? undefined : `#${location.segmentInTransaction} in ST`,
    location.loopId,
  ].filter((part) => part !== undefined);
  const value = location.value === undefined ? '' : ` [${JSON.stringify(location.value)}]`;
  return `${issue.severity} ${issue.rule} (${where.join(', ')}): ${issue.message}${value}`;
}
