import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseDetail } from '@review-desk/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, signIn } from './support/api';
import { blockingViolations } from './support/axe';
import { claimCase, decisionForm, launchChromium, pickFirstReason, signedInPage } from './support/browser';
import {
  findHitCase,
  type HitCase,
  moveRepresentative,
  pepOnlyHit,
  sanctionsHit,
} from './support/decision-cases';
import { type ReviewSubjects, reviewSubjects, waitForQueue } from './support/queue-seed';
import { ensureWebBuilt, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

if (!chromiumPath) {
  console.log('Browser tests did not run: CHROMIUM_PATH is empty (set it to a Chromium executable).');
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true });

const rationale = 'Same name, exact birth date and nationality as the listing';

/**
 * Judges every hit of the case: the chosen one a true match (with its rationale when the listing asks for
 * one), the others false positives. Each disposition carries the case version, so the next one waits until
 * this one shows as recorded.
 */
async function judgeHits(page: Page, hits: HitCase): Promise<void> {
  const table = page.getByRole('table', { name: 'AML entity hits' });
  for (const ref of hits.hitRefs) {
    // Each hit is a group of rows of its own, marked with its reference.
    const rows = table.locator(`tbody[data-hit-ref="${ref}"]`);
    const choice = ref === hits.hitRef ? 'True match' : 'False positive';
    await rows
      .getByRole('group', { name: /^Disposition of / })
      .getByRole('button', { name: choice })
      .click();
    const asked = rows.getByRole('textbox', { name: /^Rationale for / });
    if (ref === hits.hitRef && (await asked.count()) > 0) {
      await asked.fill(rationale);
      await rows.getByRole('button', { name: 'Record true match' }).click();
    }
    await rows.getByLabel(`Disposition: ${choice}`).waitFor();
  }
}

/** The notification a recorded decision leaves: what was recorded and the state the case is now in. */
async function noticeText(page: Page): Promise<string> {
  const notice = page.getByRole('status').filter({ hasText: 'recorded for' });
  await notice.waitFor();
  return (await notice.textContent()) ?? '';
}

