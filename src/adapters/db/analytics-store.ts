// AnalyticsStore on PostgreSQL (PGlite and server alike): every figure is counted, divided, averaged and ranked in
// SQL over `analytics_requests` (one row per payer request, analytics-facts.ts) and the appeal events. Periods are
// half-open [from, to) and bucketed in UTC; text sorts by code point (collate "C"), the same on every server.
// What each figure means: src/core/analytics (DEFINITIONS).
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type {
  AnalyticsStore,
  Cms0057fFigures,
  Cms0057fPayer,
  DenialQuery,
  DenialRow,
  RootCauses,
  Summary,
  TurnaroundQuery,
  TurnaroundRow,
} from '../../app/analytics.ts';
import { APPROVED_OTHERWISE, EVENTS, OVERTURNING, yearPeriod, type Period } from '../../core/analytics/index.ts';
import type { Database } from './schema.ts';

/** Seconds from the payer's receipt of a request to its decision (`hours` rounds them to hours). */
const SECONDS = sql`extract(epoch from (r.decided_at - r.received_at))`;
const ratio = (numerator: RawBuilder<unknown>, denominator: RawBuilder<unknown>) =>
  sql`round(${numerator}::numeric / nullif(${denominator}, 0), 4)::float8`;
const hours = (seconds: RawBuilder<unknown>) => sql`round((${seconds} / 3600)::numeric, 2)::float8`;
const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

const inPeriod = (column: RawBuilder<unknown>, period: Period) =>
  sql`${column} >= ${new Date(period.from)} and ${column} < ${new Date(period.to)}`;

/** When an appeal was decided: the time recorded from the reviewer's answer (payload decidedAt), else the event's. */
const APPEAL_DECIDED_AT = sql`(case when e.payload->>'decidedAt' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T'
  then (e.payload->>'decidedAt')::timestamptz else e.at end)`;

/**
 * The cases of an organization with an appeal event of this type, once each. The `like` repeats the predicate of the
 * partial index case_events_appeals, so that the planner reads that index instead of the case's events one by one.
 */
const appealEvents = (organizationId: string, type: string) =>
  sql`select distinct e.case_id from case_events e
    where e.organization_id = ${organizationId} and e.type = ${type} and e.type like 'appeal.%'`;

const DENIAL_COLUMNS = {
  payer: sql`r.payer_id`,
  service: sql`r.service_code`,
  criterion: sql`x.criterion`,
} as const;

const TURNAROUND_COLUMNS = {
  payer: sql`r.payer_id`,
  service: sql`r.service_code`,
  urgency: sql`r.urgency`,
} as const;

