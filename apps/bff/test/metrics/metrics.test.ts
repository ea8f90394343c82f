import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFromSandbox } from '../../../launcher/src/embedded';
import type { CaseTables } from '../../src/cases/schema';
import { ConfigError, loadConfig } from '../../src/config';
import type { DeliveryTables } from '../../src/deliveries/schema';
import { signIn, testConfig } from '../auth/app';
import { type DeliveryHarness, deliveryHarness } from '../deliveries/harness';
import { engines } from '../helpers/db';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

const token = 'metrics-token-for-the-tests-0123';
const bearer = { authorization: `Bearer ${token}` };

/** One sample line per series: `name{labels} value`, parsed into its parts. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const match = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
      const labels: Record<string, string> = {};
      for (const pair of (match?.[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
        labels[pair[1] as string] = pair[2] as string;
      }
      return { labels, value: Number(match?.[2]) };
    });
}

const value = (text: string, name: string, labels: Record<string, string>) =>
  samples(text, name).find((sample) => Object.entries(labels).every(([k, v]) => sample.labels[k] === v))
    ?.value;

describe('GET /metrics behind a bearer token', () => {
  let h: DeliveryHarness;

  beforeAll(async () => {
    h = await deliveryHarness(engine, { metrics: { token, port: null, host: '127.0.0.1' } });
    await seedFromSandbox(h.app, h.sandbox);
    await h.app.deliveries.worker.idle();
  }, 120_000);
  afterAll(() => h?.close());

  const scrape = async () => {
    const response = await h.app.inject({ url: '/metrics', headers: bearer });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it('answers 401 without the token or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: token }]) {
      const response = await h.app.inject({ url: '/metrics', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).not.toContain('review_desk_');
    }
  });

  it('serves every series in the Prometheus text format', async () => {
    const response = await h.app.inject({ url: '/metrics', headers: bearer });
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'review_desk_http_request_duration_seconds',
      'review_desk_upstream_request_duration_seconds',
      'review_desk_upstream_errors_total',
      'review_desk_upstream_breaker_state',
      'review_desk_connectfi_token_refreshes_total',
      'review_desk_webhook_deliveries_received_total',
      'review_desk_webhook_deliveries_pending',
      'review_desk_webhook_deliveries_failed',
      'review_desk_webhook_deliveries_finished_total',
      'review_desk_webhook_processing_lag_seconds',
      'review_desk_webhook_oldest_pending_seconds',
      'review_desk_cases_open',
      'review_desk_cases_sla_breached',
      'review_desk_outbound_deliveries',
      'process_cpu_seconds_total',
    ]) {
      expect(response.body, name).toContain(`# TYPE ${name} `);
    }
  });

  it('counts the webhooks the seed delivered, the upstream reads they caused and the cases they opened', async () => {
    const text = await scrape();
    const received = samples(text, 'review_desk_webhook_deliveries_received_total').reduce(
      (sum, sample) => sum + sample.value,
      0,
    );
    const stored = await h.app.db
      .withTables<DeliveryTables>()
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(received).toBeGreaterThanOrEqual(Number(stored.n));
    expect(Number(stored.n)).toBeGreaterThan(0);
    const processed = value(text, 'review_desk_webhook_deliveries_finished_total', {
      provider: 'capa',
      outcome: 'processed',
    });
    expect(processed).toBeGreaterThan(0);
    expect(
      value(text, 'review_desk_webhook_processing_lag_seconds_count', { provider: 'capa' }),
    ).toBeGreaterThan(0);
    expect(
      value(text, 'review_desk_upstream_request_duration_seconds_count', {
        provider: 'capa',
        operation: 'getKycDetails',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    expect(value(text, 'review_desk_connectfi_token_refreshes_total', { outcome: 'issued' })).toBeGreaterThan(
      0,
    );
    expect(value(text, 'review_desk_upstream_breaker_state', { provider: 'capa', state: 'closed' })).toBe(1);
    expect(value(text, 'review_desk_upstream_breaker_state', { provider: 'capa', state: 'open' })).toBe(0);

    const open = await h.app.db
      .withTables<CaseTables>()
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', '<>', 'resolved')
      .executeTakeFirstOrThrow();
    const reported = samples(text, 'review_desk_cases_open').reduce((sum, sample) => sum + sample.value, 0);
    expect(reported).toBe(Number(open.n));
    expect(reported).toBeGreaterThan(0);
  });

  it('reports the webhook backlog, SLA breaches and failed decision webhooks from the database', async () => {
    const db = h.app.db.withTables<CaseTables & DeliveryTables>();
    await db
      .insertInto('deliveries')
      .values({
        provider: 'connectfi',
        received_at: new Date(Date.now() - 600_000),
        body: '{}',
        content_hash: randomUUID(),
        dedupe_key: randomUUID(),
        external_user_id: null,
        status: 'pending',
        last_error: null,
        processed_at: null,
        // Held by "another instance", so this one's worker leaves it alone.
        lease_until: new Date(Date.now() + 3_600_000),
      })
      .execute();
    const breachedBefore =
      value(await scrape(), 'review_desk_cases_sla_breached', { provider: 'capa' }) ?? -1;
    const victim = await db
      .selectFrom('cases')
      .select('id')
      .where('provider', '=', 'capa')
      .where('state', '<>', 'resolved')
      .where('sla_due_at', '>', new Date())
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('cases')
      .set({ sla_due_at: new Date(Date.now() - 60_000) })
      .where('id', '=', victim.id)
      .execute();

    const text = await scrape();
    expect(value(text, 'review_desk_webhook_deliveries_pending', { provider: 'connectfi' })).toBe(1);
    expect(
      value(text, 'review_desk_webhook_oldest_pending_seconds', { provider: 'connectfi' }),
    ).toBeGreaterThanOrEqual(599);
    expect(value(text, 'review_desk_webhook_oldest_pending_seconds', { provider: 'capa' })).toBe(0);
    expect(value(text, 'review_desk_cases_sla_breached', { provider: 'capa' })).toBe(breachedBefore + 1);
    expect(value(text, 'review_desk_outbound_deliveries', { status: 'failed' })).toBe(0);
  });

  it('labels requests by route pattern, so any number of ids and unknown URLs make a bounded set of series', async () => {
    const analyst = await signIn(h.app, 'analyst', 'analyst-demo');
    const ids = Array.from({ length: 40 }, () => randomUUID());
    for (const id of ids) {
      await h.app.inject({ url: `/api/cases/${id}`, headers: { cookie: analyst.cookie } });
      await h.app.inject({ url: `/api/subjects/capa/${id}`, headers: { cookie: analyst.cookie } });
      await h.app.inject({ url: `/no/such/page/${id}?name=Jane%20Doe` });
      await h.app.inject({ method: 'POST', url: `/webhooks/connectfi/${id}`, payload: '{}' });
    }
    const text = await scrape();
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toContain('Jane');

    const series = samples(text, 'review_desk_http_request_duration_seconds_count');
    const routes = new Set(series.map((sample) => sample.labels.route));
    // Every label is a registered route pattern (or 'unmatched' for the 404s), never a URL.
    for (const { labels } of series) {
      if (labels.route === 'unmatched') continue;
      expect(
        h.app.hasRoute({ method: labels.method as 'GET', url: labels.route as string }),
        labels.route,
      ).toBe(true);
    }
    expect(routes).toContain('/api/cases/:id');
    expect(routes).toContain('/api/subjects/capa/:userId');
    expect(routes).toContain('/webhooks/connectfi/:secret');
    expect(routes).toContain('unmatched');
    // 160 distinct URLs above; the series are bounded by the routes those URLs hit, whatever their number.
    expect(routes.size).toBeLessThanOrEqual(12);
  });
});

/** A built SPA's stand-in: the desk serves its index.html for any page path. */
function spaDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'review-desk-spa-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Review Desk</title>');
  return dir;
}

