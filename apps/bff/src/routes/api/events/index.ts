import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CaseEvent } from '@review-desk/contracts';
import { summaryForRole } from '../../../cases/tipping-off';
import { allRoles } from '../../../plugins/app/access';
import { SessionStreams } from './session-streams';

export interface EventStreamOptions {
  /** How often the session is re-checked (and a comment keeps proxies from closing the stream). */
  heartbeatMs?: number;
  /** A stream is ended after this long; the browser's EventSource reconnects, and is authenticated afresh. */
  maxStreamMs?: number;
  /** The clock sessions are judged by (epoch ms); tests move it. */
  now?: () => number;
}

/** Open streams one session may hold (a few tabs); a further one ends the oldest. */
const MAX_STREAMS_PER_SESSION = 3;

/**
 * Server-Sent Events of case changes (`event: case`, data a CaseEvent) for any signed-in user. A comment line
 * every 15 s keeps proxies from closing an idle stream. A stream lives no longer than its session: signing
 * out ends it at once, and the session is re-checked at every heartbeat and before every event (idle expiry,
 * a disabled user, a revoked session).
 */
const eventRoutes: FastifyPluginAsyncTypebox<EventStreamOptions> = async (app, options) => {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxStreamMs = options.maxStreamMs ?? 60 * 60_000;
  const now = options.now ?? Date.now;
  const streams = new SessionStreams(MAX_STREAMS_PER_SESSION);
  const stopListening = app.authenticator.onSessionEnded((sessionId) => streams.endSession(sessionId));
  app.addHook('onClose', async () => stopListening());

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
          'Events named "case" whose data is a CaseEvent (created, updated, claimed, released, decided). Keep the highest version per case. The stream ends with the session, and after an hour at most (the browser reconnects).',
      },
    },
    async (request, reply) => {
      const user = request.user;
      reply.hijack();
      const stream = reply.raw;
      // The security headers every reply carries (set by the onRequest hooks), then the stream's own.
      stream.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      stream.write('retry: 3000\n: connected\n\n');

      let ended = false;
      /** Resolves to false (and ends the stream) once the session is gone. */
      const sessionAlive = async (): Promise<boolean> => {
        if (ended) return false;
        const alive = await app.authenticator.stillAlive(user).catch(() => false);
        if (!alive) end();
        return alive && !ended;
      };
      const role = request.user.role;
      const send = (event: CaseEvent) => {
        const shown = { ...event, case: summaryForRole(event.case, role) };
        void sessionAlive().then((alive) => {
          if (alive) stream.write(`event: case\ndata: ${JSON.stringify(shown)}\n\n`);
        });
      };
      const openedAt = now();
      const heartbeat = setInterval(() => {
        if (now() - openedAt >= maxStreamMs) return end();
        void sessionAlive().then((alive) => {
          if (alive) stream.write(': heartbeat\n\n');
        });
      }, heartbeatMs);
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        forget();
        stream.end();
      };
      const unsubscribe = app.caseEvents.subscribe(send, end);
      const forget = streams.add(user.sessionId, end);
      request.raw.on('close', end);
      stream.on('error', end);
    },
  );
};

export default eventRoutes;
