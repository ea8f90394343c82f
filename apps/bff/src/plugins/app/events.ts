import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { CaseEventBus } from '../../cases/event-bus';

declare module 'fastify' {
  interface FastifyInstance {
    /** Case changes, for the Server-Sent Events stream. */
    caseEvents: CaseEventBus;
  }
}

/**
 * Wires the case store to the event bus. With PostgreSQL, events also cross BFF instances over
 * LISTEN/NOTIFY on a channel named after the schema.
 */
export default fp(
  async function events(app: FastifyInstance) {
    const bus = new CaseEventBus();
    app.decorate('caseEvents', bus);
    app.cases.store.publish = (event) => bus.publish(event);
    // Streams are ended before the server closes, or their open connections would hold it up.
    app.addHook('preClose', () => bus.close());

    const databaseUrl = app.config.databaseUrl;
    if (app.database.engine === 'postgres' && databaseUrl) {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(app.db);
      await bus.listenAcrossInstances({
        databaseUrl,
        channel: `review_desk_cases:${rows[0]?.schema ?? 'public'}`,
        readCase: (caseId) => app.cases.store.getSummary(caseId),
        notify: async (channel, payload) => {
          await sql`select pg_notify(${channel}, ${payload})`.execute(app.db);
        },
        onError: (error, what) => app.log.warn({ err: error, what }, 'case events across instances'),
      });
    }
  },
  { name: 'events', dependencies: ['db', 'cases'] },
);
