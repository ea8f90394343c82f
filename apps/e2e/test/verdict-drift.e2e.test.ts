import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseDetail } from '@review-desk/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, isPlain, openCase, scenarios, signIn } from './support/api';
import { blockingViolations } from './support/axe';
import { claimCase, decisionForm, launchChromium, pickFirstReason, signedInPage } from './support/browser';
import { ensureWebBuilt, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the case until `done` holds, for as long as Capa's webhook and the desk's worker may take. */
async function caseUntil(api: ApiSession, caseId: string, done: (detail: CaseDetail) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const detail = await api.get<CaseDetail>(`/api/cases/${caseId}`);
    if (done(detail)) return detail;
    if (Date.now() >= deadline) throw new Error(`case ${caseId} did not reach the expected state in 30 s`);
    await sleep(250);
  }
}

describe.runIf(Boolean(chromiumPath))(
  "The provider's verdict after the desk's decision, in a browser",
  () => {
    let stack: RunningStack;
    let browser: Browser;
    let analyst: ApiSession;
    let senior: ApiSession;
    let subjectId: string;
    let caseId: string;

    beforeAll(async () => {
      mkdirSync(resultsDir, { recursive: true });
      ensureWebBuilt();
      const launching = launchChromium(chromiumPath);
      stack = await startStack();
      analyst = await signIn(stack.baseUrl, 'analyst');
      senior = await signIn(stack.baseUrl, 'senior');
      const [entry] = (await scenarios(stack.capaUrl, ['capa', 'individual', 'review_needed'])).filter(
        isPlain,
      );
      if (!entry) throw new Error('the sandbox has no plain Capa subject in review');
      subjectId = entry.id;
      caseId = (await openCase(analyst, 'capa', subjectId)).case.id;
      browser = await launching;
    });

    afterAll(async () => {
      await browser?.close();
      await stack?.stop();
    });

    it('the desk rejects a case, Capa then verifies the user, and the analyst sees the banner and the queue facet', async () => {
      // The analyst rejects in the browser; a senior gives the second rejection.
      const page = await signedInPage(browser, stack.baseUrl, 'analyst');
      await claimCase(page, `${stack.baseUrl}/cases/${caseId}`);
      const form = await decisionForm(page);
      await form.getByRole('radio', { name: 'Reject', exact: true }).check();
      await pickFirstReason(page, form);
      await form.getByRole('button', { name: 'Record decision' }).click();
      await caseUntil(analyst, caseId, (detail) => detail.case.state === 'awaiting_second_review');

      const pending = await senior.get<CaseDetail>(`/api/cases/${caseId}`);
      const claimed = await senior.post<{ case: { version: number } }>(`/api/cases/${caseId}/claim`, {
        version: pending.case.version,
      });
      await senior.post(`/api/cases/${caseId}/decision`, {
        version: claimed.case.version,
        outcome: 'reject',
        reasonCode: 'identity_mismatch',
        viewHash: pending.viewHash,
        acknowledgedWarnings: [],
        acknowledgedGaps: [],
      });
      const rejected = await caseUntil(analyst, caseId, (detail) => detail.case.state === 'resolved');
      expect(rejected.case).toMatchObject({ resolution: 'rejected', providerDisagreement: null });

      // The customer completes a new session that Capa verifies; its webhook reaches the desk.
      const completed = await fetch(`${stack.capaUrl}/_sandbox/capa/users/${subjectId}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ result: 'VERIFIED' }),
      });
      expect(completed.status).toBe(200);
      const flagged = await caseUntil(analyst, caseId, (detail) => detail.case.providerDisagreement !== null);
      expect(flagged.case.providerDisagreement).toMatchObject({
        deskResolution: 'rejected',
        providerVerdict: 'approved',
      });

      await page.goto(`${stack.baseUrl}/cases/${caseId}`);
      const banner = page.getByRole('alert', { name: 'Provider disagrees' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain(
        'The desk rejected this case, but Capa has since verified the subject',
      );
      await shot(page, 'drift-01-banner');
      expect(await blockingViolations(page, 'case with a provider disagreement')).toEqual([]);

      await page.goto(`${stack.baseUrl}/queue`);
      const toggle = page.getByRole('button', { name: /^Provider disagrees \(\d+\)$/ });
      await toggle.waitFor();
      expect(await toggle.textContent()).toContain('(1)');
      await toggle.click();
      await page.waitForURL(/disagreement=true/);
      // Listed among the disagreements: the row names the subject.
      const name = rejected.case.displayName ?? subjectId;
      await expect.poll(() => page.getByRole('row').filter({ hasText: name }).count()).toBe(1);
      await shot(page, 'drift-02-queue');
      await page.context().close();
    });
  },
);
