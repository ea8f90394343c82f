import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The case follows the provider's truth after the desk decided.
 *
 * - Verdict drift: a provider verdict that contradicts the desk's decision on a resolved case is recorded on
 *   the case (`disagreement_*`) until a senior closes it, by acknowledging it or reopening the case.
 *   `disagreement_open` is what the queue filters and counts on, through a partial index of the few cases
 *   that have one.
 * - The SLA runs on the provider's clock: `provider_since` is when the subject started waiting at the
 *   provider (the session's creation or the first review delivery), `created_at` stays the desk's intake.
 * - Reconciliation re-reads recently resolved cases and the subjects of recent deliveries: an index of
 *   resolved cases by resolution time, and `reconcile_runs` to remember when the last run started.
 */
export const providerDrift: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('cases')
      .addColumn('disagreement_verdict', 'text', (c) =>
        c.check(sql`disagreement_verdict in ('approved', 'rejected')`),
      )
      .addColumn('disagreement_desk_resolution', 'text')
      .addColumn('disagreement_status', 'text')
      .addColumn('disagreement_detected_at', 'timestamptz')
      .addColumn('disagreement_open', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('disagreement_closure', 'text', (c) =>
        c.check(sql`disagreement_closure in ('acknowledged', 'reopened')`),
      )
      .addColumn('provider_since', 'timestamptz')
      .execute();
    await sql`create index cases_disagreement_open on cases (created_at, id) where disagreement_open`.execute(
      db,
    );
    await sql`create index cases_resolved_recent on cases (resolved_at) where state = 'resolved'`.execute(db);
    await db.schema
      .createTable('reconcile_runs')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },

  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await db.schema.dropTable('reconcile_runs').execute();
    await db.schema.dropIndex('cases_resolved_recent').execute();
    await db.schema.dropIndex('cases_disagreement_open').execute();
    for (const column of [
      'provider_since',
      'disagreement_closure',
      'disagreement_open',
      'disagreement_detected_at',
      'disagreement_status',
      'disagreement_desk_resolution',
      'disagreement_verdict',
    ]) {
      await db.schema.alterTable('cases').dropColumn(column).execute();
    }
  },
};
