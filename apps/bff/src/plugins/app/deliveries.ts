import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CaseTables } from '../../cases/schema';
import { SubjectDirectory } from '../../deliveries/directory';
import { DeliveryStore } from '../../deliveries/intake';
import { KybSweep } from '../../deliveries/kyb-sweep';
import { DecisionWebhook, type DecisionWebhookOptions } from '../../deliveries/outbound';
import { Reconciler } from '../../deliveries/reconcile';
import type { DeliveryTables } from '../../deliveries/schema';
import { SubjectSync } from '../../deliveries/sync';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../../deliveries/worker';

export interface DeliveryOptions {
  worker?: DeliveryWorkerOptions;
  /** Retry settings of the decision webhook (its URL and secret come from config). */
  decisionWebhook?: Omit<DecisionWebhookOptions, 'url' | 'secret'>;
  /** Subjects reconciliation reads at once. */
  reconcileConcurrency?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    deliveries: {
      /** Delivery intake: webhook deliveries stored before the 2xx. */
      intake: DeliveryStore;
      directory: SubjectDirectory;
      worker: DeliveryWorker;
      reconciler: Reconciler;
      /** Reads the imported Capa users for businesses in KYB review (Capa sends no KYB webhook). */
      kybSweep: KybSweep;
      /** null when DECISION_WEBHOOK_URL is not set. */
      decisionWebhook: DecisionWebhook | null;
    };
  }
}

/**
 * Provider webhooks in, decisions out: the delivery store and its worker, the subject directory, periodic
 * reconciliation of open cases, and the optional decision webhook. Background work starts once the app is
 * ready and stops before it closes.
 */
export default fp(
  async function deliveriesPlugin(app: FastifyInstance, options: DeliveryOptions) {
    const db = app.db.withTables<CaseTables & DeliveryTables>();
    const intake = new DeliveryStore(db);
    const directory = new SubjectDirectory(db);
    const sync = new SubjectSync(db, app.cases.store, directory);
    const loadView = app.cases.loadView;
    const worker = new DeliveryWorker(intake, { directory, sync, loadView }, app.log, {
      ...options.worker,
      onFinished: ({ provider, status, receivedAt }) => {
        app.metrics.webhooksFinished.inc({ provider, outcome: status });
        app.metrics.webhookLag.observe({ provider }, Math.max(0, Date.now() - receivedAt.getTime()) / 1000);
      },
    });
    const reconciler = new Reconciler({
      db,
      sync,
      loadView,
      log: app.log,
      concurrency: options.reconcileConcurrency,
      resolvedDays: app.config.reconcileResolvedDays,
    });
    const configured = app.config.decisionWebhook;
    const decisionWebhook = configured
      ? new DecisionWebhook(db, { ...options.decisionWebhook, ...configured }, app.log)
      : null;
    const kybSweep = new KybSweep({
      sync,
      loadView,
      log: app.log,
      concurrency: options.reconcileConcurrency,
    });
    app.decorate('deliveries', { intake, directory, worker, reconciler, kybSweep, decisionWebhook });

    let reconcileTimer: NodeJS.Timeout | null = null;
    let unsubscribe: (() => void) | null = null;
    app.addHook('onReady', async () => {
      const pending = await worker.start();
      if (pending > 0) app.log.info({ pending }, 'processing webhook deliveries stored before the restart');
      const minutes = app.config.reconcileIntervalMinutes;
      if (minutes > 0) {
        reconcileTimer = setInterval(() => {
          reconciler.run().catch((error: unknown) => app.log.error({ err: error }, 'reconciliation failed'));
        }, minutes * 60_000);
        reconcileTimer.unref();
      }
      if (decisionWebhook) {
        unsubscribe = app.caseEvents.subscribe(decisionWebhook.onCaseEvent, () => {});
        decisionWebhook.start();
      }
    });
    app.addHook('preClose', async () => {
      if (reconcileTimer) clearInterval(reconcileTimer);
      unsubscribe?.();
      await worker.stop();
      await decisionWebhook?.close();
    });
  },
  { name: 'deliveries', dependencies: ['db', 'cases', 'events', 'metrics'] },
);
