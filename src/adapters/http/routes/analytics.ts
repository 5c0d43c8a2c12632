// Denial analytics over HTTP: denial rates by payer × service × criterion over time, turnaround against the payer's
// clock, first-pass / touchless / overturn rates, root causes, and the CMS-0057-F public-reporting figures. JSON by
// default, CSV with `Accept: text/csv` (or `?format=csv`, for a download link). Parameters are checked in the core
// (src/core/analytics/query.ts): an unknown dimension, a period backwards or a year out of range is a specific 400.
import Type from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AnalyticsStore, Cms0057fFigures, Cms0057fPayer } from '../../../app/analytics.ts';
import {
  assertBuckets,
  CMS_0057F_NOT_DERIVED,
  CMS_0057F_SOURCE,
  DEFINITIONS,
  DENIAL_DIMENSIONS,
  INTERVALS,
  parseGroupBy,
  parseInterval,
  parsePeriod,
  parseYear,
  toCsv,
  TURNAROUND_DIMENSIONS,
  type CsvColumn,
  type CsvValue,
} from '../../../core/analytics/index.ts';

export interface AnalyticsRoutesOptions {
  store: AnalyticsStore;
  /** The clock for default periods and the current year (tests set it). */
  now?: () => Date;
}

const period = {
  from: Type.Optional(Type.String({ description: 'a date (from its start, UTC) or a date-time with an offset' })),
  to: Type.Optional(
    Type.String({ description: 'a date (that whole day included) or a date-time (excluded); default now' }),
  ),
};
const format = Type.Optional(
  Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: as Accept: text/csv' }),
);

function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return /(^|,)\s*text\/csv\b/i.test(request.headers.accept ?? '');
}

/** Sends the rows as CSV (named for download) or the JSON body. */
function answer<Row>(
  reply: FastifyReply,
  csv: boolean,
  name: string,
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  json: unknown,
) {
  if (!csv) return reply.send(json);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(toCsv(columns, rows));
}

/** CSV columns straight from the fields of a row. */
const columns = <Row>(fields: readonly string[]): CsvColumn<Row>[] =>
  fields.map((field) => ({ header: field, value: (row: Row) => (row as Record<string, CsvValue>)[field] }));

const CMS_FIGURES: readonly (keyof Cms0057fFigures)[] = [
  'requests',
  'approved',
  'approvedOtherwise',
  'denied',
  'approvedAfterAppeal',
  'percentApproved',
  'percentApprovedOtherwise',
  'percentDenied',
  'percentApprovedAfterAppeal',
  'averageHoursToDecision',
  'medianHoursToDecision',
];

/** One CSV line per payer and kind of request. */
const cmsLines = (payers: Cms0057fPayer[]) =>
  payers.flatMap((p) =>
    (['standard', 'expedited'] as const).map((urgency) => ({
      payer: p.payer,
      payerName: p.payerName,
      urgency,
      ...p[urgency],
    })),
  );

