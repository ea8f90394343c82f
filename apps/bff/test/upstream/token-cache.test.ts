import { describe, expect, it } from 'vitest';
import { createTokenCache, type IssuedToken } from '../../src/upstream/token-cache';

function issuer(lifetimeMs: number, clock: { t: number }) {
  let issued = 0;
  let release: (() => void) | undefined;
  let hold = false;
  return {
    get count() {
      return issued;
    },
    holdNext() {
      hold = true;
    },
    release() {
      release?.();
    },
    issue: (): Promise<IssuedToken> => {
      issued += 1;
      const token = { token: `token-${issued}`, expiresAt: clock.t + lifetimeMs };
      if (!hold) return Promise.resolve(token);
      hold = false;
      return new Promise((resolve) => {
        release = () => resolve(token);
      });
    },
  };
}

describe('createTokenCache', () => {
  it('reuses a token until 30 s before expiry for long-lived tokens', async () => {
    const clock = { t: 1_000_000 };
    const source = issuer(3_600_000, clock);
    const cache = createTokenCache({ issue: source.issue, now: () => clock.t });
    expect(await cache.get()).toBe('token-1');
    clock.t += 3_600_000 - 30_001;
    expect(await cache.get()).toBe('token-1');
    clock.t += 1;
    expect(await cache.get()).toBe('token-2');
    expect(source.count).toBe(2);
  });

  it('renews short-lived tokens a tenth of their lifetime early', async () => {
    const clock = { t: 0 };
    const source = issuer(60_000, clock);
    const cache = createTokenCache({ issue: source.issue, now: () => clock.t });
    await cache.get();
    clock.t = 53_999;
    expect(await cache.get()).toBe('token-1');
    clock.t = 54_000;
    expect(await cache.get()).toBe('token-2');
  });

  it('shares one issuance among concurrent callers', async () => {
    const clock = { t: 0 };
    const source = issuer(60_000, clock);
    const cache = createTokenCache({ issue: source.issue, now: () => clock.t });
    source.holdNext();
    const waiting = Array.from({ length: 20 }, () => cache.get());
    source.release();
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['token-1']));
    expect(source.count).toBe(1);
  });

  it('forgets a refused token but not a newer one', async () => {
    const clock = { t: 0 };
    const source = issuer(60_000, clock);
    const cache = createTokenCache({ issue: source.issue, now: () => clock.t });
    await cache.get();
    cache.invalidate('token-1');
    expect(await cache.get()).toBe('token-2');
    cache.invalidate('token-1');
    expect(await cache.get()).toBe('token-2');
    expect(source.count).toBe(2);
  });

  it('tries again after a failed issuance', async () => {
    let calls = 0;
    const cache = createTokenCache({
      issue: async () => {
        calls += 1;
        if (calls === 1) throw new Error('down');
        return { token: 'ok', expiresAt: Date.now() + 60_000 };
      },
    });
    await expect(cache.get()).rejects.toThrow('down');
    expect(await cache.get()).toBe('ok');
  });
});
