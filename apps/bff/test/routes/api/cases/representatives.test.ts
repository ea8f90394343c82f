// Opening a representative of a connectFi business against the sandbox: who they are (the organisation's
// directory, as the launcher imports it), their entity status at connectFi, the documents and the desk's other
// cases about them. Serving that view is what approval counts, and it is audited with the case's subject.

import type { CaseDetail, RepresentativeReview } from '@review-desk/contracts';
import type { ConnectfiBusiness, DirectoryEntry } from '@review-desk/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { directoryEntryInput } from '../../../../../launcher/src/embedded';
import { type App, buildApp } from '../../../../src/app';
import { maskIdNumber } from '../../../../src/normalise/mask';
import { signIn, type TestSession } from '../../../auth/app';
import { sandboxDirectory } from '../../../deliveries/harness';
import { describeEachEngine } from '../../../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../../../helpers/sandbox';

type Role = 'analyst' | 'senior' | 'support' | 'admin';

describeEachEngine('GET /api/cases/:id/representatives/:entityId', (engine) => {
  let harness: SandboxHarness;
  let app: App;
  const sessions = {} as Record<Role, TestSession>;
  let directory: DirectoryEntry[];
  let business: ConnectfiBusiness;
  let caseId: string;

  const call = (role: Role, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie: sessions[role].cookie, 'x-csrf-token': sessions[role].csrfToken },
      ...(payload === undefined ? {} : { payload }),
    });
  const open = (role: Role, entityId: string, id = caseId) =>
    call(role, 'GET', `/api/cases/${id}/representatives/${encodeURIComponent(entityId)}`);
  const unviewed = (approval: CaseDetail['approval']) =>
    approval.unmet.filter((item) => item.code === 'representative_unviewed').map((item) => item.ref);

  beforeAll(async () => {
    harness = await startSandboxHarness({ size: 120 });
    // Fast upstream settings, so a connectFi outage answers within the test's patience.
    app = await buildApp(await harness.config(engine), {
      quiet: true,
      upstreams: harness.upstreams({ breaker: { failureThreshold: 1000 } }),
    });
    for (const role of ['analyst', 'senior', 'support', 'admin'] as const) {
      sessions[role] = await signIn(app, role, `${role}-demo`);
    }
    directory = await sandboxDirectory(harness.sandbox);
    await app.deliveries.directory.upsert(directory.map(directoryEntryInput));

    const entry = await harness.scenario('connectfi', ['business', 'waiting_review', 'representatives:2']);
    const seed = harness.sandbox.population.connectfi.find((item) => item.customer.customerId === entry.id);
    if (seed?.customer.kind !== 'business') throw new Error('the scenario is not a connectFi business');
    business = seed.customer;
    const opened = await call('analyst', 'POST', '/api/cases', {
      provider: 'connectfi',
      subjectId: entry.id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json().case.id;
  });
  afterAll(async () => {
    await app?.close();
    await harness?.close();
    await engine.dispose();
  });

  it("shows the representative from the directory, masked, with connectFi's entity status, and records the review", async () => {
    const [rep] = business.businessRepresentatives;
    if (!rep?.idNumber) throw new Error('the representative has no ID number');
    const before = (await call('analyst', 'GET', `/api/cases/${caseId}`)).json() as CaseDetail;
    expect(unviewed(before.approval)).toContain(rep.entityId);

    const response = await open('analyst', rep.entityId);
    expect(response.statusCode, response.body).toBe(200);
    const review = response.json() as RepresentativeReview;
    const status = await harness.sandbox.connectfi.app.inject({
      method: 'GET',
      url: `/akepa/status/${business.customerId}`,
      headers: { 'x-connectfi-token': await connectfiToken() },
    });
    const entity = (status.json().data.entityApplications as { entityId: string; status: string }[]).find(
      (item) => item.entityId === rep.entityId,
    );
    expect(review).toMatchObject({
      entityId: rep.entityId,
      role: 'business_representative',
      identity: {
        source: 'directory',
        name: `${rep.firstName} ${rep.lastName}`,
        birthDate: rep.dateOfBirth,
        idNumber: maskIdNumber(rep.idNumber),
      },
      application: { source: 'connectfi', status: entity?.status, unavailable: null },
      documents: [],
    });
    expect(review.identity.idNumber).not.toContain(rep.idNumber);
    expect(unviewed(review.approval)).not.toContain(rep.entityId);
    expect(review.evidenceViewed).toContainEqual(
      expect.objectContaining({ kind: 'entity_application', ref: rep.entityId }),
    );

    const audit = await app.db
      .selectFrom('audit_events')
      .select(['action', 'details', 'subject_ref', 'actor_username'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'case.evidence_viewed')
      .execute();
    expect(audit).toContainEqual({
      action: 'case.evidence_viewed',
      details: { kind: 'entity_application', ref: rep.entityId },
      subject_ref: `connectfi:${business.customerId}`,
      actor_username: 'analyst',
    });

    // A senior reads the ID number in full.
    const senior = (await open('senior', rep.entityId)).json() as RepresentativeReview;
    expect(senior.identity.idNumber).toBe(rep.idNumber);
  });

  it('is for reviewers: support and admins are refused, and nothing is recorded for them', async () => {
    const [, rep] = business.businessRepresentatives;
    if (!rep) throw new Error('the business has one representative');
    for (const role of ['support', 'admin'] as const) {
      const refused = await open(role, rep.entityId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
    }
    const views = await app.db
      .withTables<{ case_evidence_views: { case_id: string; ref: string } }>()
      .selectFrom('case_evidence_views')
      .select('ref')
      .where('case_id', '=', caseId)
      .where('ref', '=', rep.entityId)
      .execute();
    expect(views).toEqual([]);
  });

  it('answers 4xx for ids that name nothing, and refuses a bare click as a review', async () => {
    const unknown = await open('analyst', 'ExtBusRepId-nobody');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('entity_application_not_found');
    const nul = await call('analyst', 'GET', `/api/cases/${caseId}/representatives/rep%00one`);
    expect(nul.statusCode).toBe(400);
    const badCase = await open('analyst', 'rep-1', 'not-a-case');
    expect(badCase.statusCode).toBe(400);
    const missingCase = await open('analyst', 'rep-1', '00000000-0000-4000-8000-000000000000');
    expect(missingCase.statusCode).toBe(404);
    // Longer than any entity id: refused by the router before the route runs.
    const tooLong = await open('analyst', 'x'.repeat(201));
    expect(tooLong.statusCode).toBe(414);

    // A click alone no longer counts as a review.
    const [rep] = business.businessRepresentatives;
    const click = await call('analyst', 'POST', `/api/cases/${caseId}/evidence-viewed`, {
      kind: 'entity_application',
      ref: rep?.entityId,
    });
    expect(click.statusCode).toBe(422);
    expect(click.json().error.code).toBe('representative_view_required');
  });

  it("lists the desk's other cases about the same person: as a customer, and as another business's representative", async () => {
    const [rep] = business.businessRepresentatives;
    if (!rep) throw new Error('no representative');
    const person = {
      displayName: `${rep.firstName} ${rep.lastName}`,
      birthDate: rep.dateOfBirth,
      idNumber: rep.idNumber ?? null,
    };
    // The directory says an individual customer and another business's representative are this person.
    const individual = directory.find(
      (entry) => entry.provider === 'connectfi' && entry.subjectType === 'individual',
    );
    // Another business with a journey (the desk opens cases only for those).
    const otherId = harness.sandbox.population.connectfi.find(
      (seed) =>
        seed.customer.kind === 'business' &&
        seed.journey !== null &&
        seed.customer.customerId !== business.customerId,
    )?.customer.customerId;
    const other = directory.find((entry) => entry.provider === 'connectfi' && entry.customerId === otherId);
    if (individual?.provider !== 'connectfi' || other?.provider !== 'connectfi')
      throw new Error('no entries');
    await app.deliveries.directory.upsert([
      { ...directoryEntryInput(individual), ...person },
      {
        ...directoryEntryInput(other),
        representatives: [{ entityId: 'ExtBusRepIdShared', ...person }],
      },
    ]);
    const ids: Record<string, string> = {};
    for (const subject of [individual.customerId, other.customerId]) {
      const opened = await call('analyst', 'POST', '/api/cases', {
        provider: 'connectfi',
        subjectId: subject,
      });
      expect([200, 201]).toContain(opened.statusCode);
      ids[subject] = opened.json().case.id;
    }

    const review = (await open('analyst', rep.entityId)).json() as RepresentativeReview;
    expect(review.relatedCases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: ids[individual.customerId],
          matchedOn: expect.arrayContaining(['id_number', 'name_birth_date']),
        }),
        expect.objectContaining({ caseId: ids[other.customerId], matchedOn: ['represents'] }),
      ]),
    );
    expect(review.relatedCases.map((item) => item.caseId)).not.toContain(caseId);
  });

  it("shows what the case last stored, with connectFi's failure typed, when connectFi does not answer", async () => {
    const [rep] = business.businessRepresentatives;
    if (!rep) throw new Error('no representative');
    await setFaults({ errorRate: 1 });
    try {
      const response = await open('analyst', rep.entityId);
      expect(response.statusCode, response.body).toBe(200);
      const review = response.json() as RepresentativeReview;
      expect(review.application.source).toBe('stored');
      expect(review.application.unavailable?.code).toMatch(/^upstream_/);
      expect(review.identity.source).toBe('directory');
      const unknown = await open('analyst', 'ExtBusRepId-nobody');
      expect(unknown.statusCode).toBe(404);
    } finally {
      await setFaults({ errorRate: 0 });
    }
  });

  async function setFaults(settings: object) {
    const response = await fetch(`${harness.sandbox.connectfiUrl}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
    expect(response.status).toBe(200);
  }

  async function connectfiToken(): Promise<string> {
    const { sandboxDefaults } = await import('@review-desk/sandbox');
    const response = await harness.sandbox.connectfi.app.inject({
      method: 'POST',
      url: '/auth/get-token',
      payload: {
        user: { login: sandboxDefaults.connectfiLogin, password: sandboxDefaults.connectfiPassword },
      },
    });
    return response.json().data.token;
  }
});
