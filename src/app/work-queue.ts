// A PA coordinator's work queue: what needs information, what is ready, what waits on a payer, what was denied;
// filtered, sorted and paged, with assignment, comments and attached documents recorded as case events.
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
}

export interface QueuePage {
  sort: 'updated' | 'created';
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
  missingDocumentation: number;
  /** When the payer's decision is due (ISO), once the request was received. */
  decisionDueAt: string | null;
  createdAt: string;
  updatedAt: string;
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
