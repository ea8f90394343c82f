import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface BlockingViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page as it is now and returns the violations that block people (serious or critical),
 * printing each with the elements it found, so a failure says what to fix.
 */
export async function blockingViolations(page: Page, pageName: string): Promise<BlockingViolation[]> {
  // Evaluated through the DevTools protocol, so the product's Content-Security-Policy stays as it is.
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run(),
  );
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  for (const violation of blocking) {
    console.log(
      `axe ${pageName}: ${violation.impact} ${violation.id} (${violation.help}) at ${violation.targets.join(', ')}`,
    );
  }
  return blocking;
}
