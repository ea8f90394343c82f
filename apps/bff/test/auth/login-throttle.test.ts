import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/auth/login-throttle';

describe('login throttle', () => {
  const second = 1_000;
  const minute = 60_000;

  it('slows a name down, from every address, doubling the wait with each failure past the free ones, up to a cap', () => {
    const throttle = new LoginThrottle({ freeFailures: 2, baseDelayMs: second, maxDelayMs: 8 * second });
    throttle.recordFailure('amy', 'a', 0);
    throttle.recordFailure('amy', 'b', 0);
    expect(throttle.retryAfterMs('amy', 'c', 0)).toBe(0);
    const waits: number[] = [];
    let now = 0;
    for (let failure = 0; failure < 5; failure++) {
      throttle.recordFailure('amy', `address-${failure}`, now);
      waits.push(throttle.retryAfterMs('amy', 'elsewhere', now));
      now += waits[waits.length - 1] ?? 0;
    }
    expect(waits).toEqual([1, 2, 4, 8, 8].map((n) => n * second));
    expect(throttle.retryAfterMs('bob', 'a', now)).toBe(0);
    expect(throttle.lockouts(now - 1)).toEqual([
      { username: 'amy', address: null, kind: 'slowed', failures: 7, retryAfterMs: 1 },
    ]);
  });

  it('locks a name for one address only, after the limit within the window, until the oldest leaves it', () => {
    const throttle = new LoginThrottle({ lockLimit: 3, windowMs: 10 * minute, freeFailures: 100 });
    throttle.recordFailure('amy', 'stranger', 0);
    throttle.recordFailure('amy', 'stranger', 2 * minute);
    expect(throttle.retryAfterMs('amy', 'stranger', 2 * minute)).toBe(0);
    throttle.recordFailure('amy', 'stranger', 4 * minute);
    expect(throttle.retryAfterMs('amy', 'stranger', 4 * minute)).toBe(6 * minute);
    expect(throttle.retryAfterMs('amy', 'office', 4 * minute)).toBe(0);
    expect(throttle.lockouts(4 * minute)).toEqual([
      { username: 'amy', address: 'stranger', kind: 'locked', failures: 3, retryAfterMs: 6 * minute },
    ]);
    // Sliding: once the first failure is 10 minutes old, two remain in the window.
    expect(throttle.retryAfterMs('amy', 'stranger', 10 * minute)).toBe(0);
  });

  it("forgets the name's slow-down and that address's lock on success, not other addresses' locks", () => {
    const throttle = new LoginThrottle({ lockLimit: 2, freeFailures: 1 });
    for (const address of ['stranger', 'stranger', 'office', 'office'])
      throttle.recordFailure('amy', address, 0);
    throttle.reset('amy', 'office');
    expect(throttle.retryAfterMs('amy', 'office', 1)).toBe(0);
    expect(throttle.retryAfterMs('amy', 'stranger', 1)).toBeGreaterThan(0);
  });

  it('tracks a bounded number of names, dropping the least recently failed', () => {
    const throttle = new LoginThrottle({ lockLimit: 1, maxTracked: 2 });
    throttle.recordFailure('amy', 'a', 0);
    throttle.recordFailure('bob', 'a', 1);
    throttle.recordFailure('cid', 'a', 2);
    expect(throttle.retryAfterMs('amy', 'a', 3)).toBe(0);
    expect(throttle.retryAfterMs('bob', 'a', 3)).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('cid', 'a', 3)).toBeGreaterThan(0);
  });
});
