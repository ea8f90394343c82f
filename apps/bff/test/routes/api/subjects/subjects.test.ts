import type { AuditEntry, CaseDetail, CaseView } from '@review-desk/contracts';
import { isProvided } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../../src/app';
import { signIn, type TestSession } from '../../../auth/app';
import { engines } from '../../../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../../../helpers/sandbox';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

interface Envelope {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

const mediaUrlTtlSeconds = 60;
// The sandbox signs and checks media links by this clock, so a test can let links expire without waiting.
let sandboxNow = Date.now();

let harness: SandboxHarness;
let app: App;
let analyst: TestSession;
let senior: TestSession;
let subjectId: string;
let otherSubjectId: string;

beforeAll(async () => {
  harness = await startSandboxHarness({ mediaUrlTtlSeconds }, { capa: { now: () => new Date(sandboxNow) } });
  const complete = ['capa', 'individual', 'review_needed'];
  subjectId = (await harness.scenario('capa', complete, ['partial', 'odd-values'])).id;
  otherSubjectId = (await harness.scenario('capa', ['capa', 'individual', 'verified'], ['partial'])).id;
  app = await buildApp(await harness.config(engine), { quiet: true });
  analyst = await signIn(app, 'analyst', 'analyst-demo');
  senior = await signIn(app, 'senior', 'senior-demo');
});

afterAll(async () => {
  await app?.close();
  await harness?.close();
  await engine.dispose();
});

const media = (kind: string, options: { range?: string; query?: string } = {}) =>
  app.inject({
    url: `/api/subjects/capa/${subjectId}/media/${kind}${options.query ?? ''}`,
    headers: { cookie: analyst.cookie, ...(options.range ? { range: options.range } : {}) },
  });

// Capa's Get KYC Details names the user in the query string, which the request log drops: count them all.
const kycReads = () => harness.capaRequests.count('/api/partner/v2/kyc/details');
const mediaReads = (id: string) => harness.capaRequests.count(new RegExp(`^/media/${id}/`));

describe('media streaming', () => {
  it.each([
    ['front', /^image\//],
    ['back', /^image\//],
    ['selfie', /^image\//],
    ['selfie-video', /^video\//],
  ])('streams the %s file with its content type and no caching', async (kind, type) => {
    const response = await media(kind);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(type);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.rawPayload.length).toBeGreaterThan(100);
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
  });

  it('answers a byte range with 206 and exactly those bytes', async () => {
    const whole = await media('selfie-video');
    const response = await media('selfie-video', { range: 'bytes=0-99' });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-99/${whole.rawPayload.length}`);
    expect(response.rawPayload.length).toBe(100);
    expect(response.rawPayload.equals(whole.rawPayload.subarray(0, 100))).toBe(true);
  });

  it.each([
    ['beyond the end of the file', 'bytes=999999999-'],
    ['with several ranges', 'bytes=0-9,20-29'],
    ['in another unit', 'items=0-9'],
  ])('refuses a range %s with a 416 envelope', async (_label, range) => {
    const response = await media('front', { range });
    expect(response.statusCode).toBe(416);
    expect(response.json<Envelope>().error.code).toBe('range_not_satisfiable');
  });

  it('has no media for connectFi subjects', async () => {
    const { id } = await harness.scenario('connectfi', ['individual', 'waiting_review']);
    const response = await app.inject({
      url: `/api/subjects/connectfi/${id}/media/front`,
      headers: { cookie: analyst.cookie },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json<Envelope>().error.code).toBe('media_not_available');
  });
});

describe('what the media route will fetch', () => {
  it('refuses a kind outside the list without going upstream', async () => {
    const before = harness.capaRequests.count();
    for (const kind of ['passport', 'front.png', encodeURIComponent('http://127.0.0.1/media/x/front')]) {
      const response = await media(kind);
      expect(response.statusCode, kind).toBe(400);
      expect(response.json<Envelope>().error.code).toBe('invalid_request');
    }
    expect(harness.capaRequests.count()).toBe(before);
  });

  it('never fetches a URL the client supplies', async () => {
    // A validly signed link to another subject's file, as if copied from an earlier response.
    const signed = await fetch(
      `${harness.sandbox.capaUrl}/api/partner/v2/kyc/details?userId=${otherSubjectId}`,
      { headers: { 'partner-api-key': harness.sandbox.options.capaPartnerApiKey } },
    );
    const foreignUrl = JSON.stringify(await signed.json()).match(/https?:\/\/[^"]+\/front\?[^"]+/)?.[0];
    expect(foreignUrl).toBeDefined();
    const before = mediaReads(otherSubjectId);

    const response = await media('front', { query: `?url=${encodeURIComponent(foreignUrl ?? '')}` });
    expect([200, 400]).toContain(response.statusCode);
    expect(mediaReads(otherSubjectId)).toBe(before);
  });
});

describe('expired media links', () => {
  it('reads the provider once more for a fresh link and still streams the file', async () => {
    const view = await app.inject({
      url: `/api/subjects/capa/${subjectId}`,
      headers: { cookie: analyst.cookie },
    });
    expect(view.statusCode).toBe(200);
    const readsAfterView = kycReads();

    sandboxNow += (mediaUrlTtlSeconds + 5) * 1000;
    const response = await media('selfie');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\//);
    expect(kycReads()).toBe(readsAfterView + 1);
  });
});

describe('the audit trail', () => {
  it('records media views and reveals', async () => {
    const reveal = await app.inject({
      method: 'POST',
      url: `/api/subjects/capa/${subjectId}/reveal`,
      headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
      payload: { field: 'idNumber' },
    });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json<{ value: string | null }>().value).toEqual(expect.any(String));
    expect((await media('back')).statusCode).toBe(200);
    await app.readAudit.flush();

    const rows = await app.db
      .selectFrom('audit_events')
      .select(['action', 'actor_username', 'subject_ref', 'details'])
      .where('subject_ref', '=', `capa:${subjectId}`)
      .execute();
    expect(rows).toContainEqual({
      action: 'pii.revealed',
      actor_username: 'analyst',
      subject_ref: `capa:${subjectId}`,
      details: { field: 'idNumber' },
    });
    expect(rows).toContainEqual({
      action: 'media.viewed',
      actor_username: 'analyst',
      subject_ref: `capa:${subjectId}`,
      details: { kind: 'back' },
    });
    expect(JSON.stringify(rows)).not.toContain(reveal.json<{ value: string }>().value);
  });
  it("records every read of a person's data with the subject and case, and lists them by subject", async () => {
    const admin = await signIn(app, 'admin', 'admin-demo');
    const opened = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: senior.cookie, 'x-csrf-token': senior.csrfToken },
      payload: { provider: 'capa', subjectId: otherSubjectId },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json<{ case: { id: string } }>().case.id;
    const as = (session: TestSession, url: string) =>
      app.inject({ url, headers: { cookie: session.cookie } });

    expect((await as(analyst, `/api/subjects/capa/${otherSubjectId}`)).statusCode).toBe(200);
    const base = `/api/subjects/capa/${otherSubjectId}`;
    expect((await as(analyst, `${base}/media/front?caseId=${caseId}`)).statusCode).toBe(200);
    expect((await as(senior, `${base}/raw?caseId=${caseId}`)).statusCode).toBe(200);
    expect((await as(analyst, `/api/cases/${caseId}`)).statusCode).toBe(200);
    // A case of someone else is not this read's case.
    const elsewhere = await as(analyst, `/api/subjects/capa/${subjectId}/media/front?caseId=${caseId}`);
    expect(elsewhere.statusCode).toBe(404);
    await app.readAudit.flush();

    const listed = await as(senior, `/api/audit?subject=capa:${otherSubjectId}&limit=200`);
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json<{ items: AuditEntry[] }>().items;
    const reads = items.filter((item) => item.action !== 'case.opened' && item.action !== 'case.created');
    // Batched read rows take their place in the chain when their batch is written: compare without order.
    expect(reads.map((item) => [item.action, item.actor.username, item.caseId]).sort()).toEqual([
      ['case.viewed', 'analyst', caseId],
      ['media.viewed', 'analyst', caseId],
      ['subject.raw_viewed', 'senior', caseId],
      ['subject.viewed', 'analyst', null],
    ]);
    for (const item of reads) expect(item.subject).toEqual({ provider: 'capa', id: otherSubjectId });
    expect(items.some((item) => item.subject?.id === subjectId)).toBe(false);

    const timeline = (await as(senior, `/api/cases/${caseId}`)).json<CaseDetail>().timeline;
    expect(timeline.map((item) => [item.action, item.actor.username])).toContainEqual([
      'media.viewed',
      'analyst',
    ]);
    expect((await as(admin, '/api/audit/verify')).json()).toMatchObject({ ok: true });
    expect((await as(senior, '/api/audit?subject=capa:has%20space')).statusCode).toBe(400);
  });
});

async function view(url: string, session: TestSession): Promise<CaseView> {
  const response = await app.inject({ url, headers: { cookie: session.cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseView>();
}

function provided<S extends { provided: boolean }>(section: S): Extract<S, { provided: true }> {
  if (!isProvided(section)) throw new Error('section not provided');
  return section;
}

describe('a Capa user in review with AML hits', () => {
  const tags = ['capa', 'individual', 'review_needed', 'aml:many', 'face:high'];
  const irregular = ['partial', 'odd-values'];

  it('comes back to an analyst as a complete case view', async () => {
    const subject = await harness.scenario('capa', tags, irregular);
    const caseView = await view(`/api/subjects/capa/${subject.id}`, analyst);

    expect(caseView.provider).toBe('capa');
    expect(caseView.subject).toMatchObject({ provider: 'capa', id: subject.id, type: 'individual' });
    expect(caseView.subject.displayName).toBe(subject.name);
    expect(provided(caseView.verification).result?.value).toBe('REVIEW_NEEDED');
    for (const section of [
      'verification',
      'faceMatch',
      'liveness',
      'idInfo',
      'fraud',
      'aml',
      'media',
    ] as const) {
      expect(caseView[section].provided, section).toBe(true);
    }
    expect(caseView.journey.provided).toBe(false);

    const score = provided(caseView.faceMatch).score;
    expect(typeof score).toBe('number');
    expect(score).toBeGreaterThanOrEqual(0.8);
    expect(score).toBeLessThanOrEqual(1);

    const aml = provided(caseView.aml);
    expect(aml.entityHits.length).toBeGreaterThan(1);
    for (const hit of aml.entityHits) {
      expect(Object.keys(hit).sort()).toEqual(
        [
          'alsoKnownAs',
          'amlHits',
          'dateOfBirth',
          'dateOfBirthMatchScore',
          'entityType',
          'id',
          'name',
          'nameMatchScore',
          'resolutionStatus',
        ].sort(),
      );
      expect(hit.id).toEqual(expect.any(String));
      expect(hit.name).toEqual(expect.any(String));
      expect(hit.nameMatchScore).toEqual(expect.any(Number));
      expect(Array.isArray(hit.alsoKnownAs)).toBe(true);
      expect(hit.amlHits.length).toBeGreaterThan(0);
      expect(hit.resolutionStatus?.value).toEqual(expect.any(String));
    }
    expect(aml.searchCriteria?.searchTerm).toEqual(expect.any(String));

    const media = provided(caseView.media);
    expect(media.files.map((file) => file.kind)).toEqual(['front', 'back', 'selfie', 'selfie-video']);
    expect(media.files.every((file) => file.available)).toBe(true);
    expect(JSON.stringify(caseView)).not.toMatch(/sig=|\/media\//);
  });

  it('masks the ID number for an analyst and shows it to a senior', async () => {
    const subject = await harness.scenario('capa', tags, irregular);
    const url = `/api/subjects/capa/${subject.id}`;
    const masked = provided((await view(url, analyst)).idInfo).idNumber;
    const clear = provided((await view(url, senior)).idInfo).idNumber;

    expect(clear).toEqual(expect.any(String));
    expect(clear?.length).toBeGreaterThan(4);
    expect(masked).not.toBe(clear);
    expect(masked).not.toContain(clear?.slice(0, -4));
    expect(masked?.endsWith(clear?.slice(-4) ?? '')).toBe(true);
  });

  it('is served to support without the screening: no AML section, no screening anomalies', async () => {
    const subject = await harness.scenario('capa', tags, irregular);
    const url = `/api/subjects/capa/${subject.id}`;
    const support = await signIn(app, 'support', 'support-demo');
    expect(provided((await view(url, analyst)).aml).entityHits.length).toBeGreaterThan(0);
    const shown = await view(url, support);
    expect(shown.aml).toEqual({ provided: false });
    expect(shown.screeningWithheld).toBe(true);
    expect(shown.anomalies.filter((anomaly) => /aml/i.test(anomaly.path))).toEqual([]);
    // The sections support needs to talk to the customer are still there.
    expect(shown.verification.provided).toBe(true);
    expect(shown.idInfo.provided).toBe(true);
  });

  it("reads Capa for every view: the same answer gives the same bytes, a new session's answer the new view", async () => {
    const subject = await harness.scenario('capa', tags, irregular);
    const url = `/api/subjects/capa/${subject.id}`;
    const body = async (session: TestSession, on: App = app) => {
      const response = await on.inject({ url, headers: { cookie: session.cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      // Each read carries its own time; the rest is the same bytes for the same answer.
      const [asOf] = response.body.match(/^\{"provider":"capa","asOf":"([^"]+)"/)?.slice(1) ?? [];
      expect(new Date(asOf ?? '').toISOString()).toBe(asOf);
      return response.body.replace(`"asOf":"${asOf}"`, '"asOf":""');
    };
    const viewsAudited = async () => {
      await app.readAudit.flush();
      const rows = await app.db
        .selectFrom('audit_events')
        .select(['actor_username'])
        .where('subject_ref', '=', `capa:${subject.id}`)
        .where('action', '=', 'subject.viewed')
        .orderBy('id')
        .execute();
      return rows.map((row) => row.actor_username);
    };
    const auditedBefore = (await viewsAudited()).length;
    const reads = kycReads();
    const first = await body(analyst);
    // A second later Capa signs the media links afresh: only the links differ, and the view does not.
    sandboxNow += 1_000;
    expect(await body(analyst)).toBe(first);
    expect(await body(senior)).not.toBe(first);
    expect(kycReads()).toBe(reads + 3);
    // Each view, served from the kept rendering or not, is audited with its subject.
    expect((await viewsAudited()).slice(auditedBefore).sort()).toEqual(['analyst', 'analyst', 'senior']);

    const completed = await fetch(`${harness.sandbox.capaUrl}/_sandbox/capa/users/${subject.id}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'REVIEW_NEEDED', faceMatchScore: 0.61, amlHits: 2 }),
    });
    expect(completed.status).toBe(200);
    const afterSession = await body(analyst);
    expect(afterSession).not.toBe(first);
    expect(JSON.parse(afterSession).faceMatch.score).toBe(0.61);

    // What a desk that never read this subject before answers, byte for byte.
    const other = await buildApp(await harness.config(engine), { quiet: true });
    try {
      expect(await body(await signIn(other, 'analyst', 'analyst-demo'), other)).toBe(afterSession);
    } finally {
      await other.close();
    }
  });
});

