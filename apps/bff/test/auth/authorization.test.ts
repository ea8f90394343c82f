import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import access from '../../src/plugins/app/access';
import auth from '../../src/plugins/app/auth';
import db from '../../src/plugins/app/db';
import errors from '../../src/plugins/app/errors';
import authRoutes from '../../src/routes/api/auth';
import { describeEachEngine } from '../helpers/db';
import { signIn, type TestSession, testConfig } from './app';

/** The auth plugin on its own, with routes of every kind of access, to check the hook route by route. */
async function appWithGuardedRoutes(
  config: Awaited<ReturnType<typeof testConfig>>,
): Promise<FastifyInstance> {
  const app = Fastify();
  app.decorate('config', config);
  app.decorate('readinessProbes', []);
  await app.register(errors);
  await app.register(access);
  await app.register(db);
  await app.register(auth);
  await app.register(authRoutes, { prefix: '/api/auth' });
  app.get('/api/admin-only', { config: { access: { roles: ['admin'] } } }, async (request) => ({
    user: request.user.username,
  }));
  app.post('/api/decisions', { config: { access: { roles: ['analyst', 'senior'] } } }, async (request) => ({
    by: request.user.role,
  }));
  app.get('/api/open', { config: { access: { public: true } } }, async () => ({ open: true }));
  app.post('/webhooks/signed', { config: { access: { machine: 'capa-signature' } } }, async () => ({
    ok: true,
  }));
  await app.ready();
  return app;
}

describeEachEngine('authorisation by route', (engine) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let analyst: TestSession;
  beforeAll(async () => {
    app = await appWithGuardedRoutes(await testConfig(engine));
    [admin, analyst] = await Promise.all([
      signIn(app, 'admin', 'admin-demo'),
      signIn(app, 'analyst', 'analyst-demo'),
    ]);
  });
  afterAll(() => app.close());

  const get = (url: string, session?: TestSession) =>
    app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
  const post = (url: string, session: TestSession) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });

  it('lets a user whose role is listed through, with request.user set', async () => {
    const response = await get('/api/admin-only', admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: 'admin' });
    expect((await post('/api/decisions', analyst)).json()).toEqual({ by: 'analyst' });
  });

  it('refuses a signed-in user whose role is not listed with 403 forbidden', async () => {
    const reading = await get('/api/admin-only', analyst);
    expect(reading.statusCode).toBe(403);
    expect(reading.json().error.code).toBe('forbidden');
    const writing = await post('/api/decisions', admin);
    expect(writing.statusCode).toBe(403);
    expect(writing.json().error.code).toBe('forbidden');
  });

  it('asks for a session before anything else', async () => {
    const response = await get('/api/admin-only');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('leaves public and machine-authenticated routes to themselves', async () => {
    expect((await get('/api/open')).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/webhooks/signed' })).statusCode).toBe(200);
  });
});
