import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defaultProviderName, type OidcSettings, parseRoleMap } from './auth/oidc/settings';

/**
 * The sandbox's documented addresses and credentials (its README), which the embedded default
 * talks to. Written out rather than imported: the BFF never loads the simulator (a test keeps them equal).
 */
export const sandboxUpstreams = {
  capaPort: 4010,
  connectfiPort: 4020,
  capaPartnerApiKey: 'capa_sandbox_pk_5f3c9a1e7b2d4c6e8f0a1b3c5d7e9f21',
  capaWebhookSecret: 'capa_sandbox_whsec_9d2b7e4a1c6f3e8b',
  connectfiLogin: 'sandbox-partner',
  connectfiPassword: 'sandbox-password',
} as const;

/**
 * The BFF's configuration, read once from the environment and validated. Code reads this object, never
 * process.env. With no upstream variables set the BFF runs on its embedded default: the sandbox upstreams
 * (started by apps/launcher, or on their own), an embedded PGlite database and demo users.
 */
export interface AppConfig {
  mode: 'embedded' | 'upstream';
  host: string;
  port: number;
  /** Public origin of this deployment, used to tell admins which webhook URLs to give the providers. */
  publicUrl: string;
  logLevel: string;
  capa: { baseUrl: string; partnerApiKey: string; webhookSecret: string };
  connectfi: { baseUrl: string; login: string; password: string; webhookSecret: string };
  /** null: the embedded PGlite database in dataDir. */
  databaseUrl: string | null;
  /** PGlite directory; 'memory://' keeps it in memory (tests). */
  dataDir: string;
  jwtSecret: string;
  cookieSecure: boolean;
  accessTokenTtlSeconds: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Built SPA to serve at /; null when it has not been built (the API still runs). */
  webDistDir: string | null;
  /** Where decisions are announced (signed POST); null: not announced. */
  decisionWebhook: { url: string; secret: string } | null;
  /** How often open cases are re-read from their provider; 0 turns the periodic run off. */
  reconcileIntervalMinutes: number;
  /** The budget of the last read kept per subject (for its media, and to skip re-normalising the same answer). */
  subjectCacheMegabytes: number;
  /** Reconciliation also re-reads cases resolved this many days back (the provider may change its verdict). */
  reconcileResolvedDays: number;
  /**
   * Who may read /metrics. token: a bearer token it requires; port: a listener of its own (on host) instead of
   * the main one. Neither set: no /metrics at all.
   */
  metrics: { token: string | null; port: number | null; host: string };
  /** Single sign-on through the organisation's OpenID provider; null: not configured. */
  oidc: OidcSettings | null;
  /** Sign-in with a local password (POST /api/auth/login); off leaves single sign-on only. */
  localLogin: boolean;
  /**
   * The hosts identity media is fetched from (`host`, `host:port`, `*.domain`); null: Capa's own host (the
   * sandbox's, embedded), and Capa's media CDN when talking to Capa itself.
   */
  mediaHosts: string[] | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(name, 'is required');
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: Env, name: string, fallback?: string): string {
  const value = text(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  return value.replace(/\/+$/, '');
}

function postgresUrl(env: Env, name: string): string {
  const value = text(env, name);
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') return value;
  } catch {
    // reported below
  }
  throw new ConfigError(name, 'must be a postgres:// connection URL');
}

function secret(env: Env, name: string, minLength: number, fallback?: string): string {
  const value = text(env, name, fallback);
  if (value.length < minLength) throw new ConfigError(name, `must be at least ${minLength} characters`);
  return value;
}

/**
 * A credential a provider issues (an API key, a login, a password, a signing secret): the providers document
 * no format for them, so only what cannot work is refused: empty, or with whitespace (a pasted line break).
 * Secrets the desk chooses itself keep their length rules (`secret`).
 */
