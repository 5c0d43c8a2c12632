// The text of a notification. It is built from `NotificationFacts` only (the case id, the order code, the payer, the
// status and a date), never from the patient's name, birth date, identifiers or note text: an email may cross
// servers that are not allowed to carry PHI, and a subject line is shown everywhere. The case page link is where a
// signed-in person reads the rest.
import type { CaseStatus } from '../case/index.ts';
import type { NotificationKind } from './triggers.ts';

export interface NotificationFacts {
  kind: NotificationKind;
  caseId: string;
  orderCode: string;
  payerName: string;
  status: CaseStatus;
  /** The deadline or authorization end the notification is about. */
  dueAt?: string;
  /** When the trigger happened (ISO 8601). */
  occurredAt: string;
}

const STATUS_WORDS: Partial<Record<CaseStatus, string>> = {
  approved: 'approved',
  partially_approved: 'partially approved',
  modified: 'approved with modifications',
  denied: 'denied',
  pended: 'pended for review',
};

function headline(facts: NotificationFacts): string {
  const due = facts.dueAt ?? 'unknown';
  switch (facts.kind) {
    case 'pended':
      return 'The payer pended the request for review';
    case 'information_requested':
      return 'The payer requested more information';
    case 'decision':
      return `The payer's decision: ${STATUS_WORDS[facts.status] ?? facts.status}`;
    case 'deadline_due_soon':
      return `The payer's decision is due within a day (${due})`;
    case 'deadline_expired':
      return `The payer's decision deadline has passed (${due})`;
    case 'reauthorization_due':
      return `The authorization ends on ${due}: time to re-authorize`;
  }
}

export const caseLink = (publicUrl: string, caseId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/cases/${caseId}`;

export function emailFor(facts: NotificationFacts, publicUrl: string): { subject: string; text: string } {
  const title = headline(facts);
  return {
    subject: `[Klivira] ${title} (case ${facts.caseId.slice(0, 8)}, ${facts.orderCode}, ${facts.payerName})`,
    text: [
      `${title}.`,
      '',
      `Case:     ${facts.caseId}`,
      `Order:    ${facts.orderCode}`,
      `Payer:    ${facts.payerName}`,
      `Status:   ${facts.status}`,
      ...(facts.dueAt ? [`Date:     ${facts.dueAt}`] : []),
      '',
      `Open the case: ${caseLink(publicUrl, facts.caseId)}`,
      '',
      'You receive this because of your Klivira notification settings.',
    ].join('\n'),
  };
}

/** The webhook's JSON body, in the Standard Webhooks shape (`type`, `timestamp`, `data`). */
export function webhookPayloadFor(facts: NotificationFacts, publicUrl: string): Record<string, unknown> {
  return {
    type: `case.${facts.kind}`,
    timestamp: facts.occurredAt,
    data: {
      caseId: facts.caseId,
      orderCode: facts.orderCode,
      payer: facts.payerName,
      status: facts.status,
      ...(facts.dueAt ? { dueAt: facts.dueAt } : {}),
      summary: headline(facts),
      link: caseLink(publicUrl, facts.caseId),
    },
  };
}
