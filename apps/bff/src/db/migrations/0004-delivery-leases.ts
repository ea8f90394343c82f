import type { Kysely, Migration } from 'kysely';

/**
 * A lease on each webhook delivery: the instance processing it holds the row until `lease_until`, and a row
 * waiting for its next retry is held until then. Any instance may take a pending row whose lease has run out,
 * so deliveries acknowledged by an instance that dies are processed by the others.
 */
export const deliveryLeases: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema.alterTable('deliveries').addColumn('lease_until', 'timestamptz').execute();
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await db.schema.alterTable('deliveries').dropColumn('lease_until').execute();
  },
};
