import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The search terms' primary key (term, case_id) also carries the copies of the queue's columns (migration
 * 0005), so that a text search reads its matches, their order and their counts from the index alone: `q=mar`
 * over 100,000 cases finds ~3,300 terms, which sit in ~50 index pages but ~2,500 scattered table pages.
 *
 * Rows on pages the visibility map does not mark all-visible (written since the last vacuum) are still
 * checked in the table: autovacuum keeps that share small on PostgreSQL; PGlite has none, so the embedded
 * database vacuums the table now and then itself (db/database.ts).
 *
 * Why not a trigram index (pg_trgm): the search matches words by prefix, which this b-tree in the "C"
 * collation answers with one range; trigrams serve substring matches, which the queue does not offer.
 */
export const searchTermsCovering: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await sql`
      create unique index case_search_terms_covering on case_search_terms (term, case_id)
        include (triage_score, created_at, sla_due_at, provider, state, upstream_status, assignee_id)`.execute(
      db,
    );
    await sql`
      alter table case_search_terms drop constraint case_search_terms_pkey,
        add constraint case_search_terms_pkey primary key using index case_search_terms_covering`.execute(db);
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await sql`create unique index case_search_terms_plain on case_search_terms (term, case_id)`.execute(db);
    await sql`
      alter table case_search_terms drop constraint case_search_terms_pkey,
        add constraint case_search_terms_pkey primary key using index case_search_terms_plain`.execute(db);
  },
};
