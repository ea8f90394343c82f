import { type Kysely, type Migration, sql } from 'kysely';

/**
 * What the role consoles need: the country, nationality and AML hit types of each case for the queue's
 * columns; review flags raised by support (a reason for analysts instead of a case opened by hand); and saved
 * queue views, per user, optionally shared with the team.
 */
export const consoles: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('cases')
      .addColumn('country', 'text')
      .addColumn('nationality', 'text')
      .addColumn('hit_types', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .execute();

    await db.schema
      .createTable('review_flags')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('capa', 'connectfi')`))
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'uuid', (c) => c.references('cases.id').onDelete('set null'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('raised_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
      .addColumn('handled_by', 'uuid', (c) => c.references('users.id'))
      .addColumn('handled_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('review_flags_open')
      .on('review_flags')
      .columns(['handled_at', 'raised_at'])
      .execute();

    await db.schema
      .createTable('saved_views')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('shared', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('saved_views_owner_name', ['owner_id', 'name'])
      .execute();
    await db.schema.createIndex('saved_views_shared').on('saved_views').columns(['shared', 'name']).execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await db.schema.dropTable('saved_views').execute();
    await db.schema.dropTable('review_flags').execute();
    await db.schema
      .alterTable('cases')
      .dropColumn('hit_types')
      .dropColumn('nationality')
      .dropColumn('country')
      .execute();
  },
};
