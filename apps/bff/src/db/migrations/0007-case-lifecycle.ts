import { type Kysely, type Migration, sql } from 'kysely';

const liveStates = sql.raw(`('resolved', 'superseded')`);

/**
 * One live case per subject and provider. A newer upstream session supersedes the older live case: the
 * `superseded` state is final and `superseded_by` names the successor. The database enforces it with a
 * partial unique index over the cases that are neither resolved nor superseded, so no code path (two
 * instances, reconciliation racing a webhook) can leave two decidable cases for one subject.
 *
 * Deliveries get `read_again`: an identical delivery that arrives while one is being read asks for another
 * read once that one ends.
 *
 * Databases that already hold several live cases for a subject keep the newest and supersede the others
 * before the index is built.
 */
export const caseLifecycle: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema.alterTable('cases').addColumn('superseded_by', 'uuid').execute();
    await sql`alter table cases drop constraint cases_state_check`.execute(db);
    await sql`alter table cases add constraint cases_state_check check (state in ('open', 'in_review',
      'awaiting_second_review', 'escalated', 'info_requested', 'reopened', 'resolved', 'superseded'))`.execute(
      db,
    );
    await sql`alter table cases add constraint cases_superseded_by_check
      check ((state = 'superseded') = (superseded_by is not null))`.execute(db);
    await sql`
      with live as (
        select id, row_number() over subject as rank, first_value(id) over subject as newest
        from cases where state not in ${liveStates}
        window subject as (partition by provider, subject_id order by created_at desc, id desc)
      )
      update cases set state = 'superseded', superseded_by = live.newest, assignee_id = null,
        claim_expires_at = null, version = version + 1, updated_at = now()
      from live where cases.id = live.id and live.rank > 1`.execute(db);
    await sql`create unique index cases_one_live_per_subject on cases (provider, subject_id)
      where state not in ${liveStates}`.execute(db);
    await db.schema.createIndex('cases_superseded_by').on('cases').column('superseded_by').execute();
    // A delivery is a nudge to read the provider: one identical to a delivery being read asks for another read.
    await db.schema
      .alterTable('deliveries')
      .addColumn('read_again', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute();
  },

  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await db.schema.alterTable('deliveries').dropColumn('read_again').execute();
    await db.schema.dropIndex('cases_superseded_by').execute();
    await db.schema.dropIndex('cases_one_live_per_subject').execute();
    await sql`alter table cases drop constraint cases_superseded_by_check`.execute(db);
    await sql`update cases set state = 'resolved', resolution = 'resolved_upstream', resolved_at = updated_at
      where state = 'superseded'`.execute(db);
    await sql`alter table cases drop constraint cases_state_check`.execute(db);
    await sql`alter table cases add constraint cases_state_check check (state in ('open', 'in_review',
      'awaiting_second_review', 'escalated', 'info_requested', 'reopened', 'resolved'))`.execute(db);
    await db.schema.alterTable('cases').dropColumn('superseded_by').execute();
  },
};
