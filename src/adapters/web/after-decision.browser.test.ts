// After the payer answers, in a real browser (Debian's Chromium through playwright-core) against the product as
// `klivira serve --demo` runs it: a denied case appealed from the page (its clock, filed, overturned: approved with
// the authorization number; the appeal packet downloads as a PDF), a pended case whose requested documents are
// answered from the page until it is approved, and the analytics page's charts and tables. axe-core checks every new
// page state (no serious or critical violation); screenshots go to artifacts/browser/.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioRule } from '../../sim/scenarios.ts';
import {
  accessibilityProblems,
  HAVE_CHROMIUM,
  launchChromium,
  screenshot,
  signIn,
  signedInSession,
  startProduct,
  type Product,
} from './browser.test-helper.ts';

/** The simulated payer asks for documents on lumbar MRIs (approving once answered) and denies Mohs surgery. */
const RULES: ScenarioRule[] = [
  ...(JSON.parse(
    readFileSync(
      new URL('../../../fixtures/payer-requests/sim-rules-request-information.json', import.meta.url),
      'utf8',
    ),
  ) as ScenarioRule[]),
  { match: { code: '17311' }, adjudication: { kind: 'deny', reasons: ['MN'], note: 'not medically necessary' } },
];

describe.skipIf(!HAVE_CHROMIUM)('after the payer answers, in Chromium', () => {
  let product: Product;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  /** Whatever the pages logged about the Content Security Policy (an inline script or style it blocked). */
  const cspReports: string[] = [];

  beforeAll(async () => {
    product = await startProduct({ simulatorRules: RULES });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await product?.stop();
  });

  const session = (): Promise<{ context: BrowserContext; page: Page }> =>
    signedInSession(browser, product.url, 'coordinator', 'coordinator-demo', cspReports);

  const accessible = async (page: Page) => {
    expect(await accessibilityProblems(page)).toEqual([]);
  };

  /** Opens the first queue row with `text` (among the cases in `status`, when given). */
  async function openCase(page: Page, status: string | undefined, text: string): Promise<void> {
    if (status) {
      await page.getByLabel('Status').selectOption(status);
      await page.waitForSelector('body[data-ready="queue"]');
    }
    await page.locator('tbody tr', { hasText: text }).first().locator('th[scope="row"] a').click();
    await page.waitForSelector('body[data-ready="case"]');
  }

  /** Sends the case (with an override reason when the determination asks for one). */
  async function submit(page: Page): Promise<void> {
    const override = page.getByLabel(/Override reason/);
    if ((await override.count()) > 0) {
      await override.fill('Clinician attests the indication');
      await page.getByRole('button', { name: 'Submit with override' }).click();
    } else {
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
    }
  }

  it('appeals a denied case: its clock, filed, overturned, approved with the authorization number', async () => {
    const { context, page } = await session();
    await openCase(page, undefined, 'Mohs micrographic surgery');
    await submit(page);
    await page.waitForSelector('.case-status[data-status="denied"]', { timeout: 30_000 });
    expect(await page.locator('[data-attempt]').innerText()).toBe('1');
    const after = page.locator('section[aria-labelledby="after-decision-title"]');
    await after.getByText('No appeal is open.').waitFor();
    await page.getByLabel('Appeal letter').waitFor();
    await accessible(page);
    await screenshot(page, 'case-denied-after-decision');

    // A clinician sees the appeal documents but is offered neither an appeal nor a new attempt, nor the analytics.
    const clinician = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await clinician.newPage();
    await signIn(other, product.url, 'clinician', 'clinician-demo');
    expect(await other.getByRole('link', { name: 'Analytics' }).count()).toBe(0);
    await other.goto(page.url());
    await other.waitForSelector('body[data-ready="case"]');
    await other.getByLabel('Appeal letter').waitFor();
    expect(await other.getByRole('button', { name: 'Open appeal' }).count()).toBe(0);
    expect(await other.getByRole('button', { name: 'Start new attempt' }).count()).toBe(0);
    await accessible(other);
    await other.goto(`${product.url}/analytics`);
    await other.getByText('does not include the denial analytics').waitFor();
    await accessible(other);
    await clinician.close();

    // The appeal packet and the peer-to-peer brief download as PDFs.
    for (const name of ['Appeal packet (PDF)', 'Peer-to-peer brief (PDF)']) {
      const href = (await page.getByRole('link', { name }).getAttribute('href')) ?? '';
      const pdf = await context.request.get(new URL(href, product.url).href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }

    // The letter is edited and saved.
    const letter = page.getByLabel('Appeal letter');
    await letter.fill(`${await letter.inputValue()}\n\nThe surgeon is available for a peer-to-peer call.`);
    await page.getByRole('button', { name: 'Save letter' }).click();
    await page.getByText('Letter saved.').waitFor();
    await page.getByRole('button', { name: 'Make final' }).click();
    await page.getByText('Letter made final; the packet is stored.').waitFor();
    expect(await letter.getAttribute('readonly')).not.toBeNull();
    await expect(page.locator('.timeline').innerText()).resolves.toContain('appeal_letter.finalized');

    // Open an appeal (the commercial plan's first level, chosen for it): the case is in appeal, the appeal drafting with its filing clock in words.
    await page.getByLabel(/Reason for the appeal/).fill('The notes document the high-risk location');
    await page.getByRole('button', { name: 'Open appeal' }).click();
    await page.waitForSelector('.case-status[data-status="in_appeal"]');
    const appeal = page.locator('table.appeals tbody tr').first();
    await page.waitForSelector('table.appeals tr[data-appeal-state="drafting"]');
    await expect(appeal.locator('.due').innerText()).resolves.toMatch(/left to file|Overdue by .* \(to file\)/);
    await accessible(page);
    await screenshot(page, 'case-appeal-drafting');

    await appeal.getByRole('button', { name: 'Mark filed' }).click();
    await page.waitForSelector('table.appeals tr[data-appeal-state="filed"]');
    await expect(appeal.locator('.due').innerText()).resolves.toMatch(/for the decision/);
    await accessible(page);
    // At 200 % zoom the page reflows: nothing but the appeals table scrolls sideways.
    await page.setViewportSize({ width: 640, height: 450 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'case-appeal-filed-200-percent');
    await page.setViewportSize({ width: 1280, height: 900 });

    await appeal.getByLabel('Outcome', { exact: true }).selectOption('overturned');
    await appeal.getByLabel(/Authorization number/).fill('APL-4471');
    await appeal.getByRole('button', { name: 'Record outcome' }).click();
    await page.waitForSelector('.case-status[data-status="approved"]');
    await page.waitForSelector('table.appeals tr[data-appeal-state="decided"]');
    expect(await appeal.innerText()).toContain('Overturned (approved)');
    expect(await page.locator('.authorization-number').innerText()).toContain('APL-4471');
    await expect(page.locator('.timeline').innerText()).resolves.toContain('appeal.decided');
    await accessible(page);
    await screenshot(page, 'case-appeal-overturned');
    await context.close();
  }, 120_000);

  it('starts a new attempt for a changed order after a denial', async () => {
    const { context, page } = await session();
    // The other demo Mohs case (the first one was approved on appeal above).
    await page
      .locator('tbody tr', { hasText: 'Mohs micrographic surgery' })
      .filter({ hasNotText: 'Approved' })
      .first()
      .locator('th[scope="row"] a')
      .click();
    await page.waitForSelector('body[data-ready="case"]');
    await submit(page);
    await page.waitForSelector('.case-status[data-status="denied"]', { timeout: 30_000 });
    await page.getByLabel(/Changed order code/).fill('17313');
    await page.getByLabel(/^Reason \(/).fill('Trunk lesion: the payer denied the head-and-neck code');
    await page.getByRole('button', { name: 'Start new attempt' }).click();
    await page.waitForFunction(() => document.querySelector('[data-attempt]')?.textContent === '2');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('17313');
    expect(await page.locator('.case-status').getAttribute('data-status')).not.toBe('denied');
    await expect(page.locator('.timeline').innerText()).resolves.toContain('attempt.started');
    await accessible(page);
    await screenshot(page, 'case-new-attempt');
    await context.close();
  }, 120_000);

  it('answers the payer’s request for documents from the page, and the case ends approved', async () => {
    const { context, page } = await session();
    await openCase(page, 'ready', 'MRI lumbar spine without contrast');
    await submit(page);
    const requests = page.locator('section[aria-labelledby="requests-title"]');
    await requests.waitFor({ timeout: 30_000 });
    expect(await page.locator('.case-status').getAttribute('data-status')).toBe('pended');
    const asked = await requests.innerText();
    expect(asked).toContain('Progress note documenting six weeks of conservative therapy');
    expect(asked).toContain('Physical therapy notes');
    await accessible(page);

    await requests.getByRole('button', { name: 'Prepare answer' }).click();
    const form = page.getByRole('form', { name: 'Answer to the payer' });
    await form.waitFor();
    // The draft suggests documents per item; any item left without one gets the first document offered.
    for (const item of await form.locator('fieldset').all()) {
      if ((await item.locator('input:checked').count()) === 0) await item.getByRole('checkbox').first().check();
    }
    await accessible(page);
    await screenshot(page, 'case-payer-request-answer');
    await form.getByRole('button', { name: 'Send answer to the payer' }).click();
    await page.waitForSelector('.case-status[data-status="approved"]', { timeout: 45_000 });
    await expect(requests.innerText()).resolves.toMatch(/Answered|being sent/);
    await expect(page.locator('.timeline').innerText()).resolves.toContain('information.sent');
    await accessible(page);
    await screenshot(page, 'case-payer-request-approved');
    await context.close();
  }, 120_000);

  it('shows the analytics page: each chart named, its figures in a table beside it, and a CSV of them', async () => {
    const { context, page } = await session();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.waitForSelector('body[data-ready="analytics"]');
    await page.getByRole('heading', { name: 'Denial analytics', level: 1 }).waitFor();
    const charts = page.locator('svg.bar-chart[role="img"]');
    expect(await charts.count()).toBe(5);
    for (const name of [
      'Approval, touchless and overturn rates',
      'Denial rate by month, payer and service',
      'Median turnaround in hours, by payer and urgency',
    ]) {
      expect(await page.getByRole('img', { name }).count()).toBe(1);
    }
    // The denials of the tests above are in the figures: a denial rate table with at least one row of figures.
    const denials = page.getByRole('table', { name: 'Denial rate by month, payer and service' });
    expect(await denials.locator('tbody tr td').count()).toBeGreaterThan(1);
    const summary = await page.getByRole('table', { name: 'Approval, touchless and overturn rates' }).innerText();
    expect(summary).toMatch(/Overturned on appeal\s+100\.0 %/);
    const csvHref =
      (await page.getByRole('link', { name: 'Download these figures as CSV' }).first().getAttribute('href')) ?? '';
    const csv = await context.request.get(new URL(csvHref, product.url).href);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toContain('denialRate');
    await accessible(page);
    await screenshot(page, 'analytics');
    // Another period: a year with no decisions says so, and the CSV links follow the period.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To (included)').fill('2020-12-31');
    await page.getByRole('button', { name: 'Show period' }).click();
    await page.getByText('From 2020-01-01').waitFor();
    await page.waitForSelector('body[data-ready="analytics"]');
    expect(await denials.innerText()).toContain('No figures in this period.');
    expect(
      await page.getByRole('link', { name: 'Download these figures as CSV' }).first().getAttribute('href'),
    ).toContain('from=2020-01-01');
    await accessible(page);
    // At 200 % zoom the page reflows: nothing but the tables scrolls sideways.
    await page.setViewportSize({ width: 640, height: 450 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();
  }, 90_000);

  it('ran every page above under the strict Content Security Policy, with nothing blocked', () => {
    expect(cspReports).toEqual([]);
  });
});
