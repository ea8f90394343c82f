import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { migrations } from '../../src/db/migrations';
import type { DB } from '../../src/db/schema';
import { describeEachEngine } from '../helpers/db';

describeEachEngine('migrations', (engine) => {
  it('bring a fresh database to the latest schema, and do nothing when run again', async () => {
    const database = await createDatabase(await engine.database());
    try {
      expect(await migrateToLatest(database)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(database)).toEqual([]);

      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_name not like 'kysely_%'
        order by table_name
      `.execute(database.db);
      expect(rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining(['audit_events', 'sessions', 'users']),
      );
    } finally {
      await database.close();
    }
  });

  describe('a migrated database', () => {
    let db: Kysely<DB>;
    beforeAll(async () => {
      db = (await engine.migrated()).db;
    });

    it('reports the number of rows an update or delete touched', async () => {
      await db
        .insertInto('users')
        .values(
          ['amy', 'bob', 'cid'].map((username) => ({
            username,
            display_name: username,
            role: 'analyst' as const,
            password_hash: 'x',
          })),
        )
        .execute();
      const updated = await db
        .updateTable('users')
        .set({ disabled: true })
        .where('username', 'in', ['amy', 'bob'])
        .executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(2n);
      const deleted = await db.deleteFrom('users').where('username', '=', 'cid').executeTakeFirst();
      expect(deleted.numDeletedRows).toBe(1n);
      const none = await db
        .updateTable('users')
        .set({ disabled: false })
        .where('username', '=', 'zed')
        .executeTakeFirst();
      expect(none.numUpdatedRows).toBe(0n);
    });

    it('returns timestamps as Date, bigint as number and jsonb parsed', async () => {
      const { rows } = await sql<{ at: Date; n: number; j: unknown }>`
      select '2026-01-02T03:04:05.678Z'::timestamptz as at, 9007199254740991::bigint as n, '{"a":[1,"b"]}'::jsonb as j
    `.execute(db);
      expect(rows[0]).toEqual({
        at: new Date('2026-01-02T03:04:05.678Z'),
        n: 9007199254740991,
        j: { a: [1, 'b'] },
      });
    });

    it('keeps concurrent transactions apart', async () => {
      const insert = (username: string, fail: boolean) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('users')
            .values({ username, display_name: username, role: 'senior', password_hash: 'x' })
            .execute();
          await sql`select pg_sleep(0.01)`.execute(trx);
          if (fail) throw new Error('rolled back');
        });
      const results = await Promise.allSettled([
        insert('kept', false),
        insert('dropped', true),
        insert('kept2', false),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const names = await db
        .selectFrom('users')
        .select('username')
        .where('username', 'in', ['kept', 'dropped', 'kept2'])
        .orderBy('username')
        .execute();
      expect(names.map((row) => row.username)).toEqual(['kept', 'kept2']);
    });
  });
});
