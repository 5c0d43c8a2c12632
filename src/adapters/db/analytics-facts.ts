// Keeps `analytics_requests` (one row per payer request) from the case events, called by case-events' one change
// path in the event's own transaction, so a fact never exists without its event nor the other way round. It reads
// only the few events the figures need and ignores every other one; what each column means is in src/core/analytics.
import { sql, type Transaction } from 'kysely';
import {
  DECISION_OUTCOMES,
  EDIT_EVENTS,
  EVENTS,
  REDETERMINATION_EVENT,
  REQUESTED_BY,
  SYSTEM_ACTORS,
} from '../../core/analytics/index.ts';
import type { LockedCase } from './case-events.ts';
import type { Database } from './schema.ts';

type Payload = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Updates the request's facts for one appended event (a no-op for the events the analytics do not read). */
export async function recordRequestFacts(
  tx: Transaction<Database>,
  locked: LockedCase,
  type: string,
  payload: Payload,
): Promise<void> {
  const submissionId = text(payload.submissionId);
  if (type === EVENTS.queued && submissionId) {
    await requestQueued(tx, locked.caseId, submissionId, typeof payload.attempt === 'number' ? payload.attempt : 1);
  } else if (type === EVENTS.sending && submissionId) {
    // The payer's clock starts at the first send; a later one (after a time-out) does not restart it.
    await tx
      .updateTable('analytics_requests')
      .set({ received_at: sql<Date>`coalesce(received_at, now())` })
      .where('submission_id', '=', submissionId)
      .execute();
  } else if (type === EVENTS.responded && submissionId && isDecision(payload.to)) {
    await tx
      .updateTable('analytics_requests')
      .set({ decided_at: sql<Date>`now()`, outcome: payload.to })
      .where('submission_id', '=', submissionId)
      .where('decided_at', 'is', null)
      .execute();
  } else if (type === EVENTS.deadlineSet) {
    const due = text(payload.decisionDueAt);
    if (due === undefined || !Number.isFinite(Date.parse(due))) return;
    // The clock set after the payer's first answer belongs to the case's latest request.
    await tx
      .updateTable('analytics_requests')
      .set({ due_at: new Date(due) })
      .where('submission_id', '=', (eb) =>
        eb
          .selectFrom('analytics_requests')
          .select('submission_id')
          .where('case_id', '=', locked.caseId)
          .orderBy('attempt', 'desc')
          .limit(1),
      )
      .execute();
  }
}

const isDecision = (value: unknown): value is string =>
  typeof value === 'string' && (DECISION_OUTCOMES as readonly string[]).includes(value);

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

/** A person, in SQL: neither one of Klivira's own actors nor a channel source (`pas:submit`: it has a colon). */
const isPerson = (actor: ReturnType<typeof sql>) =>
  sql`(${actor} not in (${list(SYSTEM_ACTORS)}) and strpos(${actor}, ':') = 0)`;

/**
 * The request as determined when it was queued, with its criteria in doubt (CRITERIA_IN_DOUBT in metrics.ts); a first
 * attempt also gets its touchless flag.
 */
async function requestQueued(
  tx: Transaction<Database>,
  caseId: string,
  submissionId: string,
  attempt: number,
): Promise<void> {
  const humanEdit = sql`exists (
    select 1 from case_events e where e.case_id = c.id and (
      (e.type in (${list(EDIT_EVENTS)}) and ${isPerson(sql`e.actor`)})
      or (e.type = ${REDETERMINATION_EVENT} and e.payload->>${REQUESTED_BY} is not null
          and ${isPerson(sql`(e.payload->>${REQUESTED_BY})`)})))`;
  await sql`
    insert into analytics_requests (submission_id, organization_id, case_id, attempt, payer_id, payer_name,
      line_of_business, service_code, drug, urgency, policy_id, criteria, touchless, queued_at)
    select ${submissionId}, c.organization_id, c.id, ${attempt},
      coalesce(c.result->'payer'->>'id', 'unknown'), coalesce(c.result->'payer'->>'name', ''),
      coalesce(c.result->'payer'->>'lineOfBusiness', ''), coalesce(c.result->'order'->>'code', o.code),
      o.resource_type = 'MedicationRequest',
      case when c.result->'coverage'->'deadline'->>'urgency' = 'expedited' then 'expedited' else 'standard' end,
      c.policy_id,
      coalesce((select jsonb_agg(jsonb_build_object('id', x->>'id', 'status', x->>'status', 'text', x->>'text'))
        from jsonb_array_elements(case when jsonb_typeof(c.result->'criteria') = 'array'
          then c.result->'criteria' else '[]'::jsonb end) x
        where (x->>'status' = 'not_met' and c.determination <> 'meets')
          or (x->>'status' = 'unknown' and exists (select 1 from jsonb_array_elements(
            case when jsonb_typeof(c.result->'missingDocumentation') = 'array'
              then c.result->'missingDocumentation' else '[]'::jsonb end) m where m->>'id' = x->>'id'))), '[]'::jsonb),
      case when ${attempt} = 1 then not ${humanEdit} end,
      now()
    from cases c join orders o on o.id = c.order_id
    where c.id = ${caseId}
    on conflict (submission_id) do nothing`.execute(tx);
}
