import { type Kysely, type Migration, sql } from 'kysely';

/**
 * A reviewer may meet a verification that names nobody by opening the organisation's directory record of the
 * subject: that opening is recorded like other evidence, so the evidence-view kinds take `directory_record`.
 */
export const directoryRecordViews: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await sql`
      alter table case_evidence_views
        drop constraint if exists case_evidence_views_kind_check,
        add constraint case_evidence_views_kind_check
          check (kind in ('media', 'aml_hit', 'entity_application', 'directory_record'))`.execute(db);
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await sql`delete from case_evidence_views where kind = 'directory_record'`.execute(db);
    await sql`
      alter table case_evidence_views
        drop constraint if exists case_evidence_views_kind_check,
        add constraint case_evidence_views_kind_check
          check (kind in ('media', 'aml_hit', 'entity_application'))`.execute(db);
  },
};
