import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, casesOf, openCase, scenarios, signIn } from './support/api';
import { ensureWebBuilt, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
const ROWS_WANTED = 12;

/** Tops the work up to more rows than one screen holds: what the feed brings, else cases opened by hand. */
async function fillTheWork(analyst: ApiSession, capaUrl: string, waitMs: number) {
  const deadline = Date.now() + waitMs;
  const work = async () => (await casesOf(analyst, `scope=work&limit=${ROWS_WANTED + 4}`)).items.length;
  while ((await work()) <= ROWS_WANTED && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const candidates = await scenarios(capaUrl, ['capa', 'review_needed']);
  for (const entry of candidates) {
    if ((await work()) > ROWS_WANTED) return;
    await openCase(analyst, 'capa', entry.id);
  }
}

/** Rows drawn whole inside both the window and the table's scroll box. */
function rowsInView(page: Page) {
  return page.getByRole('table', { name: 'Case queue' }).evaluate((table) => {
    const box = table.parentElement?.getBoundingClientRect();
    if (!box) return 0;
    const bottom = Math.min(box.bottom, window.innerHeight);
    return [...table.querySelectorAll('tbody tr')].filter((row) => {
      const rect = row.getBoundingClientRect();
      return rect.top >= box.top && rect.bottom <= bottom + 0.5 && rect.height > 0;
    }).length;
  });
}

describe.runIf(Boolean(chromiumPath))('the queue on a laptop screen', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    const launching = chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    stack = await startStack();
    await fillTheWork(await signIn(stack.baseUrl, 'analyst'), stack.capaUrl, 20_000);
    browser = await launching;
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByLabel('Username').fill('analyst');
    await page.getByLabel('Password').fill('analyst-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/queue');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it(`shows at least ${ROWS_WANTED} rows of the work at 1366×900, the filters folded into one row`, async () => {
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(ROWS_WANTED);
    expect(await page.getByRole('button', { name: 'Filters (0)' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    expect(await rowsInView(page)).toBeGreaterThanOrEqual(ROWS_WANTED);
  });

  it('has "Skip to results" as the first Tab stop, and it leads to the rows', async () => {
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to results' });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-results');
  });
});
