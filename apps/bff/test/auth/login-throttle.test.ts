import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/auth/login-throttle';

describe('login throttle', () => {
  const minute = 60_000;

  it('locks a name after the limit of failures within the window, until the oldest leaves it', () => {
    const throttle = new LoginThrottle(3, 10 * minute);
    throttle.recordFailure('amy', 0);
    throttle.recordFailure('amy', 2 * minute);
    expect(throttle.retryAfterMs('amy', 2 * minute)).toBe(0);
    throttle.recordFailure('amy', 4 * minute);
    expect(throttle.retryAfterMs('amy', 4 * minute)).toBe(6 * minute);
    expect(throttle.retryAfterMs('bob', 4 * minute)).toBe(0);
    // Sliding: once the first failure is 10 minutes old, two remain in the window.
    expect(throttle.retryAfterMs('amy', 10 * minute)).toBe(0);
  });

  it('forgets a name on success', () => {
    const throttle = new LoginThrottle(2, 10 * minute);
    throttle.recordFailure('amy', 0);
    throttle.recordFailure('amy', 1);
    expect(throttle.retryAfterMs('amy', 2)).toBeGreaterThan(0);
    throttle.reset('amy');
    expect(throttle.retryAfterMs('amy', 2)).toBe(0);
  });

  it('tracks a bounded number of names, dropping the least recently failed', () => {
    const throttle = new LoginThrottle(1, 10 * minute, 2);
    throttle.recordFailure('amy', 0);
    throttle.recordFailure('bob', 1);
    throttle.recordFailure('cid', 2);
    expect(throttle.retryAfterMs('amy', 3)).toBe(0);
    expect(throttle.retryAfterMs('bob', 3)).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('cid', 3)).toBeGreaterThan(0);
  });
});
