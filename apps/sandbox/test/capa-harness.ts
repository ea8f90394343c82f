// Starts a Capa server on a free loopback port with a clock the test controls, and a webhook receiver.

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { type CapaServer, type CapaServerDeps, createCapaServer } from '../src/capa/server';
import { type SandboxOptions, sandboxDefaults } from '../src/config';
import { generatePopulation } from '../src/population/index';
import type { Population } from '../src/population/types';

export const apiKey = sandboxDefaults.capaPartnerApiKey;
export const webhookSecret = sandboxDefaults.capaWebhookSecret;

const populations = new Map<number, Population>();

/** The default population (cached: each test file may start several servers from it). */
export function defaultPopulation(size = sandboxDefaults.size): Population {
  let population = populations.get(size);
  if (!population) {
    population = generatePopulation({
      seed: sandboxDefaults.seed,
      size,
      epoch: sandboxDefaults.populationEpoch,
    });
    populations.set(size, population);
  }
  return population;
}

export interface TestClock {
  now: () => Date;
  advance(seconds: number): void;
}

export function testClock(start = '2026-03-01T12:00:00.000Z'): TestClock {
  let ms = Date.parse(start);
  return { now: () => new Date(ms), advance: (seconds) => (ms += seconds * 1000) };
}

export interface RunningCapa {
  server: CapaServer;
  url: string;
  population: Population;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options?: { body?: unknown; rawBody?: string; key?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: IncomingHttpHeaders; text: string; json: () => unknown }>;
  close(): Promise<void>;
}

export async function startCapa(
  overrides: Partial<SandboxOptions> = {},
  deps: CapaServerDeps = {},
  population: Population = defaultPopulation(),
): Promise<RunningCapa> {
  // Each server mutates its users, so it gets its own copy of the seeds.
  const own: Population = structuredClone(population);
  const server = createCapaServer({ ...sandboxDefaults, controlApi: true, ...overrides }, own, deps);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    population: own,
    async call(method, path, { body, rawBody, key = apiKey, headers = {} } = {}) {
      const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      const response = await request(url + path, {
        method,
        headers: {
          ...(key === null ? {} : { 'partner-api-key': key }),
          ...(text === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: text,
      });
      const responseText = await response.body.text();
      return {
        status: response.statusCode,
        headers: response.headers as IncomingHttpHeaders,
        text: responseText,
        json: () => JSON.parse(responseText) as unknown,
      };
    },
    close: () => server.app.close(),
  };
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  deliveries: Delivery[];
  /** Resolves once `count` deliveries arrived (fails the test after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

/** A receiver answering each delivery with the status `respond` gives (200 by default). */
export async function startReceiver(
  respond: (index: number) => number = () => 200,
): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = deliveries.length;
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(respond(index)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/capa`;
  return {
    url,
    deliveries,
    async waitFor(count, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (deliveries.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${deliveries.length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return deliveries;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
