// DeadlineStore on PostgreSQL: the payer's decision clock and the authorization's end on the case, and their
// reminders queued as jobs in the same transaction.
import type { Kysely } from 'kysely';
import type { DeadlineStore, ReminderKind } from '../../app/submission-store.ts';
import { changeCase, lockCase } from './case-events.ts';
import type { Database } from './schema.ts';

const WAITING = new Set(['submitted', 'pended', 'submitting']);
const APPROVED = new Set(['approved', 'partially_approved', 'modified']);
const EVENT_OF: Record<ReminderKind, string> = {
  decision_overdue: 'deadline.overdue',
  decision_due_soon: 'deadline.due_soon',
  reauthorization_due: 'reauthorization.due',
};

export class PostgresDeadlineStore implements DeadlineStore {
  constructor(private readonly db: Kysely<Database>) {}

  async scheduleDeadlines(
    caseId: string,
    deadlines: { decisionDueAt?: string; authorizationEnds?: string },
    reminders: { reminder: ReminderKind; dueAt: string; runAt: Date }[],
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const locked = await lockCase(tx, caseId);
      await tx
        .updateTable('cases')
        .set({
          ...(deadlines.decisionDueAt ? { decision_due_at: new Date(deadlines.decisionDueAt) } : {}),
          ...(deadlines.authorizationEnds ? { authorization_ends: deadlines.authorizationEnds } : {}),
        })
        .where('id', '=', caseId)
        .execute();
      await changeCase(tx, locked, { type: 'deadline.set', actor: 'klivira', payload: deadlines });
      for (const r of reminders) {
        await tx
          .insertInto('jobs')
          .values({
            organization_id: locked.organizationId,
            kind: 'reminder',
            payload: JSON.stringify({ caseId, reminder: r.reminder, dueAt: r.dueAt }),
            run_at: r.runAt,
            locked_until: null,
            locked_by: null,
            last_error: null,
          })
          .execute();
      }
    });
  }

  async remind(caseId: string, reminder: ReminderKind, dueAt: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const locked = await lockCase(tx, caseId);
      // Decision reminders matter while the payer has not decided; a re-authorization reminder while approved.
      const applies = reminder === 'reauthorization_due' ? APPROVED.has(locked.status) : WAITING.has(locked.status);
      if (!applies) return false;
      await changeCase(tx, locked, { type: EVENT_OF[reminder], actor: 'klivira', payload: { dueAt } });
      return true;
    });
  }
}
