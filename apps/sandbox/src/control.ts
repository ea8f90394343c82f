// The control routes every provider server shares (only registered when options.controlApi is on):
//   GET /_sandbox/faults            the live fault settings
//   PUT /_sandbox/faults            change some of them; 400 on anything but known, in-range numbers
//   GET /_sandbox/scenarios?tag=    the scenario index of this server's subjects (tag may repeat: all must match)

import type { FastifyInstance } from 'fastify';
import type { FaultSettings } from './config';
import type { FaultControl } from './faults';
import { type ScenarioEntry, withTags } from './scenarios';

export interface ControlRoutesOptions {
  faults: FaultControl;
  /** The current index (a function, so subjects created at runtime show up). */
  scenarios: () => ScenarioEntry[];
}

// Unknown keys are refused by FaultControl.set, not here: a host app's Ajv may be set to strip them silently.
const faultsBodySchema = {
  type: 'object',
  minProperties: 1,
  properties: {
    latencyMs: { type: 'number', minimum: 0, maximum: 120_000 },
    errorRate: { type: 'number', minimum: 0, maximum: 1 },
    hangRate: { type: 'number', minimum: 0, maximum: 1 },
    malformedRate: { type: 'number', minimum: 0, maximum: 1 },
  },
} as const;

export function registerControlRoutes(
  app: FastifyInstance,
  { faults, scenarios }: ControlRoutesOptions,
): void {
  app.get('/_sandbox/faults', async () => faults.settings);

  app.put<{ Body: Partial<FaultSettings> }>(
    '/_sandbox/faults',
    {
      schema: { body: faultsBodySchema },
      // Answered here rather than by the server's error handler, so every server's control API says the same.
      errorHandler: (error, _request, reply) =>
        reply.code(400).send({ statusCode: 400, code: 'INVALID_FAULT_SETTINGS', message: error.message }),
    },
    async (request) => faults.set(request.body),
  );

  app.get<{ Querystring: { tag?: string | string[] } }>('/_sandbox/scenarios', async (request) => {
    const { tag } = request.query;
    const tags = tag === undefined ? [] : Array.isArray(tag) ? tag : [tag];
    const entries = withTags(scenarios(), tags);
    return { count: entries.length, scenarios: entries };
  });
}
