import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CaseEvent } from '@review-desk/contracts';
import { summaryForRole } from '../../../cases/tipping-off';
import { allRoles } from '../../../plugins/app/access';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events of case changes (`event: case`, data a CaseEvent) for any signed-in user. A comment line
 * every 15 s keeps proxies from closing an idle stream; the subscription ends with the connection.
 */
const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      // A HEAD of an endless stream would never complete; only GET makes sense here.
      exposeHeadRoute: false,
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['events'],
        summary: 'Case changes as Server-Sent Events (text/event-stream)',
        description:
          'Events named "case" whose data is a CaseEvent (created, updated, claimed, released, decided). Keep the highest version per case.',
      },
    },
    async (request, reply) => {
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      stream.write('retry: 3000\n: connected\n\n');

      const role = request.user.role;
      const send = (event: CaseEvent) => {
        const shown = { ...event, case: summaryForRole(event.case, role) };
        stream.write(`event: case\ndata: ${JSON.stringify(shown)}\n\n`);
      };
      const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), HEARTBEAT_MS);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        stream.end();
      };
      const unsubscribe = app.caseEvents.subscribe(send, end);
      request.raw.on('close', end);
      stream.on('error', end);
    },
  );
};

export default eventRoutes;
