import type { IncomingMessage } from 'node:http';
import {
  type RunningSandbox,
  type SandboxDeps,
  type SandboxOptions,
  type ScenarioEntry,
  sandboxDefaults,
  startSandbox,
} from '@review-desk/sandbox';
import type { AppConfig } from '../../src/config';
import type { Upstreams } from '../../src/plugins/app/upstream';
import {
  type BreakerOptions,
  createCapaClient,
  createConnectfiClient,
  createMediaFetcher,
  type RetryPolicy,
  type UpstreamTimeouts,
} from '../../src/upstream';
import { testConfig } from '../auth/app';
import type { TestEngine } from './db';

/**
 * Every request one sandbox server received, in arrival order: method, path (query string dropped) and the
 * connectFi session token it carried, if any.
 */
export class RequestLog {
  readonly entries: { method: string; path: string; connectfiToken?: string }[] = [];

  constructor(server: RunningSandbox['capa']['app']['server']) {
    // The sandbox is already listening, so Fastify hooks can no longer be added: watch the HTTP server itself.
    server.on('request', (request: IncomingMessage) => {
      const token = request.headers['x-connectfi-token'];
      this.entries.push({
        method: request.method ?? '',
        path: (request.url ?? '').split('?')[0] ?? '',
        ...(typeof token === 'string' ? { connectfiToken: token } : {}),
      });
    });
  }

  /** Requests so far, control API (/_sandbox) excluded, optionally only those whose path matches. */
  count(path?: string | RegExp): number {
    return this.entries.filter(
      (entry) =>
        !entry.path.startsWith('/_sandbox') &&
        (path === undefined || (typeof path === 'string' ? entry.path === path : path.test(entry.path))),
    ).length;
  }
}

export interface FastUpstreamSettings {
  timeouts?: Partial<UpstreamTimeouts>;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerOptions>;
}

/** A running sandbox with request logs on both servers, for tests that drive the real app against it. */
export interface SandboxHarness {
  sandbox: RunningSandbox;
  capaRequests: RequestLog;
  connectfiRequests: RequestLog;
  /** The first subject in the sandbox's own scenario index carrying every tag and none of `without`. */
  scenario(
    provider: 'capa' | 'connectfi',
    tags: readonly string[],
    without?: readonly string[],
  ): Promise<ScenarioEntry>;
  /** testConfig pointed at this sandbox's servers and credentials. */
  config(engine: TestEngine, overrides?: Partial<AppConfig>): Promise<AppConfig>;
  /** Upstream clients for this sandbox with test-sized timeouts, retries and breaker settings. */
  upstreams(settings?: FastUpstreamSettings): Upstreams;
  close(): Promise<void>;
}

/** Timeouts short enough that a hung upstream fails a test in well under a second. */
export const fastTimeouts: UpstreamTimeouts = {
  connectMs: 500,
  headersMs: 600,
  bodyMs: 600,
  deadlineMs: 800,
};

export async function startSandboxHarness(
  overrides: Partial<SandboxOptions> = {},
  deps: SandboxDeps = {},
): Promise<SandboxHarness> {
  const sandbox = await startSandbox(
    { capaPort: 0, connectfiPort: 0, controlApi: true, size: 40, ...overrides },
    deps,
  );
  const capaRequests = new RequestLog(sandbox.capa.app.server);
  const connectfiRequests = new RequestLog(sandbox.connectfi.app.server);

  return {
    sandbox,
    capaRequests,
    connectfiRequests,
    async scenario(provider, tags, without = []) {
      const base = provider === 'capa' ? sandbox.capaUrl : sandbox.connectfiUrl;
      const query = new URLSearchParams(tags.map((tag): [string, string] => ['tag', tag]));
      const response = await fetch(`${base}/_sandbox/scenarios?${query}`);
      const index = (await response.json()) as { scenarios: ScenarioEntry[] };
      const found = index.scenarios.find((entry) => !entry.tags.some((tag) => without.includes(tag)));
      if (!found) throw new Error(`no ${provider} scenario tagged ${tags.join(', ')}`);
      return found;
    },
    config(engine, overrides = {}) {
      return testConfig(engine, {
        capa: {
          baseUrl: sandbox.capaUrl,
          partnerApiKey: sandboxDefaults.capaPartnerApiKey,
          webhookSecret: sandboxDefaults.capaWebhookSecret,
        },
        connectfi: {
          baseUrl: sandbox.connectfiUrl,
          login: sandboxDefaults.connectfiLogin,
          password: sandboxDefaults.connectfiPassword,
          webhookSecret: 'test-connectfi-webhook-secret-0123456789',
        },
        ...overrides,
      });
    },
    upstreams(settings = {}) {
      const timeouts = { ...fastTimeouts, ...settings.timeouts };
      const retry = { retries: 0, ...settings.retry };
      const shared = { timeouts, retry, ...(settings.breaker ? { breaker: settings.breaker } : {}) };
      return {
        capa: createCapaClient({
          baseUrl: sandbox.capaUrl,
          partnerApiKey: sandboxDefaults.capaPartnerApiKey,
          ...shared,
        }),
        connectfi: createConnectfiClient({
          baseUrl: sandbox.connectfiUrl,
          login: sandboxDefaults.connectfiLogin,
          password: sandboxDefaults.connectfiPassword,
          ...shared,
        }),
        media: createMediaFetcher({ timeouts }),
      };
    },
    close: () => sandbox.close(),
  };
}
