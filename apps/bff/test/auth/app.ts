import { createHmac } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../src/app';
import { type AppConfig, loadConfig } from '../../src/config';
import type { TestEngine } from '../helpers/db';

export const testJwtSecret = 'test-jwt-secret-of-at-least-32-characters';

/** A complete configuration for tests: embedded mode on the engine's fresh database, no SPA, quiet logs. */
export async function testConfig(engine: TestEngine, overrides: Partial<AppConfig> = {}): Promise<AppConfig> {
  const embedded = loadConfig({
    JWT_SECRET: testJwtSecret,
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: '',
    PORT: '0',
  });
  return { ...embedded, cookieSecure: false, ...(await engine.database()), ...overrides };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2026-03-02T09:00:00.000Z')) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export const minutes = (n: number) => n * 60_000;

export interface TestSession {
  cookie: string;
  csrfToken: string;
  token: string;
}

let ipCounter = 0;
/** A different client address per call, so the per-IP sign-in limit of one test doesn't touch another. */
export const freshIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

export async function login(
  app: App,
  username: string,
  password: string,
  remoteAddress = freshIp(),
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

/** Signs in and returns what the SPA would hold: the cookies and the CSRF token. */
export async function signIn(app: App, username: string, password: string): Promise<TestSession> {
  const response = await login(app, username, password);
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return sessionFrom(response, response.json<{ csrfToken: string }>().csrfToken);
}

export function sessionFrom(response: LightMyRequestResponse, csrfToken: string): TestSession {
  const token = cookieValue(response, 'rd_session');
  if (!token) throw new Error('no rd_session cookie');
  return { token, csrfToken, cookie: `rd_session=${token}; rd_csrf=${csrfToken}` };
}

export function cookieValue(response: LightMyRequestResponse, name: string): string | undefined {
  return response.cookies.find((cookie) => cookie.name === name)?.value;
}

export function buildTestApp(config: AppConfig, now?: () => number): Promise<App> {
  return buildApp(config, { quiet: true, now });
}

const base64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT made by hand, to present tokens the app never issued. */
export function handMadeToken(header: object, payload: object, key: string | null): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  if (key === null) return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
