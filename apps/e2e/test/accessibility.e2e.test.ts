import type { Role } from '@review-desk/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlain, openCase, scenarios, signIn } from './support/api';
import { blockingViolations } from './support/axe';
import { launchChromium, signedInPage } from './support/browser';
import { appPages, everyRole, type PageSubjects } from './support/pages';
import { caseOf, reviewSubjects, waitForQueue } from './support/queue-seed';
import { ensureWebBuilt, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
const themes = ['light', 'dark'] as const;
// The app's two backgrounds (apps/web/src/lib/theme.tsx): the theme has switched once the page shows its own.
const backgrounds = { light: 'rgb(245, 246, 248)', dark: 'rgb(18, 20, 23)' } as const;

/** Switches the system colour scheme (the app follows it by default) and waits for the page to repaint. */
async function useTheme(page: Page, theme: (typeof themes)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
    .toBe(backgrounds[theme]);
  // Buttons and chips fade to their new colours; axe mid-fade would measure a mix of the two themes.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          document
            .getAnimations()
            .filter((animation) => animation instanceof CSSTransition && animation.playState === 'running')
            .length,
      ),
    )
    .toBe(0);
}

/**
 * Axe in both themes, the page as it is now: every rule in the first, the colour rules in the second (the
 * theme changes colours only). The failures of both, named by theme.
 */
async function checkBothThemes(page: Page, name: string, within?: string) {
  const found: Record<string, string[]> = {};
  for (const theme of themes) {
    await useTheme(page, theme);
    const violations = await blockingViolations(page, `${name} (${theme})`, {
      within,
      coloursOnly: theme !== themes[0],
    });
    if (violations.length > 0) found[theme] = violations.map((v) => `${v.id}: ${v.targets.join(', ')}`);
  }
  return found;
}

const pagesOf = (role: Role) => appPages.filter((appPage) => appPage.roles.includes(role));

/**
 * A phone held upright: a plain viewport of its size. Chromium's mobile emulation would zoom out to fit a page
 * that is too wide, and so hide the overflow this checks for.
 */
const phone = { viewport: { width: 390, height: 844 }, hasTouch: true };
const phonePages = ['queue', 'case with AML hits', 'business case'];

/** Where the keyboard is after a jump: the section's id, and whether its top is on the screen. */
const focusedSection = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const top = active?.getBoundingClientRect().top ?? -1;
    return { id: active?.id ?? '', onScreen: top >= 0 && top < window.innerHeight };
  });

describe.runIf(Boolean(chromiumPath))('accessibility of every page, for every role, in both themes', () => {
  let stack: RunningStack;
  let browser: Browser;
  let subjects: PageSubjects;
  /** States that are the same for every role, once checked. */
  const statesChecked = new Set<string>();

  beforeAll(async () => {
    ensureWebBuilt();
    const launching = launchChromium(chromiumPath);
    stack = await startStack();
    const analyst = await signIn(stack.baseUrl, 'analyst');
    await waitForQueue(analyst, 20_000);
    const found = await reviewSubjects(analyst, stack, Date.now() + 20_000);
    subjects = {
      amlCaseId: found.capa.caseId,
      amlSubjectId: found.capa.entry.id,
      businessCaseId: found.connectfi.caseId,
    };
    browser = await launching;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the sign-in page', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await checkBothThemes(page, 'sign-in')).toEqual({});
    await context.close();
  });

  describe.each(everyRole)('%s', (role) => {
    let page: Page;

    beforeAll(async () => {
      page = await signedInPage(browser, stack.baseUrl, role);
    });

    afterAll(async () => {
      await page?.context().close();
    });

    it.each(pagesOf(role).map((appPage) => [appPage.name, appPage] as const))(
      '%s, with its dialogs',
      async (name, appPage) => {
        await page.goto(`${stack.baseUrl}${appPage.path(subjects)}`);
        await appPage.ready(page);
        const found: Record<string, Record<string, string[]>> = {};
        const onPage = await checkBothThemes(page, `${role} ${name}`);
        if (Object.keys(onPage).length > 0) found.page = onPage;
        for (const state of appPage.states ?? []) {
          const stateKey = `${name}: ${state.name}`;
          if (state.sameForEveryRole && statesChecked.has(stateKey)) continue;
          statesChecked.add(stateKey);
          await state.open(page);
          const inState = await checkBothThemes(page, `${role} ${name}, ${state.name}`, state.within);
          if (Object.keys(inState).length > 0) found[state.name] = inState;
          await state.close(page);
        }
        expect(found).toEqual({});
      },
    );
  });

  it('keeps a Capa case with face-match warnings within a phone screen: the warnings table scrolls in its section', async () => {
    // Warning codes such as FACE_MATCH_LOW_CONFIDENCE are single long words; the table once widened the page.
    const analyst = await signIn(stack.baseUrl, 'analyst');
    const [entry] = (
      await scenarios(stack.capaUrl, ['capa', 'individual', 'review_needed', 'face:borderline'])
    ).filter(isPlain);
    if (!entry) throw new Error('the sandbox has no Capa session with a borderline face match');
    const caseId =
      (await caseOf(analyst, 'capa', entry.id))?.id ?? (await openCase(analyst, 'capa', entry.id)).case.id;
    const page = await signedInPage(browser, stack.baseUrl, 'analyst', phone);
    try {
      await page.goto(`${stack.baseUrl}/cases/${caseId}`);
      await page.getByRole('table', { name: 'Warnings' }).first().waitFor();
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth, 'the page is wider than the screen').toBeLessThanOrEqual(innerWidth);
    } finally {
      await page.context().close();
    }
  });

  describe.each(everyRole)('%s on a phone (390×844)', (role) => {
    let page: Page;

    beforeAll(async () => {
      page = await signedInPage(browser, stack.baseUrl, role, phone);
    });

    afterAll(async () => {
      await page?.context().close();
    });

    const pages = pagesOf(role).filter((appPage) => phonePages.includes(appPage.name));
    it.each(pages.map((appPage) => [appPage.name, appPage] as const))(
      '%s fits the screen, with no sideways scroll',
      async (_name, appPage) => {
        await page.goto(`${stack.baseUrl}${appPage.path(subjects)}`);
        await appPage.ready(page);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(scrollWidth, 'the page is wider than the screen').toBeLessThanOrEqual(innerWidth);
        if (!appPage.name.includes('case')) return;

        // The section rail becomes a menu; Escape leaves the keyboard on its button.
        const sections = page.getByRole('navigation', { name: 'Sections of the case' });
        const menuButton = sections.getByRole('button', { name: 'Sections' });
        await menuButton.click();
        await page.getByRole('menuitem').first().waitFor();
        const labels = await page.getByRole('menuitem').allTextContents();
        expect(labels.length).toBeGreaterThan(3);
        await page.keyboard.press('Escape');
        await page.getByRole('menu').waitFor({ state: 'hidden' });
        await expect
          .poll(() => menuButton.evaluate((button) => button === document.activeElement))
          .toBe(true);

        // Each entry takes the keyboard to its own section, on screen: every one for the analyst, the last
        // (the furthest scroll) for the other roles, whose menus are built the same way.
        const entries = role === 'analyst' ? labels.map((_, index) => index) : [labels.length - 1];
        const reached = new Set<string>();
        for (const index of entries) {
          await menuButton.click();
          await page.getByRole('menuitem').nth(index).click();
          await expect
            .poll(() => focusedSection(page))
            .toMatchObject({ onScreen: true, id: expect.stringMatching(/^section-/) });
          reached.add((await focusedSection(page)).id);
        }
        expect(reached.size).toBe(entries.length);
      },
    );
  });
});
