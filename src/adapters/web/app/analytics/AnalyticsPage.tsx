// Denial analytics for users with `analytics:read`: the summary rates, denial rate by payer and service over time,
// turnaround against the payer's clock, root causes and the CMS-0057-F public-reporting figures. Each chart is an
// inline SVG with an accessible name, with the same figures in a table beside it and a CSV download of them.
import { useEffect, useState, type ReactNode, type SyntheticEvent } from 'react';
import { api, query } from '../api.ts';
import { clearReady, markReady } from '../ready.ts';
import { can, useSession } from '../session.tsx';
import { BarChart, type Bar } from './BarChart.tsx';
import {
  hours,
  percent,
  rate,
  type Cms0057f,
  type DenialRow,
  type RootCauses,
  type Summary,
  type TurnaroundRow,
} from './figures.ts';

/** A period of dates (inclusive, UTC); either end empty takes the API's default (the last 365 days to now). */
interface Period {
  from?: string;
  to?: string;
}

/** The figures' addresses for a period (the same with `format=csv` downloads them). */
function pathsFor(period: Period) {
  const q = query({ from: period.from, to: period.to });
  const and = q.replace('?', '&');
  return {
    summary: `/api/analytics/summary${q}`,
    denials: `/api/analytics/denials?groupBy=payer,service&interval=month${and}`,
    turnaround: `/api/analytics/turnaround?groupBy=payer,urgency${and}`,
    rootCauses: `/api/analytics/root-causes?limit=10${and}`,
  };
}
type Paths = ReturnType<typeof pathsFor>;

const cmsPath = (year: number) => `/api/analytics/cms-0057f?year=${String(year)}`;

interface Figures {
  summary: Summary;
  denials: { rows: DenialRow[] };
  turnaround: { rows: TurnaroundRow[] };
  rootCauses: RootCauses;
}

type Load<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; value: T };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const csv = (path: string) => `${path}${path.includes('?') ? '&' : '?'}format=csv`;

export function AnalyticsPage() {
  const me = useSession();
  useEffect(() => {
    if (!can(me, 'analytics:read')) markReady('analytics');
  }, [me]);
  if (!can(me, 'analytics:read')) {
    return (
      <main id="main" className="page">
        <h1>Denial analytics</h1>
        <p>Your role ({me.user.role}) does not include the denial analytics. Ask an administrator if you need them.</p>
      </main>
    );
  }
  return <Analytics />;
}

