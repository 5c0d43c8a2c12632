// The coordinator's web app in a real browser (Debian's Chromium through playwright-core) against the product as
// `klivira serve --demo` runs it: sign in at the sandbox EHR, the work queue with patient names, a case with its
// evidence highlighted in the note, the questionnaire that changes the determination, submission to the payer
// simulator with live status through pended to approved; a denial; a clinician who may not submit. Every page of
// the app is checked with axe-core (no serious or critical violation); screenshots go to artifacts/browser/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  HAVE_CHROMIUM,
  launchChromium,
  screenshot,
  signedInSession,
  startProduct,
  type Product,
} from './browser.test-helper.ts';

/** The simulated payer pends lumbar MRIs (decided a few seconds later, by notification) and denies Mohs surgery. */
const RULES = [
  {
    match: { code: '72148' },
    adjudication: { kind: 'pend' as const, decideAfterMs: 3_000, then: { kind: 'approve' as const } },
  },
  {
    match: { code: '17311' },
    adjudication: { kind: 'deny' as const, reasons: ['MN'], note: 'not medically necessary' },
  },
];

describe.skipIf(!HAVE_CHROMIUM)('the web app in Chromium', () => {
  let product: Product;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  /** Whatever the pages logged about the Content Security Policy (an inline script or style it blocked). */
  const cspReports: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) cspReports.push(message.text());
    });

  beforeAll(async () => {
    product = await startProduct({ simulatorRules: RULES });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await product?.stop();
  });

  const session = (username: string, password: string): Promise<{ context: BrowserContext; page: Page }> =>
    signedInSession(browser, product.url, username, password, cspReports);

  const accessible = async (page: Page) => {
    expect(await accessibilityProblems(page)).toEqual([]);
  };

  /** Opens the first case in the queue whose row has `text`, by keyboard: focus the row, Enter. */
  async function openCase(page: Page, text: string): Promise<void> {
    const row = page.locator('tbody tr', { hasText: text }).first();
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-ready="case"]');
  }

  it('shows the sign-in page to a visitor, accessible', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await page.goto(`${product.url}/queue`);
    const signInLink = page.getByRole('link', { name: 'Sign in' });
    expect(await signInLink.getAttribute('href')).toBe('/auth/login?returnTo=%2Fqueue');
    await accessible(page);
    await screenshot(page, 'sign-in');
    await context.close();
  });

  it('signs in the coordinator, who finds a case, sees the quote in its note, answers, submits and sees it approved', async () => {
    const { context, page } = await session('coordinator', 'coordinator-demo');
    // The header names the signed-in user and role; the queue lists the demo cases with their patients' names.
    await expect(page.getByRole('banner').innerText()).resolves.toContain('Casey Coordinator');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(5);
    const names = await page.locator('tbody th[scope="row"] a').allInnerTexts();
    expect(names.filter((n) => n !== 'Unnamed patient').length).toBe(names.length);
    await accessible(page);
    await screenshot(page, 'queue');

    // Keyboard: the arrow keys move the row focus.
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await rows.nth(1).evaluate((row) => row === document.activeElement)).toBe(true);

    await page.getByLabel('Status').selectOption('needs_information');
    await page.waitForSelector('body[data-ready="queue"]');
    await openCase(page, 'MRI lumbar spine without contrast');
    const outcome = page.locator('[data-outcome]');
    const before = await outcome.getAttribute('data-outcome');
    expect(before).toBe('insufficient_documentation');

    // The criteria tree keeps its structure; a quoted span opens the note with the span highlighted.
    await expect(page.locator('.criteria.tree .group-kind').first().innerText()).resolves.toMatch(/of the following/);
    const quote = page.locator('button.quote').first();
    const quoted = (await quote.innerText()).replace(/^“|”[\s\S]*$/g, '');
    await quote.click();
    const mark = page.locator('.note-viewer mark');
    await mark.waitFor();
    expect(await mark.innerText()).toBe(quoted);
    expect(await mark.isVisible()).toBe(true);
    await accessible(page);
    await screenshot(page, 'case-note');
    await page.getByRole('button', { name: 'Close note' }).click();

    // The questionnaire, answered: the case is determined again and the page shows the new determination.
    await page.getByRole('button', { name: 'Answer the documentation questionnaire' }).click();
    await page.locator('form.questionnaire').waitFor();
    await accessible(page);
    await answerEverything(
      page,
      (await page.locator('.facts').innerText()).match(/as of (\d{4}-\d{2}-\d{2})/)?.[1] ?? '',
    );
    await screenshot(page, 'questionnaire');
    await page.getByRole('button', { name: 'Send answers and determine again' }).click();
    await page.locator('form.questionnaire').waitFor({ state: 'detached' });
    expect(await outcome.getAttribute('data-outcome')).toBe('meets');
    await expect(page.locator('.timeline').innerText()).resolves.toContain('documentation.received');

    // Submit (no override needed now): live status through pended to approved, announced in the status region.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const live = page.locator('p.live[aria-live="polite"]');
    await page.waitForSelector('.case-status[data-status="pended"]', { timeout: 30_000 });
    await expect(live.innerText()).resolves.toContain('Pended');
    await page.waitForSelector('.case-status[data-status="approved"]', { timeout: 30_000 });
    await expect(live.innerText()).resolves.toContain('Approved');
    const responses = await page.locator('section[aria-labelledby="responses-title"]').innerText();
    expect(responses).toContain('Approved (certified)');
    await expect(page.locator('.timeline').innerText()).resolves.toContain('by Casey Coordinator');
    await accessible(page);
    await screenshot(page, 'case-approved');
    await context.close();
  }, 120_000);

  it('searches the queue, remembers the saved view, and lists a case assigned to me under "Mine"', async () => {
    const { context, page } = await session('coordinator', 'coordinator-demo');
    const name = await page.locator('tbody th[scope="row"] a').first().innerText();
    await page.getByLabel('Search').fill(name);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForFunction((wanted) => {
      const names = [...document.querySelectorAll('tbody th[scope="row"] a')].map((a) => a.textContent);
      return document.body.dataset.ready === 'queue' && names.length > 0 && names.every((n) => n === wanted);
    }, name);

    await page.getByRole('button', { name: 'Pended' }).click();
    await page.reload();
    await page.waitForSelector('body[data-ready="queue"]');
    expect(await page.getByRole('button', { name: 'Pended' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'All cases' }).click();
    await page.waitForSelector('tbody tr');

    await openCase(page, 'Draft');
    const caseId = page.url().split('/cases/')[1] ?? '';
    const assignee = page.getByLabel('Assignee');
    const me = await assignee.locator('option', { hasText: 'Casey Coordinator' }).getAttribute('value');
    await assignee.selectOption(me ?? '');
    await page.getByText('Assigned.').waitFor();
    // A document uploaded here is listed with a download link; a comment lands in the timeline with its author.
    await page.getByLabel('Attach a document').setInputFiles({
      name: 'referral.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Referral letter: six weeks of physical therapy.'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    const download = page.getByRole('link', { name: 'referral.txt' });
    await download.waitFor();
    const downloaded = await context.request.get(
      new URL((await download.getAttribute('href')) ?? '', product.url).href,
    );
    expect(downloaded.status()).toBe(200);
    expect(await downloaded.text()).toBe('Referral letter: six weeks of physical therapy.');
    await page.getByRole('textbox', { name: 'Comment' }).fill('Called the clinic for the PT notes.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Comment: Called the clinic for the PT notes.').waitFor();
    await expect(page.locator('.timeline').innerText()).resolves.toContain('by Casey Coordinator');
    await accessible(page);
    await page.getByRole('link', { name: 'Work queue' }).first().click();
    await page.getByRole('button', { name: 'Mine' }).click();
    // The case is on the page before the view changes too: wait for the view's own rows, not just for the case.
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await page.waitForSelector(`tbody tr[data-case-id="${caseId}"]`);
    await accessible(page);
    await screenshot(page, 'queue-mine');
    await context.close();
  }, 90_000);

  it('asks for an override reason before sending a case that does not meet; the payer denies Mohs surgery', async () => {
    const { context, page } = await session('coordinator', 'coordinator-demo');
    await openCase(page, 'Does not meet');
    const override = page.getByRole('button', { name: 'Submit with override' });
    expect(await override.isDisabled()).toBe(true);
    await page.getByLabel(/Override reason/).fill('Surgeon attests the indication; notes to follow');
    expect(await override.isEnabled()).toBe(true);

    await page.getByRole('link', { name: 'Work queue' }).first().click();
    await page.waitForSelector('body[data-ready="queue"]');
    await openCase(page, 'Mohs micrographic surgery');
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('meets');
    await page.getByLabel('X12 278').check();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.waitForSelector('.case-status[data-status="denied"]', { timeout: 30_000 });
    const responses = await page.locator('section[aria-labelledby="responses-title"]').innerText();
    expect(responses).toContain('Denied (not certified)');
    expect(responses).toContain('x12-278');
    await accessible(page);
    await screenshot(page, 'case-denied');
    await context.close();
  }, 90_000);

  it('does not offer Submit to a clinician, and the API refuses it too', async () => {
    const { context, page } = await session('clinician', 'clinician-demo');
    await expect(page.getByRole('banner').innerText()).resolves.toContain('(clinician)');
    await openCase(page, 'Ready');
    expect(await page.getByRole('heading', { name: 'Submit to the payer' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Submit/ }).count()).toBe(0);
    const caseId = page.url().split('/cases/')[1] ?? '';
    const status = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/cases/${id}/submissions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': me.csrfToken,
          'idempotency-key': 'clinician-try',
        },
        body: JSON.stringify({ channel: 'pas' }),
      });
      return response.status;
    }, caseId);
    expect(status).toBe(403);
    await accessible(page);
    await screenshot(page, 'case-clinician');
    // At 200 % zoom (half the CSS viewport) the pages reflow: nothing but the queue's data table scrolls sideways.
    await page.setViewportSize({ width: 640, height: 450 });
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    await page.goto(`${product.url}/queue`);
    await page.waitForSelector('body[data-ready="queue"]');
    expect(await fits()).toBe(true);
    await screenshot(page, 'queue-200-percent');
    // A page that does not exist says so, accessibly.
    await page.goto(`${product.url}/cases/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { name: 'Case not found' }).waitFor();
    await accessible(page);
    // Signing out ends the session: the app is back at its sign-in page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect((await context.request.get(`${product.url}/api/me`)).status()).toBe(401);
    await context.close();
  }, 90_000);

  it('ran every page above under the strict Content Security Policy, with nothing blocked', () => {
    expect(cspReports).toEqual([]);
  });
});

/** Answers every visible question of the questionnaire as documentation that satisfies it, dated before `asOf`. */
async function answerEverything(page: Page, asOf: string): Promise<void> {
  const day = (offset: number) =>
    new Date(Date.parse(`${asOf}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const form = page.locator('form.questionnaire');
  for (const yes of await form.getByRole('radio', { name: 'Yes' }).all()) await yes.check();
  for (const select of await form.locator('select').all()) {
    const options = await select.locator('option').allInnerTexts();
    if (options.length > 1) await select.selectOption({ index: 1 });
  }
  for (const date of await form.locator('input[type="date"]:not([readonly])').all()) {
    const label = (await date.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')) ?? '';
    await date.fill(/start/i.test(label) ? day(-70) : day(-7));
  }
  for (const text of await form.locator('input[type="text"]:not([readonly])').all()) {
    if ((await text.inputValue()) === '') await text.fill(`Clinic note of ${day(-7)}, Dr. Demo`);
  }
}
