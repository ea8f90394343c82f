import { describe, expect, it, vi } from 'vitest';
import { startDeadline } from '../../src/upstream/http';
import { backoffMs, DEFAULT_RETRY, withRetry } from '../../src/upstream/retry';

describe('backoffMs', () => {
  it('draws uniformly below the capped exponential ceiling', () => {
    const policy = { retries: 5, baseMs: 50, capMs: 500 };
    expect(backoffMs(0, policy, () => 0)).toBe(0);
    expect(backoffMs(0, policy, () => 0.999)).toBe(49);
    expect(backoffMs(2, policy, () => 0.5)).toBe(100);
    expect(backoffMs(10, policy, () => 0.999)).toBe(499);
  });
});

describe('withRetry', () => {
  it('stops after the configured retries and rethrows the last error', async () => {
    const deadline = startDeadline(1_000);
    let attempts = 0;
    const outcome = withRetry(
      async (index) => {
        attempts += 1;
        throw new Error(`attempt ${index}`);
      },
      { policy: { ...DEFAULT_RETRY, baseMs: 1 }, deadline, isRetryable: () => true },
    );
    await expect(outcome).rejects.toThrow('attempt 2');
    expect(attempts).toBe(3);
    deadline.dispose();
  });

  it('does not retry errors the predicate rejects', async () => {
    const deadline = startDeadline(1_000);
    let attempts = 0;
    const outcome = withRetry(
      async () => {
        attempts += 1;
        throw new Error('client error');
      },
      { policy: DEFAULT_RETRY, deadline, isRetryable: () => false },
    );
    await expect(outcome).rejects.toThrow('client error');
    expect(attempts).toBe(1);
    deadline.dispose();
  });

  it('gives up instead of sleeping past the deadline', async () => {
    // With the clock frozen, a retry that chose to sleep 1 s would never settle; giving up settles at once.
    vi.useFakeTimers();
    const deadline = startDeadline(30);
    let attempts = 0;
    const outcome = withRetry(
      async () => {
        attempts += 1;
        throw new Error('down');
      },
      {
        policy: { retries: 5, baseMs: 1_000, capMs: 1_000 },
        deadline,
        isRetryable: () => true,
        random: () => 0.9,
      },
    );
    const settled = vi.fn();
    outcome.catch(settled);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ message: 'down' }));
    expect(attempts).toBe(1);
    deadline.dispose();
    vi.useRealTimers();
  });
});
