import type { RelatedCase } from '@review-desk/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/test-utils';
import { RelatedCases, relatedPreview } from '../related-cases';

const relatedCase = (n: number, conflicting = false): RelatedCase => ({
  caseId: `case-${n}`,
  provider: 'capa',
  displayName: `Earlier review ${n}`,
  state: 'resolved',
  resolution: conflicting ? 'rejected' : 'approved',
  matchedOn: ['same_subject'],
  createdAt: '2026-11-01T09:00:00.000Z',
  conflicting,
});

const rows = () =>
  within(screen.getByRole('table', { name: 'Related cases' }))
    .getAllByRole('row')
    .slice(1);

describe('RelatedCases', () => {
  it('lists every related case when there are few', () => {
    const related = Array.from({ length: relatedPreview }, (_, n) => relatedCase(n));
    renderWithProviders(<RelatedCases related={related} conflict={false} />);
    expect(rows()).toHaveLength(relatedPreview);
    expect(screen.queryByRole('button', { name: /show all/i })).toBeNull();
  });

  it('lists the first ones of many, says how many conflicting ones are folded away, and shows all on request', async () => {
    const related = Array.from({ length: 25 }, (_, n) => relatedCase(n, n === 3 || n === 17 || n === 21));
    renderWithProviders(<RelatedCases related={related} conflict />);
    expect(screen.getByRole('note').textContent).toContain('Conflicting outcomes');
    expect(rows()).toHaveLength(relatedPreview);
    expect(rows()[0]?.textContent).toContain('Earlier review 0');

    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 25 related cases (2 more with conflicting outcomes)' }),
    );
    expect(rows()).toHaveLength(25);
    expect(rows()[24]?.textContent).toContain('Earlier review 24');
    expect(screen.queryByRole('button', { name: /show all/i })).toBeNull();
  });
});
