import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Provider webhook deliveries (kept verbatim before they are answered, processed afterwards), the organisation's
 * subject directory that maps a provider's externalUserId to its subject, and outbound decision webhooks.
 */
export const ingestion: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('deliveries')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('capa', 'connectfi')`))
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('external_user_id', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending', 'processed', 'unmatched', 'failed')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('processed_at', 'timestamptz')
      .addUniqueConstraint('deliveries_dedupe_key', ['provider', 'dedupe_key'])
      .execute();
    await db.schema
      .createIndex('deliveries_status')
      .on('deliveries')
      .columns(['status', 'received_at'])
      .execute();

    await db.schema
      .createTable('subject_directory')
      .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('capa', 'connectfi')`))
      .addColumn('external_user_id', 'text')
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('id_number', 'text')
      .addColumn('email', 'text')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('subject_directory_pkey', ['provider', 'subject_id'])
      .addUniqueConstraint('subject_directory_external_user', ['provider', 'external_user_id'])
      .execute();

    await db.schema
      .createTable('outbound_deliveries')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('delivered_at', 'timestamptz')
      .addUniqueConstraint('outbound_deliveries_case_body', ['case_id', 'body'])
      .execute();
    await db.schema
      .createIndex('outbound_deliveries_status')
      .on('outbound_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },

  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    for (const table of ['outbound_deliveries', 'subject_directory', 'deliveries']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
