import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analystRef, caseSummary } from '@/testing/fixtures/cases';
import { renderComponent } from '@/testing/test-utils';
import { ClaimCountdown } from '../claim-countdown';

const now = Date.parse('2026-11-02T10:00:00.000Z');

describe('the claim countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now, toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  it('shows the time left on the claim and ticks each second, then says when it lapsed', () => {
    const summary = caseSummary({
      state: 'in_review',
      assignee: analystRef,
      claimExpiresAt: new Date(now + 5 * 60_000).toISOString(),
    });
    renderComponent(<ClaimCountdown summary={summary} />);
    const timer = screen.getByRole('timer', { name: 'Claim time left' });
    expect(timer.textContent).toBe('Your claim ends in 5:00 unless you keep working');
    act(() => vi.advanceTimersByTime(1000));
    expect(timer.textContent).toBe('Your claim ends in 4:59 unless you keep working');
    act(() => vi.advanceTimersByTime(4 * 60_000 + 59_000));
    expect(screen.getByRole('timer').textContent).toBe('Your claim has lapsed: claim the case again');
  });

  it('shows nothing for an unclaimed case', () => {
    const { container } = renderComponent(<ClaimCountdown summary={caseSummary({ claimExpiresAt: null })} />);
    expect(container.textContent).toBe('');
  });
});
