import { type Kysely, type Migration, sql } from 'kysely';

/**
 * What a text search needs to read few rows however large the queue grows. Before this, `q=mar` read every
 * entry of every matching term (~28,000 at a million cases) to sort them for one page and to count them.
 *
 * The page: `case_search_terms_ranked` holds each term's entries in the queue's score order (score desc,
 * then oldest, then id), with the filter columns included, so that a search reads the first page's worth of
 * each matching term in order and merges them (cases/search-page.ts): a few entries per term at any size.
 *
 * The facets: `case_term_counts` holds how many entries there are per term and facet key (provider, state,
 * upstream status, assignee), like `case_counts` for the cases and kept the same way: statement triggers on
 * `case_search_terms` add each statement's changes to the rows of the connection that runs it, which readers
 * fold into `backend` 0 now and then. A search sums the rows of its terms, less the cases it counted twice
 * (cases/search-facets.ts). No score in the key: it would multiply the rows of each term by a hundred, and a
 * search that also filters by score counts its matches as before.
 */
export const searchTermsRanked: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await sql`
      create index case_search_terms_ranked
        on case_search_terms (term, triage_score desc, created_at, case_id)
        include (sla_due_at, provider, state, upstream_status, assignee_id)`.execute(db);

    await sql`
      create table case_term_counts (
        backend integer not null,
        term text collate "C" not null,
        provider text not null,
        state text not null,
        upstream_status text not null,
        assignee_id uuid,
        cases integer not null
      ) with (fillfactor = 50)`.execute(db);
    await sql`
      create unique index case_term_counts_key
        on case_term_counts (term, backend, provider, state, upstream_status, assignee_id) nulls not distinct`.execute(
      db,
    );
    // The fold looks for the rows of other connections: few, against millions folded (one per identifier).
    await sql`create index case_term_counts_unfolded on case_term_counts (backend) where backend <> 0`.execute(
      db,
    );

    // Updates (the copies following their case, cases_search_terms_follow) and truncation.
    await sql`
      create function case_term_counts_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'TRUNCATE' then
          delete from case_term_counts;
          return null;
        end if;
        insert into case_term_counts as counts
          (backend, term, provider, state, upstream_status, assignee_id, cases)
        select pg_backend_pid(), term, provider, state, upstream_status, assignee_id, sum(change)
        from (
          select term, provider, state, upstream_status, assignee_id, 1 as change
          from new_terms
          union all
          select term, provider, state, upstream_status, assignee_id, -1 from old_terms
        ) as changed
        group by term, provider, state, upstream_status, assignee_id
        having sum(change) <> 0
        on conflict (term, backend, provider, state, upstream_status, assignee_id)
          do update set cases = counts.cases + excluded.cases;
        return null;
      end
      $$`.execute(db);
    // A trigger sees only the transition tables it declares: inserts and deletes have one each.
    await sql`
      create function case_term_counts_insert() returns trigger language plpgsql as $$
      begin
        insert into case_term_counts as counts
          (backend, term, provider, state, upstream_status, assignee_id, cases)
        select pg_backend_pid(), term, provider, state, upstream_status, assignee_id, count(*)
        from new_terms group by term, provider, state, upstream_status, assignee_id
        on conflict (term, backend, provider, state, upstream_status, assignee_id)
          do update set cases = counts.cases + excluded.cases;
        return null;
      end
      $$`.execute(db);
    await sql`
      create function case_term_counts_delete() returns trigger language plpgsql as $$
      begin
        insert into case_term_counts as counts
          (backend, term, provider, state, upstream_status, assignee_id, cases)
        select pg_backend_pid(), term, provider, state, upstream_status, assignee_id, -count(*)
        from old_terms group by term, provider, state, upstream_status, assignee_id
        on conflict (term, backend, provider, state, upstream_status, assignee_id)
          do update set cases = counts.cases + excluded.cases;
        return null;
      end
      $$`.execute(db);
    await sql`create trigger case_term_counts_insert after insert on case_search_terms
      referencing new table as new_terms
      for each statement execute function case_term_counts_insert()`.execute(db);
    await sql`create trigger case_term_counts_update after update on case_search_terms
      referencing old table as old_terms new table as new_terms
      for each statement execute function case_term_counts_change()`.execute(db);
    await sql`create trigger case_term_counts_delete after delete on case_search_terms
      referencing old table as old_terms
      for each statement execute function case_term_counts_delete()`.execute(db);
    await sql`create trigger case_term_counts_truncate after truncate on case_search_terms
      for each statement execute function case_term_counts_change()`.execute(db);

    // After the triggers, as in 0005: every entry is counted exactly once, here or by a trigger.
    await sql`
      insert into case_term_counts (backend, term, provider, state, upstream_status, assignee_id, cases)
      select 0, term, provider, state, upstream_status, assignee_id, count(*)
      from case_search_terms group by term, provider, state, upstream_status, assignee_id`.execute(db);
  },

  // biome-ignore lint/suspicious/noExplicitAny: see up().
  async down(db: Kysely<any>) {
    for (const trigger of ['insert', 'update', 'delete', 'truncate']) {
      await sql`drop trigger ${sql.id(`case_term_counts_${trigger}`)} on case_search_terms`.execute(db);
    }
    for (const name of ['change', 'insert', 'delete']) {
      await sql`drop function ${sql.id(`case_term_counts_${name}`)}()`.execute(db);
    }
    await sql`drop table case_term_counts`.execute(db);
    await sql`drop index case_search_terms_ranked`.execute(db);
  },
};
