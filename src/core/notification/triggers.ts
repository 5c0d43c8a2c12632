// What people are notified of, and what triggers each notification: a case event (the payer pended the request,
// asked for more information, or decided; a decision deadline is a day away or has passed) or a date (an approved
// authorization nears its end: re-authorization). Each trigger has a key that names it once, so a replayed event or
// a repeated reminder for the same deadline is recognised and never notified twice.
import type { CaseStatus } from '../case/index.ts';

export const NOTIFICATION_KINDS = [
  'pended',
  'information_requested',
  'decision',
  'deadline_due_soon',
  'deadline_expired',
  'reauthorization_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export interface NotificationTrigger {
  kind: NotificationKind;
  /** Unique per organization: the same key is never notified twice. */
  key: string;
  caseId: string;
  /** The case status the trigger announces (a decision's outcome), when it is about one. */
  status?: CaseStatus;
  /** The deadline or the authorization's end the trigger is about. */
  dueAt?: string;
}

/** A case event as it is appended: its case, sequence number, type and payload (with `from`/`to` on a change). */
export interface CaseEventFacts {
  caseId: string;
  seq: number;
  type: string;
  payload: Readonly<Record<string, unknown>>;
}

const DECISIONS: ReadonlySet<string> = new Set<CaseStatus>(['approved', 'partially_approved', 'modified', 'denied']);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The status an event moved the case to; only a change of status is news (a repeated "pended" is not). */
function changedTo(payload: Readonly<Record<string, unknown>>): string | undefined {
  const to = text(payload.to);
  return to === text(payload.from) ? undefined : to;
}

/** The notification a case event triggers, if any. */
export function triggerOfCaseEvent(event: CaseEventFacts): NotificationTrigger | undefined {
  const { caseId, payload } = event;
  const byEvent = `event:${caseId}:${String(event.seq)}`;
  const to = changedTo(payload);
  switch (event.type) {
    // The payer's answer, or its decision on an appeal (which moves the case's status too).
    case 'payer.responded':
    case 'appeal.decided':
      if (to === 'pended' && event.type === 'payer.responded') {
        return { kind: 'pended', key: byEvent, caseId, status: 'pended' };
      }
      if (to !== undefined && DECISIONS.has(to))
        return { kind: 'decision', key: byEvent, caseId, status: to as CaseStatus };
      return undefined;
    case 'payer.requested_information': {
      const requestId = text(payload.requestId);
      return {
        kind: 'information_requested',
        key: requestId ? `information_requested:${caseId}:${requestId}` : byEvent,
        caseId,
      };
    }
    case 'deadline.due_soon':
    case 'deadline.overdue': {
      const kind = event.type === 'deadline.due_soon' ? 'deadline_due_soon' : 'deadline_expired';
      const dueAt = text(payload.dueAt);
      // Keyed by the deadline itself: a reminder queued twice for one deadline notifies once.
      return { kind, key: dueAt ? `${kind}:${caseId}:${dueAt}` : byEvent, caseId, ...(dueAt ? { dueAt } : {}) };
    }
    default:
      return undefined;
  }
}

/** The re-authorization reminder of one authorization (its case and end date): one per authorization period. */
export function reauthorizationTrigger(caseId: string, authorizationEnds: string): NotificationTrigger {
  return {
    kind: 'reauthorization_due',
    key: `reauthorization_due:${caseId}:${authorizationEnds}`,
    caseId,
    dueAt: authorizationEnds,
  };
}

export const DEFAULT_REAUTHORIZATION_LEAD_DAYS = 30;
export const MAX_REAUTHORIZATION_LEAD_DAYS = 365;
