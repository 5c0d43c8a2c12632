// Words for the API's codes, and the due clock. Every status is shown as words (with colour only as a second cue).
import type { CriterionStatus, Outcome, RiskLevel } from './types.ts';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  meets: 'Meets criteria',
  does_not_meet: 'Does not meet',
  insufficient_documentation: 'Insufficient documentation',
  not_required: 'No PA required',
  no_policy: 'No policy',
};

export const CRITERION_LABELS: Record<CriterionStatus, string> = {
  met: 'Met',
  not_met: 'Not met',
  unknown: 'Unknown',
};

export const RISK_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** The case statuses, in workflow order: the lifecycle's own list (pure data, bundled into the page). */
export { CASE_STATUSES } from '../../../core/case/index.ts';

export function statusLabel(status: string): string {
  const text = status.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** While a case is in one of these, the payer has it or is about to: the case page polls it. */
export const IN_FLIGHT = new Set(['submitting', 'submitted', 'pended']);

export interface DueClock {
  overdue: boolean;
  text: string;
}

/** "3 d 4 h left" / "Overdue by 2 h": to the minute, the largest two units. */
export function dueClock(dueAt: string, now: number): DueClock {
  const ms = Date.parse(dueAt) - now;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const span =
    days > 0
      ? `${String(days)} d ${String(hours)} h`
      : hours > 0
        ? `${String(hours)} h ${String(mins)} min`
        : `${String(mins)} min`;
  return ms < 0 ? { overdue: true, text: `Overdue by ${span}` } : { overdue: false, text: `${span} left` };
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
