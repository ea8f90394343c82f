// An analyst sends a connectFi customer's documents from the case page: the front dropped onto the drop zone
// (a real drop event carrying a DataTransfer), the back through the file button's input, both attached; the
// journey's new status then reaches the open page through the event stream, without a reload.

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseDetail } from '@review-desk/contracts';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, openCase, signIn } from './support/api';
import { blockingViolations } from './support/axe';
import { ensureWebBuilt, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

// A 1×1 PNG, and the first bytes of a JPEG: the desk tells the format by these bytes.
const pngBytes = [
  ...Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
];
const jpegBytes = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
  Buffer.from('back of the licence'),
]);

/** connectFi's partner side (its sandbox's API): a customer whose journey asks for documents, then review. */
async function waitReviewCustomer(stack: RunningStack, admin: ApiSession): Promise<string> {
  const call = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${stack.connectfiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-connectfi-token': token } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { data: T }).data;
  };
  const { token } = await call<{ token: string }>('/auth/get-token', {
    user: { login: 'sandbox-partner', password: 'sandbox-password' },
  });
  const address = {
    type: 'PRIMARY',
    line1: '1 Main St',
    city: 'Austin',
    state: 'TX',
    postalCode: '73301',
    country: 'US',
  };
  const { customerId } = await call<{ customerId: string }>(
    '/customer/init',
    {
      type: 'individual',
      firstName: 'Dana',
      lastName: 'WaitReview',
      dateOfBirth: '1988-02-03',
      email: 'dana@example.com',
      addresses: [address],
    },
    token,
  );
  const { connectfi: webhookURL } = await admin.get<{ connectfi: string }>('/api/webhooks/urls');
  const journey = await call<{ status: string }>('/akepa/identification', { customerId, webhookURL }, token);
  if (journey.status !== 'pending_step_up') throw new Error(`the journey is ${journey.status}`);
  return customerId;
}

describe.runIf(Boolean(chromiumPath))('connectFi documents from the case page', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let analyst: ApiSession;
  let caseId: string;

  beforeAll(async () => {
    mkdirSync(resultsDir, { recursive: true });
    ensureWebBuilt();
    const launching = chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    stack = await startStack();
    analyst = await signIn(stack.baseUrl, 'analyst');
    const customerId = await waitReviewCustomer(stack, await signIn(stack.baseUrl, 'admin'));
    caseId = (await openCase(analyst, 'connectfi', customerId)).case.id;
    browser = await launching;
    page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByLabel('Username').fill('analyst');
    await page.getByLabel('Password').fill('analyst-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('uploads the front by drop and the back by the file button, attaches both, and sees waiting_review', async () => {
    await page.goto(`${stack.baseUrl}/cases/${caseId}`);
    const documents = page.getByRole('region', { name: 'Documents' });
    await documents.getByText('connectFi journey: pending_step_up').waitFor();
    const sent = documents.getByRole('table', { name: 'Documents sent' });

    // A real drop: the browser builds the DataTransfer and its File, and the event bubbles to React.
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'licence-front.png', { type: 'image/png' }));
      return transfer;
    }, pngBytes);
    await documents.getByTestId('document-drop-zone').dispatchEvent('drop', { dataTransfer });
    const front = sent.getByRole('row').filter({ hasText: 'licence-front.png' });
    await front.getByText('Uploaded', { exact: true }).waitFor();

    await documents.getByRole('combobox', { name: 'View' }).click();
    await page.getByRole('option', { name: 'Back', exact: true }).click();
    await documents.getByLabel('Document files').setInputFiles({
      name: 'licence-back.jpg',
      mimeType: 'image/jpeg',
      buffer: jpegBytes,
    });
    const back = sent.getByRole('row').filter({ hasText: 'licence-back.jpg' });
    await back.getByText('Uploaded', { exact: true }).waitFor();
    expect(await front.getByText('Demo analyst').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${resultsDir}10-documents-uploaded.png`, fullPage: true });
    expect(await blockingViolations(page, 'case with documents')).toEqual([]);

    await documents.getByRole('button', { name: 'Attach 2 documents' }).click();
    await expect.poll(() => sent.getByText('Attached', { exact: true }).count()).toBe(2);
    // connectFi calls the desk back; the desk reads the journey again and tells the open page.
    await documents.getByText('connectFi journey: waiting_review').waitFor();
    await page.screenshot({ path: `${resultsDir}11-documents-attached.png`, fullPage: true });

    const detail = await analyst.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail.case.upstreamStatus).toBe('waiting_review');
    expect(['open', 'reopened', 'in_review']).toContain(detail.case.state);
    const actions = detail.timeline.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['case.document_uploaded', 'case.documents_attached']));
  });
});
