import diagnostics from 'node:diagnostics_channel';
import { UpstreamError, type UpstreamProvider } from './errors';

/**
 * What the upstream clients tell whoever listens (the metrics): each call's duration and outcome, and each
 * connectFi token issue. A diagnostics channel costs nothing without subscribers, and reaches the metrics
 * whoever built the client (the app, or a test handing in its own).
 */
export interface UpstreamCallEvent {
  provider: UpstreamProvider;
  /** The client operation (e.g. `getKycDetails`), never a URL. */
  operation: string;
  seconds: number;
  /** null: the call succeeded; otherwise the error kind (`timeout`, `circuit_open`, ...). */
  errorKind: string | null;
}

export interface TokenRefreshEvent {
  provider: UpstreamProvider;
  outcome: 'issued' | 'failed';
}

export const upstreamCallChannel = diagnostics.channel('review-desk:upstream-call');
export const tokenRefreshChannel = diagnostics.channel('review-desk:token-refresh');

/** Runs one client call and publishes its duration and outcome. */
export async function observed<T>(
  provider: UpstreamProvider,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  if (!upstreamCallChannel.hasSubscribers) return call();
  const started = performance.now();
  let errorKind: string | null = null;
  try {
    return await call();
  } catch (error) {
    errorKind = error instanceof UpstreamError ? error.kind : 'unexpected';
    throw error;
  } finally {
    const event: UpstreamCallEvent = {
      provider,
      operation,
      seconds: (performance.now() - started) / 1000,
      errorKind,
    };
    upstreamCallChannel.publish(event);
  }
}

export function publishTokenRefresh(event: TokenRefreshEvent): void {
  if (tokenRefreshChannel.hasSubscribers) tokenRefreshChannel.publish(event);
}