describe('a connectFi business waiting for review', () => {
  it('comes back with its representatives as entity applications', async () => {
    const subject = await harness.scenario('connectfi', ['business', 'waiting_review']);
    const representatives = Number(subject.tags.find((tag) => tag.startsWith('representatives:'))?.slice(16));
    const caseView = await view(`/api/subjects/connectfi/${subject.id}`, analyst);

    expect(caseView.provider).toBe('connectfi');
    expect(caseView.subject).toMatchObject({ provider: 'connectfi', id: subject.id, type: 'business' });
    const journey = provided(caseView.journey);
    expect(journey.status?.value).toBe('waiting_review');
    expect(journey.customerKycStatus).toBe('WAITING_REVIEW');
    expect(journey.applicationId).toMatch(/^iapp_/);

    const reps = journey.entityApplications.filter((entity) => entity.role === 'business_representative');
    expect(reps).toHaveLength(representatives);
    for (const rep of reps) {
      expect(rep.isCustomer).toBe(false);
      expect(rep.entityId).toEqual(expect.any(String));
      expect(rep.status?.value).toEqual(expect.any(String));
    }
    const customer = journey.entityApplications.find((entity) => entity.role === 'business_customer');
    expect(customer).toMatchObject({ entityId: subject.id, isCustomer: true });
  });
});

describe('the connectFi session token', () => {
  it('renews an expired connectFi token once for fifty concurrent reads', async () => {
    const { id } = await harness.scenario('connectfi', ['individual', 'waiting_review']);
    const url = `/api/subjects/connectfi/${id}`;
    const read = () => app.inject({ url, headers: { cookie: analyst.cookie } });
    // Views of one subject at the same time share a provider read; the raw payload is always read afresh.
    const readRaw = () => app.inject({ url: `${url}/raw`, headers: { cookie: senior.cookie } });

    expect((await read()).statusCode).toBe(200);
    expect(harness.connectfiRequests.count('/auth/get-token')).toBeGreaterThanOrEqual(1);

    harness.sandbox.connectfi.forceTokenExpiry();
    const issuedBefore = harness.connectfiRequests.count('/auth/get-token');
    const responses = await Promise.all(Array.from({ length: 50 }, readRaw));

    expect(responses.map((response) => response.statusCode)).toEqual(Array(50).fill(200));
    expect(harness.connectfiRequests.count('/auth/get-token') - issuedBefore).toBe(1);
    expect(harness.connectfiRequests.count(`/akepa/status/${id}`)).toBeGreaterThanOrEqual(51);
  });
});
