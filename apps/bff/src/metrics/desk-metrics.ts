import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The series an operator alerts on. Labels are closed sets only: route patterns (never URLs), providers,
 * operations, states, statuses and error kinds. No id, name or other personal value is ever a label.
 */
export function createDeskMetrics(registry: Registry) {
  const registers = [registry];
  return {
    httpDuration: new Histogram({
      name: 'review_desk_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'review_desk_upstream_request_duration_seconds',
      help: 'Time of one call to a provider (retries and token refresh included), by provider, operation and outcome',
      labelNames: ['provider', 'operation', 'outcome'] as const,
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    upstreamErrors: new Counter({
      name: 'review_desk_upstream_errors_total',
      help: 'Failed calls to a provider, by provider, operation and error kind',
      labelNames: ['provider', 'operation', 'kind'] as const,
      registers,
    }),
    tokenRefreshes: new Counter({
      name: 'review_desk_connectfi_token_refreshes_total',
      help: 'connectFi session tokens requested, by outcome (issued, failed)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    webhooksReceived: new Counter({
      name: 'review_desk_webhook_deliveries_received_total',
      help: 'Provider webhook deliveries accepted and stored, by provider and whether they repeated an earlier one',
      labelNames: ['provider', 'duplicate'] as const,
      registers,
    }),
    webhooksFinished: new Counter({
      name: 'review_desk_webhook_deliveries_finished_total',
      help: 'Webhook deliveries the worker finished, by provider and outcome (processed, unmatched, failed)',
      labelNames: ['provider', 'outcome'] as const,
      registers,
    }),
    webhookLag: new Histogram({
      name: 'review_desk_webhook_processing_lag_seconds',
      help: 'Time from a webhook delivery being received to its processing finishing, by provider',
      labelNames: ['provider'] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    }),
  };
}

export type DeskMetrics = ReturnType<typeof createDeskMetrics>;

/** Gauges read at scrape time, from the database and the upstream clients. */
export function createStateGauges(registry: Registry) {
  const registers = [registry];
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers });
  return {
    breakerState: gauge(
      'review_desk_upstream_breaker_state',
      'Circuit breaker state of each provider: 1 for the current state (closed, open, half_open), 0 otherwise',
      ['provider', 'state'],
    ),
    webhooksPending: gauge(
      'review_desk_webhook_deliveries_pending',
      'Stored webhook deliveries not yet processed, by provider',
      ['provider'],
    ),
    webhooksFailed: gauge(
      'review_desk_webhook_deliveries_failed',
      'Webhook deliveries that gave up after their retries and wait for an operator, by provider',
      ['provider'],
    ),
    oldestPending: gauge(
      'review_desk_webhook_oldest_pending_seconds',
      'Age of the oldest webhook delivery still waiting to be processed (0 when none waits), by provider',
      ['provider'],
    ),
    openCases: gauge('review_desk_cases_open', 'Unresolved cases, by provider and state', [
      'provider',
      'state',
    ]),
    slaBreached: gauge(
      'review_desk_cases_sla_breached',
      'Unresolved cases past their SLA due time, by provider',
      ['provider'],
    ),
    outbound: gauge(
      'review_desk_outbound_deliveries',
      'Decision webhook deliveries by status (pending: still being tried; failed: gave up)',
      ['status'],
    ),
  };
}

export type StateGauges = ReturnType<typeof createStateGauges>;
