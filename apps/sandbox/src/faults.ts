import type { FastifyInstance, FastifyReply } from 'fastify';
import { type FaultSettings, noFaults } from './config';

/**
 * Injected faults for one provider server. The settings object is live: the control API and tests change it
 * while the server runs. Control routes (/_sandbox/...) are never faulted, so a test can always switch faults off.
 */
export class FaultControl {
  settings: FaultSettings;
  private readonly hanging = new Set<FastifyReply>();

  constructor(
    initial: FaultSettings,
    /** The provider's own 5xx body, so an injected error looks like a real one. */
    readonly errorBody: () => { statusCode: number; body: unknown },
    private readonly random: () => number = Math.random,
  ) {
    this.settings = { ...initial };
  }

  set(patch: Partial<FaultSettings>): FaultSettings {
    for (const [key, value] of Object.entries(patch) as [keyof FaultSettings, number][]) {
      if (!Object.hasOwn(noFaults, key)) throw new RangeError(`${key} is not a fault setting`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new RangeError(`${key} must be a non-negative number`);
      }
      if (key !== 'latencyMs' && value > 1) throw new RangeError(`${key} is a share between 0 and 1`);
    }
    this.settings = { ...this.settings, ...patch };
    return this.settings;
  }

  reset(): void {
    this.settings = { ...noFaults };
  }

  register(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/_sandbox')) return;
      const { latencyMs, errorRate, hangRate, malformedRate } = this.settings;
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (hangRate > 0 && this.random() < hangRate) {
        // Never answer; the client's own timeout must fire. Forgotten when the client gives up, and destroyed
        // when the server closes (otherwise app.close() would wait for the client forever).
        this.hanging.add(reply);
        reply.raw.once('close', () => this.hanging.delete(reply));
        reply.hijack();
        return;
      }
      if (errorRate > 0 && this.random() < errorRate) {
        const { statusCode, body } = this.errorBody();
        return reply.code(statusCode).send(body);
      }
      if (malformedRate > 0 && this.random() < malformedRate) {
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        reply.raw.end('{"status":"ok","data":{"aipriseSummary":');
      }
    });
    app.addHook('preClose', async () => {
      for (const reply of this.hanging) reply.raw.destroy();
      this.hanging.clear();
    });
  }
}
