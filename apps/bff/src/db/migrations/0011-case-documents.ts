import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Documents the desk sends to connectFi for a case: generate, upload, attach (/akepa/update). The row is made
 * before connectFi is called and carries each step's result, so a failed step is retried with the document id
 * connectFi already gave (never a second generate for the same file), and the file's sha256 tells a repeat of
 * an upload that already went through.
 */
export const caseDocuments: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('case_documents')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('workflow', 'text', (c) => c.notNull().check(sql`workflow in ('PERSONAL', 'BUSINESS')`))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('view', 'text', (c) => c.notNull().check(sql`view in ('front', 'back', 'selfie')`))
      .addColumn('note', 'text')
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('jpeg', 'png')`))
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending', 'generated', 'uploaded', 'attached')`),
      )
      .addColumn('last_error', 'text')
      .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('uploaded_at', 'timestamptz')
      .addColumn('attached_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('case_documents_case')
      .on('case_documents')
      .columns(['case_id', 'created_at'])
      .execute();
    // One row per file, entity and view on a case: a retry finds the row its first attempt made.
    await db.schema
      .createIndex('case_documents_file')
      .on('case_documents')
      .columns(['case_id', 'entity_id', 'view', 'sha256'])
      .unique()
      .execute();
    await db.schema
      .createIndex('case_documents_document_id')
      .on('case_documents')
      .column('document_id')
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await db.schema.dropTable('case_documents').execute();
  },
};
