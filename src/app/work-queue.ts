// A PA coordinator's work queue: what needs information, what is ready, what waits on a payer, what was denied;
// filtered, searched (patient name, MRN, authorization number), sorted and paged, with saved views ("mine", due
// today, overdue, pended), and assignment, comments and attached documents recorded as case events.
import type { Determination } from '../core/determination/index.ts';
import type { CaseStatus } from '../core/case/index.ts';

export interface QueueFilter {
  statuses?: CaseStatus[];
  payerId?: string;
  /** The order's CPT/HCPCS or drug code. */
  code?: string;
  /** An assignee, or `none` for unassigned cases. */
  assignee?: string;
  updatedBefore?: string;
  updatedAfter?: string;
  /** Cases whose payer decision is due before this instant (and not yet decided). */
  dueBefore?: string;
  /** With dueBefore: due at or after this instant. */
  dueAfter?: string;
  /** Part of the patient's name, MRN or authorization number (any case). */
  search?: string;
}

export const QUEUE_VIEWS = ['mine', 'due_today', 'overdue', 'pended'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** The statuses in which a case waits on the payer's decision (its due clock runs). */
export const AWAITING_DECISION = ['submitting', 'submitted', 'pended'] as const;

/**
 * A saved view as filters: `mine` is what is assigned to the signed-in person (assignee = their user id), `due_today`
 * what the payer must decide by the end of today (UTC) and has not yet, `overdue` what is past due and undecided,
 * `pended` what the payer pended. Undefined when the view needs a person and the caller is not one.
 */
export function viewFilter(view: QueueView, who: { userId?: string; now: Date }): QueueFilter | undefined {
  switch (view) {
    case 'mine':
      return who.userId ? { assignee: who.userId } : undefined;
    case 'due_today': {
      const start = new Date(who.now);
      start.setUTCHours(0, 0, 0, 0);
      const end = new Date(start.getTime() + 86_400_000);
      return { dueAfter: start.toISOString(), dueBefore: end.toISOString() };
    }
    case 'overdue':
      return { dueBefore: who.now.toISOString() };
    case 'pended':
      return { statuses: ['pended'] };
  }
}

export interface QueuePage {
  /** `due`: the payer's decision deadline, soonest first by default in the route; cases without one come last. */
  sort: 'updated' | 'created' | 'due';
  direction: 'asc' | 'desc';
  limit: number;
  /** Opaque cursor from the previous page. */
  after?: { at: string; id: string };
}

export interface QueueItem {
  caseId: string;
  status: CaseStatus;
  assignee: string | null;
  determination: Determination['determination'];
  paRequired: Determination['paRequired'];
  order: Determination['order'];
  payer: Determination['payer'];
  /** The patient as submitted with the case. */
  patient: { name: string | null; birthDate: string | null; mrn: string | null };
  denialRisk: 'low' | 'medium' | 'high' | null;
  /** From the payer's latest approving answer. */
  authorizationNumber: string | null;
  missingDocumentation: number;
  /** When the payer's decision is due (ISO), once the request was received. */
  decisionDueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Where the due sort puts a case without a decision deadline (after every real one); as migration 0007 stores it. */
export const NO_DEADLINE = '9999-12-31T00:00:00.000Z';

/** The instant an item is keyed by in a sort (what the page cursor carries). */
export function sortInstant(item: QueueItem, sort: QueuePage['sort']): string {
  if (sort === 'created') return item.createdAt;
  if (sort === 'due') return item.decisionDueAt ?? NO_DEADLINE;
  return item.updatedAt;
}

export interface AttachedDocument {
  title: string;
  contentType: string;
  /** Base64 content. */
  data: string;
}

export interface WorkQueueStore {
  list(organizationId: string, filter: QueueFilter, page: QueuePage): Promise<QueueItem[]>;
  assign(organizationId: string, caseId: string, assignee: string | null, actor: string): Promise<void>;
  comment(organizationId: string, caseId: string, text: string, actor: string): Promise<number>;
  attach(organizationId: string, caseId: string, document: AttachedDocument, actor: string): Promise<number>;
}
