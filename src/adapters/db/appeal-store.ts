// AppealStore on PostgreSQL: every step locks the case, is checked by the core's appeal rules against the state under
// the lock, and writes the appeals row with its case event through case-events' one path, in one transaction.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  AppealStore,
  DecideAppealStep,
  FileAppealStep,
  NewAttemptStep,
  OpenAppealStep,
} from '../../app/appeal-store.ts';
import {
  decideAppeal,
  fileAppeal,
  openAppeal,
  type AppealKind,
  type AppealRecord,
  type AppealState,
} from '../../core/appeal/index.ts';
import {
  assertAppealable,
  assertNewAttemptAllowed,
  statusAfterDetermination,
  type AppealOutcome,
  type CaseStatus,
} from '../../core/case/index.ts';
import { determinationColumns, determinationSummary } from './case-repository.ts';
import { changeCase, lockCase, NotFoundError, type LockedCase } from './case-events.ts';
import type { AppealTable, Database } from './schema.ts';

const json = (value: unknown): string => JSON.stringify(value);
const isoOrNull = (value: Date | null): string | null => (value ? value.toISOString() : null);
const dateOrNull = (value: string | null): Date | null => (value ? new Date(value) : null);

function toRecord(row: Selectable<AppealTable>): AppealRecord {
  return {
    id: row.id,
    kind: row.kind as AppealKind,
    level: row.level,
    lineOfBusiness: row.line_of_business,
    expedited: row.expedited,
    state: row.state as AppealState,
    appealedStatus: row.appealed_status as CaseStatus,
    openedAt: row.opened_at.toISOString(),
    filingDeadline: isoOrNull(row.filing_deadline),
    lateFilingReason: row.late_filing_reason,
    filedAt: isoOrNull(row.filed_at),
    decisionDueAt: isoOrNull(row.decision_due_at),
    outcome: row.outcome as AppealOutcome | null,
    decidedAt: isoOrNull(row.decided_at),
    authorizationNumber: row.authorization_number,
    reason: row.reason,
  };
}

export class PostgresAppealStore implements AppealStore {
  constructor(private readonly db: Kysely<Database>) {}

  async openAppeal(step: OpenAppealStep): Promise<AppealRecord | undefined> {
    return this.underLock(step, async (tx, locked) => {
      // Before reading when the adverse decision came: a case with none is refused here (409).
      assertAppealable(locked.status);
      const previous = await this.rows(tx, step.caseId);
      const appeal = openAppeal({
        id: step.appealId,
        status: locked.status,
        lineOfBusiness: await lineOfBusiness(tx, step.caseId),
        kind: step.kind,
        expedited: step.expedited,
        adverseAt: await adverseAt(tx, locked),
        now: step.now,
        reason: step.reason,
        ...(step.lateFilingReason ? { lateFilingReason: step.lateFilingReason } : {}),
        previous,
      });
      await tx
        .insertInto('appeals')
        .values({
          id: appeal.id,
          case_id: step.caseId,
          organization_id: step.organizationId,
          kind: appeal.kind,
          level: appeal.level,
          line_of_business: appeal.lineOfBusiness,
          expedited: appeal.expedited,
          state: appeal.state,
          appealed_status: appeal.appealedStatus,
          opened_at: new Date(appeal.openedAt),
          filing_deadline: dateOrNull(appeal.filingDeadline),
          late_filing_reason: appeal.lateFilingReason,
          filed_at: null,
          decision_due_at: null,
          outcome: null,
          decided_at: null,
          authorization_number: null,
          reason: appeal.reason,
        })
        .execute();
      await changeCase(tx, locked, {
        type: 'appeal.opened',
        actor: step.actor,
        payload: {
          appealId: appeal.id,
          kind: appeal.kind,
          level: appeal.level,
          expedited: appeal.expedited,
          lineOfBusiness: appeal.lineOfBusiness,
          filingDeadline: appeal.filingDeadline,
          reason: appeal.reason,
          ...(appeal.lateFilingReason ? { lateFilingReason: appeal.lateFilingReason } : {}),
        },
        to: 'in_appeal',
      });
      return appeal;
    });
  }

  async fileAppeal(step: FileAppealStep): Promise<AppealRecord | undefined> {
    return this.underLock(step, async (tx, locked) => {
      const current = await this.row(tx, step.caseId, step.appealId);
      if (!current) return undefined;
      const appeal = fileAppeal(current, step.filedAt, step.now);
      await tx
        .updateTable('appeals')
        .set({
          state: appeal.state,
          filed_at: dateOrNull(appeal.filedAt),
          decision_due_at: dateOrNull(appeal.decisionDueAt),
          updated_at: new Date(),
        })
        .where('id', '=', appeal.id)
        .execute();
      // The reviewer's clock is the case's running deadline (work queue, reminders) until the outcome.
      await tx
        .updateTable('cases')
        .set({ decision_due_at: dateOrNull(appeal.decisionDueAt) })
        .where('id', '=', step.caseId)
        .execute();
      await changeCase(tx, locked, {
        type: 'appeal.filed',
        actor: step.actor,
        payload: { appealId: appeal.id, filedAt: appeal.filedAt, decisionDueAt: appeal.decisionDueAt },
      });
      return appeal;
    });
  }

