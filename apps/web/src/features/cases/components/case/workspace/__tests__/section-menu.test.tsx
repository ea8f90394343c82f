import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderComponent } from '@/testing/test-utils';
import { type RailItem, SectionRail } from '../section-rail';

const items: RailItem[] = [
  { id: 'section-header', label: 'Verification' },
  { id: 'section-aml', label: 'AML', open: '3 undisposed' },
  { id: 'section-timeline', label: 'Timeline' },
];

function renderRail() {
  return renderComponent(
    <>
      <SectionRail items={items} />
      {items.map((item) => (
        <section key={item.id} id={item.id} tabIndex={-1} aria-label={item.label} />
      ))}
    </>,
  );
}

const sectionsButton = () => screen.getByRole('button', { name: 'Sections' });

describe('the section menu (the rail on a phone)', () => {
  // The button shows on phones only (a media query): the window is a phone's width for these tests.
  const happyDom = (window as unknown as { happyDOM: { setViewport: (size: object) => void } }).happyDOM;
  beforeEach(() => happyDom.setViewport({ width: 390, height: 844 }));
  afterEach(() => happyDom.setViewport({ width: 1024, height: 768 }));

  it('lists every section with what is still open there, and moves the keyboard to the one chosen', async () => {
    const { user } = renderRail();
    // The rail's list would push the evidence a screen down: on a phone it is not drawn.
    expect(screen.queryByRole('link', { name: 'Verification' })).toBeNull();
    await user.click(sectionsButton());
    const aml = await screen.findByRole('menuitem', { name: /AML/ });
    expect(aml.textContent).toContain('3 undisposed');
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Verification',
      'AML3 undisposed',
      'Timeline',
    ]);
    await user.click(aml);
    await waitFor(() => expect(document.activeElement?.id).toBe('section-aml'));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('gives the keyboard back to its button when closed without a choice', async () => {
    const { user } = renderRail();
    await user.click(sectionsButton());
    await screen.findByRole('menu');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(sectionsButton()));
  });
});
