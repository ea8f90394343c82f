// Capa KYB through the desk against the sandbox: a business in REVIEW_NEEDED becomes a business case read live
// from Get KYB Details, its significant owners gate approval, and subjects with nothing to review answer why.
// Also what a case opened by hand knows of a subject the provider does not name.
import type { CaseDetail } from '@review-desk/contracts';
import { sandboxDefaults } from '@review-desk/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, buildApp } from '../../../../src/app';
import { signIn, type TestSession } from '../../../auth/app';
import { describeEachEngine } from '../../../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../../../helpers/sandbox';

describeEachEngine('Capa KYB cases', (engine) => {
  let harness: SandboxHarness;
  let app: App;
  let analyst: TestSession;
  let senior: TestSession;
  let counter = 0;

  beforeAll(async () => {
    harness = await startSandboxHarness();
    app = await buildApp(await harness.config(engine), { quiet: true });
    analyst = await signIn(app, 'analyst', 'analyst-demo');
    senior = await signIn(app, 'senior', 'senior-demo');
  });
  afterAll(async () => {
    await app?.close();
    await harness?.close();
    await engine.dispose();
  });

  const capa = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${harness.sandbox.capaUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'partner-api-key': sandboxDefaults.capaPartnerApiKey },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as { data: { userId: string } } };
  };

  /** A Capa user created through the partner API, as the organisation onboards one. */
  const createUser = async (type: 'BUSINESS' | 'INDIVIDUAL') => {
    const n = ++counter;
    const created = await capa('POST', '/api/partner/v2/users', {
      type,
      email: `kyb-${n}@example.com`,
      externalUserId: `kyb-org-${n}`,
    });
    expect(created.status).toBe(201);
    return created.body.data.userId;
  };

  const completeKyb = (userId: string, body: Record<string, unknown>) =>
    capa('POST', `/_sandbox/capa/users/${userId}/kyb/complete`, body);

  /** A connectFi customer made with /customer/init and never sent to /akepa/identification. */
  const connectfiCustomerWithoutJourney = async () => {
    const post = async (path: string, body: unknown, token?: string) => {
      const response = await fetch(`${harness.sandbox.connectfiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { 'x-connectfi-token': token } : {}) },
        body: JSON.stringify(body),
      });
      return ((await response.json()) as { data: Record<string, string> }).data;
    };
    const { token } = await post('/auth/get-token', {
      user: { login: sandboxDefaults.connectfiLogin, password: sandboxDefaults.connectfiPassword },
    });
    const customer = await post(
      '/customer/init',
      {
        type: 'individual',
        firstName: 'Nora',
        lastName: 'Waiting',
        dateOfBirth: '1990-05-06',
        email: 'nora@example.com',
        addresses: [
          {
            type: 'PRIMARY',
            line1: '1 Main St',
            city: 'Austin',
            state: 'TX',
            postalCode: '73301',
            country: 'US',
          },
        ],
      },
      token,
    );
    return customer.customerId as string;
  };

  const call = (who: TestSession, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
      ...(payload === undefined ? {} : { payload }),
    });

  const owners = [
    { fullName: 'Ana Majority', ownershipPercent: 60 },
    { fullName: 'Bruno Quarter', ownershipPercent: 25 },
    { fullName: 'Carla Minor', ownershipPercent: 15 },
  ];

  it('opens a business case from KYB details in REVIEW_NEEDED, with the business and its owners', async () => {
    const userId = await createUser('BUSINESS');
    const kyb = await completeKyb(userId, {
      verificationStatus: 'REVIEW_NEEDED',
      businessName: 'Tacos Norte SA de CV',
      countryOfConstitution: 'MX',
      taxId: 'TNO190312AB1',
      beneficialOwners: owners,
    });
    expect(kyb.status).toBe(200);

    const opened = await call(analyst, 'POST', '/api/cases', { provider: 'capa', subjectId: userId });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().case).toMatchObject({
      provider: 'capa',
      subjectType: 'business',
      displayName: 'Tacos Norte SA de CV',
    });

    const detail = (await call(analyst, 'GET', `/api/cases/${opened.json().case.id}`)).json<CaseDetail>();
    const view = detail.view;
    expect(view?.subject).toMatchObject({ type: 'business', displayName: 'Tacos Norte SA de CV' });
    expect(view?.verification).toMatchObject({ provided: true, result: { value: 'REVIEW_NEEDED' } });
    expect(view?.business).toEqual({
      provided: true,
      verificationStatus: { value: 'REVIEW_NEEDED', known: true, normalised: 'review_needed' },
      businessName: 'Tacos Norte SA de CV',
      countryOfConstitution: 'MX',
      // Masked like every identifier for an analyst.
      taxId: '•••••2AB1',
      beneficialOwners: owners.map((owner, index) => ({ ref: `#${index}`, ...owner })),
    });
    expect(view?.anomalies).toEqual([]);

    const revealed = await call(analyst, 'POST', `/api/subjects/capa/${userId}/reveal`, { field: 'taxId' });
    expect(revealed.json()).toEqual({ field: 'taxId', value: 'TNO190312AB1' });
    const seniorView = (await call(senior, 'GET', `/api/subjects/capa/${userId}`)).json();
    expect(seniorView.business.taxId).toBe('TNO190312AB1');
  });

  it('approves a business only after the approver opened every owner of 25% or more', async () => {
    const userId = await createUser('BUSINESS');
    await completeKyb(userId, { verificationStatus: 'REVIEW_NEEDED', beneficialOwners: owners });
    const caseId = (await call(analyst, 'POST', '/api/cases', { provider: 'capa', subjectId: userId })).json()
      .case.id as string;
    const detail = (await call(analyst, 'GET', `/api/cases/${caseId}`)).json<CaseDetail>();
    expect(detail.approval.unmet).toEqual([
      {
        code: 'owner_unviewed',
        label: 'Beneficial owner Ana Majority (60%) has not been opened',
        ref: '#0',
      },
      {
        code: 'owner_unviewed',
        label: 'Beneficial owner Bruno Quarter (25%) has not been opened',
        ref: '#1',
      },
    ]);
    const claimed = await call(analyst, 'POST', `/api/cases/${caseId}/claim`, {
      version: detail.case.version,
    });
    expect(claimed.statusCode).toBe(200);
    const approve = (version: number) =>
      call(analyst, 'POST', `/api/cases/${caseId}/decision`, {
        version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: detail.viewHash,
        acknowledgedWarnings: [],
      });

    const opened = await call(analyst, 'POST', `/api/cases/${caseId}/evidence-viewed`, {
      kind: 'beneficial_owner',
      ref: '#0',
    });
    expect(opened.json().approval.unmet).toEqual([expect.objectContaining({ ref: '#1' })]);
    const refused = await approve(claimed.json().case.version);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.unmet).toEqual([
      expect.objectContaining({ code: 'owner_unviewed', ref: '#1' }),
    ]);

    const unknown = await call(analyst, 'POST', `/api/cases/${caseId}/evidence-viewed`, {
      kind: 'beneficial_owner',
      ref: '#7',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('unknown_evidence');

    await call(analyst, 'POST', `/api/cases/${caseId}/evidence-viewed`, {
      kind: 'beneficial_owner',
      ref: '#1',
    });
    const current = (await call(analyst, 'GET', `/api/cases/${caseId}`)).json<CaseDetail>();
    const approved = await approve(current.case.version);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().case).toMatchObject({ state: 'resolved', resolution: 'approved' });

    const audit = await app.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'case.evidence_viewed')
      .execute();
    expect(audit.map((row) => row.details)).toEqual([
      { kind: 'beneficial_owner', ref: '#0' },
      { kind: 'beneficial_owner', ref: '#1' },
    ]);
  });

  it('answers no_verification for a Capa user with neither KYC nor KYB details, and opens no case', async () => {
    for (const type of ['BUSINESS', 'INDIVIDUAL'] as const) {
      const userId = await createUser(type);
      const read = await call(analyst, 'GET', `/api/subjects/capa/${userId}`);
      expect(read.statusCode).toBe(404);
      expect(read.json().error).toMatchObject({ code: 'no_verification' });
      const opened = await call(analyst, 'POST', '/api/cases', { provider: 'capa', subjectId: userId });
      expect(opened.statusCode).toBe(404);
      expect(opened.json().error.code).toBe('no_verification');
    }
    const unknown = await call(analyst, 'GET', '/api/subjects/capa/7f1c2c1e-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('subject_not_found');
  });

  it('answers no_journey for a connectFi customer without a journey, subject_not_found for a stranger', async () => {
    const id = await connectfiCustomerWithoutJourney();
    const read = await call(analyst, 'GET', `/api/subjects/connectfi/${id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().error).toMatchObject({
      code: 'no_journey',
      message: 'connectFi has no KYC/KYB journey for this customer',
    });
    const opened = await call(analyst, 'POST', '/api/cases', { provider: 'connectfi', subjectId: id });
    expect(opened.json().error.code).toBe('no_journey');

    const stranger = await call(analyst, 'GET', '/api/subjects/connectfi/cstap_nobody');
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.code).toBe('subject_not_found');
  });

  it('closes the business case as resolved upstream once Capa verifies the business', async () => {
    const userId = await createUser('BUSINESS');
    await completeKyb(userId, { verificationStatus: 'REVIEW_NEEDED', beneficialOwners: 1 });
    const caseId = (await call(analyst, 'POST', '/api/cases', { provider: 'capa', subjectId: userId })).json()
      .case.id as string;
    await completeKyb(userId, { verificationStatus: 'VERIFIED' });
    expect(await app.deliveries.reconciler.run()).toMatchObject({ failed: 0 });
    const after = (await call(analyst, 'GET', `/api/cases/${caseId}`)).json<CaseDetail>();
    expect(after.case).toMatchObject({ state: 'resolved', resolution: 'resolved_upstream' });
  });

  it('names a hand-opened connectFi business from the directory in the case and in every section of its view', async () => {
    const { id } = await harness.scenario('connectfi', ['business', 'waiting_review']);
    await app.deliveries.directory.upsert([
      {
        provider: 'connectfi',
        subjectId: id,
        externalUserId: null,
        displayName: 'Dana Freight LLC',
        idNumber: '12-3456789',
      },
    ]);
    const opened = await call(analyst, 'POST', '/api/cases', { provider: 'connectfi', subjectId: id });
    expect(opened.json().case).toMatchObject({ displayName: 'Dana Freight LLC', subjectType: 'business' });
    const detail = (await call(analyst, 'GET', `/api/cases/${opened.json().case.id}`)).json<CaseDetail>();
    expect(detail.view?.subject).toMatchObject({
      displayName: 'Dana Freight LLC',
      idNumberMasked: '•••••6789',
    });
    // The provider's own read is not changed: connectFi names nobody.
    const live = (await call(analyst, 'GET', `/api/subjects/connectfi/${id}`)).json();
    expect(live.subject.displayName).toBeNull();
  });

  it('finds a business in KYB review among the Capa users an admin imports, with no webhook and no manual step', async () => {
    const reviewNeeded = await createUser('BUSINESS');
    await completeKyb(reviewNeeded, { verificationStatus: 'REVIEW_NEEDED', businessName: 'Sweep Norte SA' });
    const verified = await createUser('BUSINESS');
    await completeKyb(verified, { verificationStatus: 'VERIFIED' });
    const notStarted = await createUser('BUSINESS');
    const admin = await signIn(app, 'admin', 'admin-demo');
    const imported = await call(admin, 'POST', '/api/directory/import', {
      entries: [reviewNeeded, verified, notStarted].map((subjectId, index) => ({
        provider: 'capa',
        subjectId,
        externalUserId: `sweep-org-${counter}-${index}`,
      })),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    await app.deliveries.kybSweep.idle();

    const queue = async (subjectId: string) =>
      (await call(analyst, 'GET', `/api/cases?q=${encodeURIComponent(subjectId)}`)).json().items;
    expect(await queue(reviewNeeded)).toEqual([
      expect.objectContaining({ subjectType: 'business', displayName: 'Sweep Norte SA', origin: 'upstream' }),
    ]);
    expect(await queue(verified)).toEqual([]);
    expect(await queue(notStarted)).toEqual([]);
  });
});
