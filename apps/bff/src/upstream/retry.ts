import type { Deadline, DeadlineSignal } from './http';

export interface RetryPolicy {
  /** Extra attempts after the first one. */
  retries: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseMs: 50, capMs: 500 };

/** "Full jitter" back-off: uniform in [0, min(cap, base · 2^attempt)), so retrying callers spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

function sleep(ms: number, signal: DeadlineSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.off('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.on('abort', done);
  });
}

export interface RetryOptions {
  policy: RetryPolicy;
  deadline: Deadline;
  isRetryable: (error: unknown) => boolean;
  random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs out of retries, or the next
 * back-off would not fit in what is left of the deadline. The last error is rethrown as is.
 */
export async function withRetry<T>(
  attempt: (index: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let index = 0; ; index++) {
    try {
      return await attempt(index);
    } catch (error) {
      if (index >= options.policy.retries || !options.isRetryable(error)) throw error;
      const delay = backoffMs(index, options.policy, options.random);
      if (options.deadline.expired() || delay >= options.deadline.remainingMs()) throw error;
      await sleep(delay, options.deadline.signal);
    }
  }
}
