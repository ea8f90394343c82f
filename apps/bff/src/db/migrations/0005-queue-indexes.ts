import { type Kysely, type Migration, sql } from 'kysely';

/**
 * What the queue needs to answer from few rows at 100,000 cases, kept by the database itself.
 *
 * Exact counts of cases for the facets, so that the queue is not counted case by case on every first page.
 * `case_counts` holds how many cases there are per (provider, state, upstream status, assignee, triage
 * score): the columns the queue filters on besides text and dates. The sum over `backend` is the count.
 * Triggers on `cases` add each statement's changes to the rows of the backend (database connection) that
 * runs it, inside the writer's transaction; a connection runs one transaction at a time, so writers never
 * wait on each other's rows, nor deadlock. Readers now and then fold the rows of other backends into
 * `backend` 0 (see cases/facets.ts), so connections that come and go do not leave rows behind.
 *
 * Copies of the columns the queue filters and orders by on each search term row, so that a text search
 * reads its matches in `case_search_terms` alone rather than looking up each of thousands of cases. A trigger
 * fills them as a term is written and another follows changes to the case, in the same transaction.
 */
const copied = [
  'provider',
  'state',
  'upstream_status',
  'assignee_id',
  'triage_score',
  'created_at',
  'sla_due_at',
];

export const queueIndexes: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('case_counts')
      .addColumn('backend', 'integer', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('upstream_status', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'uuid')
      .addColumn('triage_score', 'integer', (c) => c.notNull())
      .addColumn('cases', 'integer', (c) => c.notNull())
      // Room on each page to update rows in place (HOT): PGlite has no autovacuum to reclaim moved rows.
      .modifyEnd(sql`with (fillfactor = 50)`)
      .execute();
    await db.schema
      .createIndex('case_counts_key')
      .on('case_counts')
      .columns(['backend', 'provider', 'state', 'upstream_status', 'assignee_id', 'triage_score'])
      .unique()
      .nullsNotDistinct()
      .execute();

    // Statement-level, with transition tables: a statement that writes many cases adds once per key, and an
    // update that changes none of the counted columns adds nothing.
    await sql`
      create function case_counts_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'TRUNCATE' then
          delete from case_counts;
        elsif tg_op = 'INSERT' then
          insert into case_counts as counts
            (backend, provider, state, upstream_status, assignee_id, triage_score, cases)
          select pg_backend_pid(), provider, state, upstream_status, assignee_id, triage_score, count(*)
          from new_cases group by provider, state, upstream_status, assignee_id, triage_score
          on conflict (backend, provider, state, upstream_status, assignee_id, triage_score)
            do update set cases = counts.cases + excluded.cases;
        elsif tg_op = 'UPDATE' then
          insert into case_counts as counts
            (backend, provider, state, upstream_status, assignee_id, triage_score, cases)
          select pg_backend_pid(), provider, state, upstream_status, assignee_id, triage_score, sum(change)
          from (
            select provider, state, upstream_status, assignee_id, triage_score, 1 as change from new_cases
            union all
            select provider, state, upstream_status, assignee_id, triage_score, -1 from old_cases
          ) as changed
          group by provider, state, upstream_status, assignee_id, triage_score
          having sum(change) <> 0
          on conflict (backend, provider, state, upstream_status, assignee_id, triage_score)
            do update set cases = counts.cases + excluded.cases;
        else
          insert into case_counts as counts
            (backend, provider, state, upstream_status, assignee_id, triage_score, cases)
          select pg_backend_pid(), provider, state, upstream_status, assignee_id, triage_score, -count(*)
          from old_cases group by provider, state, upstream_status, assignee_id, triage_score
          on conflict (backend, provider, state, upstream_status, assignee_id, triage_score)
            do update set cases = counts.cases + excluded.cases;
        end if;
        return null;
      end
      $$`.execute(db);
    await sql`create trigger cases_count_insert after insert on cases referencing new table as new_cases
      for each statement execute function case_counts_change()`.execute(db);
    await sql`create trigger cases_count_update after update on cases
      referencing old table as old_cases new table as new_cases
      for each statement execute function case_counts_change()`.execute(db);
    await sql`create trigger cases_count_delete after delete on cases referencing old table as old_cases
      for each statement execute function case_counts_change()`.execute(db);
    await sql`create trigger cases_count_truncate after truncate on cases
      for each statement execute function case_counts_change()`.execute(db);

    // After the triggers: creating them waited for writers in flight and holds off new ones until this
    // migration commits, so every case is counted exactly once, here or by a trigger.
    await sql`
      insert into case_counts (backend, provider, state, upstream_status, assignee_id, triage_score, cases)
      select 0, provider, state, upstream_status, assignee_id, triage_score, count(*)
      from cases group by provider, state, upstream_status, assignee_id, triage_score`.execute(db);

    await db.schema
      .alterTable('case_search_terms')
      .addColumn('provider', 'text')
      .addColumn('state', 'text')
      .addColumn('upstream_status', 'text')
      .addColumn('assignee_id', 'uuid')
      .addColumn('triage_score', 'integer')
      .addColumn('created_at', 'timestamptz')
      .addColumn('sla_due_at', 'timestamptz')
      .execute();
    await sql`
      create function case_search_terms_copy() returns trigger language plpgsql as $$
      begin
        select provider, state, upstream_status, assignee_id, triage_score, created_at, sla_due_at
        into new.provider, new.state, new.upstream_status, new.assignee_id, new.triage_score, new.created_at,
          new.sla_due_at
        from cases where id = new.case_id;
        return new;
      end
      $$`.execute(db);
    await sql`create trigger case_search_terms_copy before insert on case_search_terms
      for each row execute function case_search_terms_copy()`.execute(db);
    await sql`
      create function cases_search_terms_follow() returns trigger language plpgsql as $$
      begin
        update case_search_terms as terms
        set provider = changed.provider, state = changed.state, upstream_status = changed.upstream_status,
          assignee_id = changed.assignee_id, triage_score = changed.triage_score,
          created_at = changed.created_at, sla_due_at = changed.sla_due_at
        from new_cases as changed join old_cases as before on before.id = changed.id
        where terms.case_id = changed.id
          and (changed.provider, changed.state, changed.upstream_status, changed.assignee_id,
            changed.triage_score, changed.created_at, changed.sla_due_at)
          is distinct from (before.provider, before.state, before.upstream_status, before.assignee_id,
            before.triage_score, before.created_at, before.sla_due_at);
        return null;
      end
      $$`.execute(db);
    await sql`create trigger cases_search_terms_follow after update on cases
      referencing old table as old_cases new table as new_cases
      for each statement execute function cases_search_terms_follow()`.execute(db);
    await sql`
      update case_search_terms as terms
      set provider = cases.provider, state = cases.state, upstream_status = cases.upstream_status,
        assignee_id = cases.assignee_id, triage_score = cases.triage_score, created_at = cases.created_at,
        sla_due_at = cases.sla_due_at
      from cases where cases.id = terms.case_id`.execute(db);
    for (const column of copied.filter((column) => column !== 'assignee_id')) {
      await db.schema
        .alterTable('case_search_terms')
        .alterColumn(column, (c) => c.setNotNull())
        .execute();
    }
  },

  // biome-ignore lint/suspicious/noExplicitAny: see up().
  async down(db: Kysely<any>) {
    await sql`drop trigger cases_search_terms_follow on cases`.execute(db);
    await sql`drop function cases_search_terms_follow()`.execute(db);
    await sql`drop trigger case_search_terms_copy on case_search_terms`.execute(db);
    await sql`drop function case_search_terms_copy()`.execute(db);
    for (const column of copied) {
      await db.schema.alterTable('case_search_terms').dropColumn(column).execute();
    }
    for (const trigger of ['insert', 'update', 'delete', 'truncate']) {
      await sql`drop trigger ${sql.id(`cases_count_${trigger}`)} on cases`.execute(db);
    }
    await sql`drop function case_counts_change()`.execute(db);
    await db.schema.dropTable('case_counts').execute();
  },
};