export class PostgresAnalyticsStore implements AnalyticsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Runs a report's queries in one read-only snapshot (its figures agree with each other), without JIT compilation
   * (server PostgreSQL would spend seconds compiling for queries that run in a fraction of one: the planner cannot
   * know how many criteria a request's jsonb holds) and with room to group in memory instead of sorting on disk.
   */
  private report<T>(run: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => {
        await sql`set local jit = off`.execute(tx);
        await sql`set local work_mem = '32MB'`.execute(tx);
        return run(tx);
      });
  }

  denials(organizationId: string, query: DenialQuery): Promise<DenialRow[]> {
    return this.report(async (tx) => {
      // Grouped by code point (collate "C") and by the bucket's timestamp, not its text: cheap comparisons.
      const dims = query.groupBy.map((d) => sql`${DENIAL_COLUMNS[d]} collate "C" as ${sql.ref(d)}`);
      // Grouped by criterion, a decision counts under each criterion in doubt at submission, else under null.
      const criteria = query.groupBy.includes('criterion')
        ? sql`left join lateral (select c->>'id' as criterion from jsonb_array_elements(r.criteria) c) x on true`
        : sql``;
      // The interval is one of INTERVALS (checked): a literal, so that select, group and order name one expression.
      const bucket = sql`date_trunc(${sql.lit(query.interval)}, r.decided_at at time zone 'UTC')`;
      const keys = sql.join([bucket, ...query.groupBy.map((_, i) => sql.raw(String(i + 2)))]);
      const result = await sql<DenialRow>`
      select to_char(${bucket}, 'YYYY-MM-DD') as period,
        ${sql.join([...dims, sql`count(*)::int as decisions`])},
        count(*) filter (where r.outcome = 'denied')::int as denied,
        ${ratio(sql`count(*) filter (where r.outcome = 'denied')`, sql`count(*)`)} as "denialRate"
      from analytics_requests r ${criteria}
      where r.organization_id = ${organizationId} and r.decided_at is not null and ${inPeriod(sql`r.decided_at`, query.period)}
      group by ${keys}
      order by ${keys}`.execute(tx);
      return result.rows;
    });
  }

  turnaround(organizationId: string, query: TurnaroundQuery): Promise<TurnaroundRow[]> {
    return this.report(async (tx) => {
      const dims = query.groupBy.map((d) => sql`${TURNAROUND_COLUMNS[d]} collate "C" as ${sql.ref(d)}`);
      const positions = sql.raw(query.groupBy.map((_, i) => String(i + 1)).join(', '));
      const onTime = sql`count(*) filter (where r.due_at is not null and r.decided_at <= r.due_at)`;
      const late = sql`count(*) filter (where r.due_at is not null and r.decided_at > r.due_at)`;
      const result = await sql<TurnaroundRow>`
      select ${sql.join([...dims, sql`count(*)::int as decisions`])},
        ${hours(sql`avg(${SECONDS})`)} as "averageHours",
        ${hours(sql`percentile_cont(0.5) within group (order by ${SECONDS})`)} as "medianHours",
        ${hours(sql`percentile_cont(0.9) within group (order by ${SECONDS})`)} as "p90Hours",
        ${onTime}::int as "onTime", ${late}::int as late,
        count(*) filter (where r.due_at is null)::int as "noClock",
        ${ratio(onTime, sql`(${onTime} + ${late})`)} as "onTimeRate"
      from analytics_requests r
      where r.organization_id = ${organizationId} and r.decided_at is not null and r.received_at is not null
        and ${inPeriod(sql`r.decided_at`, query.period)}
      ${query.groupBy.length > 0 ? sql`group by ${positions} order by ${positions}` : sql``}`.execute(tx);
      // Without grouping an empty period still answers one row of zeros (the aggregate's own row).
      return result.rows;
    });
  }

  summary(organizationId: string, period: Period): Promise<Summary> {
    return this.report(async (tx) => {
      // A case's first decision: no earlier attempt of it was decided. Approved first pass: approved, never appealed.
      const firstPass = await sql<Summary['firstPass']>`
      select count(*)::int as cases, count(*) filter (where f.passed)::int as approved,
        ${ratio(sql`count(*) filter (where f.passed)`, sql`count(*)`)} as rate
      from (select r.outcome = 'approved' and a.case_id is null as passed
            from analytics_requests r
            left join (${appealEvents(organizationId, EVENTS.appealOpened)}) a on a.case_id = r.case_id
            where r.organization_id = ${organizationId} and r.decided_at is not null
              and ${inPeriod(sql`r.decided_at`, period)}
              and not exists (select 1 from analytics_requests p
                where p.case_id = r.case_id and p.attempt < r.attempt and p.decided_at is not null)) f`.execute(tx);
      const touchless = await sql<{ submissions: number; touchless: number; rate: number | null }>`
      select count(*)::int as submissions, count(*) filter (where r.touchless)::int as touchless,
        ${ratio(sql`count(*) filter (where r.touchless)`, sql`count(*)`)} as rate
      from analytics_requests r
      where r.organization_id = ${organizationId} and r.attempt = 1 and ${inPeriod(sql`r.queued_at`, period)}`.execute(
        tx,
      );
      const overturned = sql`count(*) filter (where e.payload->>'outcome' in (${list(OVERTURNING)}))`;
      const fully = sql`count(*) filter (where e.payload->>'outcome' = 'overturned')`;
      const overturn = await sql<Summary['overturn']>`
      select count(*)::int as decided, ${fully}::int as overturned,
        count(*) filter (where e.payload->>'outcome' = 'partially_overturned')::int as "partiallyOverturned",
        count(*) filter (where e.payload->>'outcome' = 'upheld')::int as upheld,
        ${ratio(overturned, sql`count(*)`)} as rate, ${ratio(fully, sql`count(*)`)} as "fullyOverturnedRate"
      from case_events e
      -- (the like repeats the partial index case_events_appeals's predicate, so the planner can use it)
      where e.organization_id = ${organizationId} and e.type = ${EVENTS.appealDecided} and e.type like 'appeal.%'
        and ${inPeriod(APPEAL_DECIDED_AT, period)}`.execute(tx);
      const first = (rows: unknown[]) => rows[0];
      return {
        firstPass: first(firstPass.rows) as Summary['firstPass'],
        touchless: first(touchless.rows) as Summary['touchless'],
        overturn: first(overturn.rows) as Summary['overturn'],
      };
    });
  }

  rootCauses(organizationId: string, period: Period, limit: number): Promise<RootCauses> {
    return this.report(async (tx) => {
      const denied = sql`select r.policy_id, r.criteria from analytics_requests r
      where r.organization_id = ${organizationId} and r.outcome = 'denied' and ${inPeriod(sql`r.decided_at`, period)}`;
      const totals = await sql<{ denials: number; allCriteriaMet: number }>`
      select count(*)::int as denials, count(*) filter (where jsonb_array_length(d.criteria) = 0)::int as "allCriteriaMet"
      from (${denied}) d`.execute(tx);
      const rows = await sql<RootCauses['criteria'][number]>`
      with d as (${denied})
      select d.policy_id as policy, c.id as criterion, max(c.text) as text,
        count(*) filter (where c.status = 'not_met')::int as "notMet",
        count(*) filter (where c.status = 'unknown')::int as unknown,
        count(*)::int as denials,
        ${ratio(sql`count(*)`, sql`(select count(*) from d)`)} as share
      from d cross join lateral (select x->>'id' as id, x->>'status' as status, x->>'text' as text
        from jsonb_array_elements(d.criteria) x) c
      group by d.policy_id, c.id
      order by denials desc, d.policy_id collate "C", c.id collate "C"
      limit ${limit}`.execute(tx);
      const total = totals.rows[0] ?? { denials: 0, allCriteriaMet: 0 };
      return { ...total, criteria: rows.rows };
    });
  }

  cms0057f(organizationId: string, year: number): Promise<Cms0057fPayer[]> {
    return this.report(async (tx) => {
      const period = yearPeriod(year);
      // Denied, and an appeal of the case recorded after the denial overturned it (in part).
      const afterAppeal = sql`r.outcome = 'denied' and o.last_at >= r.decided_at`;
      const percent = (condition: RawBuilder<unknown>) =>
        sql`round(100.0 * count(*) filter (where ${condition}) / nullif(count(*), 0), 2)::float8`;
      const otherwise = sql`r.outcome in (${list(APPROVED_OTHERWISE)})`;
      const result = await sql<Cms0057fFigures & { payer: string; payerName: string; urgency: string }>`
      select r.payer_id as payer, max(r.payer_name) as "payerName", r.urgency,
        count(*)::int as requests,
        count(*) filter (where r.outcome = 'approved')::int as approved,
        count(*) filter (where ${otherwise})::int as "approvedOtherwise",
        count(*) filter (where r.outcome = 'denied')::int as denied,
        count(*) filter (where ${afterAppeal})::int as "approvedAfterAppeal",
        ${percent(sql`r.outcome = 'approved'`)} as "percentApproved",
        ${percent(otherwise)} as "percentApprovedOtherwise",
        ${percent(sql`r.outcome = 'denied'`)} as "percentDenied",
        ${percent(afterAppeal)} as "percentApprovedAfterAppeal",
        ${hours(sql`avg(${SECONDS})`)} as "averageHoursToDecision",
        ${hours(sql`percentile_cont(0.5) within group (order by ${SECONDS})`)} as "medianHoursToDecision"
      from analytics_requests r
      left join (select e.case_id, max(e.at) as last_at from case_events e
          where e.organization_id = ${organizationId} and e.type = ${EVENTS.appealDecided} and e.type like 'appeal.%'
            and e.payload->>'outcome' in (${list(OVERTURNING)})
          group by e.case_id) o on o.case_id = r.case_id
      where r.organization_id = ${organizationId} and not r.drug and r.decided_at is not null
        and ${inPeriod(sql`r.decided_at`, period)}
      group by r.payer_id, r.urgency
      order by r.payer_id collate "C", r.urgency`.execute(tx);
      const payers = new Map<string, Cms0057fPayer>();
      for (const { payer, payerName, urgency, ...figures } of result.rows) {
        const entry = payers.get(payer) ?? { payer, payerName, standard: NONE, expedited: NONE };
        payers.set(payer, { ...entry, [urgency === 'expedited' ? 'expedited' : 'standard']: figures });
      }
      return [...payers.values()];
    });
  }
}

/** A kind of request the payer had none of in the year. */
const NONE: Cms0057fFigures = {
  requests: 0,
  approved: 0,
  approvedOtherwise: 0,
  denied: 0,
  approvedAfterAppeal: 0,
  percentApproved: null,
  percentApprovedOtherwise: null,
  percentDenied: null,
  percentApprovedAfterAppeal: null,
  averageHoursToDecision: null,
  medianHoursToDecision: null,
};