function credential(env: Env, name: string): string {
  const value = text(env, name);
  if (/\s/.test(value)) throw new ConfigError(name, 'must not contain whitespace');
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be on or off, got "${raw}"`);
}

const upstreamVariables = [
  'CAPA_BASE_URL',
  'CAPA_PARTNER_API_KEY',
  'CAPA_WEBHOOK_SECRET',
  'CONNECTFI_BASE_URL',
  'CONNECTFI_LOGIN',
  'CONNECTFI_PASSWORD',
] as const;

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

const isLoopback = (value: string) => loopbackHosts.has(new URL(value).hostname.replace(/^\[|\]$/g, ''));

const mediaHostPattern = /^(\*\.)?([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

function mediaHosts(env: Env): string[] | null {
  const raw = env.MEDIA_HOSTS;
  if (raw === undefined || raw.trim() === '') return null;
  const hosts = raw.split(',').map((entry) => entry.trim());
  const bad = hosts.find((entry) => !mediaHostPattern.test(entry));
  if (bad !== undefined) {
    throw new ConfigError('MEDIA_HOSTS', `"${bad}" is not a host, host:port or *.domain (comma-separated)`);
  }
  return hosts;
}

function oidcSettings(env: Env): OidcSettings | null {
  if (!env.OIDC_ISSUER) {
    const stray = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ROLE_MAP'].find((name) => env[name]);
    if (stray) throw new ConfigError('OIDC_ISSUER', `is required when ${stray} is set`);
    return null;
  }
  const issuer = url(env, 'OIDC_ISSUER');
  // Tokens and keys come from the issuer: over plain http anyone on the path could forge a sign-in.
  if (new URL(issuer).protocol !== 'https:' && !isLoopback(issuer)) {
    throw new ConfigError('OIDC_ISSUER', 'must be an https URL (plain http only on a loopback address)');
  }
  const roleMap = parseRoleMap(text(env, 'OIDC_ROLE_MAP'));
  if (typeof roleMap === 'string') throw new ConfigError('OIDC_ROLE_MAP', roleMap);
  return {
    issuer,
    clientId: text(env, 'OIDC_CLIENT_ID'),
    clientSecret: text(env, 'OIDC_CLIENT_SECRET'),
    rolesClaim: text(env, 'OIDC_ROLES_CLAIM', 'groups'),
    roleMap,
    providerName: text(env, 'OIDC_PROVIDER_NAME', defaultProviderName(issuer)),
  };
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const mode = upstreamVariables.some((name) => env[name]) ? 'upstream' : 'embedded';
  const host = text(env, 'HOST', '127.0.0.1');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const publicUrl = url(env, 'PUBLIC_URL', `http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  const sandboxCapaPort = integer(env, 'SANDBOX_CAPA_PORT', sandboxUpstreams.capaPort, 0, 65535);
  const sandboxConnectfiPort = integer(
    env,
    'SANDBOX_CONNECTFI_PORT',
    sandboxUpstreams.connectfiPort,
    0,
    65535,
  );

  const upstream = mode === 'upstream';
  const capa = upstream
    ? {
        baseUrl: url(env, 'CAPA_BASE_URL'),
        partnerApiKey: credential(env, 'CAPA_PARTNER_API_KEY'),
        webhookSecret: credential(env, 'CAPA_WEBHOOK_SECRET'),
      }
    : {
        baseUrl: `http://127.0.0.1:${sandboxCapaPort}`,
        partnerApiKey: sandboxUpstreams.capaPartnerApiKey,
        webhookSecret: sandboxUpstreams.capaWebhookSecret,
      };
  const connectfi = upstream
    ? {
        baseUrl: url(env, 'CONNECTFI_BASE_URL'),
        login: credential(env, 'CONNECTFI_LOGIN'),
        password: credential(env, 'CONNECTFI_PASSWORD'),
        webhookSecret: secret(env, 'CONNECTFI_WEBHOOK_SECRET', 24),
      }
    : {
        baseUrl: `http://127.0.0.1:${sandboxConnectfiPort}`,
        login: sandboxUpstreams.connectfiLogin,
        password: sandboxUpstreams.connectfiPassword,
        webhookSecret: text(env, 'CONNECTFI_WEBHOOK_SECRET', 'embedded-connectfi-webhook-secret'),
      };

  const webDistDir = env.WEB_DIST_DIR ?? path.resolve(cwd, '../web/dist');
  const decisionWebhook = env.DECISION_WEBHOOK_URL
    ? { url: url(env, 'DECISION_WEBHOOK_URL'), secret: secret(env, 'DECISION_WEBHOOK_SECRET', 16) }
    : null;
  const oidc = oidcSettings(env);
  const localLogin = onOff(env, 'LOCAL_LOGIN', true);
  if (!localLogin && !oidc) {
    throw new ConfigError('LOCAL_LOGIN', 'can be off only with single sign-on configured (OIDC_ISSUER)');
  }
  return {
    mode,
    host,
    port,
    publicUrl,
    logLevel: text(env, 'LOG_LEVEL', 'info'),
    capa,
    connectfi,
    databaseUrl: env.DATABASE_URL ? postgresUrl(env, 'DATABASE_URL') : null,
    dataDir: text(env, 'DATA_DIR', path.resolve(cwd, '.data/pglite')),
    // In the embedded default a fresh secret per start is fine (sessions end with the process); a real
    // deployment must set its own so sessions survive restarts and several instances agree.
    jwtSecret: upstream
      ? secret(env, 'JWT_SECRET', 32)
      : secret(env, 'JWT_SECRET', 32, randomBytes(32).toString('hex')),
    cookieSecure: flag(env, 'COOKIE_SECURE', !isLoopback(publicUrl)),
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 300, 30, 3600),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 12, 1, 7 * 24),
    webDistDir: webDistDir === '' ? null : webDistDir,
    decisionWebhook,
    reconcileIntervalMinutes: integer(env, 'RECONCILE_INTERVAL_MINUTES', 5, 0, 24 * 60),
    subjectCacheMegabytes: integer(env, 'SUBJECT_CACHE_MB', 64, 1, 4096),
    reconcileResolvedDays: integer(env, 'RECONCILE_RESOLVED_DAYS', 30, 0, 3650),
    metrics: {
      token: env.METRICS_TOKEN ? secret(env, 'METRICS_TOKEN', 16) : null,
      port: env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 0, 65535) : null,
      host: text(env, 'METRICS_HOST', '127.0.0.1'),
    },
    oidc,
    localLogin,
    mediaHosts: mediaHosts(env),
  };
}

/** Capa's media CDN, as its Get KYC Details documentation names it. */
const capaMediaCdn = 'cdn.capa.fi';

/** The media hosts in effect: the configured ones, or Capa's host (and its CDN when not the sandbox). */
export function mediaHostsOf(config: Pick<AppConfig, 'mode' | 'capa' | 'mediaHosts'>): string[] {
  if (config.mediaHosts) return config.mediaHosts;
  const capaHost = new URL(config.capa.baseUrl).host;
  return config.mode === 'upstream' ? [capaHost, capaMediaCdn] : [capaHost];
}
