import {
  type DirectoryEntry,
  type RunningSandbox,
  sandboxDefaults,
  startSandbox,
} from '@review-desk/sandbox';
import { request } from 'undici';
import { type App, buildApp } from '../../src/app';
import type { AppConfig } from '../../src/config';
import { hmacHex } from '../../src/deliveries/signatures';
import { directoryEntryInput } from '../../src/embedded';
import { signIn, testConfig } from '../auth/app';
import type { TestEngine } from '../helpers/db';

export const capaSecret = sandboxDefaults.capaWebhookSecret;

/** A small sandbox with fast Capa retries and its control API. */
export const startTestSandbox = () =>
  startSandbox({ capaPort: 0, connectfiPort: 0, controlApi: true, size: 40, webhookRetryScale: 0.0001 });

export function sandboxConfig(base: AppConfig, sandbox: RunningSandbox): AppConfig {
  return {
    ...base,
    capa: { ...base.capa, baseUrl: sandbox.capaUrl },
    connectfi: { ...base.connectfi, baseUrl: sandbox.connectfiUrl },
    reconcileIntervalMinutes: 0,
  };
}

export interface DeliveryHarness {
  app: App;
  sandbox: RunningSandbox;
  /** Where the app listens (127.0.0.1, random port). */
  url: string;
  adminHeaders(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The real app listening on loopback, pointed at a real sandbox, with fast delivery retries. */
export async function deliveryHarness(
  engine: TestEngine,
  overrides: Partial<AppConfig> = {},
): Promise<DeliveryHarness> {
  const sandbox = await startTestSandbox();
  const config = { ...sandboxConfig(await testConfig(engine), sandbox), ...overrides };
  const app = await buildApp(config, {
    quiet: true,
    deliveries: {
      worker: { retryBaseMs: 5, maxAttempts: 3 },
      decisionWebhook: { retryBaseMs: 5, pollMs: 10 },
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  const url = `http://127.0.0.1:${address.port}`;
  // The webhook URLs are built from the public URL, known only now.
  app.config.publicUrl = url;
  let session: Record<string, string> | null = null;
  return {
    app,
    sandbox,
    url,
    async adminHeaders() {
      if (!session) {
        const signed = await signIn(app, 'admin', 'admin-demo');
        session = { cookie: signed.cookie, 'x-csrf-token': signed.csrfToken };
      }
      return session;
    },
    async close() {
      await app.close();
      await sandbox.close();
    },
  };
}

export async function sandboxDirectory(sandbox: RunningSandbox): Promise<DirectoryEntry[]> {
  const response = await request(`${sandbox.capaUrl}/_sandbox/directory`);
  return ((await response.body.json()) as { entries: DirectoryEntry[] }).entries;
}

export const directoryInputs = async (sandbox: RunningSandbox) =>
  (await sandboxDirectory(sandbox)).map(directoryEntryInput);

export async function sandboxPost<T>(baseUrl: string, path: string, body: object = {}): Promise<T> {
  const response = await request(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = (await response.body.json()) as T;
  if (response.statusCode >= 300)
    throw new Error(`${path}: ${response.statusCode} ${JSON.stringify(parsed)}`);
  return parsed;
}

export interface ScenarioRow {
  provider: 'capa' | 'connectfi';
  id: string;
  externalUserId?: string;
  status: string;
  tags: string[];
}

export async function scenarios(baseUrl: string, tag: string): Promise<ScenarioRow[]> {
  const response = await request(`${baseUrl}/_sandbox/scenarios?tag=${encodeURIComponent(tag)}`);
  const body = (await response.body.json()) as
    | ScenarioRow[]
    | { data?: ScenarioRow[]; scenarios?: ScenarioRow[] };
  return Array.isArray(body) ? body : (body.data ?? body.scenarios ?? []);
}

export const capaBody = (event: string, externalUserId: string) =>
  JSON.stringify({ type: 'KYC', event, externalUserId });

export const capaSignature = (body: string, secret = capaSecret) => hmacHex(secret, body);
