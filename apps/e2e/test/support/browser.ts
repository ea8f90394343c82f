import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/**
 * A fresh browser context (its own cookies) signed in through the login form as one of the demo users, on a
 * desktop screen unless told otherwise.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: BrowserContextOptions = { viewport: { width: 1440, height: 1000 } },
): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-demo`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Opens a case and claims it. */
export async function claimCase(page: Page, caseUrl: string): Promise<void> {
  await page.goto(caseUrl);
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  await page.getByRole('button', { name: 'Release', exact: true }).waitFor();
}

/** The decision form, with "open the next case" switched off so the page stays on this case. */
export async function decisionForm(page: Page): Promise<Locator> {
  const form = page.getByRole('form', { name: 'Record a decision' });
  await form.getByLabel('Open the next case after deciding').uncheck();
  return form;
}

/** Picks the first reason the form offers for the chosen outcome. */
export async function pickFirstReason(page: Page, form: Locator): Promise<void> {
  await form.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option').first().click();
}
