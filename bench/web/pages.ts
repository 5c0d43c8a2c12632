// Page speed of the web app in Chromium (playwright-core), against the product as `klivira serve --demo` runs it:
// the work queue over 10,000 cases, interactive (first rows rendered, keyboard-ready) in under 1.5 s, and the case
// page of the largest Synthea patient in under 1 s. Each figure is navigation start to the ready mark the app sets
// (performance.mark 'klivira:ready:<page>'), read from the page itself; a cold load (a fresh browser context: script
// and styles fetched and compiled) is shown apart from warm ones (cached, as a coordinator moves around).
//
//   node --import tsx bench/web/pages.ts            (RUNS=7 by default)
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, signIn, startProduct } from '../../src/adapters/web/browser.test-helper.ts';
import { syntheaCases } from '../determine/cases.ts';
import { seedCases } from './seed.ts';

const RUNS = Number(process.env.RUNS ?? 7);
const QUEUE_CASES = 10_000;
/** `serve --demo` stores the demo generator's cases beside the seeded ones. */
const DEMO_CASES = 24;

async function readyAfterNavigation(page: Page, url: string, name: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(`body[data-ready="${name}"]`, { timeout: 30_000 });
  const mark = await page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime, `klivira:ready:${name}`);
  if (mark === undefined) throw new Error(`no ready mark on ${url}`);
  return mark;
}

/** Cold: a fresh browser context (empty cache) with the session's cookies; warm: the same page, RUNS times. */
async function measure(context: BrowserContext, url: string, name: string, check: (page: Page) => Promise<void>) {
  const fresh = await context.browser()?.newContext({ storageState: await context.storageState() });
  if (!fresh) throw new Error('no browser');
  const cold = await readyAfterNavigation(await fresh.newPage(), url, name);
  await fresh.close();
  const page = await context.newPage();
  await readyAfterNavigation(page, url, name);
  await check(page);
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) warm.push(await readyAfterNavigation(page, url, name));
  await page.close();
  const sorted = [...warm].sort((a, b) => a - b);
  return {
    cold: Math.round(cold),
    warmMedian: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    warmMax: Math.round(sorted.at(-1) ?? 0),
  };
}

const largest = syntheaCases().sort((a, b) => b.length - a.length)[0];
if (!largest) throw new Error('the Synthea samples (/work/shared/fhir-samples) are needed for the case page');

const seedStarted = performance.now();
const product = await startProduct({ prepare: (dir) => seedCases(dir, QUEUE_CASES - DEMO_CASES) });
console.log(`server up with ${String(QUEUE_CASES)} cases in ${String(Math.round(performance.now() - seedStarted))} ms`);
const key = /admin API key for organization '[^']+': (\S+)/.exec(product.output)?.[1];
const created = await fetch(`${product.url}/api/cases`, {
  method: 'POST',
  headers: { authorization: `Bearer ${key ?? ''}`, 'content-type': 'application/fhir+json' },
  body: largest,
});
if (created.status !== 201)
  throw new Error(`the Synthea case was refused: ${String(created.status)} ${await created.text()}`);
const caseId = ((await created.json()) as { caseId: string }).caseId;

const { browser, close } = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, product.url, 'coordinator', 'coordinator-demo');
  const queue = await measure(context, `${product.url}/queue`, 'queue', async (page) => {
    const rows = await page.locator('tbody tr').count();
    const focusable = await page.locator('tbody tr[tabindex="0"]').count();
    if (rows < 50 || focusable !== 1)
      throw new Error(`queue not ready: ${String(rows)} rows, ${String(focusable)} focusable`);
  });
  const casePage = await measure(context, `${product.url}/cases/${caseId}`, 'case', async (page) => {
    const criteria = await page.locator('.criterion').count();
    if (criteria === 0) throw new Error('the case page shows no criteria');
  });
  const bundleKb = Math.round(Buffer.byteLength(largest) / 1024);
  console.log(
    JSON.stringify(
      { runs: RUNS, queue: { cases: QUEUE_CASES, ...queue }, casePage: { bundleKb, ...casePage } },
      null,
      2,
    ),
  );
  console.log(
    `work queue (${String(QUEUE_CASES)} cases): cold ${String(queue.cold)} ms, warm median ${String(queue.warmMedian)} ms (max ${String(queue.warmMax)}); target < 1500 ms\n` +
      `case page (largest Synthea patient, ${String(bundleKb)} KB bundle): cold ${String(casePage.cold)} ms, warm median ${String(casePage.warmMedian)} ms (max ${String(casePage.warmMax)}); target < 1000 ms`,
  );
} finally {
  await close();
  await product.stop();
}
