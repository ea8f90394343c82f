import { ARABIC_NAME, IMG_TEXT, LONG_NAME, SCRIPT_TEXT } from '@review-desk/contracts/testing';
import { screen } from '@testing-library/react';
import { expect } from 'vitest';

/**
 * Asserts that hostile provider strings arrived as readable text: markup shown literally and never turned
 * into elements, the 5,000-character name in full, and Arabic text present in a direction-isolated span.
 */
export function expectHostileStringsAsText(
  container: HTMLElement,
  expected: { long?: boolean; arabic?: boolean } = {},
) {
  expect(container.querySelector('script')).toBeNull();
  expect(container.querySelector('img[src="x"]')).toBeNull();
  expect(container.querySelector('[onerror]')).toBeNull();
  const literal = [...screen.queryAllByText(SCRIPT_TEXT), ...screen.queryAllByText(IMG_TEXT)];
  expect(literal.length).toBeGreaterThan(0);
  if (expected.long ?? true) expect(screen.getAllByText(LONG_NAME).length).toBeGreaterThan(0);
  if (expected.arabic ?? true) {
    const arabic = screen.getAllByText(ARABIC_NAME);
    expect(arabic.length).toBeGreaterThan(0);
    expect(arabic.some((element) => element.closest('bdi[dir="auto"]') !== null)).toBe(true);
  }
}
