import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/upstream/breaker';
import { UpstreamError, type UpstreamErrorKind } from '../../src/upstream/errors';

const failing = (kind: UpstreamErrorKind, upstreamStatus?: number) => async () => {
  throw new UpstreamError('failed', {
    provider: 'capa',
    kind,
    operation: 'op',
    ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
  });
};
const ok = async () => 'ok';

function setup() {
  const clock = { t: 0 };
  const breaker = createCircuitBreaker({
    provider: 'capa',
    options: { failureThreshold: 3, windowMs: 1_000, coolDownMs: 500 },
    now: () => clock.t,
  });
  const fail = async (call = failing('unavailable')) => {
    await breaker.run('op', call).catch(() => undefined);
  };
  return { clock, breaker, fail };
}

describe('createCircuitBreaker', () => {
  it('opens after the threshold of consecutive transient failures', async () => {
    const { breaker, fail } = setup();
    await fail();
    await fail(failing('timeout'));
    expect(breaker.state()).toBe('closed');
    await fail(failing('bad_response', 502));
    expect(breaker.state()).toBe('open');
    let ran = false;
    const rejected = breaker.run('op', async () => {
      ran = true;
    });
    await expect(rejected).rejects.toMatchObject({ kind: 'circuit_open', provider: 'capa' });
    expect(ran).toBe(false);
  });

  it('does not count 4xx and lets them break the streak', async () => {
    const { breaker, fail } = setup();
    await fail();
    await fail();
    await fail(failing('not_found', 404));
    await fail(failing('rejected', 400));
    await fail();
    await fail();
    expect(breaker.state()).toBe('closed');
  });

  it('restarts the count when failures are spread beyond the window', async () => {
    const { breaker, clock, fail } = setup();
    await fail();
    await fail();
    clock.t += 1_001;
    await fail();
    expect(breaker.state()).toBe('closed');
    await fail();
    await fail();
    expect(breaker.state()).toBe('open');
  });

  it('lets exactly one probe through after the cool-down and closes on its success', async () => {
    const { breaker, clock, fail } = setup();
    for (let i = 0; i < 3; i++) await fail();
    clock.t += 499;
    expect(breaker.state()).toBe('open');
    clock.t += 1;
    expect(breaker.state()).toBe('half_open');

    let release: (() => void) | undefined;
    const probe = breaker.run(
      'op',
      () => new Promise<string>((resolve) => (release = () => resolve('probe'))),
    );
    await expect(breaker.run('op', ok)).rejects.toMatchObject({ kind: 'circuit_open' });
    release?.();
    expect(await probe).toBe('probe');
    expect(breaker.state()).toBe('closed');
    expect(await breaker.run('op', ok)).toBe('ok');
  });

  it('re-opens when the probe fails', async () => {
    const { breaker, clock, fail } = setup();
    for (let i = 0; i < 3; i++) await fail();
    clock.t += 500;
    await fail();
    expect(breaker.state()).toBe('open');
    clock.t += 499;
    expect(breaker.state()).toBe('open');
    clock.t += 1;
    expect(breaker.state()).toBe('half_open');
  });

  it('treats a 4xx probe answer as a sign of life', async () => {
    const { breaker, clock, fail } = setup();
    for (let i = 0; i < 3; i++) await fail();
    clock.t += 500;
    await fail(failing('not_found', 404));
    expect(breaker.state()).toBe('closed');
  });
});
