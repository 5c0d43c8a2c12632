// What must hold of the stored cases after any mix of concurrent requests, worker crashes and payer behaviour (the
// chaos runs in bench/chaos and the concurrency integration test): each submission attempt reached the payer at
// most once (exactly once when it was answered) and never while an earlier attempt of the case was still open;
// event sequence numbers are gap-free; the events replay through the case state machine to the stored status; and
// a case the payer decided never goes back to a status before submission.
import { sql, type Kysely } from 'kysely';
import { canTransition, isCaseStatus, type CaseStatus } from '../core/case/index.ts';
import type { Database } from '../adapters/db/schema.ts';
import type { Receipt } from '../sim/payer.ts';

interface StoredEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

interface CaseHistory {
  caseId: string;
  status: string;
  events: StoredEvent[];
}

interface Attempt {
  submissionId: string;
  caseId: string;
  attempt: number;
  state: string;
}

export interface ReceiptReport {
  /** Requests the payer took in (initial and update; cancels are counted apart). */
  receipts: number;
  /** Resends of a request the payer already had. */
  duplicates: number;
  cancels: number;
  /** Receipts naming no submission row of the cases checked. */
  unknownSubmission: number;
  attempts: number;
  receivedExactlyOnce: number;
  neverReceived: number;
  /** Submission ids the payer received more than once. */
  receivedMoreThanOnce: string[];
  /** Submission ids recorded as answered that the payer never received. */
  answeredNeverReceived: string[];
  /** Case ids whose payer received a new attempt while an earlier attempt was neither answered nor failed. */
  sentWhileEarlierAttemptOpen: string[];
}

export interface TransitionReport {
  /** `caseId seq type: from → to` for each recorded transition the state machine refuses. */
  illegal: string[];
  /** `caseId …` where the events do not replay to the stored status (a change recorded without from/to). */
  mismatched: string[];
  /** Event types seen between the last recorded transition and a mismatch, with how often: the unrecorded changes. */
  unrecordedChangeAfter: Record<string, number>;
  /** Case ids that the payer decided and that later went back to draft, needs_information or ready. */
  regressedAfterDecision: string[];
  /** Case ids with a submission sent after the case was cancelled. */
  sentAfterCancel: string[];
}

export interface ConsistencyReport {
  cases: number;
  caseStatuses: Record<string, number>;
  submissionStates: Record<string, number>;
  receipts: ReceiptReport;
  /** Case ids whose event sequence is not 1..n. */
  eventGaps: string[];
  transitions: TransitionReport;
  checks: {
    receiptsEqualAttempts: boolean;
    noDuplicateReceipts: boolean;
    gapFreeEvents: boolean;
    legalTransitions: boolean;
    noRegressionAfterDecision: boolean;
  };
}

const DECIDED: ReadonlySet<string> = new Set(['approved', 'partially_approved', 'modified', 'denied']);
const BEFORE_SUBMISSION: ReadonlySet<string> = new Set(['draft', 'needs_information', 'ready']);
/** Statuses in which the payer still has an attempt in hand. */
const WAITING: ReadonlySet<string> = new Set(['submitting', 'submitted', 'pended']);
/** Events that record a change with `from` only: the target is what the store sets (queueSubmission). */
const IMPLIED_TARGET: Readonly<Record<string, CaseStatus>> = { 'submission.queued': 'submitting' };

/** Checks the cases named (all cases when omitted) against the payer's receipts. */
export async function checkConsistency(
  db: Kysely<Database>,
  receipts: readonly Receipt[],
  caseIds?: readonly string[],
): Promise<ConsistencyReport> {
  const histories = await loadHistories(db, caseIds);
  const attempts = await loadAttempts(db, caseIds);
  const receiptReport = tallyReceipts(attempts, receipts, histories);
  const eventGaps = histories.filter((h) => !gapFree(h.events)).map((h) => h.caseId);
  const transitions = replayAll(histories);
  return {
    cases: histories.length,
    caseStatuses: countBy(histories.map((h) => h.status)),
    submissionStates: countBy(attempts.map((a) => a.state)),
    receipts: receiptReport,
    eventGaps,
    transitions,
    checks: {
      receiptsEqualAttempts:
        receiptReport.receivedMoreThanOnce.length === 0 &&
        receiptReport.answeredNeverReceived.length === 0 &&
        receiptReport.sentWhileEarlierAttemptOpen.length === 0 &&
        receiptReport.unknownSubmission === 0,
      noDuplicateReceipts: receiptReport.duplicates === 0,
      gapFreeEvents: eventGaps.length === 0,
      legalTransitions: transitions.illegal.length === 0 && transitions.mismatched.length === 0,
      noRegressionAfterDecision: transitions.regressedAfterDecision.length === 0,
    },
  };
}

