// Real headless Chromium driven by playwright-core (no browser download): the one `npm test`'s
// preparation found (scripts/browser/ensure.mjs), handed over by jest.config.js as CHROMIUM_PATH.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { scaledMs } from '../support/time-scale.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How long a page action or a wait for an element may take on an idle machine. */
const PAGE_TIMEOUT_MS = 10_000;

export const SCREENSHOT_DIR = join(process.cwd(), 'test', 'output', 'screenshots');
const DOCS_SCREENSHOT_DIR = join(process.cwd(), 'docs', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: scaledMs(30_000),
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
}

/** A new page whose actions and waits time out on the tests' scaled clock. */
export async function openPage(browser: Browser, options?: BrowserContextOptions): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(scaledMs(PAGE_TIMEOUT_MS));
  return page;
}

/** What a page did that a test should not have to look for one by one. */
export interface PageWatch {
  /** Every request URL the page made. */
  requests: string[];
  /** Console errors (CSP violations land here) and uncaught exceptions. */
  errors: string[];
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { requests: [], errors: [] };
  page.on('request', (request) => watch.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  return watch;
}

/** A watched page at the relay's Connections page, signed in with `apiKey`, on Chatbots. */
export async function signedInPage(
  browser: Browser,
  relay: { baseUrl: string; apiKey: string },
): Promise<{ page: Page; watch: PageWatch }> {
  const page = await openPage(browser, { viewport: { width: 1100, height: 900 } });
  const watch = watchPage(page);
  await page.goto(`${relay.baseUrl}/`);
  await page.getByLabel('API key').fill(relay.apiKey);
  await page.getByLabel('API key').press('Enter');
  await page.getByRole('heading', { name: 'Chatbots', level: 1 }).waitFor();
  return { page, watch };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Copies a screenshot into docs/screenshots/ as `<name>.png`. The committed pictures change only
 * when asked for (UPDATE_DOCS_SCREENSHOT=1) or when missing, so test runs leave the tree clean.
 */
export function publishScreenshot(path: string, name: string): void {
  const target = join(DOCS_SCREENSHOT_DIR, `${name}.png`);
  if (process.env.UPDATE_DOCS_SCREENSHOT !== '1' && existsSync(target)) return;
  mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
  copyFileSync(path, target);
}

/** The delivery log's items titled exactly so, e.g. `Reply to Webhook URL`. */
export function deliveryItems(page: Page, title: string): Locator {
  return page
    .getByRole('list', { name: 'Deliveries' })
    .getByRole('listitem')
    .filter({ has: page.getByText(title, { exact: true }) });
}
