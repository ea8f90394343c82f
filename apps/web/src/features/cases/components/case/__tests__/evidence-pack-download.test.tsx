import type { CaseSummary } from '@review-desk/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/test-utils';
import { EvidencePackDownload } from '../evidence-pack-download';

const summary = (state: CaseSummary['state']) =>
  ({ id: '6f1c1f9e-0000-4000-8000-000000000001', state }) as CaseSummary;

describe('EvidencePackDownload', () => {
  it('links to the masked pack, and to the unmasked one once the senior asks for it', async () => {
    renderWithProviders(<EvidencePackDownload summary={summary('resolved')} />);
    const link = screen.getByRole('link', { name: 'Download evidence pack' });
    expect(link.getAttribute('href')).toBe(
      '/api/cases/6f1c1f9e-0000-4000-8000-000000000001/evidence-pack.pdf',
    );
    await userEvent.click(screen.getByRole('checkbox', { name: /in full/ }));
    expect(link.getAttribute('href')).toBe(
      '/api/cases/6f1c1f9e-0000-4000-8000-000000000001/evidence-pack.pdf?unmasked=true',
    );
    expect(screen.queryByText(/not final/)).toBeNull();
  });

  it('says an unresolved case gives a pack marked not final', () => {
    renderWithProviders(<EvidencePackDownload summary={summary('in_review')} />);
    expect(screen.getByText(/marked not final/)).toBeTruthy();
  });
});
