import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningSandbox } from '@review-desk/sandbox';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import type { CaseTables } from '../../src/cases/schema';
import { loadConfig } from '../../src/config';
import { createDatabase, type DatabaseConfig } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import type { DeliveryTables } from '../../src/deliveries/schema';
import { sha256Hex } from '../../src/deliveries/signatures';
import { describeEachEngine } from '../helpers/db';
import { serverEnv, startServer } from '../helpers/server-process';
import { capaSignature, scenarios, startTestSandbox } from './harness';

const connectfiSecret = 'durability-connectfi-webhook-secret';

interface Delivery {
  path: string;
  body: string;
  headers: Record<string, string>;
}

describeEachEngine('webhook deliveries across a kill -9', (engine) => {
  let sandbox: RunningSandbox;
  let dataDir: string;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    dataDir = mkdtempSync(path.join(tmpdir(), 'review-desk-durability-'));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged delivery and processes the pending ones after restart', {
    timeout: 90_000,
  }, async () => {
    const fresh = await engine.database();
    const database: DatabaseConfig = fresh.databaseUrl ? fresh : { databaseUrl: null, dataDir };
    const waiting = await scenarios(sandbox.connectfiUrl, 'waiting_review');
    const customers = (await scenarios(sandbox.connectfiUrl, 'connectfi')).map((row) => row.id);
    // A slow provider keeps the worker well behind the receiver, so the kill finds deliveries still pending.
    await fetch(`${sandbox.connectfiUrl}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 150 }),
    });

    const deliveries = Array.from({ length: 200 }, (_, i): Delivery => {
      if (i % 2 === 0) {
        const body = JSON.stringify({
          type: 'KYC',
          event: 'REVIEW_NEEDED_KYC',
          externalUserId: `org-burst-${i}`,
        });
        return {
          path: '/webhooks/capa',
          body,
          headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
        };
      }
      const customerId = customers[i % customers.length] ?? '';
      const body = JSON.stringify({
        code: '0',
        data: { customerId, status: 'waiting_review' },
        requestId: `burst-${i}`,
      });
      return {
        path: `/webhooks/connectfi/${connectfiSecret}`,
        body,
        headers: { 'content-type': 'application/json' },
      };
    });

    const started = await startServer(serverEnv(sandbox, database, connectfiSecret));
    child = started.child;
    const acknowledged: string[] = [];
    const killed = new Promise<void>((resolve) => started.child.once('exit', () => resolve()));
    const burst = Promise.allSettled(
      deliveries.map(async (delivery) => {
        const response = await request(`${started.url}${delivery.path}`, {
          method: 'POST',
          headers: delivery.headers,
          body: delivery.body,
        });
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) {
          acknowledged.push(sha256Hex(delivery.body));
          if (acknowledged.length === 120) started.child.kill('SIGKILL');
        }
      }),
    );
    await burst;
    await killed;
    child = null;
    expect(acknowledged.length).toBeGreaterThanOrEqual(120);

    // Look at what survived before anything processes it.
    const survived = await createDatabase(database);
    await migrateToLatest(survived);
    const db = survived.db.withTables<CaseTables & DeliveryTables>();
    const rows = await db.selectFrom('deliveries').select(['content_hash', 'status']).execute();
    await survived.close();
    const stored = new Set(rows.map((row) => row.content_hash));
    expect(acknowledged.filter((hash) => !stored.has(hash))).toEqual([]);
    const pendingAtKill = rows.filter((row) => row.status === 'pending').length;
    expect(pendingAtKill).toBeGreaterThan(0);

    await fetch(`${sandbox.connectfiUrl}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 0 }),
    });
    // The restart, on the same data: pending rows are picked up at start-up, and those the killed process was
    // processing once their lease runs out (the sweep looks for them).
    const config = {
      ...loadConfig(serverEnv(sandbox, database, connectfiSecret)),
      logLevel: 'silent',
      ...database,
    };
    const app = await buildApp(config, { quiet: true, deliveries: { worker: { sweepIntervalMs: 250 } } });
    try {
      const deliveriesTable = () =>
        app.db
          .withTables<CaseTables & DeliveryTables>()
          .selectFrom('deliveries')
          .select(['provider', 'status'])
          .execute();
      await expect
        .poll(async () => (await deliveriesTable()).filter((row) => row.status === 'pending'), {
          timeout: 30_000,
          interval: 250,
        })
        .toEqual([]);
      await app.deliveries.worker.idle();
      const after = await deliveriesTable();
      expect(
        after.filter((row) => row.provider === 'connectfi').every((row) => row.status === 'processed'),
      ).toBe(true);
      expect(after.filter((row) => row.provider === 'capa').every((row) => row.status === 'unmatched')).toBe(
        true,
      );
      const opened = await app.db
        .withTables<CaseTables & DeliveryTables>()
        .selectFrom('cases')
        .select('subject_id')
        .where('provider', '=', 'connectfi')
        .execute();
      const waitingIds = new Set(waiting.map((row) => row.id));
      // Each acknowledged connectFi delivery was acted on from a fresh read: every journey in review has its case.
      const acked = new Set(acknowledged);
      const inReview = deliveries
        .filter(
          (delivery) =>
            delivery.path.startsWith('/webhooks/connectfi/') && acked.has(sha256Hex(delivery.body)),
        )
        .map((delivery) => (JSON.parse(delivery.body) as { data: { customerId: string } }).data.customerId)
        .filter((id) => waitingIds.has(id));
      expect(inReview.length).toBeGreaterThan(0);
      const openedIds = new Set(opened.map((row) => row.subject_id));
      expect(inReview.filter((id) => !openedIds.has(id))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
