import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, signIn } from './support/api';
import { blockingViolations } from './support/axe';
import { type ReviewSubjects, reviewSubjects, waitForQueue } from './support/queue-seed';
import { ensureWebBuilt, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
// Screenshots of the workspace at the sizes analysts use; git-ignored.
const artifactsDir = fileURLToPath(new URL('../artifacts/', import.meta.url));

async function signInThroughForm(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-demo`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** What has the keyboard: a hit's ref, an entity row, a section id, or the element's role and name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active) return { kind: 'none' };
    return {
      kind: active.dataset.reviewStop ?? active.tagName.toLowerCase(),
      hitRef: active.dataset.hitRef ?? null,
      id: active.id,
      type: (active as HTMLInputElement).type ?? null,
      checked: (active as HTMLInputElement).checked ?? null,
      inDecision: active.closest('#case-decision') !== null,
    };
  });

let stopCounter = 0;

/** Presses j until the keyboard is on a stop of this kind not visited yet; null when the evidence ends. */
async function nextStop(page: Page, kind: 'hit' | 'entity', seen: Set<string>, limit = 40) {
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('j');
    const now = await focused(page);
    stopCounter += 1;
    const key = now.hitRef ?? `${now.kind}:${stopCounter}`;
    if (now.kind === kind && !seen.has(key)) {
      seen.add(key);
      return key;
    }
    if (now.id === 'section-timeline') return null;
  }
  return null;
}

const inViewport = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const rect = element.getBoundingClientRect();
      return (
        rect.top >= 0 && rect.left >= 0 && rect.top < window.innerHeight && rect.right <= window.innerWidth
      );
    });

describe.runIf(Boolean(chromiumPath))('a whole review by keyboard', () => {
  let stack: RunningStack;
  let browser: Browser;
  let analystApi: ApiSession;
  let subjects: ReviewSubjects;

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    ensureWebBuilt();
    const launching = chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    stack = await startStack();
    analystApi = await signIn(stack.baseUrl, 'analyst');
    await waitForQueue(analystApi, 20_000);
    subjects = await reviewSubjects(analystApi, stack, Date.now() + 20_000);
    browser = await launching;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('keeps the decision in view beside the AML hits, axe-clean in light and dark, at 1366×900 and 1920×1080', async () => {
    for (const viewport of [
      { width: 1366, height: 900 },
      { width: 1920, height: 1080 },
    ]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport, colorScheme });
        const page = await context.newPage();
        await signInThroughForm(page, stack.baseUrl, 'analyst');
        await page.goto(`${stack.baseUrl}/cases/${subjects.capa.caseId}`);
        await page.getByRole('region', { name: 'Decision' }).waitFor();
        await page.locator('[data-review-stop="hit"]').first().scrollIntoViewIfNeeded();
        expect(await inViewport(page, '[data-review-stop="hit"]')).toBe(true);
        expect(await inViewport(page, '#case-decision section')).toBe(true);
        // No horizontal page scroll.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
          true,
        );
        // The page settled for the audit and the screenshot: every image drawn. (Not "network idle", which a
        // loaded CI run did not reach on this page within 30 s.)
        await page.waitForFunction(() => [...document.images].every((image) => image.complete));
        expect(await blockingViolations(page, `case page ${viewport.width} ${colorScheme}`)).toEqual([]);
        await page.screenshot({
          path: `${artifactsDir}case-${viewport.width}x${viewport.height}-${colorScheme}.png`,
        });
        await context.close();
      }
    }
  });

  it('claims, opens and disposes of every hit, opens the representatives, approves and moves on', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await signInThroughForm(page, stack.baseUrl, 'analyst');
    // The decision's notice stays on this case; the next one is opened with n.
    await page.evaluate(() => localStorage.setItem('review-desk.open-next-after-decision', 'false'));

    // A connectFi business: each representative opened from the keyboard.
    await page.goto(`${stack.baseUrl}/cases/${subjects.connectfi.caseId}`);
    await page.getByRole('region', { name: 'Decision' }).waitFor();
    await page.keyboard.press('c');
    await page.getByRole('button', { name: 'Release', exact: true }).waitFor();
    const entities = new Set<string>();
    for (let opened = 0; opened < 10; opened++) {
      if ((await nextStop(page, 'entity', entities)) === null) break;
      await page.keyboard.press('o');
    }
    expect(entities.size).toBeGreaterThanOrEqual(subjects.connectfi.representatives + 1);
    const representatives = page.getByRole('table', { name: 'Business representatives' });
    await expect
      .poll(() => representatives.getByRole('cell', { name: 'Not yet', exact: true }).count())
      .toBe(0);
    expect(await representatives.getByRole('button', { name: /^Close/ }).count()).toBe(
      subjects.connectfi.representatives,
    );
    await page.keyboard.press('c');
    await page.getByRole('button', { name: 'Claim', exact: true }).waitFor();

    // The Capa individual with several hits, decided from the keyboard alone.
    await page.goto(`${stack.baseUrl}/cases/${subjects.capa.caseId}`);
    await page.getByRole('region', { name: 'Decision' }).waitFor();
    await page.keyboard.press('c');
    await page.getByRole('button', { name: 'Release', exact: true }).waitFor();
    const hits = new Set<string>();
    for (let count = 0; count < 60; count++) {
      if ((await nextStop(page, 'hit', hits)) === null) break;
      // Focus visible: the hit the keys act on is outlined.
      expect(
        await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle),
      ).not.toBe('none');
      await page.keyboard.press('o');
      await page.keyboard.press('2');
      const hitRef = [...hits].at(-1) ?? '';
      await expect
        .poll(() =>
          page
            .locator(`[data-hit-ref="${hitRef}"] button[value="false_positive"]`)
            .getAttribute('aria-pressed'),
        )
        .toBe('true');
    }
    expect(hits.size).toBeGreaterThan(1);
    const rail = page.getByRole('navigation', { name: 'Sections of the case' });
    await expect.poll(() => rail.textContent()).not.toContain('undisposed');

    // Approve: the evidence's warnings and gaps are acknowledged with Shift+Tab and Space, then the reason.
    await page.keyboard.press('a');
    const form = page.getByRole('form', { name: 'Record a decision' });
    await expect.poll(() => form.getByRole('radio', { name: 'Approve', exact: true }).isChecked()).toBe(true);
    for (let step = 0; step < 40; step++) {
      await page.keyboard.press('Shift+Tab');
      const now = await focused(page);
      if (!now.inDecision || now.type === 'radio') break;
      if (now.type === 'checkbox' && now.checked === false) await page.keyboard.press('Space');
    }
    await page.keyboard.press('a');
    // a brings the reason to the keyboard once the outcome has rendered: Enter goes there only after that.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role') ?? null))
      .toBe('combobox');
    await page.keyboard.press('Enter');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByRole('button', { name: 'Record decision' }).isEnabled()).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Approve recorded' }).waitFor();

    // n: the next case, claimed and opened.
    const decidedUrl = page.url();
    await page.keyboard.press('n');
    await page.waitForURL((url) => url.href !== decidedUrl && /\/cases\//.test(url.pathname));
    await page.getByRole('region', { name: 'Decision' }).waitFor();
    await page.screenshot({ path: `${artifactsDir}next-case-1366x900.png` });
  });
});