  async decideAppeal(step: DecideAppealStep): Promise<{ appeal: AppealRecord; caseStatus: CaseStatus } | undefined> {
    return this.underLock(step, async (tx, locked) => {
      const current = await this.row(tx, step.caseId, step.appealId);
      if (!current) return undefined;
      const { appeal, to, nextLevel } = decideAppeal(
        current,
        step.outcome,
        step.decidedAt,
        step.now,
        step.authorizationNumber,
      );
      await tx
        .updateTable('appeals')
        .set({
          state: appeal.state,
          outcome: appeal.outcome,
          decided_at: dateOrNull(appeal.decidedAt),
          authorization_number: appeal.authorizationNumber,
          updated_at: new Date(),
        })
        .where('id', '=', appeal.id)
        .execute();
      await tx.updateTable('cases').set({ decision_due_at: null }).where('id', '=', step.caseId).execute();
      await changeCase(tx, locked, {
        type: 'appeal.decided',
        actor: step.actor,
        payload: {
          appealId: appeal.id,
          kind: appeal.kind,
          level: appeal.level,
          outcome: appeal.outcome,
          decidedAt: appeal.decidedAt,
          ...(appeal.authorizationNumber ? { authorizationNumber: appeal.authorizationNumber } : {}),
          ...(nextLevel ? { nextLevel } : {}),
        },
        to,
      });
      return { appeal, caseStatus: to };
    });
  }

  async appeals(organizationId: string, caseId: string): Promise<AppealRecord[]> {
    const rows = await this.db
      .selectFrom('appeals')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .orderBy('opened_at')
      .orderBy('level')
      .execute();
    return rows.map(toRecord);
  }

  async startAttempt(step: NewAttemptStep): Promise<boolean> {
    const done = await this.underLock(step, async (tx, locked) => {
      assertNewAttemptAllowed(locked.status);
      const started = await tx
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('case_id', '=', step.caseId)
        .where('type', '=', 'attempt.started')
        .executeTakeFirstOrThrow();
      const attempt = Number(started.count) + 2;
      const change = step.changedOrder;
      if (change) await amendOrder(tx, step, attempt, change);
      await changeCase(tx, locked, {
        type: 'attempt.started',
        actor: step.actor,
        payload: {
          attempt,
          reason: step.reason,
          ...(change ? { changedOrder: { from: change.from, to: change.to } } : {}),
        },
        to: 'draft',
      });
      const d = step.determination;
      await tx
        .updateTable('cases')
        // The previous attempt's payer clock no longer runs.
        .set({ ...determinationColumns(d), decision_due_at: null })
        .where('id', '=', step.caseId)
        .execute();
      await changeCase(tx, locked, {
        type: 'determination.made',
        actor: 'klivira',
        payload: { ...determinationSummary(d), reason: step.reason, requestedBy: step.actor, attempt },
        to: statusAfterDetermination(locked.status, d),
      });
      return true;
    });
    return done ?? false;
  }

  private async rows(tx: Transaction<Database>, caseId: string): Promise<AppealRecord[]> {
    const rows = await tx.selectFrom('appeals').selectAll().where('case_id', '=', caseId).execute();
    return rows.map(toRecord);
  }

  private async row(tx: Transaction<Database>, caseId: string, appealId: string): Promise<AppealRecord | undefined> {
    const row = await tx
      .selectFrom('appeals')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('id', '=', appealId)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Runs one step under the case's lock; undefined when the organization has no such case. */
  private underLock<T>(
    step: { organizationId: string; caseId: string },
    run: (tx: Transaction<Database>, locked: LockedCase) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    return this.db.transaction().execute(async (tx) => {
      let locked: LockedCase;
      try {
        locked = await lockCase(tx, step.caseId, step.organizationId);
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
      return run(tx, locked);
    });
  }
}

/** The line of business of the case's coverage, else of its determination's payer. */
async function lineOfBusiness(tx: Transaction<Database>, caseId: string): Promise<string> {
  const row = await tx
    .selectFrom('cases')
    .leftJoin('coverages', 'coverages.id', 'cases.coverage_id')
    .select([
      'coverages.line_of_business as line',
      sql<string | null>`cases.result->'payer'->>'lineOfBusiness'`.as('payerLine'),
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.line ?? row.payerLine ?? 'unknown';
}

/** When the case entered its current (adverse) status: the payer's answer, or an upheld appeal's outcome. */
async function adverseAt(tx: Transaction<Database>, locked: LockedCase): Promise<string> {
  const row = await tx
    .selectFrom('case_events')
    .select('at')
    .where('case_id', '=', locked.caseId)
    .where(sql<string>`payload->>'to'`, '=', locked.status)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error(`case ${locked.caseId} has no event that made it ${locked.status}`);
  return row.at.toISOString();
}

/** The intake bundle and order row follow the changed order; the bundle as it was is kept beside it. */
async function amendOrder(
  tx: Transaction<Database>,
  step: NewAttemptStep,
  attempt: number,
  change: NonNullable<NewAttemptStep['changedOrder']>,
): Promise<void> {
  const previous = await tx
    .selectFrom('case_documents')
    .select(['id', 'content'])
    .where('case_id', '=', step.caseId)
    .where('kind', '=', 'intake-bundle')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('case_documents')
    .values({
      case_id: step.caseId,
      organization_id: step.organizationId,
      kind: `intake-bundle:before-attempt-${String(attempt)}`,
      content: json(previous.content),
    })
    .execute();
  await tx
    .updateTable('case_documents')
    .set({ content: json(change.bundle) })
    .where('id', '=', previous.id)
    .execute();
  const order = await tx.selectFrom('cases').select('order_id').where('id', '=', step.caseId).executeTakeFirstOrThrow();
  await tx
    .updateTable('orders')
    .set({ code: change.to.code, display: change.to.display, resource: json(change.order) })
    .where('id', '=', order.order_id)
    .execute();
}