export function analyticsRoutes(options: AnalyticsRoutesOptions): FastifyPluginAsyncTypebox {
  const now = options.now ?? (() => new Date());
  return async (app) => {
    app.get(
      '/api/analytics/denials',
      {
        schema: {
          summary: 'Denial rate by payer × service × criterion over time (JSON, or CSV with Accept: text/csv)',
          description: DEFINITIONS.denialRate,
          tags: ['analytics'],
          querystring: Type.Object({
            groupBy: Type.Optional(
              Type.String({ description: `comma-separated, any of ${DENIAL_DIMENSIONS.join(', ')}; default all` }),
            ),
            interval: Type.Optional(
              Type.String({ description: `${INTERVALS.join(', ')} (UTC buckets); default month` }),
            ),
            ...period,
            format,
          }),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const groupBy = parseGroupBy(q.groupBy, DENIAL_DIMENSIONS, DENIAL_DIMENSIONS);
        const interval = parseInterval(q.interval);
        const range = parsePeriod(q, now());
        assertBuckets(range, interval);
        const rows = await options.store.denials(request.organizationId, { period: range, interval, groupBy });
        return answer(
          reply,
          wantsCsv(request, q.format),
          'denials',
          columns(['period', ...groupBy, 'decisions', 'denied', 'denialRate']),
          rows,
          {
            definition: DEFINITIONS.denialRate,
            ...range,
            interval,
            groupBy,
            rows,
          },
        );
      },
    );

    app.get(
      '/api/analytics/turnaround',
      {
        schema: {
          summary: "Turnaround from the payer's receipt to its decision, on time or late against the payer's clock",
          description: DEFINITIONS.turnaround,
          tags: ['analytics'],
          querystring: Type.Object({
            groupBy: Type.Optional(
              Type.String({
                description: `comma-separated, any of ${TURNAROUND_DIMENSIONS.join(', ')}; default payer,urgency`,
              }),
            ),
            ...period,
            format,
          }),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const groupBy = parseGroupBy(q.groupBy, TURNAROUND_DIMENSIONS, ['payer', 'urgency']);
        const range = parsePeriod(q, now());
        const rows = await options.store.turnaround(request.organizationId, { period: range, groupBy });
        const figures = [
          'decisions',
          'averageHours',
          'medianHours',
          'p90Hours',
          'onTime',
          'late',
          'noClock',
          'onTimeRate',
        ];
        return answer(reply, wantsCsv(request, q.format), 'turnaround', columns([...groupBy, ...figures]), rows, {
          definition: DEFINITIONS.turnaround,
          ...range,
          groupBy,
          rows,
        });
      },
    );

    app.get(
      '/api/analytics/summary',
      {
        schema: {
          summary: 'First-pass approval, touchless and appeal overturn rates for a period',
          tags: ['analytics'],
          querystring: Type.Object(period),
        },
      },
      async (request) => {
        const range = parsePeriod(request.query, now());
        const summary = await options.store.summary(request.organizationId, range);
        return {
          ...range,
          ...summary,
          definitions: {
            firstPass: DEFINITIONS.firstPassApprovalRate,
            touchless: DEFINITIONS.touchlessRate,
            overturn: DEFINITIONS.overturnRate,
          },
        };
      },
    );

    app.get(
      '/api/analytics/root-causes',
      {
        schema: {
          summary: 'The criteria most often not met or unknown at submission among denied requests',
          description: DEFINITIONS.rootCause,
          tags: ['analytics'],
          querystring: Type.Object({
            ...period,
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
            format,
          }),
        },
      },
      async (request, reply) => {
        const range = parsePeriod(request.query, now());
        const causes = await options.store.rootCauses(request.organizationId, range, request.query.limit);
        const fields = ['policy', 'criterion', 'text', 'notMet', 'unknown', 'denials', 'share'];
        return answer(reply, wantsCsv(request, request.query.format), 'root-causes', columns(fields), causes.criteria, {
          definition: DEFINITIONS.rootCause,
          ...range,
          ...causes,
        });
      },
    );

    app.get(
      '/api/analytics/cms-0057f',
      {
        schema: {
          summary: 'CMS-0057-F public-reporting figures per payer for a calendar year, standard and expedited apart',
          description: DEFINITIONS.cms0057f,
          tags: ['analytics'],
          querystring: Type.Object({
            year: Type.Optional(Type.String({ description: 'the calendar year (UTC); default the previous year' })),
            format,
          }),
        },
      },
      async (request, reply) => {
        const year = parseYear(request.query.year, now());
        const payers = await options.store.cms0057f(request.organizationId, year);
        return answer(
          reply,
          wantsCsv(request, request.query.format),
          `cms-0057f-${String(year)}`,
          columns(['payer', 'payerName', 'urgency', ...CMS_FIGURES]),
          cmsLines(payers),
          {
            year,
            definition: DEFINITIONS.cms0057f,
            source: CMS_0057F_SOURCE,
            notDerived: CMS_0057F_NOT_DERIVED,
            payers,
          },
        );
      },
    );
    return Promise.resolve();
  };
}
