import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MeResponse } from '@review-desk/contracts';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider, testClient } from '../../bff/test/helpers/oidc-provider';
import { blockingViolations } from './support/axe';
import { ensureWebBuilt, freePort, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const providerName = 'Acme SSO';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true });

/** From the desk's login page through the provider's own login form, as a person would. */
async function signInWithProvider(page: Page, baseUrl: string, login: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('link', { name: `Sign in with ${providerName}` }).click();
  // The provider's login form (oidc-provider's own page, on the provider's origin).
  const loginField = page.locator('input[name="login"]');
  await loginField.waitFor();
  expect(new URL(page.url()).origin).not.toBe(baseUrl);
  await loginField.fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
}

describe.runIf(Boolean(chromiumPath))('single sign-on in a browser', () => {
  let provider: TestProvider;
  let stack: RunningStack;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(resultsDir, { recursive: true });
    ensureWebBuilt();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({
      redirectUris: [`${baseUrl}/api/auth/oidc/callback`],
      postLogoutRedirectUris: [`${baseUrl}/login`],
      accounts: {
        alice: { name: 'Alice Martín', email: 'alice@example.org', groups: ['kyc-analysts', 'everyone'] },
        mallory: { name: 'Mallory', email: 'mallory@example.org', groups: ['everyone'] },
      },
    });
    const launching = chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    stack = await startStack({
      port,
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: testClient.id,
        OIDC_CLIENT_SECRET: testClient.secret,
        OIDC_ROLE_MAP: 'kyc-analysts=analyst,kyc-seniors=senior,desk-admins=admin',
        OIDC_PROVIDER_NAME: providerName,
      },
    });
    browser = await launching;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await provider?.close();
  });

  it("signs a person in through the provider's login form, into the desk with the role their group maps to", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByRole('link', { name: `Sign in with ${providerName}` }).waitFor();
    expect(await blockingViolations(page, 'login with single sign-on')).toEqual([]);
    await shot(page, 'sso-01-login');

    await signInWithProvider(page, stack.baseUrl, 'alice');
    await page.waitForURL((url) => url.origin === stack.baseUrl && url.pathname === '/queue');
    await page.getByRole('button', { name: /Alice Martín/ }).waitFor();
    await expect.poll(() => page.getByText('Analyst', { exact: true }).count()).toBeGreaterThan(0);
    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as MeResponse;
    expect(me.user).toMatchObject({ displayName: 'Alice Martín', role: 'analyst' });
    await shot(page, 'sso-02-signed-in');

    // Signing out ends the session at the provider too, and comes back to the desk's login page.
    await page.getByRole('button', { name: /Alice Martín/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    const confirm = page.locator('button[autofocus], button[type="submit"]').first();
    await confirm.click();
    await page.waitForURL((url) => url.origin === stack.baseUrl && url.pathname === '/login');
    expect(await (await page.request.get(`${stack.baseUrl}/api/auth/me`)).json()).toEqual({ user: null });
    await page.context().close();
  });

  it('shows someone in no mapped group a clear 403 page, and lets them in nowhere', async () => {
    const page = await (await browser.newContext()).newPage();
    const answers: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/auth/oidc/callback')) answers.push(response.status());
    });
    await signInWithProvider(page, stack.baseUrl, 'mallory');
    await page.getByRole('heading', { name: 'No access to Review Desk' }).waitFor();
    expect(answers).toEqual([403]);
    await expect
      .poll(() => page.getByText(/not in any group that gives access to Review Desk/).count())
      .toBe(1);
    expect(await blockingViolations(page, 'no access')).toEqual([]);
    await shot(page, 'sso-03-no-access');
    expect(await (await page.request.get(`${stack.baseUrl}/api/auth/me`)).json()).toEqual({ user: null });
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.waitForURL(`${stack.baseUrl}/login`);
    await page.context().close();
  });
});
