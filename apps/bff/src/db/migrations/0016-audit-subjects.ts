import type { Kysely, Migration } from 'kysely';

/** Audit rows name the person they concern; `GET /api/audit?subject=` reads them by that name, newest first. */
export const auditSubjects: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('audit_events_subject_ref')
      .on('audit_events')
      .columns(['subject_ref', 'id'])
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('audit_events_subject_ref').execute();
  },
};
