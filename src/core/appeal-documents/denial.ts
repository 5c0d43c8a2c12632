// The payer's adverse answer a case can appeal, as the case history records it: the last `payer.responded` event
// when it moved the case to denied, partially approved or modified, with each item's review action and X12 886
// reason codes (HCR03, or the PAS reviewAction reasonCode), and the payer's own words (PAS processNote / X12 MSG)
// read back from the stored response, since the event keeps only the codes.
import { readPasResponse } from '../pas/index.ts';
import { readInbound } from '../x12/index.ts';

export const APPEALABLE_STATUSES = ['denied', 'partially_approved', 'modified'] as const;
export type AppealableStatus = (typeof APPEALABLE_STATUSES)[number];

export interface DeniedItem {
  itemSequence: number;
  /** The review action in words (`not_certified`, `modified`, ...). */
  action: string;
  /** HCR01 / reviewActionCode as received. */
  reviewActionCode: string;
  /** X12 886 reason codes, verbatim. */
  reasonCodes: string[];
  /** The payer's stated reason in its own words, verbatim. */
  notes: string[];
}

export interface PayerDenial {
  status: AppealableStatus;
  /** When the answer was recorded (ISO instant). */
  deniedAt: string;
  channel: string;
  submissionId: string;
  /** Items the payer did not grant as asked. */
  items: DeniedItem[];
  /** Response-level notes not tied to an item. */
  notes: string[];
  /** Problems reading the stored response; the codes from the event still stand. */
  warnings: string[];
}

export interface HistoryEvent {
  type: string;
  at: string;
  payload: unknown;
}

export interface StoredResponse {
  contentType: string;
  body: string;
  /** When it was stored (ISO instant): the response of an answer is the last one stored by then. */
  storedAt: string;
}

interface RespondedPayload {
  submissionId?: string;
  channel?: string;
  to?: string;
  items?: { sequence: number; action: string; code: string; reasonCodes?: string[] }[];
}

const isAppealable = (status: unknown): status is AppealableStatus =>
  (APPEALABLE_STATUSES as readonly unknown[]).includes(status);

/** The denial to appeal, or a sentence saying why there is none. */
export function denialOf(
  events: readonly HistoryEvent[],
  responses: readonly StoredResponse[],
): { denial: PayerDenial } | { none: string } {
  const answerIndex = events.findLastIndex((e) => e.type === 'payer.responded');
  const answer = events[answerIndex];
  if (!answer) return { none: 'the payer has not answered this case: there is no denial to appeal' };
  if (events.slice(answerIndex).some((e) => e.type === 'attempt.started')) {
    return {
      none: 'a new attempt replaced the denied request: there is no denial to appeal until the payer answers it',
    };
  }
  const payload = answer.payload as RespondedPayload;
  if (!isAppealable(payload.to)) {
    return { none: `the payer's answer was ${payload.to ?? 'not a decision'}: there is no denial to appeal` };
  }
  const response = responses.filter((r) => r.storedAt <= answer.at).at(-1);
  const words = response ? payerWords(response) : { items: new Map<number, string[]>(), notes: [], warnings: [] };
  const granted = new Set(['certified', 'no_action_required']);
  const items = (payload.items ?? [])
    .filter((item) => !granted.has(item.action))
    .map((item): DeniedItem => ({
      itemSequence: item.sequence,
      action: item.action,
      reviewActionCode: item.code,
      reasonCodes: item.reasonCodes ?? [],
      notes: words.items.get(item.sequence) ?? [],
    }));
  const itemNotes = new Set(items.flatMap((i) => i.notes));
  return {
    denial: {
      status: payload.to,
      deniedAt: answer.at,
      channel: payload.channel ?? 'unknown',
      submissionId: payload.submissionId ?? '',
      items,
      notes: words.notes.filter((n) => !itemNotes.has(n)),
      warnings: words.warnings,
    },
  };
}

/** The payer's words per item sequence and overall, from the stored PAS or X12 response. */
function payerWords(response: StoredResponse): { items: Map<number, string[]>; notes: string[]; warnings: string[] } {
  const items = new Map<number, string[]>();
  try {
    if (response.contentType.includes('x12')) {
      const summary = readInbound(response.body).responses[0];
      for (const d of summary?.decisions ?? []) items.set(d.serviceIndex + 1, d.messages);
      return { items, notes: [], warnings: [] };
    }
    const decision = readPasResponse(JSON.parse(response.body) as unknown);
    for (const item of decision.items) items.set(item.itemSequence, item.notes);
    return { items, notes: decision.notes, warnings: [] };
  } catch {
    return { items, notes: [], warnings: ["the payer's stored response could not be read for its stated reasons"] };
  }
}

/** One stated reason as a line: the payer's words, then the codes it sent. */
export function reasonText(item: DeniedItem): string {
  const words = item.notes.length > 0 ? item.notes.map((n) => `"${n}"`).join('; ') : 'no reason stated in words';
  const codes =
    item.reasonCodes.length > 0 ? ` (X12 886 reason code ${item.reasonCodes.join(', ')})` : ' (no reason code sent)';
  return `${words}${codes}`;
}
