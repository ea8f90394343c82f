import { Writable } from 'node:stream';
import type { CaseView } from '@review-desk/contracts';
import { isProvided } from '@review-desk/contracts';
import { sandboxDefaults } from '@review-desk/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app';
import { signIn, type TestSession } from '../auth/app';
import { engines } from '../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../helpers/sandbox';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

const lines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  },
});

let harness: SandboxHarness;
let app: App;

beforeAll(async () => {
  harness = await startSandboxHarness();
  app = await buildApp(await harness.config(engine, { logLevel: 'trace' }), { logStream });
});

afterAll(async () => {
  await app?.close();
  await harness?.close();
  await engine.dispose();
});

const get = (url: string, session: TestSession) => app.inject({ url, headers: { cookie: session.cookie } });

it('keeps PII and secrets out of the logs, even at trace level', async () => {
  const capaSubject = await harness.scenario(
    'capa',
    ['individual', 'review_needed'],
    ['partial', 'odd-values'],
  );
  const connectfiSubject = await harness.scenario('connectfi', ['individual', 'waiting_review']);
  const senior = await signIn(app, 'senior', 'senior-demo');
  const analyst = await signIn(app, 'analyst', 'analyst-demo');

  const capaView = await get(`/api/subjects/capa/${capaSubject.id}`, senior);
  expect(capaView.statusCode).toBe(200);
  const view = capaView.json<CaseView>();
  const connectfiView = await get(`/api/subjects/connectfi/${connectfiSubject.id}`, analyst);
  expect(connectfiView.statusCode).toBe(200);
  const raw = await get(`/api/subjects/capa/${capaSubject.id}/raw`, senior);
  expect(raw.statusCode).toBe(200);
  expect((await get(`/api/subjects/capa/${capaSubject.id}/media/front`, analyst)).statusCode).toBe(200);
  const reveal = await app.inject({
    method: 'POST',
    url: `/api/subjects/capa/${capaSubject.id}/reveal`,
    headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
    payload: { field: 'taxId' },
  });
  expect(reveal.statusCode).toBe(200);
  harness.sandbox.capa.faults.set({ errorRate: 1 });
  try {
    expect((await get(`/api/subjects/capa/${capaSubject.id}`, analyst)).statusCode).toBe(502);
  } finally {
    harness.sandbox.capa.faults.reset();
  }
  expect((await get('/api/subjects/capa/not%20an%20id', analyst)).statusCode).toBe(400);

  if (!isProvided(view.idInfo) || !isProvided(view.clientReference)) throw new Error('sections missing');
  const mediaUrl = JSON.stringify(raw.json()).match(/https?:\/\/[^"]+\/front\?[^"]+/)?.[0] ?? '';
  const connectfiTokens = harness.connectfiRequests.entries.flatMap((entry) =>
    entry.connectfiToken ? [entry.connectfiToken] : [],
  );
  const secrets: Record<string, string | null | undefined> = {
    'Capa full name': view.idInfo.fullName,
    'connectFi name': connectfiSubject.name,
    'birth date': view.idInfo.birthDate,
    'ID number': view.idInfo.idNumber,
    'tax id': view.clientReference.taxId,
    'media path': new URL(mediaUrl).pathname,
    'media signature': new URL(mediaUrl).searchParams.get('sig'),
    'partner API key': sandboxDefaults.capaPartnerApiKey,
    'connectFi password': sandboxDefaults.connectfiPassword,
    'connectFi token': connectfiTokens[0],
    'analyst JWT': analyst.token,
    'senior JWT': senior.token,
    'csrf token': analyst.csrfToken,
  };
  for (const [what, value] of Object.entries(secrets)) {
    expect(value, what).toEqual(expect.any(String));
    expect(value?.length, what).toBeGreaterThan(5);
  }

  expect(lines.length).toBeGreaterThan(20);
  expect(lines.some((line) => line.includes('upstream call failed'))).toBe(true);
  const whole = lines.join('\n');
  expect(whole).not.toContain('sig=');
  const leaks = Object.entries(secrets).filter(([, value]) => value && whole.includes(value));
  expect(leaks.map(([what]) => what)).toEqual([]);
});
