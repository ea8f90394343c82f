import type { FastifyInstance } from 'fastify';

export interface ReadinessProbe {
  name: string;
  /** 'ok' and breaker states 'closed'/'half_open' are ready; anything else is reported as is. */
  check(): Promise<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    readinessProbes: ReadinessProbe[];
  }
}

/** Liveness (the process answers) and readiness (database reachable, each upstream's breaker state). */
export default async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { config: { access: { public: true } }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { config: { access: { public: true } }, schema: { hide: true } },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      let ready = true;
      for (const probe of app.readinessProbes) {
        let state: string;
        try {
          state = await probe.check();
        } catch {
          state = 'error';
        }
        checks[probe.name] = state;
        // An open breaker means that upstream is failing fast; the desk still serves its own data.
        if (probe.name === 'database' && state !== 'ok') ready = false;
      }
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );
}