/** Submission jobs not finished yet (reminders, due in days, do not count). */
export async function pendingSubmissions(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: string }>`
    select count(*)::text as n from jobs where kind = 'submit' and state in ('queued', 'running')`.execute(db);
  return Number(result.rows[0]?.n ?? '0');
}

/** The names of the checks that failed. */
export function failedChecks(report: ConsistencyReport): string[] {
  return Object.entries(report.checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
}

async function loadHistories(db: Kysely<Database>, caseIds?: readonly string[]): Promise<CaseHistory[]> {
  if (caseIds?.length === 0) return [];
  let cases = db.selectFrom('cases').select(['id', 'status']);
  let events = db.selectFrom('case_events').select(['case_id', 'seq', 'type', 'payload']);
  if (caseIds) {
    cases = cases.where('id', 'in', [...caseIds]);
    events = events.where('case_id', 'in', [...caseIds]);
  }
  const byCase = new Map<string, StoredEvent[]>();
  for (const e of await events.orderBy('case_id').orderBy('seq').execute()) {
    const list = byCase.get(e.case_id) ?? [];
    list.push({ seq: e.seq, type: e.type, payload: (e.payload ?? {}) as Record<string, unknown> });
    byCase.set(e.case_id, list);
  }
  return (await cases.execute()).map((c) => ({ caseId: c.id, status: c.status, events: byCase.get(c.id) ?? [] }));
}

async function loadAttempts(db: Kysely<Database>, caseIds?: readonly string[]): Promise<Attempt[]> {
  if (caseIds?.length === 0) return [];
  let query = db.selectFrom('submissions').select(['submission_id', 'case_id', 'attempt', 'state']);
  if (caseIds) query = query.where('case_id', 'in', [...caseIds]);
  return (await query.execute()).map((r) => ({
    submissionId: r.submission_id,
    caseId: r.case_id,
    attempt: r.attempt,
    state: r.state,
  }));
}

function tallyReceipts(
  attempts: readonly Attempt[],
  receipts: readonly Receipt[],
  histories: readonly CaseHistory[],
): ReceiptReport {
  const known = new Set(attempts.map((a) => a.submissionId));
  const requests = receipts.filter((r) => r.kind !== 'cancel');
  const received = countBy(requests.filter((r) => known.has(r.submissionId)).map((r) => r.submissionId));
  const times = (a: Attempt) => received[a.submissionId] ?? 0;
  return {
    receipts: requests.length,
    duplicates: requests.filter((r) => r.duplicate).length,
    cancels: receipts.length - requests.length,
    unknownSubmission: requests.filter((r) => !known.has(r.submissionId)).length,
    attempts: attempts.length,
    receivedExactlyOnce: attempts.filter((a) => times(a) === 1).length,
    neverReceived: attempts.filter((a) => times(a) === 0).length,
    receivedMoreThanOnce: attempts.filter((a) => times(a) > 1).map((a) => a.submissionId),
    answeredNeverReceived: attempts.filter((a) => a.state === 'answered' && times(a) === 0).map((a) => a.submissionId),
    sentWhileEarlierAttemptOpen: histories
      .filter((h) => overlappingAttempts(h, attempts, (id) => (received[id] ?? 0) > 0))
      .map((h) => h.caseId),
  };
}

/**
 * True when the payer received attempt k+1 of a case and attempt k while k was still open: k+1 was queued before
 * any event closed k (its final failure, or a payer answer that left the case out of waiting).
 */
function overlappingAttempts(
  history: CaseHistory,
  attempts: readonly Attempt[],
  wasReceived: (submissionId: string) => boolean,
): boolean {
  const ofCase = attempts.filter((a) => a.caseId === history.caseId).sort((a, b) => a.attempt - b.attempt);
  const about = (id: string) => history.events.filter((e) => e.payload.submissionId === id);
  return ofCase.some((earlier, i) => {
    const later = ofCase[i + 1];
    if (!later || !wasReceived(earlier.submissionId) || !wasReceived(later.submissionId)) return false;
    const queued = about(later.submissionId).find((e) => e.type === 'submission.queued')?.seq ?? 0;
    const closed = about(earlier.submissionId).find(closesAttempt)?.seq ?? Infinity;
    return queued < closed;
  });
}

function closesAttempt(event: StoredEvent): boolean {
  if (event.type === 'submission.failed') return true;
  if (event.type === 'payer.responded') return !WAITING.has(String(event.payload.to));
  return event.type === 'payer.response_ignored' || event.type === 'payer.response_repeated';
}

function gapFree(events: readonly StoredEvent[]): boolean {
  return events.every((e, i) => e.seq === i + 1);
}

function replayAll(histories: readonly CaseHistory[]): TransitionReport {
  const report: TransitionReport = {
    illegal: [],
    mismatched: [],
    unrecordedChangeAfter: {},
    regressedAfterDecision: [],
    sentAfterCancel: [],
  };
  for (const history of histories) replay(history, report);
  return report;
}

/** A recorded status change: `from`/`to` in the payload, `from` alone where the target is implied. */
function transitionOf(event: StoredEvent): { from: string; to: string } | undefined {
  const { from, to } = event.payload;
  if (typeof from !== 'string') return undefined;
  const target = typeof to === 'string' ? to : IMPLIED_TARGET[event.type];
  return target === undefined ? undefined : { from, to: target };
}

/**
 * Replays one case's events through the state machine. Where an event's `from` (or, at the end, the stored status)
 * differs from the replayed status, something changed the status without recording the change: that is reported
 * with the event types since the last recorded transition, and the replay continues from the status found.
 */
function replay(history: CaseHistory, report: TransitionReport): void {
  const [created, ...rest] = history.events;
  let status = created?.type === 'case.created' ? String(created.payload.status) : 'missing';
  let since: string[] = [];
  let decided = false;
  let regressed = false;
  let sentAfterCancel = false;
  const enter = (next: string) => {
    regressed ||= decided && BEFORE_SUBMISSION.has(next);
    decided ||= DECIDED.has(next);
    status = next;
  };
  const reconcile = (found: string, where: string) => {
    if (found === status) return;
    report.mismatched.push(`${history.caseId} ${where}: replayed ${status}, found ${found}`);
    const key = [...new Set(since)].sort().join('+') || '(none)';
    report.unrecordedChangeAfter[key] = (report.unrecordedChangeAfter[key] ?? 0) + 1;
    if (isCaseStatus(status) && isCaseStatus(found) && !canTransition(status, found))
      report.illegal.push(`${history.caseId} ${where} (unrecorded): ${status} → ${found}`);
    enter(found);
  };
  enter(status);
  for (const event of rest) {
    sentAfterCancel ||= event.type === 'submission.sending' && status === 'cancelled';
    const change = transitionOf(event);
    if (!change) {
      since.push(event.type);
      continue;
    }
    const where = `${String(event.seq)} ${event.type}`;
    reconcile(change.from, where);
    if (!isCaseStatus(change.from) || !isCaseStatus(change.to) || !canTransition(change.from, change.to))
      report.illegal.push(`${history.caseId} ${where}: ${change.from} → ${change.to}`);
    enter(change.to);
    since = [];
  }
  reconcile(history.status, 'stored status');
  if (regressed) report.regressedAfterDecision.push(history.caseId);
  if (sentAfterCancel) report.sentAfterCancel.push(history.caseId);
}

export function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
