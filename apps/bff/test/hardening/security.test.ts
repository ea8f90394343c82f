import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxDefaults } from '@review-desk/sandbox';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshIp, login } from '../auth/app';
import { engines } from '../helpers/db';
import { type Desk, seedCases, startDesk } from './desk';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const webDist = path.join(repoRoot, 'apps/web/dist');

/** Builds the SPA when no build is there yet (a fresh checkout); a build takes seconds, not minutes. */
function ensureWebBuild(): void {
  if (existsSync(path.join(webDist, 'index.html'))) return;
  // The production build users get: Vitest sets NODE_ENV=test, which would give Vite React's development build,
  // and the browser tests that reuse this build measure its size.
  execFileSync('pnpm', ['--filter', '@review-desk/web', 'build'], {
    cwd: repoRoot,
    timeout: 120_000,
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  const csp = String(response.headers['content-security-policy'] ?? '');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-frame-options']).toBe('DENY');
}

describe('hardening: security checks', () => {
  const [engine] = engines();
  if (!engine) throw new Error('no test engine');
  let desk: Desk;

  beforeAll(async () => {
    ensureWebBuild();
    desk = await startDesk(engine, { webDistDir: webDist });
  }, 150_000);
  afterAll(async () => {
    await desk?.close();
    await engine.dispose();
  });

  it('ships no upstream key, secret or internal URL in the SPA bundle', () => {
    const forbidden = [
      sandboxDefaults.capaPartnerApiKey,
      sandboxDefaults.capaWebhookSecret,
      sandboxDefaults.connectfiPassword,
      desk.config.jwtSecret,
      '127.0.0.1:4010',
      '127.0.0.1:4020',
      'partner-api-key',
      'x-connectfi-token',
      'JWT_SECRET',
    ];
    const files = filesUnder(webDist);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const content = readFileSync(file, 'latin1');
      for (const needle of forbidden) {
        expect(content.includes(needle), `${path.relative(webDist, file)} contains ${needle}`).toBe(false);
      }
    }
  });

  it('sends CSP, nosniff, frame-ancestors none and Referrer-Policy on the SPA and on the API', async () => {
    const page = await desk.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expectSecurityHeaders(page);

    const deepLink = await desk.app.inject({ method: 'GET', url: '/cases/some-case' });
    expect(deepLink.statusCode).toBe(200);
    expectSecurityHeaders(deepLink);

    const api = await desk.app.inject({
      method: 'GET',
      url: '/api/cases',
      headers: { cookie: desk.senior.cookie },
    });
    expect(api.statusCode).toBe(200);
    expectSecurityHeaders(api);

    const refused = await desk.app.inject({ method: 'GET', url: '/api/cases' });
    expect(refused.statusCode).toBe(401);
    expectSecurityHeaders(refused);
  });

  it('sets the session cookie httpOnly and both cookies SameSite=Strict', async () => {
    const response = await login(desk.app, 'analyst', 'analyst-demo');
    expect(response.statusCode).toBe(200);
    const session = response.cookies.find((cookie) => cookie.name === 'rd_session');
    const csrf = response.cookies.find((cookie) => cookie.name === 'rd_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // The CSRF cookie is read by the SPA for the double submit, so it cannot be httpOnly; Strict keeps it home.
    expect(csrf).toMatchObject({ sameSite: 'Strict' });
  });

  it('never redirects on sign-in, whatever `next` says', async () => {
    // Where the SPA goes after sign-in is its own safe-next logic, unit-tested in apps/web/src/lib/__tests__/safe-next.test.ts.
    for (const next of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      for (const credentials of [
        { username: 'support', password: 'support-demo' },
        { username: 'support', password: 'wrong-password' },
      ]) {
        const response = await desk.app.inject({
          method: 'POST',
          url: `/api/auth/login?next=${encodeURIComponent(next)}`,
          payload: { ...credentials, next },
          remoteAddress: freshIp(),
        });
        expect(
          response.statusCode === 200 || response.statusCode === 400 || response.statusCode === 401,
        ).toBe(true);
        expect(response.headers.location).toBeUndefined();
        expect(response.headers['content-type']).toContain('application/json');
        expect(response.body).not.toContain('evil.example');
      }
    }
  });

  it('audits reveals and media views', async () => {
    const auditRows = async (action: string, subjectRef?: string) => {
      let query = desk.app.db
        .selectFrom('audit_events')
        .select(['action', 'subject_ref'])
        .where('action', '=', action);
      if (subjectRef) query = query.where('subject_ref', '=', subjectRef);
      return query.execute();
    };
    const headers = { cookie: desk.senior.cookie, 'x-csrf-token': desk.senior.csrfToken };

    const [opened] = await seedCases(desk.app, desk.sandbox, 1);
    if (!opened) throw new Error('the sandbox has no case to open');
    const before = (await auditRows('case.pii_revealed')).length;
    const caseReveal = await desk.app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/reveal`,
      headers,
      payload: { field: 'idNumber' },
    });
    expect(caseReveal.statusCode, caseReveal.body).toBe(200);
    expect((await auditRows('case.pii_revealed')).length).toBe(before + 1);

    const subject = desk.sandbox.population.capa.find((user) => user.media.includes('front'));
    if (!subject) throw new Error('the sandbox has no subject with media');
    const ref = `capa:${subject.userId}`;
    const read = await desk.app.inject({
      method: 'GET',
      url: `/api/subjects/capa/${subject.userId}`,
      headers,
    });
    expect(read.statusCode, read.body).toBe(200);
    const subjectReveal = await desk.app.inject({
      method: 'POST',
      url: `/api/subjects/capa/${subject.userId}/reveal`,
      headers,
      payload: { field: 'idNumber' },
    });
    expect(subjectReveal.statusCode, subjectReveal.body).toBe(200);
    expect(await auditRows('pii.revealed', ref)).toHaveLength(1);

    const media = await desk.app.inject({
      method: 'GET',
      url: `/api/subjects/capa/${subject.userId}/media/front`,
      headers,
    });
    expect(media.statusCode).toBe(200);
    expect(media.rawPayload.length).toBeGreaterThan(0);
    await desk.app.readAudit.flush();
    expect(await auditRows('media.viewed', ref)).toHaveLength(1);
  });
});
