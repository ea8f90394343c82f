import { type Kysely, type Migration, sql } from 'kysely';

/** A saved queue view keeps the columns it hides as well as its filters and sort. */
export const savedViewColumns: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('saved_views')
      .addColumn('hidden_columns', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await db.schema.alterTable('saved_views').dropColumn('hidden_columns').execute();
  },
};
