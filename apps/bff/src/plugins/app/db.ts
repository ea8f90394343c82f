import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Kysely, sql } from 'kysely';
import { createDatabase, type Database } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { DB } from '../../db/schema';

declare module 'fastify' {
  interface FastifyInstance {
    /** The query builder over the BFF's own tables (PostgreSQL or embedded PGlite). */
    db: Kysely<DB>;
    /** The database behind `db`: which engine, where, and how to close it. */
    database: Database;
  }
}

/** Opens the database, brings its schema up to date, and closes it with the app. */
export default fp(
  async function db(app: FastifyInstance) {
    const database = await createDatabase(app.config, {
      onPoolError: (error) => app.log.warn({ err: error }, 'database connection dropped'),
      onVacuumError: (error) => app.log.warn({ err: error }, 'embedded database vacuum failed'),
    });
    app.addHook('onClose', () => database.close());
    const applied = await migrateToLatest(database);
    app.log.info({ engine: database.engine, location: database.location, applied }, 'database ready');

    app.decorate('database', database);
    app.decorate('db', database.db);
    app.readinessProbes.push({
      name: 'database',
      check: async () => {
        await sql`select 1`.execute(database.db);
        return 'ok';
      },
    });
  },
  { name: 'db' },
);
