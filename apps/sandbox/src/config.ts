// Sandbox settings. Every value has a documented default (apps/sandbox/README.md) and can be overridden
// by environment variables when the sandbox runs on its own, or by options when tests start it in-process.

export interface FaultSettings {
  /** Added latency in milliseconds for every provider request. */
  latencyMs: number;
  /** Share of provider requests (0..1) answered with a 5xx in the provider's error shape. */
  errorRate: number;
  /** Share of provider requests (0..1) that never answer (the socket stays open until the client gives up). */
  hangRate: number;
  /** Share of provider requests (0..1) answered 200 with a body that is not valid JSON. */
  malformedRate: number;
}

export const noFaults: FaultSettings = { latencyMs: 0, errorRate: 0, hangRate: 0, malformedRate: 0 };

export interface SandboxOptions {
  host: string;
  capaPort: number;
  connectfiPort: number;
  /** Seed and size of the generated population: the same seed and size give byte-identical payloads. */
  seed: number;
  size: number;
  capaPartnerApiKey: string;
  capaWebhookSecret: string;
  connectfiLogin: string;
  connectfiPassword: string;
  /** Lifetime of connectFi tokens; dtsExpireAt is issued-at plus this. */
  connectfiTokenLifetimeSeconds: number;
  /** Lifetime of the pre-signed media links in KYC details. */
  mediaUrlTtlSeconds: number;
  /** Capa retries at once, then after 1, 5, 10 and 15 minutes; tests scale that schedule down (0.001 = ms). */
  webhookRetryScale: number;
  /** connectFi webhookURL given to seeded journeys (the review desk's receiver in the embedded default). */
  connectfiDefaultWebhookUrl: string | null;
  /** The /_sandbox control endpoints (faults, scenario index, upstream-side resolutions). Off by default. */
  controlApi: boolean;
  capaFaults: FaultSettings;
  connectfiFaults: FaultSettings;
  /** A fixed clock for deterministic payload timestamps; defaults to 2026-01-01T00:00:00Z for the population. */
  populationEpoch: string;
}

export const sandboxDefaults: SandboxOptions = {
  host: '127.0.0.1',
  capaPort: 4010,
  connectfiPort: 4020,
  seed: 20260101,
  size: 200,
  capaPartnerApiKey: 'capa_sandbox_pk_5f3c9a1e7b2d4c6e8f0a1b3c5d7e9f21',
  capaWebhookSecret: 'capa_sandbox_whsec_9d2b7e4a1c6f3e8b',
  connectfiLogin: 'sandbox-partner',
  connectfiPassword: 'sandbox-password',
  connectfiTokenLifetimeSeconds: 3600,
  mediaUrlTtlSeconds: 900,
  webhookRetryScale: 1,
  connectfiDefaultWebhookUrl: null,
  controlApi: false,
  capaFaults: noFaults,
  connectfiFaults: noFaults,
  populationEpoch: '2026-01-01T00:00:00.000Z',
};

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

function faultsFrom(env: NodeJS.ProcessEnv, prefix: string): FaultSettings {
  return {
    latencyMs: numberFrom(env, `${prefix}_LATENCY_MS`, 0),
    errorRate: numberFrom(env, `${prefix}_ERROR_RATE`, 0),
    hangRate: numberFrom(env, `${prefix}_HANG_RATE`, 0),
    malformedRate: numberFrom(env, `${prefix}_MALFORMED_RATE`, 0),
  };
}

/** Options from SANDBOX_* environment variables, over the defaults. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const d = sandboxDefaults;
  return {
    host: env.SANDBOX_HOST || d.host,
    capaPort: numberFrom(env, 'SANDBOX_CAPA_PORT', d.capaPort),
    connectfiPort: numberFrom(env, 'SANDBOX_CONNECTFI_PORT', d.connectfiPort),
    seed: numberFrom(env, 'SANDBOX_SEED', d.seed),
    size: numberFrom(env, 'SANDBOX_SIZE', d.size),
    capaPartnerApiKey: env.SANDBOX_CAPA_PARTNER_API_KEY || d.capaPartnerApiKey,
    capaWebhookSecret: env.SANDBOX_CAPA_WEBHOOK_SECRET || d.capaWebhookSecret,
    connectfiLogin: env.SANDBOX_CONNECTFI_LOGIN || d.connectfiLogin,
    connectfiPassword: env.SANDBOX_CONNECTFI_PASSWORD || d.connectfiPassword,
    connectfiTokenLifetimeSeconds: numberFrom(
      env,
      'SANDBOX_CONNECTFI_TOKEN_LIFETIME_SECONDS',
      d.connectfiTokenLifetimeSeconds,
    ),
    mediaUrlTtlSeconds: numberFrom(env, 'SANDBOX_MEDIA_URL_TTL_SECONDS', d.mediaUrlTtlSeconds),
    webhookRetryScale: numberFrom(env, 'SANDBOX_WEBHOOK_RETRY_SCALE', d.webhookRetryScale),
    connectfiDefaultWebhookUrl: env.SANDBOX_CONNECTFI_WEBHOOK_URL || d.connectfiDefaultWebhookUrl,
    controlApi: env.SANDBOX_CONTROL_API === '1',
    capaFaults: faultsFrom(env, 'SANDBOX_CAPA'),
    connectfiFaults: faultsFrom(env, 'SANDBOX_CONNECTFI'),
    populationEpoch: env.SANDBOX_POPULATION_EPOCH || d.populationEpoch,
  };
}