function Analytics() {
  const [figures, setFigures] = useState<Load<Figures>>({ state: 'loading' });
  const [period, setPeriod] = useState<Period>({});
  const [draft, setDraft] = useState<Period>({});
  const paths = pathsFor(period);
  const [year, setYear] = useState(new Date().getUTCFullYear());
  const [cms, setCms] = useState<Load<Cms0057f>>({ state: 'loading' });

  useEffect(() => {
    clearReady();
    setFigures({ state: 'loading' });
    Promise.all([
      api<Summary>('GET', paths.summary),
      api<{ rows: DenialRow[] }>('GET', paths.denials),
      api<{ rows: TurnaroundRow[] }>('GET', paths.turnaround),
      api<RootCauses>('GET', paths.rootCauses),
    ]).then(
      ([summary, denials, turnaround, rootCauses]) =>
        setFigures({ state: 'done', value: { summary, denials, turnaround, rootCauses } }),
      (error: unknown) => setFigures({ state: 'error', message: messageOf(error) }),
    );
    // The addresses change only with the period.
  }, [paths.summary]);
  const show = (event: SyntheticEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  useEffect(() => {
    setCms({ state: 'loading' });
    api<Cms0057f>('GET', cmsPath(year)).then(
      (value) => setCms({ state: 'done', value }),
      (error: unknown) => setCms({ state: 'error', message: messageOf(error) }),
    );
  }, [year]);
  useEffect(() => {
    if (figures.state !== 'loading' && cms.state !== 'loading') markReady('analytics');
  }, [figures, cms]);

  return (
    <main id="main" className="page analytics-page">
      <h1>Denial analytics</h1>
      <form className="inline-form" onSubmit={show} aria-label="Period">
        <label>
          From
          <input
            type="date"
            value={draft.from ?? ''}
            onChange={(e) => setDraft({ ...draft, from: e.target.value || undefined })}
          />
        </label>
        <label>
          To (included)
          <input
            type="date"
            value={draft.to ?? ''}
            onChange={(e) => setDraft({ ...draft, to: e.target.value || undefined })}
          />
        </label>
        <button type="submit">Show period</button>
      </form>
      {figures.state === 'loading' && <p role="status">Loading the figures…</p>}
      {figures.state === 'error' && <p role="alert">The figures could not be loaded: {figures.message}</p>}
      {figures.state === 'done' && (
        <PeriodFigures figures={figures.value} paths={paths} defaultPeriod={!period.from && !period.to} />
      )}
      <section aria-labelledby="cms-title">
        <h2 id="cms-title">CMS-0057-F public reporting</h2>
        <label>
          Calendar year
          <input
            type="number"
            min={2000}
            max={new Date().getUTCFullYear()}
            value={year}
            onChange={(e) => {
              const next = Number(e.target.value);
              if (Number.isInteger(next) && next >= 2000) setYear(next);
            }}
          />
        </label>
        {cms.state === 'loading' && <p role="status">Loading…</p>}
        {cms.state === 'error' && <p role="alert">The figures could not be loaded: {cms.message}</p>}
        {cms.state === 'done' && <CmsFigures cms={cms.value} />}
      </section>
    </main>
  );
}

function PeriodFigures({ figures, paths, defaultPeriod }: { figures: Figures; paths: Paths; defaultPeriod: boolean }) {
  const { summary, denials, turnaround, rootCauses } = figures;
  const rates: Bar[] = [
    { label: 'First-pass approval', value: summary.firstPass.rate, text: rate(summary.firstPass.rate) },
    { label: 'Touchless', value: summary.touchless.rate, text: rate(summary.touchless.rate) },
    { label: 'Overturned on appeal', value: summary.overturn.rate, text: rate(summary.overturn.rate) },
  ];
  const denialLabel = (r: DenialRow) => `${r.period.slice(0, 7)} · ${r.payer ?? ''} · ${r.service ?? ''}`;
  const turnaroundLabel = (r: TurnaroundRow) => `${r.payer ?? ''} · ${r.urgency ?? ''}`;
  return (
    <>
      <p>
        From {summary.from.slice(0, 10)} to {summary.to.slice(0, 10)} {defaultPeriod ? ' (the last 365 days)' : ''}.
      </p>
      <Figure
        id="summary"
        title="Approval, touchless and overturn rates"
        bars={rates}
        max={1}
        csvPath={undefined}
        table={
          <table>
            <caption className="visually-hidden">Approval, touchless and overturn rates</caption>
            <thead>
              <tr>
                <th scope="col">Rate</th>
                <th scope="col">Value</th>
                <th scope="col">Out of</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">First-pass approval</th>
                <td>{rate(summary.firstPass.rate)}</td>
                <td>
                  {summary.firstPass.approved} of {summary.firstPass.cases} cases
                </td>
              </tr>
              <tr>
                <th scope="row">Touchless</th>
                <td>{rate(summary.touchless.rate)}</td>
                <td>
                  {summary.touchless.touchless} of {summary.touchless.submissions} submissions
                </td>
              </tr>
              <tr>
                <th scope="row">Overturned on appeal</th>
                <td>{rate(summary.overturn.rate)}</td>
                <td>
                  {summary.overturn.overturned + summary.overturn.partiallyOverturned} of {summary.overturn.decided}{' '}
                  appeals decided
                </td>
              </tr>
            </tbody>
          </table>
        }
      />
      <Figure
        id="denials"
        title="Denial rate by month, payer and service"
        bars={denials.rows.map((r) => ({ label: denialLabel(r), value: r.denialRate, text: rate(r.denialRate) }))}
        max={1}
        csvPath={paths.denials}
        table={
          <Table
            caption="Denial rate by month, payer and service"
            head={['Month', 'Payer', 'Service', 'Decisions', 'Denied', 'Denial rate']}
            rows={denials.rows.map((r) => [
              r.period.slice(0, 7),
              r.payer,
              r.service,
              r.decisions,
              r.denied,
              rate(r.denialRate),
            ])}
          />
        }
      />
      <Figure
        id="turnaround"
        title="Median turnaround in hours, by payer and urgency"
        bars={turnaround.rows.map((r) => ({
          label: turnaroundLabel(r),
          value: r.medianHours,
          text: hours(r.medianHours),
        }))}
        csvPath={paths.turnaround}
        table={
          <Table
            caption="Turnaround from the payer's receipt to its decision"
            head={[
              'Payer',
              'Urgency',
              'Decisions',
              'Average',
              'Median',
              '90th percentile',
              'On time',
              'Late',
              'On-time rate',
            ]}
            rows={turnaround.rows.map((r) => [
              r.payer,
              r.urgency,
              r.decisions,
              hours(r.averageHours),
              hours(r.medianHours),
              hours(r.p90Hours),
              r.onTime,
              r.late,
              rate(r.onTimeRate),
            ])}
          />
        }
      />
      <Figure
        id="root-causes"
        title="Root causes: criteria most often not met or unknown among denied requests"
        bars={rootCauses.criteria.map((c) => ({
          label: c.text ?? c.criterion,
          value: c.denials,
          text: String(c.denials),
        }))}
        csvPath={paths.rootCauses}
        table={
          <Table
            caption={`Root causes among ${String(rootCauses.denials)} denied requests`}
            head={['Criterion', 'Policy', 'Not met', 'Unknown', 'Denials', 'Share of denials']}
            rows={rootCauses.criteria.map((c) => [
              c.text ?? c.criterion,
              c.policy ?? '—',
              c.notMet,
              c.unknown,
              c.denials,
              rate(c.share),
            ])}
          />
        }
      />
    </>
  );
}

function CmsFigures({ cms }: { cms: Cms0057f }) {
  const bars = cms.payers.flatMap((p) => [
    {
      label: `${p.payerName} · approved`,
      value: p.standard.percentApproved,
      text: percent(p.standard.percentApproved),
    },
    { label: `${p.payerName} · denied`, value: p.standard.percentDenied, text: percent(p.standard.percentDenied) },
  ]);
  return (
    <Figure
      id="cms"
      title={`Standard requests approved and denied per payer in ${String(cms.year)}`}
      bars={bars}
      max={100}
      csvPath={cmsPath(cms.year)}
      table={
        <Table
          caption={`CMS-0057-F figures for ${String(cms.year)} (${cms.source})`}
          head={[
            'Payer',
            'Kind',
            'Requests',
            'Approved',
            'Denied',
            'Approved after appeal',
            'Average time',
            'Median time',
          ]}
          rows={cms.payers.flatMap((p) =>
            (['standard', 'expedited'] as const).map((urgency) => {
              const f = p[urgency];
              return [
                p.payerName,
                urgency,
                f.requests,
                percent(f.percentApproved),
                percent(f.percentDenied),
                percent(f.percentApprovedAfterAppeal),
                hours(f.averageHoursToDecision),
                hours(f.medianHoursToDecision),
              ];
            }),
          )}
        />
      }
    />
  );
}

/** A chart and its table side by side (stacked when narrow), with the CSV of the same figures. */
function Figure({
  id,
  title,
  bars,
  max,
  table,
  csvPath,
}: {
  id: string;
  title: string;
  bars: Bar[];
  max?: number;
  table: ReactNode;
  csvPath: string | undefined;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="figure">
      <h2 id={`${id}-heading`}>{title}</h2>
      <div className="figure-body">
        <BarChart id={`${id}-chart`} title={title} bars={bars} {...(max === undefined ? {} : { max })} />
        <div className="table-wrap" tabIndex={0} role="group" aria-label={`${title}: the figures`}>
          {table}
        </div>
      </div>
      {csvPath && (
        <p>
          <a href={csv(csvPath)} download>
            Download these figures as CSV
          </a>
        </p>
      )}
    </section>
  );
}

function Table({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number | null | undefined)[][];
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={head.length}>No figures in this period.</td>
          </tr>
        ) : (
          rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j}>{cell ?? '—'}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
