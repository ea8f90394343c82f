import type { Role } from '@review-desk/contracts';
import type { Page } from 'playwright-core';

/** The cases and subject the page table opens: one with AML hits, one business. */
export interface PageSubjects {
  amlCaseId: string;
  amlSubjectId: string;
  businessCaseId: string;
}

/** A state of a page worth checking on its own: a dialog or a panel opened over it, closed again after. */
export interface PageState {
  name: string;
  /** What it adds to the page, as a CSS selector: only that is checked again. */
  within: string;
  /**
   * The same component and content whatever the role (the account menu, the shortcut list): checked for the
   * first role that reaches the page only, to keep the run short.
   */
  sameForEveryRole?: boolean;
  /** Opens it, and returns once it has rendered. */
  open: (page: Page) => Promise<void>;
  close: (page: Page) => Promise<void>;
}

/** A page of the SPA, who can reach it, and how to tell it has drawn its content (not its skeleton). */
export interface AppPage {
  name: string;
  roles: readonly Role[];
  path: (subjects: PageSubjects) => string;
  /** A condition that holds once the page shows what it is for. */
  ready: (page: Page) => Promise<void>;
  states?: readonly PageState[];
}

export const everyRole: readonly Role[] = ['analyst', 'senior', 'support', 'admin'];
/** Who may open a case or a subject (admins see no personal data). */
const readers: readonly Role[] = ['analyst', 'senior', 'support'];

/** The page's title and no skeleton or progress bar left. */
async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.locator('[aria-busy="true"], [role="progressbar"]').first().waitFor({ state: 'detached' });
}

const escapeCloses = async (page: Page) => {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
};

const dialog = '[role="dialog"]';

const menu = '[role="menu"]';

const escapeClosesMenu = async (page: Page) => {
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'hidden' });
};

/** The account menu of the app bar, the same on every page: checked on one. */
const accountMenu: PageState = {
  name: 'account menu',
  sameForEveryRole: true,
  within: menu,
  open: async (page) => {
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^Demo / })
      .click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
  },
  close: escapeClosesMenu,
};

const shortcutsDialog: PageState = {
  name: 'shortcuts dialog',
  sameForEveryRole: true,
  within: dialog,
  open: async (page) => {
    await page.getByRole('button', { name: 'Shortcuts (?)' }).click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  },
  close: escapeCloses,
};

const imageViewer: PageState = {
  name: 'image viewer',
  sameForEveryRole: true,
  within: dialog,
  open: async (page) => {
    await page
      .getByRole('button', { name: /^Open / })
      .first()
      .click();
    await page.getByRole('dialog').locator('img').first().waitFor();
  },
  close: escapeCloses,
};

/** The case page once its sections and decision panel are drawn. */
async function caseReady(page: Page): Promise<void> {
  // Attached, not visible: on a phone the rail is only a button fixed in a corner, and takes no room itself.
  await page.getByRole('navigation', { name: 'Sections of the case' }).waitFor({ state: 'attached' });
  await page.getByRole('complementary', { name: 'Decision and actions' }).waitFor();
  await page.locator('[aria-busy="true"], [role="progressbar"]').first().waitFor({ state: 'detached' });
}

/** Every route of the SPA a signed-in user reaches, by role (the access matrix of apps/bff decides who). */
export const appPages: readonly AppPage[] = [
  {
    name: 'queue',
    roles: everyRole,
    path: () => '/queue',
    ready: async (page) => {
      await heading(page, 'Queue');
      await page.getByRole('table', { name: 'Case queue' }).locator('tbody tr').first().waitFor();
    },
    states: [
      {
        name: 'filters open',
        within: 'section[aria-label="Filters"]',
        open: async (page) => {
          await page.getByRole('button', { name: /^Filters \(\d+\)$/ }).click();
          await page.getByRole('region', { name: 'Filters' }).waitFor();
        },
        close: async (page) => {
          await page.getByRole('button', { name: /^Filters \(\d+\)$/ }).click();
          await page.getByRole('region', { name: 'Filters' }).waitFor({ state: 'detached' });
        },
      },
      {
        name: 'saved views menu',
        sameForEveryRole: true,
        within: menu,
        open: async (page) => {
          await page.getByRole('button', { name: 'Views', exact: true }).click();
          await page.getByRole('menuitem', { name: 'Save or manage views…' }).waitFor();
          // The user's and the team's views, once the desk has answered.
          await page.getByRole('menuitem', { name: 'Loading views…' }).waitFor({ state: 'detached' });
        },
        close: escapeClosesMenu,
      },
      {
        name: 'saved views dialog',
        sameForEveryRole: true,
        within: dialog,
        open: async (page) => {
          await page.getByRole('button', { name: 'Views', exact: true }).click();
          await page.getByRole('menuitem', { name: 'Save or manage views…' }).click();
          await page.getByRole('dialog', { name: 'Saved views' }).waitFor();
          await page.getByRole('menu').waitFor({ state: 'hidden' });
        },
        close: escapeCloses,
      },
    ],
  },
  {
    name: 'case with AML hits',
    roles: readers,
    path: (subjects) => `/cases/${subjects.amlCaseId}`,
    ready: caseReady,
    states: [shortcutsDialog, imageViewer],
  },
  {
    name: 'business case',
    roles: readers,
    path: (subjects) => `/cases/${subjects.businessCaseId}`,
    ready: caseReady,
  },
  {
    name: 'subject',
    roles: readers,
    path: (subjects) => `/subjects/capa/${subjects.amlSubjectId}`,
    ready: async (page) => {
      await heading(page, 'Capa subject');
      await page.getByRole('heading', { name: 'ID document' }).first().waitFor();
    },
  },
  {
    name: 'search',
    roles: readers,
    path: (subjects) => `/search?q=${subjects.amlSubjectId}`,
    ready: async (page) => {
      await heading(page, 'Search');
      await page.getByRole('region', { name: 'Search results' }).getByRole('link').first().waitFor();
    },
  },
  {
    name: 'overview',
    roles: everyRole,
    path: () => '/overview',
    ready: (page) => heading(page, /Overview/),
    states: [accountMenu],
  },
  {
    name: 'audit log',
    roles: ['senior', 'admin'],
    path: () => '/audit',
    ready: async (page) => {
      await heading(page, /Audit/);
      await page.locator('tbody tr').first().waitFor();
    },
  },
  {
    name: 'users',
    roles: ['admin'],
    path: () => '/admin/users',
    ready: async (page) => {
      await heading(page, /Users/);
      await page.locator('tbody tr').first().waitFor();
    },
    states: [
      {
        name: 'add user dialog',
        within: dialog,
        open: async (page) => {
          await page.getByRole('button', { name: 'Add a user' }).click();
          await page.getByRole('dialog', { name: 'Add a user' }).waitFor();
        },
        close: escapeCloses,
      },
      {
        name: 'reset password dialog',
        within: dialog,
        open: async (page) => {
          await page.getByRole('button', { name: 'Reset password' }).first().click();
          await page.getByRole('dialog', { name: /^Reset the password of / }).waitFor();
        },
        close: escapeCloses,
      },
    ],
  },
  {
    name: 'deliveries',
    roles: ['admin'],
    path: () => '/admin/deliveries',
    ready: (page) => heading(page, /Deliveries/),
  },
  {
    name: 'not found',
    roles: everyRole,
    path: () => '/no-such-page',
    ready: (page) => heading(page, 'Page not found'),
  },
];
