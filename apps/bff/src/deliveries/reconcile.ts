import type { CaseView, Provider, ReconcileResponse } from '@review-desk/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { UpstreamError } from '../upstream/errors';
import type { DeliveryDB } from './schema';
import type { SubjectSync } from './sync';

export interface ReconcilerDeps {
  db: Kysely<DeliveryDB>;
  sync: SubjectSync;
  loadView: (provider: Provider, subjectId: string) => Promise<CaseView>;
  log: FastifyBaseLogger;
  /** Subjects read at once. */
  concurrency?: number;
}

/**
 * Re-reads every subject with an open case from its provider and records what changed, for the webhooks a
 * provider never sent (connectFi does not retry) or that were lost. Provider failures are counted and logged;
 * they never stop the run. Runs do not overlap: a second call while one runs gets that run's result.
 */
export class Reconciler {
  #running: Promise<ReconcileResponse> | null = null;

  constructor(private readonly deps: ReconcilerDeps) {}

  run(): Promise<ReconcileResponse> {
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #run(): Promise<ReconcileResponse> {
    const subjects = await this.deps.db
      .selectFrom('cases')
      .select(['provider', 'subject_id'])
      .where('state', 'not in', ['resolved', 'superseded'])
      .groupBy(['provider', 'subject_id'])
      .execute();
    const totals: ReconcileResponse = { checked: 0, changed: 0, closed: 0, failed: 0 };
    let next = 0;
    const work = async () => {
      for (let subject = subjects[next++]; subject; subject = subjects[next++]) {
        try {
          const view = await this.deps.loadView(subject.provider, subject.subject_id);
          const result = await this.deps.sync.sync(view, 'reconciliation');
          totals.checked += 1;
          if (result.changed) totals.changed += 1;
          totals.closed += result.closed;
        } catch (error) {
          totals.failed += 1;
          const detail =
            error instanceof UpstreamError ? { kind: error.kind, provider: error.provider } : { err: error };
          this.deps.log.warn(detail, 'reconciliation could not re-read a subject');
        }
      }
    };
    await Promise.all(Array.from({ length: this.deps.concurrency ?? 4 }, work));
    if (totals.changed > 0 || totals.failed > 0) this.deps.log.info(totals, 'reconciliation finished');
    return totals;
  }
}
