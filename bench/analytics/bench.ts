// Analytics query bench (issue 19): 100,000 synthetic cases (bench/analytics/generate.ts) written straight into
// embedded PGlite and, when reachable, server PostgreSQL (a fresh schema, dropped after), then each analytics query
// timed: one warm-up run, then the median and the slowest of RUNS runs. Also EXPLAINs the denial query once.
// Run: node --import tsx bench/analytics/bench.ts [cases=100000]   (server at DATABASE_URL, default 127.0.0.1:5432/test)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { PostgresAnalyticsStore } from '../../src/adapters/db/analytics-store.ts';
import { openDatabase, type OpenDatabase } from '../../src/adapters/db/database.ts';
import { yearPeriod } from '../../src/core/analytics/index.ts';
import { generateHistory } from './generate.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = 5;
const ORG = 'bench-analytics';
const TWO_YEARS = { from: '2025-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
const QUARTER = { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

async function time(run: () => Promise<unknown>): Promise<{ median: number; max: number; rows: number }> {
  const first = await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const rows = Array.isArray(first)
    ? first.length
    : ((first as { criteria?: unknown[] } | undefined)?.criteria?.length ?? 1);
  return { median: times[Math.floor(RUNS / 2)] ?? 0, max: times.at(-1) ?? 0, rows };
}

async function bench(label: string, database: OpenDatabase): Promise<void> {
  const started = performance.now();
  const written = await generateHistory(database.db, ORG, COUNT);
  await sql`analyze`.execute(database.db);
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(
    `\n${label}: ${String(COUNT)} cases, ${String(written.events)} events, ${String(written.requests)} requests written in ${loadSeconds.toFixed(1)} s`,
  );
  const store = new PostgresAnalyticsStore(database.db);
  const queries: [string, () => Promise<unknown>][] = [
    [
      'denials payer×service×criterion by month, 2 years',
      () => store.denials(ORG, { period: TWO_YEARS, interval: 'month', groupBy: ['payer', 'service', 'criterion'] }),
    ],
    [
      'denials by payer by week, 2 years',
      () => store.denials(ORG, { period: TWO_YEARS, interval: 'week', groupBy: ['payer'] }),
    ],
    [
      'denials payer×service by day, one quarter',
      () => store.denials(ORG, { period: QUARTER, interval: 'day', groupBy: ['payer', 'service'] }),
    ],
    [
      'turnaround payer×urgency, 2 years',
      () => store.turnaround(ORG, { period: TWO_YEARS, groupBy: ['payer', 'urgency'] }),
    ],
    ['summary (first pass, touchless, overturn), 2 years', () => store.summary(ORG, TWO_YEARS)],
    ['root causes top 20, 2 years', () => store.rootCauses(ORG, TWO_YEARS, 20)],
    ['CMS-0057-F 2025', () => store.cms0057f(ORG, 2025)],
  ];
  console.log('| query | rows | median ms | slowest ms |\n|---|---|---|---|');
  for (const [name, run] of queries) {
    const t = await time(run);
    console.log(`| ${name} | ${String(t.rows)} | ${t.median.toFixed(0)} | ${t.max.toFixed(0)} |`);
  }
  const year = yearPeriod(2025);
  const plan = await sql<{ 'QUERY PLAN': string }>`explain analyze
    select r.urgency, count(*) from analytics_requests r
    where r.organization_id = ${ORG} and r.decided_at >= ${new Date(year.from)} and r.decided_at < ${new Date(year.to)}
    group by 1`.execute(database.db);
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
}

const dir = mkdtempSync(path.join(tmpdir(), 'klivira-analytics-'));
const embedded = await openDatabase({ dataDir: path.join(dir, 'pgdata') });
try {
  await bench('PGlite (embedded, on disk)', embedded);
} finally {
  await embedded.close();
  rmSync(dir, { recursive: true, force: true });
}

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client({ connectionString: serverUrl });
try {
  await admin.connect();
} catch {
  console.log(`\nserver PostgreSQL at ${serverUrl} is not reachable: skipped`);
  process.exit(0);
}
const schema = `analytics_${randomBytes(4).toString('hex')}`;
await admin.query(`create schema ${schema}`);
const server = await openDatabase({ url: serverUrl, schema, poolSize: 4 });
try {
  const version = await sql<{ server_version: string }>`show server_version`.execute(server.db);
  await bench(`server PostgreSQL ${version.rows[0]?.server_version ?? ''}`, server);
} finally {
  await server.close();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
