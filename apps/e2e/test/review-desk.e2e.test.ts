import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseDetail } from '@review-desk/contracts';
import { type Browser, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, signIn } from './support/api';
import { blockingViolations } from './support/axe';
import { type ReviewSubjects, reviewSubjects, waitForQueue } from './support/queue-seed';
import { ensureWebBuilt, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

if (!chromiumPath) {
  console.log('Browser tests did not run: CHROMIUM_PATH is empty (set it to a Chromium executable).');
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true });

/** Signs in through the login form, by its labels, as one of the demo users. */
async function signInThroughForm(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-demo`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Finds a subject's case through the queue's search box and opens it from its row. */
async function openFromQueue(page: Page, baseUrl: string, subjectId: string) {
  await page.goto(`${baseUrl}/queue`);
  const search = page.getByLabel('Subject name or id');
  await search.fill(subjectId);
  await search.press('Enter');
  await page.getByText(subjectId, { exact: true }).click();
  await page.waitForURL(/\/cases\//);
}

/** Picks the outcome and the first reason the form offers, and records the decision. */
async function recordDecision(page: Page, outcome: string) {
  const decision = page.getByRole('form', { name: 'Record a decision' });
  await decision.getByLabel('Open the next case after deciding').uncheck();
  await decision.getByRole('radio', { name: outcome, exact: true }).check();
  await decision.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option').first().click();
  await decision.getByRole('button', { name: 'Record decision' }).click();
}

describe.runIf(Boolean(chromiumPath))('Review Desk in a browser', () => {
  let stack: RunningStack;
  let browser: Browser;
  let analystPage: Page;
  let analystApi: ApiSession;
  let subjects: ReviewSubjects;
  let capaCaseUrl: string;

  beforeAll(async () => {
    mkdirSync(resultsDir, { recursive: true });
    ensureWebBuilt();
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
    stack = await startStack();
    analystApi = await signIn(stack.baseUrl, 'analyst');
    const deadline = Date.now() + 20_000;
    const filled = await waitForQueue(analystApi, 20_000);
    subjects = await reviewSubjects(analystApi, stack, deadline);
    if (subjects.openedByHand.length > 0) {
      console.log(
        `${filled ? 'The queue had no case' : 'The queue stayed empty for 20 s, so it had no case'} for ${subjects.openedByHand.join(' and ')}: opened by hand.`,
      );
    }
    capaCaseUrl = `${stack.baseUrl}/cases/${subjects.capa.caseId}`;
    browser = await launching;
    analystPage = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('an analyst signs in through the form and the queue shows cases from both providers', async () => {
    // The login page's session probe is an answer, not a failed request: the console stays clean.
    const consoleErrors: string[] = [];
    const recordError = (message: ConsoleMessage) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    };
    analystPage.on('console', recordError);
    await analystPage.goto(`${stack.baseUrl}/login`);
    await analystPage.getByRole('button', { name: 'Sign in' }).waitFor();
    await analystPage.waitForLoadState('networkidle');
    analystPage.off('console', recordError);
    expect(consoleErrors).toEqual([]);
    expect(await blockingViolations(analystPage, 'login')).toEqual([]);
    await shot(analystPage, '01-login');

    await signInThroughForm(analystPage, stack.baseUrl, 'analyst');
    await analystPage.goto(`${stack.baseUrl}/queue`);
    await analystPage.getByRole('button', { name: /^Filters \(\d+\)$/ }).click();
    const providers = analystPage.getByRole('group', { name: 'Provider' });
    const capaCount = providers.getByRole('button', { name: /^Capa \((\d+)\)$/ });
    const connectfiCount = providers.getByRole('button', { name: /^connectFi \((\d+)\)$/ });
    await capaCount.waitFor();
    expect(Number((await capaCount.textContent())?.match(/\((\d+)\)/)?.[1])).toBeGreaterThan(0);
    expect(Number((await connectfiCount.textContent())?.match(/\((\d+)\)/)?.[1])).toBeGreaterThan(0);
    await expect
      .poll(() => analystPage.getByRole('cell', { name: 'Capa', exact: true }).count())
      .toBeGreaterThan(0);

    await connectfiCount.click();
    await analystPage.waitForURL(/provider=connectfi/);
    await expect
      .poll(() => analystPage.getByRole('cell', { name: 'connectFi', exact: true }).count())
      .toBeGreaterThan(0);
    await expect.poll(() => analystPage.getByRole('cell', { name: 'Capa', exact: true }).count()).toBe(0);
    await shot(analystPage, '02-queue');
    expect(await blockingViolations(analystPage, 'queue')).toEqual([]);
  });

  it('the Capa case shows face match, liveness, fraud, loaded ID images and the AML hits', async () => {
    const page = analystPage;
    await openFromQueue(page, stack.baseUrl, subjects.capa.entry.id);
    expect(page.url()).toBe(capaCaseUrl);

    const faceMatch = page.getByRole('region', { name: 'Face match' });
    await expect
      .poll(() => faceMatch.getByRole('meter', { name: 'Face match score' }).getAttribute('aria-valuetext'))
      .toMatch(/^\d\.\d\d \((Low|Borderline|High)\)$/);
    await page.getByRole('region', { name: 'Liveness' }).waitFor();
    await page.getByRole('region', { name: 'Fraud insights' }).waitFor();

    for (const alt of ['Front of the document', 'Back of the document', 'Selfie']) {
      const images = page.locator(`img[alt="${alt}"]`);
      expect(await images.count(), alt).toBeGreaterThan(0);
      for (const image of await images.all()) {
        await image.scrollIntoViewIfNeeded();
        await expect
          .poll(() =>
            image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0)),
          )
          .toBeGreaterThan(0);
      }
    }

    const hits = page
      .getByRole('table', { name: 'AML entity hits' })
      .getByRole('group', { name: /^Disposition of / });
    expect(await hits.count()).toBeGreaterThan(1);
    // Each hit row names its lists and links their sources without being expanded.
    const firstRow = page.getByRole('table', { name: 'AML entity hits' }).getByRole('row').nth(1);
    expect(await firstRow.getByRole('link').first().getAttribute('href')).toMatch(/^https:\/\//);
    await shot(page, '03-capa-case');
    expect(await blockingViolations(page, 'case')).toEqual([]);
  });

  it('the analyst claims the case, dispositions every hit and rejects it with a reason', async () => {
    const page = analystPage;
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByRole('button', { name: 'Release', exact: true }).waitFor();

    const hits = page
      .getByRole('table', { name: 'AML entity hits' })
      .getByRole('group', { name: /^Disposition of / });
    const count = await hits.count();
    for (let index = 0; index < count; index += 1) {
      // Each disposition carries the case version, so the next waits for this one to be recorded.
      const choice = hits
        .nth(index)
        .getByRole('button', { name: index === 0 ? 'True match' : 'False positive' });
      await choice.click();
      // A true match on a sanctions or PEP listing asks for its rationale before it is recorded.
      const rationale = page.getByRole('textbox', { name: /^Rationale for / });
      if (index === 0 && (await rationale.count()) > 0) {
        await rationale.fill('Same name, exact birth date and nationality as the listing');
        await page.getByRole('button', { name: 'Record true match' }).click();
      }
      await expect.poll(() => choice.getAttribute('aria-pressed')).toBe('true');
    }

    await recordDecision(page, 'Reject');
    await page.getByText('First decision by').waitFor();
    const detail = await analystApi.get<CaseDetail>(`/api/cases/${subjects.capa.caseId}`);
    expect(detail.case.state).toBe('awaiting_second_review');
    expect(detail.dispositions).toHaveLength(count);
    await shot(page, '04-first-decision');
  });

  it('a senior signs in and gives the second approval', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await signInThroughForm(page, stack.baseUrl, 'senior');
    await page.goto(capaCaseUrl);
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByRole('button', { name: 'Release', exact: true }).waitFor();
    await recordDecision(page, 'Reject');
    await page.getByText('This case is resolved.').first().waitFor();
    await shot(page, '05-second-decision');
    await page.context().close();

    const detail = await analystApi.get<CaseDetail>(`/api/cases/${subjects.capa.caseId}`);
    expect(detail.case.state).toBe('resolved');
    expect(detail.case.resolution).toBe('rejected');
  });

  it('the timeline shows both decisions', async () => {
    const page = analystPage;
    await page.reload();
    const decisions = page
      .getByRole('region', { name: 'Timeline' })
      .getByRole('listitem')
      .filter({ hasText: 'Decided: ' });
    await expect.poll(() => decisions.count()).toBe(2);
    const texts = await decisions.allTextContents();
    expect(texts.some((text) => text.includes('analyst'))).toBe(true);
    expect(texts.some((text) => text.includes('senior'))).toBe(true);
    await decisions.first().scrollIntoViewIfNeeded();
    await shot(page, '06-timeline');
  });

  it('a support user opens the same subject without any decision control', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await signInThroughForm(page, stack.baseUrl, 'support');
    await page.goto(capaCaseUrl);
    await page.getByRole('region', { name: 'Face match' }).waitFor();
    await page.getByText('cannot make decisions').waitFor();
    expect(await page.getByRole('form', { name: 'Record a decision' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: /^Disposition of / }).count()).toBe(0);
    await expect(page.getByRole('button', { name: 'Claim', exact: true }).isDisabled()).resolves.toBe(true);
    await shot(page, '07-support-case');

    await page.goto(`${stack.baseUrl}/subjects/capa/${subjects.capa.entry.id}`);
    // Support talks to customers: the screening is withheld (tipping off), not merely read-only.
    await page.getByRole('region', { name: 'Screening', exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'AML screening' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: /^Disposition of / }).count()).toBe(0);
    await shot(page, '08-support-subject');
    await page.context().close();
  });

  it('a connectFi business case shows its representatives, and opening one shows who they are', async () => {
    const page = analystPage;
    await openFromQueue(page, stack.baseUrl, subjects.connectfi.entry.id);
    const journey = page.getByRole('region', { name: 'connectFi journey' });
    const representatives = journey.getByRole('table', { name: 'Business representatives' });
    const rows = representatives
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: /^(Open|Close) application/ }) });
    await expect.poll(() => rows.count()).toBe(subjects.connectfi.representatives);
    expect(await representatives.getByRole('cell', { name: 'Business representative' }).count()).toBe(
      subjects.connectfi.representatives,
    );

    await rows
      .first()
      .getByRole('button', { name: /^Open application/ })
      .click();
    // Opening shows what the desk knows: the person from the organisation's directory, ID number masked, and
    // their application at connectFi; that view, once served, is what approval counts.
    const review = representatives.getByRole('region', { name: /^Review of / });
    const identity = review.getByRole('definition');
    await expect.poll(() => identity.first().textContent(), { timeout: 15_000 }).not.toBe('Not known');
    expect(await review.getByText("The organisation's directory", { exact: false }).count()).toBe(1);
    expect(await review.getByText(/^•+\S+$/).count()).toBe(1);
    expect(await review.getByText('From connectFi, now').count()).toBe(1);
    await expect.poll(() => rows.first().getByRole('cell', { name: 'Opened', exact: true }).count()).toBe(1);
    await shot(page, '09-connectfi-case');
  });
});
