import type { CaseView, Provider, ReconcileResponse } from '@review-desk/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
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
  /** Cases resolved this many days back are re-read too (default 30). */
  resolvedDays?: number;
  /** Subjects per page (default 500). */
  pageSize?: number;
  clock?: () => Date;
}

interface Subject {
  provider: Provider;
  subject_id: string;
}

const runName = 'subjects';
const dayMs = 86_400_000;

/**
 * Re-reads from its provider every subject whose record can drift, and records what changed: subjects with an
 * open case, with a case resolved in the last `resolvedDays` days (a provider may change its verdict after the
 * desk decided), and with a delivery since the last run started (the first run: within those days). For the
 * webhooks a provider never sent (connectFi does not retry) or that were lost. Subjects are read in pages of
 * 500 by (provider, subject id), each once per run. Provider failures are counted and logged; they never stop
 * the run. Runs do not overlap: a second call while one runs gets that run's result.
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
    const { db } = this.deps;
    const startedAt = (this.deps.clock ?? (() => new Date()))();
    const resolvedSince = new Date(startedAt.getTime() - (this.deps.resolvedDays ?? 30) * dayMs);
    const last = await db
      .selectFrom('reconcile_runs')
      .select('started_at')
      .where('name', '=', runName)
      .executeTakeFirst();
    const deliveredSince = last?.started_at ?? resolvedSince;
    const totals: ReconcileResponse = { checked: 0, changed: 0, closed: 0, failed: 0 };
    const seen = new Set<string>();
    for (const source of [
      (after: Subject | null, size: number) => this.#cases(null, after, size),
      (after: Subject | null, size: number) => this.#cases(resolvedSince, after, size),
      (after: Subject | null, size: number) => this.#delivered(deliveredSince, after, size),
    ]) {
      await this.#walk(source, seen, totals);
    }
    await db
      .insertInto('reconcile_runs')
      .values({ name: runName, started_at: startedAt })
      .onConflict((oc) => oc.column('name').doUpdateSet({ started_at: startedAt }))
      .execute();
    if (totals.changed > 0 || totals.failed > 0) this.deps.log.info(totals, 'reconciliation finished');
    return totals;
  }

  /** Every page of one source, each subject read once per run. */
  async #walk(
    source: (after: Subject | null, size: number) => Promise<Subject[]>,
    seen: Set<string>,
    totals: ReconcileResponse,
  ): Promise<void> {
    const size = this.deps.pageSize ?? 500;
    let after: Subject | null = null;
    for (;;) {
      const page = await source(after, size);
      const fresh = page.filter((subject) => {
        const key = `${subject.provider}:${subject.subject_id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      await this.#readAll(fresh, totals);
      if (page.length < size) return;
      after = page[page.length - 1] ?? null;
    }
  }

  async #readAll(subjects: Subject[], totals: ReconcileResponse): Promise<void> {
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
  }

  /** Subjects with a case not yet resolved (`resolvedSince` null), or resolved since that date. */
  #cases(resolvedSince: Date | null, after: Subject | null, size: number): Promise<Subject[]> {
    const cases = this.deps.db.selectFrom('cases').select(['provider', 'subject_id']);
    const inScope =
      resolvedSince === null
        ? cases.where('state', 'not in', ['resolved', 'superseded'])
        : cases.where('state', '=', 'resolved').where('resolved_at', '>=', resolvedSince);
    return inScope
      .$if(after !== null, (query) => query.where(pastKey(after)))
      .groupBy(['provider', 'subject_id'])
      .orderBy('provider')
      .orderBy('subject_id')
      .limit(size)
      .execute();
  }

  /** Subjects named by deliveries since then: Capa's externalUserId through the directory, connectFi's id. */
  #delivered(since: Date, after: Subject | null, size: number): Promise<Subject[]> {
    const { db } = this.deps;
    const named = db
      .selectFrom('deliveries as d')
      .leftJoin('subject_directory as s', (join) =>
        join.onRef('s.provider', '=', 'd.provider').onRef('s.external_user_id', '=', 'd.external_user_id'),
      )
      .select((eb) => [
        'd.provider as provider',
        eb
          .case()
          .when('d.provider', '=', 'capa')
          .then(eb.ref('s.subject_id'))
          .else(eb.ref('d.external_user_id'))
          .end()
          .as('subject_id'),
      ])
      .where('d.status', 'in', ['pending', 'processed', 'unmatched', 'failed'])
      .where('d.received_at', '>=', since)
      .as('named');
    return db
      .selectFrom(named)
      .select(['named.provider', 'named.subject_id'])
      .where('named.subject_id', 'is not', null)
      .$if(after !== null, (query) => query.where(pastKey(after)))
      .groupBy(['named.provider', 'named.subject_id'])
      .orderBy('named.provider')
      .orderBy('named.subject_id')
      .limit(size)
      .execute() as Promise<Subject[]>;
  }
}

/**
 * The next page's condition: subjects after the last one read, in (provider, subject id) order. Each source
 * selects from one relation, so the unqualified columns are that relation's.
 */
const pastKey = (last: Subject | null) =>
  sql<boolean>`(provider, subject_id) > (${last?.provider ?? ''}, ${last?.subject_id ?? ''})`;