describe.runIf(Boolean(chromiumPath))('Decision integrity in a browser', () => {
  let stack: RunningStack;
  let browser: Browser;
  let analyst: ApiSession;
  let subjects: ReviewSubjects;
  let sanctioned: HitCase;
  let pep: HitCase;
  const caseUrl = (id: string) => `${stack.baseUrl}/cases/${id}`;

  beforeAll(async () => {
    mkdirSync(resultsDir, { recursive: true });
    ensureWebBuilt();
    const launching = launchChromium(chromiumPath);
    stack = await startStack();
    analyst = await signIn(stack.baseUrl, 'analyst');
    await waitForQueue(analyst, 20_000);
    subjects = await reviewSubjects(analyst, stack, Date.now() + 20_000);
    sanctioned = await findHitCase(analyst, stack.capaUrl, sanctionsHit, [], 20_000);
    pep = await findHitCase(analyst, stack.capaUrl, pepOnlyHit, [sanctioned.caseId], 20_000);
    browser = await launching;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a sanctions true match cannot be approved: only reject or escalate, and the API refuses approval', async () => {
    const page = await signedInPage(browser, stack.baseUrl, 'analyst');
    await claimCase(page, caseUrl(sanctioned.caseId));
    await judgeHits(page, sanctioned);

    const form = await decisionForm(page);
    const outcome = (name: string) => form.getByRole('radio', { name, exact: true });
    await expect.poll(() => outcome('Approve').isDisabled()).toBe(true);
    expect(await outcome('Request information').isDisabled()).toBe(true);
    expect(await outcome('Reject').isEnabled()).toBe(true);
    expect(await outcome('Escalate').isEnabled()).toBe(true);
    await form
      .getByText('A sanctions listing is a true match: the case can only be rejected or escalated')
      .first()
      .waitFor();
    await shot(page, 'decisions-01-sanctions-true-match');
    expect(await blockingViolations(page, 'sanctions case')).toEqual([]);

    // Not in the browser alone: the API refuses the approval too, whatever the reason and acknowledgements.
    const detail = await analyst.get<CaseDetail>(`/api/cases/${sanctioned.caseId}`);
    const refused = await analyst.attempt(`/api/cases/${sanctioned.caseId}/decision`, {
      version: detail.case.version,
      outcome: 'approve',
      reasonCode: 'aml_false_positive_cleared',
      viewHash: detail.viewHash,
      acknowledgedWarnings: detail.approval.warnings.map((item) => item.ref),
      acknowledgedGaps: detail.approval.gaps.map((item) => item.ref),
    });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'sanctions_true_match' } } });

    await outcome('Reject').check();
    await pickFirstReason(page, form);
    await form.getByRole('button', { name: 'Record decision' }).click();
    expect(await noticeText(page)).toContain('it is now awaiting second review');
    const after = await analyst.get<CaseDetail>(`/api/cases/${sanctioned.caseId}`);
    expect(after.case.state).toBe('awaiting_second_review');
    expect(after.decisions.map((decision) => decision.outcome)).toEqual(['reject']);
    await page.context().close();
  });

  it('a PEP true match goes from the analyst to a senior, who sees the proposed decision and approves with EDD', async () => {
    const page = await signedInPage(browser, stack.baseUrl, 'analyst');
    await claimCase(page, caseUrl(pep.caseId));
    await judgeHits(page, pep);
    const form = await decisionForm(page);
    await expect.poll(() => form.getByRole('radio', { name: 'Approve' }).isDisabled()).toBe(true);
    await form.getByText('A PEP true match is approved only by a senior: escalate it').first().waitFor();
    await form.getByRole('radio', { name: 'Escalate' }).check();
    await pickFirstReason(page, form);
    await form.getByRole('textbox', { name: /Note for the record/ }).fill('PEP confirmed: needs EDD');
    await form.getByRole('button', { name: 'Record decision' }).click();
    expect(await noticeText(page)).toContain('it is now escalated');
    await page.context().close();

    const senior = await signedInPage(browser, stack.baseUrl, 'senior');
    await senior.goto(caseUrl(pep.caseId));
    const card = senior.getByRole('region', { name: 'Proposed decision' });
    await card.getByRole('heading', { name: 'Escalation: Escalate' }).waitFor();
    await card.getByText('PEP confirmed: needs EDD').waitFor();
    const dispositions = card.getByRole('list', { name: 'Dispositions of the decision' });
    expect(await dispositions.getByLabel('Disposition: True match').count()).toBe(1);
    expect(await dispositions.textContent()).toContain(rationale);
    await shot(senior, 'decisions-02-pep-proposed-decision');
    expect(await blockingViolations(senior, 'PEP case, senior')).toEqual([]);

    await senior.getByRole('button', { name: 'Claim', exact: true }).click();
    await senior.getByRole('button', { name: 'Release', exact: true }).waitFor();
    const decision = await decisionForm(senior);
    await decision.getByRole('radio', { name: 'Approve' }).check();
    // The one reason that agrees with a PEP true match is chosen already.
    await expect
      .poll(() => decision.getByRole('combobox', { name: 'Reason' }).textContent())
      .toContain('Enhanced due diligence completed (PEP)');
    const acknowledgements = decision.getByRole('group', { name: 'Acknowledge before approving' });
    for (const box of await acknowledgements.getByRole('checkbox').all()) await box.check();
    await decision
      .getByRole('textbox', { name: /Note for the record/ })
      .fill('Source of wealth: salary and a documented inheritance, checked against bank statements');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    expect(await noticeText(senior)).toContain('it is now awaiting second review');

    const after = await analyst.get<CaseDetail>(`/api/cases/${pep.caseId}`);
    expect(after.case.state).toBe('awaiting_second_review');
    expect(after.decisions.map((item) => item.outcome)).toEqual(['escalate', 'approve']);
    const approval = after.decisions.find((item) => item.outcome === 'approve');
    expect(approval).toMatchObject({ reasonCode: 'pep_edd_completed', stage: 'first_of_two' });
    expect(approval?.fourEyesReasons).toContain('pep_true_match');
    await senior.context().close();
  });

  it('a change of the evidence between the two decisions voids the first and sends the case back', async () => {
    const business = subjects.connectfi.caseId;
    const page = await signedInPage(browser, stack.baseUrl, 'analyst');
    await claimCase(page, caseUrl(business));
    const form = await decisionForm(page);
    await form.getByRole('radio', { name: 'Reject', exact: true }).check();
    await pickFirstReason(page, form);
    await form.getByRole('button', { name: 'Record decision' }).click();
    expect(await noticeText(page)).toContain('it is now awaiting second review');
    await page.context().close();

    // connectFi moves a representative's application on: the journey the analyst decided on is not the live one.
    await moveRepresentative(stack.connectfiUrl, await analyst.get<CaseDetail>(`/api/cases/${business}`));

    const senior = await signedInPage(browser, stack.baseUrl, 'senior');
    await claimCase(senior, caseUrl(business));
    const card = senior.getByRole('region', { name: 'Proposed decision' });
    await card.getByRole('heading', { name: 'Proposed decision: Reject' }).waitFor();
    const changed = card
      .getByRole('alert')
      .filter({ hasText: 'The verification changed since this decision' });
    await changed.waitFor();
    expect(await changed.textContent()).toContain('connectFi journey: entity applications');
    await card.getByRole('button', { name: 'Agree: reject' }).click();
    const decision = await decisionForm(senior);
    await pickFirstReason(senior, decision);
    await decision.getByRole('button', { name: 'Record decision' }).click();
    const refused = decision.getByRole('alert').filter({ hasText: 'that decision is void' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('It is now reopened, unclaimed');
    // The case page, reloaded, says which decision was void and what changed, for whoever takes it next.
    const voided = senior.getByRole('note', { name: 'Decision voided' });
    await voided.waitFor();
    expect(await voided.textContent()).toContain('connectFi journey: entity applications');
    await shot(senior, 'decisions-03-evidence-changed');
    await senior.context().close();

    const after = await analyst.get<CaseDetail>(`/api/cases/${business}`);
    expect(after.case).toMatchObject({ state: 'reopened', assignee: null, firstReviewer: null });
    expect(after.decisions).toHaveLength(1);
    expect(after.decisions[0]?.supersededAt).not.toBeNull();
    expect(after.decisions[0]?.evidenceChanges).toContain('journey.entityApplications');
  });
});