describe('where /metrics is served', () => {
  it('is absent with neither METRICS_TOKEN nor METRICS_PORT: a 404, not the SPA, which serves other paths', async () => {
    const h = await deliveryHarness(engine, { webDistDir: spaDir() });
    try {
      const metrics = await h.app.inject({ url: '/metrics' });
      expect(metrics.statusCode).toBe(404);
      expect(metrics.headers['content-type']).toMatch(/^application\/json/);
      expect((await h.app.inject({ url: '/queue' })).body).toContain('<title>Review Desk</title>');
      expect(h.app.metrics.listenerAddress()).toBeNull();
    } finally {
      await h.close();
    }
  }, 60_000);

  it('moves to a loopback listener of its own with METRICS_PORT, still asking for the token when one is set', async () => {
    const h = await deliveryHarness(engine, {
      metrics: { token, port: 0, host: '127.0.0.1' },
      webDistDir: spaDir(),
    });
    try {
      expect((await h.app.inject({ url: '/metrics', headers: bearer })).statusCode).toBe(404);
      const address = h.app.metrics.listenerAddress();
      expect(address?.address).toBe('127.0.0.1');
      const url = `http://127.0.0.1:${address?.port}`;
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${url}/metrics`, { headers: bearer });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('review_desk_cases_open');
      expect((await fetch(`${url}/api/auth/me`, { headers: bearer })).status).toBe(404);
    } finally {
      await h.close();
    }
    const open = await deliveryHarness(engine, { metrics: { token: null, port: 0, host: '127.0.0.1' } });
    try {
      const address = open.app.metrics.listenerAddress();
      expect((await fetch(`http://127.0.0.1:${address?.port}/metrics`)).status).toBe(200);
    } finally {
      await open.close();
    }
  }, 90_000);

  it('reads its settings from the environment, refusing a short token', async () => {
    const base = { JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(base).metrics).toEqual({ token: null, port: null, host: '127.0.0.1' });
    expect(loadConfig({ ...base, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      token: null,
      port: 9464,
      host: '0.0.0.0',
    });
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, METRICS_PORT: 'ninety' })).toThrow(ConfigError);
    expect((await testConfig(engine)).metrics.token).toBeNull();
  });
});
