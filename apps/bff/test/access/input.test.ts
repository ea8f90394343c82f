import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { minimalCaseInput } from '../../src/cases/intake';
import { buildTestApp, login, signIn, type TestSession, testConfig } from '../auth/app';
import { injectedEnvelopeProblem } from '../hardening/desk';
import { describeEachEngine } from '../helpers/db';

/**
 * Text the database cannot store (NUL, unpaired surrogates) is refused in one place with 400 invalid_text
 * naming the field, and bodies are taken as sent or refused: no unknown field dropped, no type coerced.
 */
describeEachEngine('input the desk refuses', (engine) => {
  let app: App;
  let analyst: TestSession;
  let senior: TestSession;
  let admin: TestSession;
  let caseId: string;
  let version: number;

  beforeAll(async () => {
    app = await buildTestApp(await testConfig(engine));
    [analyst, senior, admin] = await Promise.all([
      signIn(app, 'analyst', 'analyst-demo'),
      signIn(app, 'senior', 'senior-demo'),
      signIn(app, 'admin', 'admin-demo'),
    ]);
    const opened = await app.cases.store.openOrUpdateCase(minimalCaseInput('capa', 'capa-input-user'));
    if (!opened.case) throw new Error('no case opened');
    const claimed = await app.inject({
      method: 'POST',
      url: `/api/cases/${opened.case.id}/claim`,
      headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
      payload: { version: opened.case.version },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    caseId = opened.case.id;
    version = claimed.json<{ case: { version: number } }>().case.version;
  });
  afterAll(() => app?.close());

  const as = (session: TestSession, options: InjectOptions) =>
    app.inject({
      ...options,
      headers: { ...options.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });

  const expectInvalidText = async (
    response: Awaited<ReturnType<App['inject']>>,
    field: string,
    label: string,
  ) => {
    expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
    expect(injectedEnvelopeProblem(response), label).toBeNull();
    const { error } = response.json<{ error: { code: string; message: string } }>();
    expect(error.code, label).toBe('invalid_text');
    expect(error.message, label).toContain(field);
  };

  it('refuses NUL and unpaired surrogates in query parameters with 400 invalid_text naming the field', async () => {
    const probes: [TestSession, string, string][] = [
      [senior, '/api/cases?q=%00', 'querystring/q'],
      [senior, '/api/cases?q=ab%00cd', 'querystring/q'],
      [senior, '/api/cases?upstreamStatus=%00', 'querystring/upstreamStatus'],
      [admin, '/api/audit?actor=%00', 'querystring/actor'],
      [admin, '/api/audit?action=%00', 'querystring/action'],
      [admin, '/api/audit?caseId=%00', 'querystring/caseId'],
      [senior, `/api/cases?q=${encodeURIComponent('\u0000')}`, 'querystring/q'],
    ];
    for (const [session, url, field] of probes) {
      await expectInvalidText(await as(session, { method: 'GET', url }), field, url);
    }
  });

  it('refuses NUL and lone surrogates in path parameters', async () => {
    const response = await as(analyst, { method: 'GET', url: '/api/subjects/capa/ab%00cd' });
    await expectInvalidText(response, 'params/userId', 'NUL in a path parameter');
  });

  it('refuses a note with a NUL or a lone surrogate, and stores nothing', async () => {
    for (const text of [
      'before\u0000after',
      'lone \ud800 high',
      'lone \udc00 low',
      'reversed \udc00\ud800',
    ]) {
      const response = await as(analyst, {
        method: 'POST',
        url: `/api/cases/${caseId}/notes`,
        payload: JSON.stringify({ version, text }),
        headers: { 'content-type': 'application/json' },
      });
      await expectInvalidText(response, 'body/text', JSON.stringify(text));
    }
    const detail = await as(analyst, { method: 'GET', url: `/api/cases/${caseId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json<{ case: { version: number } }>().case.version).toBe(version);
  });

  it('accepts text that is merely unusual: emoji pairs, RTL overrides, zero-width joiners', async () => {
    const text = 'family 👨\u200d👩\u200d👧 \u202eevil\u202c ok';
    const response = await as(analyst, {
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      payload: { version, text },
    });
    expect(response.statusCode, response.body).toBe(200);
    version = response.json<{ case: { version: number } }>().case.version;
  });

  it('refuses a directory import with a NUL in any entry, naming the entry', async () => {
    const entry = { provider: 'capa', externalUserId: 'org-1', subjectId: 'capa-1' };
    const response = await as(admin, {
      method: 'POST',
      url: '/api/directory/import',
      payload: { entries: [entry, { ...entry, displayName: 'Ada\u0000Lovelace' }] },
    });
    await expectInvalidText(response, 'body/entries/1/displayName', 'directory import');
  });

  it('refuses a NUL in a username before any lookup, and a NUL in a key', async () => {
    const response = await login(app, 'analyst\u0000', 'analyst-demo');
    await expectInvalidText(response, 'body/username', 'username');
    const key = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: JSON.stringify({ username: 'analyst', password: 'analyst-demo', 'x\u0000': 1 }),
      headers: { 'content-type': 'application/json' },
    });
    await expectInvalidText(key, 'body/x', 'key');
  });

  it('refuses unknown fields and wrong types in a body, naming the field, and stores nothing', async () => {
    const wrongType = await as(analyst, {
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      payload: { version, text: 12345 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error).toMatchObject({ code: 'invalid_request' });
    expect(wrongType.json().error.message).toContain('body/text');

    const unknown = await as(analyst, {
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      payload: { version, text: 'fine', role: 'admin' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('body/role');
    expect(unknown.json().error.details).toContainEqual(expect.objectContaining({ path: '/role' }));

    const stringVersion = await as(analyst, {
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      payload: { version: String(version), text: 'fine' },
    });
    expect(stringVersion.statusCode).toBe(400);
    expect(stringVersion.json().error.message).toContain('body/version');

    const detail = await as(analyst, { method: 'GET', url: `/api/cases/${caseId}` });
    expect(detail.json<{ case: { version: number } }>().case.version).toBe(version);
  });

  it('still coerces numbers in query strings', async () => {
    const response = await as(senior, { method: 'GET', url: '/api/cases?limit=5' });
    expect(response.statusCode).toBe(200);
  });

  it('marks every API answer, refusals included, Cache-Control: no-store', async () => {
    const answers = [
      await as(analyst, { method: 'GET', url: '/api/auth/me' }),
      await as(analyst, { method: 'GET', url: `/api/cases/${caseId}` }),
      await as(analyst, {
        method: 'POST',
        url: `/api/cases/${caseId}/reveal`,
        payload: { field: 'idNumber' },
      }),
      await as(admin, { method: 'GET', url: `/api/cases/${caseId}` }),
      await app.inject({ method: 'GET', url: '/api/cases' }),
      await app.inject({ method: 'GET', url: '/api/no-such-route' }),
    ];
    for (const answer of answers) expect(answer.headers['cache-control'], answer.body).toBe('no-store');
  });
});
