import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Business representatives become reviewable. The directory import carries each connectFi business's
 * representatives (name, birth date, ID number, by the journey's entityId), with the keys that link them to the
 * desk's other cases about the same person; and a decision records which representatives its decider reviewed.
 */
export const representativeReviews: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('directory_representatives')
      .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('capa', 'connectfi')`))
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('id_number', 'text')
      .addColumn('person_id_key', 'text')
      .addColumn('person_name_key', 'text')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      // Entity ids are unique within one business only (connectFi: "unique within the same business").
      .addPrimaryKeyConstraint('directory_representatives_pkey', ['provider', 'customer_id', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('directory_representatives_id_key')
      .on('directory_representatives')
      .column('person_id_key')
      .execute();
    await db.schema
      .createIndex('directory_representatives_name_key')
      .on('directory_representatives')
      .column('person_name_key')
      .execute();
    await sql`
      alter table case_decisions
        add column reviewed_representatives jsonb not null default '[]'`.execute(db);
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await sql`alter table case_decisions drop column reviewed_representatives`.execute(db);
    await db.schema.dropTable('directory_representatives').execute();
  },
};
