import { isTransientFailure, UpstreamError, type UpstreamProvider } from './errors';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** The failures must all fall within this window, counted from the first of them. */
  windowMs: number;
  /** Time the circuit stays open before one probe call may go through. */
  coolDownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, windowMs: 30_000, coolDownMs: 10_000 };

export interface CircuitBreaker {
  state(): BreakerState;
  /** Runs `call` unless the circuit is open; its outcome moves the circuit. */
  run<T>(operation: string, call: () => Promise<T>): Promise<T>;
}

export interface CircuitBreakerConfig {
  provider: UpstreamProvider;
  options?: Partial<BreakerOptions>;
  now?: () => number;
}

/**
 * One circuit per provider. Only transient failures (network, timeouts, 5xx) count: a 4xx is an answer,
 * so it proves the provider is up and resets the streak. Calls are counted once each, retries included.
 */
export function createCircuitBreaker(config: CircuitBreakerConfig): CircuitBreaker {
  const options = { ...DEFAULT_BREAKER, ...config.options };
  const now = config.now ?? Date.now;
  let failures = 0;
  let streakStartedAt = 0;
  let openedAt: number | undefined;
  let probeInFlight = false;

  const state = (): BreakerState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= options.coolDownMs ? 'half_open' : 'open';
  };

  const open = () => {
    openedAt = now();
    failures = 0;
  };

  const recordFailure = () => {
    const at = now();
    if (failures === 0 || at - streakStartedAt > options.windowMs) {
      failures = 0;
      streakStartedAt = at;
    }
    failures += 1;
    if (failures >= options.failureThreshold) open();
  };

  const rejectFast = (operation: string) =>
    new UpstreamError(`${config.provider} ${operation}: circuit open (provider failing, not called)`, {
      provider: config.provider,
      kind: 'circuit_open',
      operation,
    });

  return {
    state,
    async run<T>(operation: string, call: () => Promise<T>): Promise<T> {
      const current = state();
      if (current === 'open' || (current === 'half_open' && probeInFlight)) throw rejectFast(operation);
      const isProbe = current === 'half_open';
      if (isProbe) probeInFlight = true;
      try {
        const result = await call();
        if (isProbe) openedAt = undefined;
        if (openedAt === undefined) failures = 0;
        return result;
      } catch (error) {
        const failed = isTransientFailure(error);
        if (isProbe) {
          if (failed) open();
          else openedAt = undefined;
        } else if (openedAt === undefined) {
          if (failed) recordFailure();
          else failures = 0;
        }
        throw error;
      } finally {
        if (isProbe) probeInFlight = false;
      }
    },
  };
}
