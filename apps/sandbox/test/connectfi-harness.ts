// Shared setup for the connectFi sandbox tests: a server built in-process, a movable clock, request helpers
// and a webhook receiver on 127.0.0.1:0.

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SandboxOptions, sandboxDefaults } from '../src/config';
import type { ConnectfiCustomerSeed } from '../src/connectfi/model';
import { type ConnectfiServer, createConnectfiServer } from '../src/connectfi/server';

export const testOptions: SandboxOptions = {
  ...sandboxDefaults,
  controlApi: true,
  connectfiTokenLifetimeSeconds: 600,
};

export class Clock {
  constructor(private current = new Date('2026-03-01T12:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export interface Harness {
  server: ConnectfiServer;
  clock: Clock;
  token: string;
  post(
    url: string,
    body?: unknown,
    token?: string,
  ): Promise<{ statusCode: number; json: Record<string, unknown> }>;
  get(url: string, token?: string): Promise<{ statusCode: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startConnectfi(
  overrides: Partial<SandboxOptions> = {},
  seeds: ConnectfiCustomerSeed[] = [],
): Promise<Harness> {
  const clock = new Clock();
  const server = await createConnectfiServer({ ...testOptions, ...overrides }, seeds, { now: clock.now });
  const { app } = server;
  const post: Harness['post'] = async (url, body, token = harness.token) => {
    const response = await app.inject({
      method: 'POST',
      url,
      headers: token === '' ? {} : { 'x-connectfi-token': token },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    return { statusCode: response.statusCode, json: response.json() };
  };
  const get: Harness['get'] = async (url, token = harness.token) => {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: token === '' ? {} : { 'x-connectfi-token': token },
    });
    return { statusCode: response.statusCode, json: response.json() };
  };
  const harness: Harness = { server, clock, token: '', post, get, close: () => app.close() };
  const login = await post(
    '/auth/get-token',
    { user: { login: testOptions.connectfiLogin, password: testOptions.connectfiPassword } },
    '',
  );
  harness.token = (login.json.data as { token: string }).token;
  return harness;
}

export const primaryAddress = {
  type: 'PRIMARY',
  line1: '1 Main St',
  city: 'Austin',
  state: 'TX',
  postalCode: '73301',
  country: 'US',
};

export function individualBody(lastName = 'Rivera', extra: Record<string, unknown> = {}) {
  return {
    type: 'individual',
    firstName: 'Ana',
    lastName,
    dateOfBirth: '1990-04-12',
    email: 'ana@example.com',
    addresses: [primaryAddress],
    ...extra,
  };
}

export function representative(lastName = 'Okafor', extra: Record<string, unknown> = {}) {
  return {
    firstName: 'Chidi',
    lastName,
    dateOfBirth: '1984-09-30',
    email: 'chidi@example.com',
    addresses: [primaryAddress],
    ...extra,
  };
}

export function businessBody(representatives: unknown[], postalCode = '73301') {
  return {
    type: 'business',
    businessName: 'Okafor Logistics LLC',
    taxId: '12-3456789',
    email: 'ops@okafor.example',
    addresses: [{ ...primaryAddress, postalCode }],
    businessRepresentatives: representatives,
  };
}

/** A one-pixel PNG is as good as a licence photo to the sandbox. */
export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export function multipartFile(bytes: Buffer, filename = 'front.png', mimetype = 'image/png') {
  const boundary = '----connectfi-sandbox-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mimetype}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export async function upload(h: Harness, documentId: string, bytes = pngBytes) {
  const { payload, contentType } = multipartFile(bytes);
  const response = await h.server.app.inject({
    method: 'POST',
    url: `/akepa/document/upload/${documentId}`,
    headers: { 'x-connectfi-token': h.token, 'content-type': contentType },
    payload,
  });
  return { statusCode: response.statusCode, json: response.json() as Record<string, unknown> };
}

/** generate + upload one document view; returns its id. */
export async function uploadedDocument(h: Harness, name: 'front' | 'back'): Promise<string> {
  const generated = await h.post('/akepa/document/generate', {
    workflow: 'PERSONAL',
    name,
    extension: 'png',
    type: 'license',
  });
  const id = (generated.json.data as { id: string }).id;
  const uploaded = await upload(h, id);
  if (uploaded.statusCode !== 200) throw new Error(`upload failed: ${JSON.stringify(uploaded.json)}`);
  return id;
}

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: { code: string; data: Record<string, unknown>; requestId: string };
}

/**
 * An HTTP receiver on 127.0.0.1:0 that records every POST and answers with the given status. With `gate`, it
 * answers nothing until the gate opens. `mostAtOnce` is the largest number of POSTs it held unanswered at once.
 */
export async function startReceiver(answerStatus = 200, gate?: Promise<void>) {
  const received: ReceivedWebhook[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let open = 0;
  const stats = { mostAtOnce: 0 };
  const server = createServer((req, res) => {
    open += 1;
    stats.mostAtOnce = Math.max(stats.mostAtOnce, open);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
      void (gate ?? Promise.resolve()).then(() => {
        open -= 1;
        res.writeHead(answerStatus).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/connectfi?ref=abc`,
    received,
    stats,
    /** The statuses of the callbacks received so far, in arrival order. */
    statuses: () => received.map((r) => r.body.data.status),
    /** Resolves once `count` webhooks have arrived; fails after timeoutMs. */
    waitFor(count: number, timeoutMs = 2_000): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} webhooks, got ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const hex32 = /^[0-9a-f]{32}$/;
export const base62Id = (prefix: string) => new RegExp(`^${prefix}_[0-9A-Za-z]{22}$`);
