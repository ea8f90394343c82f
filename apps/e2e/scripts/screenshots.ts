/**
 * The README's two pictures, taken from a running desk: the queue and a Capa case page, as an analyst sees them
 * at 1366×900 (the laptop most analysts have).
 *
 *   pnpm start                                   # in one terminal
 *   pnpm --filter @review-desk/e2e screenshots   # in another; BASE_URL and CHROMIUM_PATH override the defaults
 *
 * It writes docs/screenshots/queue.png and docs/screenshots/case.png. The embedded default's sandbox is seeded
 * the same way on every start, so the pictures change only when the product does.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const outDir = fileURLToPath(new URL('../../../docs/screenshots', import.meta.url));
const viewport = { width: 1366, height: 900 };

async function signIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill('analyst');
  await page.getByLabel('Password').fill('analyst-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The queue filtered to Capa, so the first row is a case with the full set of evidence sections. */
async function queue(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/queue?provider=capa`);
  await page.getByRole('cell', { name: 'Capa', exact: true }).first().waitFor();
  await page.screenshot({ path: path.join(outDir, 'queue.png') });
}

async function casePage(page: Page): Promise<void> {
  await page.getByRole('cell', { name: 'Capa', exact: true }).first().click();
  await page.waitForURL(/\/cases\//);
  await page.getByRole('region', { name: 'Face match' }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(outDir, 'case.png') });
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await (await browser.newContext({ viewport })).newPage();
    await signIn(page);
    await queue(page);
    await casePage(page);
    console.log(`wrote ${path.relative(process.cwd(), outDir)}/queue.png and case.png from ${baseUrl}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`Is the desk running at ${baseUrl} (pnpm start)?`);
  process.exitCode = 1;
});
