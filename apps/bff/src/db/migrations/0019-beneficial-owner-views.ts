import { type Kysely, type Migration, sql } from 'kysely';

/**
 * A business verified through Capa KYB is approved only after the approver opened each owner of 25% or more:
 * that opening is recorded like other evidence, so the evidence-view kinds take `beneficial_owner`.
 */
export const beneficialOwnerViews: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await sql`
      alter table case_evidence_views
        drop constraint if exists case_evidence_views_kind_check,
        add constraint case_evidence_views_kind_check
          check (kind in ('media', 'aml_hit', 'entity_application', 'directory_record', 'beneficial_owner'))`.execute(
      db,
    );
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await sql`delete from case_evidence_views where kind = 'beneficial_owner'`.execute(db);
    await sql`
      alter table case_evidence_views
        drop constraint if exists case_evidence_views_kind_check,
        add constraint case_evidence_views_kind_check
          check (kind in ('media', 'aml_hit', 'entity_application', 'directory_record'))`.execute(db);
  },
};
