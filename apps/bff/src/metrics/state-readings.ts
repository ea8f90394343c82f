import { type CaseState, caseStates, type Provider, providers } from '@review-desk/contracts';
import { type Kysely, sql } from 'kysely';
import type { CaseTables } from '../cases/schema';
import type { DB } from '../db/schema';
import type { DeliveryTables } from '../deliveries/schema';
import type { BreakerState } from '../upstream';
import type { StateGauges } from './desk-metrics';

type MetricsTables = CaseTables & DeliveryTables;

const breakerStates: readonly BreakerState[] = ['closed', 'open', 'half_open'];
const openStates = caseStates.filter(
  (state): state is Exclude<CaseState, 'resolved' | 'superseded'> =>
    state !== 'resolved' && state !== 'superseded',
);

export interface StateSources {
  db: Kysely<DB>;
  breakers: Record<Provider, () => BreakerState>;
  now: () => number;
}

/**
 * Sets the scrape-time gauges from the source of truth: the database for the queue and the webhook backlog
 * (so every instance behind a load balancer reports the same backlog), the clients for breaker states. Every
 * label combination is written, zeros included, so an alert sees 0 rather than a missing series.
 */
export async function readState(gauges: StateGauges, sources: StateSources): Promise<void> {
  const db = sources.db.withTables<MetricsTables>();
  const now = new Date(sources.now());
  const [deliveries, cases, breached, outbound] = await Promise.all([
    db
      .selectFrom('deliveries')
      .select(['provider', 'status'])
      .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('received_at').as('oldest')])
      .where('status', 'in', ['pending', 'failed'])
      .groupBy(['provider', 'status'])
      .execute(),
    db
      .selectFrom('case_counts')
      .select(['provider', 'state'])
      .select(sql<string>`coalesce(sum(cases), 0)`.as('count'))
      .where('state', 'not in', ['resolved', 'superseded'])
      .groupBy(['provider', 'state'])
      .execute(),
    db
      .selectFrom('cases')
      .select('provider')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('state', 'in', openStates)
      .where('sla_due_at', '<=', now)
      .groupBy('provider')
      .execute(),
    db
      .selectFrom('outbound_deliveries')
      .select('status')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('status', 'in', ['pending', 'failed'])
      .groupBy('status')
      .execute(),
  ]);

  for (const provider of providers) {
    const row = (status: string) => deliveries.find((d) => d.provider === provider && d.status === status);
    const pending = row('pending');
    gauges.webhooksPending.set({ provider }, Number(pending?.count ?? 0));
    gauges.webhooksFailed.set({ provider }, Number(row('failed')?.count ?? 0));
    const oldest = pending?.oldest ? new Date(pending.oldest).getTime() : null;
    gauges.oldestPending.set(
      { provider },
      oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
    );

    for (const state of openStates) {
      const count = cases.find((c) => c.provider === provider && c.state === state)?.count ?? 0;
      gauges.openCases.set({ provider, state }, Number(count));
    }
    gauges.slaBreached.set({ provider }, Number(breached.find((b) => b.provider === provider)?.count ?? 0));

    const current = sources.breakers[provider]();
    for (const state of breakerStates)
      gauges.breakerState.set({ provider, state }, state === current ? 1 : 0);
  }
  for (const status of ['pending', 'failed'] as const) {
    gauges.outbound.set({ status }, Number(outbound.find((o) => o.status === status)?.count ?? 0));
  }
}
