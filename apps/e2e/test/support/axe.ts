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
  /** What axe saw at the first few elements: their markup and why they fail (contrast ratios and colours). */
  examples: string[];
}

/** Which part of the page to check, and whether only the rules that read colours. */
export interface AxeScope {
  /** A CSS selector: only what it matches (a dialog over a page already checked). */
  within?: string;
  /**
   * Only the rules whose outcome depends on colours. A second theme changes the palette and nothing else, so
   * the page's structure (names, roles, landmarks) has already been checked in the first.
   */
  coloursOnly?: boolean;
}

/** The rules a palette can change the outcome of. */
const colourRules = ['color-contrast', 'link-in-text-block'];

/**
 * Runs axe-core in the page as it is now and returns the violations that block people (serious or critical),
 * printing each with the elements it found, so a failure says what to fix.
 */
export async function blockingViolations(
  page: Page,
  pageName: string,
  scope: AxeScope = {},
): Promise<BlockingViolation[]> {
  // Evaluated through the DevTools protocol, so the product's Content-Security-Policy stays as it is. Once per
  // document: a page that stays open between checks keeps it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    ({ within, rules }) =>
      (
        window as unknown as {
          axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> };
        }
      ).axe.run(
        within ? { include: [within] } : document,
        rules ? { runOnly: { type: 'rule', values: rules } } : {},
      ),
    { within: scope.within ?? null, rules: scope.coloursOnly ? colourRules : null },
  );
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
      examples: violation.nodes
        .slice(0, 3)
        .map((node) => `${node.html.slice(0, 160)} → ${node.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
    }));
  for (const violation of blocking) {
    console.log(
      `axe ${pageName}: ${violation.impact} ${violation.id} (${violation.help}) at ${violation.targets.join(', ')}`,
    );
    for (const example of violation.examples) console.log(`  e.g. ${example}`);
  }
  return blocking;
}
