// For the web app's browser tests and page benchmarks: Debian's Chromium driven by playwright-core, the product
// started in process exactly as `klivira serve --demo` starts it (API, worker, payer simulator, sandbox EHR,
// embedded PGlite in a temporary folder), sign-in through the sandbox's login form, and axe-core checks.
import { mkdtempSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../config.ts';
import { serve, type Serving } from '../cli/serve.ts';
import type { ScenarioRule } from '../../sim/scenarios.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`${CHROMIUM} is missing (apt-get install -y chromium): the browser tests are skipped`);

/** Where screenshots go: ignored by git (.gitignore), kept for a human to look at after a run. */
export const ARTIFACTS = join(process.cwd(), 'artifacts', 'browser');

/** Chromium with no state of its own: Playwright gives every launch a fresh, temporary user-data-dir. */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/** A port P with P+100 (simulator), P+200 (sandbox EHR) and P+300 (demo mailbox) free too: `serve`'s layout. */
async function demoPorts(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all([port, port + 100, port + 200, port + 300].map(portFree));
    if (free.every(Boolean)) return port;
  }
  throw new Error('no free ports for the demo');
}

export interface Product {
  url: string;
  /** What `serve` printed (the demo admin key among it). */
  output: string;
  stop: () => Promise<void>;
}

export interface ProductOptions {
  /** How the payer simulator answers (it approves everything without). */
  simulatorRules?: ScenarioRule[];
  /** Fills the fresh data folder before the server opens it (the page benchmarks' 10,000 cases). */
  prepare?: (dataDir: string) => Promise<void>;
}

/** The product as `klivira serve --demo` runs it, on free ports and a fresh embedded database. */
export async function startProduct(options: ProductOptions = {}): Promise<Product> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klivira-web-'));
  let output = '';
  const io = {
    out: (text: string) => (output += text),
    err: (text: string) => (output += text),
  };
  const port = await demoPorts();
  let serving: Serving;
  try {
    await options.prepare?.(dataDir);
    serving = await serve(
      loadConfig({ ...process.env, KLIVIRA_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }),
      { demo: true, ...(options.simulatorRules ? { simulatorRules: options.simulatorRules } : {}) },
      io,
    );
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: serving.address,
    get output() {
      return output;
    },
    stop: async () => {
      await serving.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in at the app's sign-in page through the sandbox EHR's login form; ends on the work queue. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/**`);
  await page.waitForSelector('body[data-ready="queue"]');
}

/**
 * A fresh browser context signed in as `username`; whatever its pages log about the Content Security Policy (an inline
 * script or style it blocked) is added to `cspReports`.
 */
export async function signedInSession(
  browser: Browser,
  url: string,
  username: string,
  password: string,
  cspReports: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) cspReports.push(message.text());
  });
  await signIn(page, url, username, password);
  return { context, page };
}

/** The serious and critical axe-core violations of the page as it is now (WCAG 2.x A and AA rules). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${String(v.impact)}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
