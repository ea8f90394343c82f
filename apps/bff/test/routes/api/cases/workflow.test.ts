import type { CaseDetail, CaseSummary } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInputFromView } from '../../../../src/cases/intake';
import { UpstreamError } from '../../../../src/upstream';
import { capaView, connectfiView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness, type Person } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

const minutes = (n: number) => n * 60_000;

describeEachEngine('case workflow routes', (engine) => {
  let h: CaseHarness;
  let counter = 0;
  beforeAll(async () => {
    h = await caseHarness(engine);
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  /** A fresh Capa case (hits and warnings as given). */
  const newCapaCase = (options: Parameters<typeof capaView>[0] extends infer O ? Partial<O> : never = {}) =>
    h.ingest(capaView({ userId: `wf-${++counter}`, ...options }));

  const post = async (person: Person, url: string, payload: object = {}) => {
    const response = await h.call(person, 'POST', url, payload);
    return { status: response.statusCode, body: response.json() };
  };

  /** Loads the case as `person` (evidence snapshot) and claims it. */
  async function open(person: Person, caseId: string): Promise<{ detail: CaseDetail; claimed: CaseSummary }> {
    const detail = await h.detail(person, caseId);
    const { status, body } = await post(person, `/api/cases/${caseId}/claim`, {
      version: detail.case.version,
    });
    expect(status, JSON.stringify(body)).toBe(200);
    return { detail, claimed: body.case };
  }

  const get = async (person: Person, url: string) => {
    const response = await h.call(person, 'GET', url);
    return { status: response.statusCode, body: response.json() };
  };

  const decide = (person: Person, caseId: string, body: Record<string, unknown>) =>
    post(person, `/api/cases/${caseId}/decision`, { acknowledgedWarnings: [], ...body });

  describe('transitions', () => {
    it('open → in_review → open: claim, then release', async () => {
      const summary = await newCapaCase();
      const { claimed } = await open('analyst', summary.id);
      expect(claimed).toMatchObject({
        state: 'in_review',
        assignee: { id: h.as.analyst.userId, displayName: 'Demo Analyst' },
        claimExpiresAt: new Date(h.clock.now().getTime() + minutes(30)).toISOString(),
        version: summary.version + 1,
      });
      const released = await post('analyst', `/api/cases/${summary.id}/release`, {
        version: claimed.version,
      });
      expect(released.status).toBe(200);
      expect(released.body.case).toMatchObject({ state: 'open', assignee: null, claimExpiresAt: null });

      const again = await post('analyst', `/api/cases/${summary.id}/release`, {
        version: released.body.case.version,
      });
      expect(again).toMatchObject({
        status: 409,
        body: {
          error: { code: 'invalid_transition', details: { action: 'release', from: 'open', to: 'open' } },
        },
      });
    });

    it('refuses to decide a case nobody claimed, naming from and to', async () => {
      const summary = await newCapaCase();
      const detail = await h.detail('analyst', summary.id);
      const refused = await decide('analyst', summary.id, {
        version: detail.case.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: detail.viewHash,
      });
      expect(refused).toMatchObject({
        status: 409,
        body: {
          error: { code: 'invalid_transition', details: { action: 'approve', from: 'open', to: 'resolved' } },
        },
      });
    });

    it('in_review → resolved by an approval that needs no second reviewer; a resolved case cannot be claimed', async () => {
      const summary = await newCapaCase();
      const { detail, claimed } = await open('analyst', summary.id);
      const approved = await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        comment: 'All documents match',
        viewHash: detail.viewHash,
      });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.case).toMatchObject({ state: 'resolved', resolution: 'approved', assignee: null });
      expect(approved.body.decision).toMatchObject({
        outcome: 'approve',
        reasonCode: 'documents_verified',
        reasonLabel: 'Documents verified',
        stage: 'single',
        viewHash: detail.viewHash,
        decidedBy: { id: h.as.analyst.userId },
      });

      const claim = await post('analyst2', `/api/cases/${summary.id}/claim`, {
        version: approved.body.case.version,
      });
      expect(claim).toMatchObject({
        status: 409,
        body: {
          error: {
            code: 'invalid_transition',
            details: { action: 'claim', from: 'resolved', to: 'in_review' },
          },
        },
      });
    });

    it('keeps the evidence snapshot a decision was made on, with its hash', async () => {
      const summary = await newCapaCase();
      const { detail, claimed } = await open('analyst', summary.id);
      await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: detail.viewHash,
      });
      const snapshot = await h.app.db
        .withTables<{ case_view_snapshots: { case_id: string; hash: string; view: unknown } }>()
        .selectFrom('case_view_snapshots')
        .select(['hash', 'view'])
        .where('case_id', '=', summary.id)
        .executeTakeFirstOrThrow();
      expect(snapshot.hash).toBe(detail.viewHash);
      // Stored unmasked: it is the evidence, whoever looked at it.
      expect(snapshot.view).toMatchObject({
        subject: { id: summary.subjectId },
        idInfo: { idNumber: expect.stringMatching(/^PEGJ\d{7}HDF$/) },
      });

      const unknown = await newCapaCase();
      const other = await open('analyst', unknown.id);
      const refused = await decide('analyst', unknown.id, {
        version: other.claimed.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: 'a'.repeat(64),
      });
      expect(refused).toMatchObject({ status: 422, body: { error: { code: 'unknown_view' } } });
      const missing = await decide('analyst', unknown.id, {
        version: other.claimed.version,
        outcome: 'reject',
        reasonCode: 'identity_mismatch',
      });
      expect(missing).toMatchObject({ status: 400, body: { error: { code: 'view_hash_required' } } });
    });

    it('refuses a reason code of another outcome', async () => {
      const summary = await newCapaCase();
      const { detail, claimed } = await open('analyst', summary.id);
      const refused = await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'approve',
        reasonCode: 'document_fraud',
        viewHash: detail.viewHash,
      });
      expect(refused).toMatchObject({
        status: 400,
        body: {
          error: {
            code: 'invalid_reason_code',
            details: { allowed: expect.arrayContaining(['documents_verified']) },
          },
        },
      });
    });

    it('in_review → escalated; only a senior takes it and decides; escalating again is refused', async () => {
      const summary = await newCapaCase();
      const { claimed } = await open('analyst', summary.id);
      const escalated = await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'escalate',
        reasonCode: 'suspected_fraud',
      });
      expect(escalated.status).toBe(200);
      expect(escalated.body.case).toMatchObject({ state: 'escalated', assignee: null });

      const analystClaim = await post('analyst2', `/api/cases/${summary.id}/claim`, {
        version: escalated.body.case.version,
      });
      expect(analystClaim).toMatchObject({ status: 403, body: { error: { code: 'senior_required' } } });

      const { detail, claimed: seniorClaim } = await open('senior', summary.id);
      expect(seniorClaim).toMatchObject({ state: 'escalated', assignee: { id: h.as.senior.userId } });
      const again = await decide('senior', summary.id, {
        version: seniorClaim.version,
        outcome: 'escalate',
        reasonCode: 'second_opinion',
      });
      expect(again).toMatchObject({
        status: 409,
        body: {
          error: {
            code: 'invalid_transition',
            details: { action: 'escalate', from: 'escalated', to: 'escalated' },
          },
        },
      });
      const approved = await decide('senior', summary.id, {
        version: seniorClaim.version,
        outcome: 'approve',
        reasonCode: 'identity_confirmed',
        viewHash: detail.viewHash,
      });
      expect(approved.body.case).toMatchObject({ state: 'resolved', resolution: 'approved' });
    });

    it('in_review → info_requested → reopened when the provider changes status → in_review', async () => {
      const view = capaView({ userId: `wf-info-${++counter}` });
      const summary = await h.ingest(view);
      const { claimed } = await open('analyst', summary.id);
      const requested = await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'request_information',
        reasonCode: 'proof_of_address',
      });
      expect(requested.body.case).toMatchObject({ state: 'info_requested', assignee: null });

      await h.app.cases.store.openOrUpdateCase({
        ...caseInputFromView(view),
        upstreamStatus: 'IN_PROGRESS',
        reviewNeeded: false,
      });
      const reopened = await h.ingest(view);
      expect(reopened).toMatchObject({ state: 'reopened', upstreamStatus: 'REVIEW_NEEDED' });
      const { claimed: reclaimed } = await open('analyst2', summary.id);
      expect(reclaimed.state).toBe('in_review');
    });

    it("opening evidence renews the holder's claim; another reviewer's reads leave it alone", async () => {
      const summary = await newCapaCase({
        hits: [{ id: 'ev-1', name: 'Listed Person', dateOfBirth: '1970-01-01', lists: ['pep'] }],
      });
      const { claimed } = await open('analyst', summary.id);
      const claimedUntil = claimed.claimExpiresAt;
      h.clock.advance(minutes(10));
      const seenByOther = await h.detail('analyst2', summary.id);
      expect(seenByOther.case.claimExpiresAt).toBe(claimedUntil);

      h.clock.advance(minutes(10));
      const viewed = await post('analyst', `/api/cases/${summary.id}/evidence-viewed`, {
        kind: 'aml_hit',
        ref: 'ev-1',
      });
      expect(viewed.status).toBe(200);
      const after = await h.detail('analyst2', summary.id);
      expect(after.case.claimExpiresAt).toBe(new Date(h.clock.now().getTime() + minutes(30)).toISOString());
      expect(after.case.version).toBe(claimed.version);
    });

    it('a claim lapses after 30 minutes without activity and can be taken over; activity renews it', async () => {
      const summary = await newCapaCase();
      const { claimed } = await open('analyst', summary.id);
      h.clock.advance(minutes(20));
      const early = await post('analyst2', `/api/cases/${summary.id}/claim`, { version: claimed.version });
      expect(early).toMatchObject({ status: 409, body: { error: { code: 'claimed_by_other' } } });
      // Opening the case again is activity: the claim now runs 30 minutes from here.
      const renewed = await h.detail('analyst', summary.id);
      expect(renewed.case.claimExpiresAt).toBe(new Date(h.clock.now().getTime() + minutes(30)).toISOString());
      h.clock.advance(minutes(31));

      const takeover = await post('analyst2', `/api/cases/${summary.id}/claim`, { version: claimed.version });
      expect(takeover.status).toBe(200);
      expect(takeover.body.case).toMatchObject({
        state: 'in_review',
        assignee: { id: h.as.analyst2.userId },
      });
      const late = await post('analyst', `/api/cases/${summary.id}/notes`, {
        version: takeover.body.case.version,
        text: 'still here',
      });
      expect(late.status).toBe(200);
      const lateDecision = await decide('analyst', summary.id, {
        version: late.body.case.version,
        outcome: 'escalate',
        reasonCode: 'second_opinion',
      });
      expect(lateDecision).toMatchObject({ status: 409, body: { error: { code: 'claimed_by_other' } } });
    });

    it('gives 409 version_conflict with the current case to a stale write', async () => {
      const summary = await newCapaCase();
      const { claimed } = await open('analyst', summary.id);
      const stale = await post('analyst', `/api/cases/${summary.id}/release`, { version: summary.version });
      expect(stale).toMatchObject({
        status: 409,
        body: {
          error: {
            code: 'version_conflict',
            details: { case: { id: summary.id, version: claimed.version, state: 'in_review' } },
          },
        },
      });
    });

    it('"next case" claims the highest-priority open case', async () => {
      const quiet = await newCapaCase({ faceMatchScore: 0.99 });
      const risky = await newCapaCase({ faceMatchScore: 0.3 });
      expect(risky.triage.score).toBeGreaterThan(quiet.triage.score);
      // Other cases of this file may be taken too (open, or with a lapsed claim): escalate them out of the way.
      const waiting = ['open', 'reopened', 'in_review', 'awaiting_second_review', 'info_requested'] as const;
      const others = (
        await h.app.cases.store.list(
          { state: [...waiting], limit: 200 },
          {
            id: h.as.senior.userId,
            username: 'senior',
            role: 'senior',
          },
        )
      ).items.filter((item) => item.id !== quiet.id && item.id !== risky.id);
      await post('senior', '/api/cases/bulk', {
        action: 'escalate',
        cases: others.map((item) => ({ id: item.id, version: item.version })),
      });
      const first = await post('analyst2', '/api/cases/next');
      expect(first.body.case).toMatchObject({
        id: risky.id,
        state: 'in_review',
        assignee: { id: h.as.analyst2.userId },
      });
      const second = await post('analyst', '/api/cases/next');
      expect(second.body.case).toMatchObject({ id: quiet.id });
      expect(second.body.held).toBe(false);
      // A reviewer who still holds a case gets it back, and is told so, rather than a second one.
      const again = await post('analyst', '/api/cases/next');
      expect(again).toMatchObject({ status: 200, body: { held: true, case: { id: quiet.id } } });
    });
  });

  describe('four-eyes', () => {
    it('a rejection waits for a second reviewer, who cannot be the first one', async () => {
      const summary = await newCapaCase();
      const { detail, claimed } = await open('analyst', summary.id);
      const first = await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'reject',
        reasonCode: 'identity_mismatch',
        viewHash: detail.viewHash,
      });
      expect(first.status).toBe(200);
      expect(first.body.case).toMatchObject({
        state: 'awaiting_second_review',
        resolution: null,
        assignee: null,
        firstReviewer: { id: h.as.analyst.userId },
      });
      expect(first.body.decision).toMatchObject({ stage: 'first_of_two', fourEyesReasons: ['rejection'] });

      const self = await post('analyst', `/api/cases/${summary.id}/claim`, {
        version: first.body.case.version,
      });
      expect(self).toMatchObject({ status: 403, body: { error: { code: 'four_eyes_same_reviewer' } } });
      const selfDecision = await decide('analyst', summary.id, {
        version: first.body.case.version,
        outcome: 'reject',
        reasonCode: 'identity_mismatch',
        viewHash: detail.viewHash,
      });
      expect(selfDecision).toMatchObject({
        status: 403,
        body: { error: { code: 'four_eyes_same_reviewer' } },
      });

      const analystClaim = await post('analyst2', `/api/cases/${summary.id}/claim`, {
        version: first.body.case.version,
      });
      expect(analystClaim).toMatchObject({ status: 403, body: { error: { code: 'senior_required' } } });
      const second = await open('senior', summary.id);
      expect(second.claimed).toMatchObject({
        state: 'awaiting_second_review',
        assignee: { id: h.as.senior.userId },
      });
      const confirmed = await decide('senior', summary.id, {
        version: second.claimed.version,
        outcome: 'reject',
        reasonCode: 'identity_mismatch',
        viewHash: second.detail.viewHash,
      });
      expect(confirmed.body.case).toMatchObject({
        state: 'resolved',
        resolution: 'rejected',
        firstReviewer: null,
      });
      expect(confirmed.body.decision.stage).toBe('second_of_two');
    });

    it('a second reviewer who disagrees sends the case to a senior', async () => {
      const summary = await newCapaCase();
      const { detail, claimed } = await open('analyst', summary.id);
      await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'reject',
        reasonCode: 'liveness_failed',
        viewHash: detail.viewHash,
      });
      const second = await open('senior', summary.id);
      const disagreement = {
        version: second.claimed.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: second.detail.viewHash,
      };
      const silent = await decide('senior', summary.id, disagreement);
      expect(silent).toMatchObject({ status: 422, body: { error: { code: 'note_required' } } });
      const disagreed = await decide('senior', summary.id, {
        ...disagreement,
        comment: 'The selfie video shows a live person',
      });
      expect(disagreed.status).toBe(200);
      expect(disagreed.body.case).toMatchObject({ state: 'escalated', resolution: null });
      expect(disagreed.body.decision).toMatchObject({ stage: 'second_of_two', agreesWithFirst: false });
      const audited = await h.app.db
        .selectFrom('audit_events')
        .select('details')
        .where('case_id', '=', summary.id)
        .where('action', '=', 'case.second_review_disagreed')
        .executeTakeFirstOrThrow();
      expect(audited.details).toMatchObject({
        firstOutcome: 'reject',
        outcome: 'approve',
        note: 'The selfie video shows a live person',
      });
    });

    it('an AML hit marked true match makes an approval need a second reviewer', async () => {
      const summary = await newCapaCase({
        hits: [{ id: 'tm-1', name: 'Listed Person', dateOfBirth: '1970-01-01', lists: ['adverse_media'] }],
      });
      const { detail, claimed } = await open('analyst', summary.id);
      const disposed = await post('analyst', `/api/cases/${summary.id}/dispositions`, {
        version: claimed.version,
        hitRef: 'tm-1',
        disposition: 'true_match',
      });
      expect(disposed.body.approval.fourEyes).toEqual({ required: true, reasons: ['aml_true_match'] });
      await post('analyst', `/api/cases/${summary.id}/evidence-viewed`, { kind: 'aml_hit', ref: 'tm-1' });
      const approved = await decide('analyst', summary.id, {
        version: disposed.body.case.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        comment: 'A 2019 article about a namesake',
        viewHash: detail.viewHash,
      });
      expect(approved.body.case.state).toBe('awaiting_second_review');
      expect(approved.body.decision.fourEyesReasons).toEqual(['aml_true_match']);
    });
  });

  describe('diligence', () => {
    it('refuses approval while an AML hit has no disposition or a warning is unacknowledged, naming each', async () => {
      const summary = await newCapaCase({
        hits: [
          { id: 'hit-a', name: 'Juana Perez', dateOfBirth: '1961-02-03' },
          { id: 'hit-b', name: 'J. Perez', dateOfBirth: '1990-01-01' },
        ],
        warnings: ['w-1'],
      });
      const { detail, claimed } = await open('analyst', summary.id);
      expect(detail.approval.unmet).toEqual([
        {
          code: 'aml_hit_undisposed',
          label: 'AML hit "Juana Perez" (Sanctions) has no disposition',
          ref: 'hit-a',
        },
        {
          code: 'aml_hit_undisposed',
          label: 'AML hit "J. Perez" (Sanctions) has no disposition',
          ref: 'hit-b',
        },
      ]);
      expect(detail.approval.warnings).toEqual([
        { ref: 'faceMatch:w-1', section: 'faceMatch', code: 'FACE_WARNING', message: 'Face partly covered' },
      ]);
      const disposed = await post('analyst', `/api/cases/${summary.id}/dispositions`, {
        version: claimed.version,
        hitRef: 'hit-a',
        disposition: 'false_positive',
        comment: 'Born 29 years earlier',
      });
      expect(disposed.status).toBe(200);
      expect(disposed.body.approval.unmet).toEqual([
        expect.objectContaining({ code: 'aml_hit_undisposed', ref: 'hit-b' }),
      ]);

      const refused = await decide('analyst', summary.id, {
        version: disposed.body.case.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: detail.viewHash,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'approval_conditions_unmet' });
      expect(refused.body.error.details.unmet).toEqual([
        expect.objectContaining({ code: 'aml_hit_undisposed', ref: 'hit-b' }),
        expect.objectContaining({ code: 'warning_unacknowledged', ref: 'faceMatch:w-1' }),
      ]);

      const second = await post('analyst', `/api/cases/${summary.id}/dispositions`, {
        version: disposed.body.case.version,
        hitRef: 'hit-b',
        disposition: 'false_positive',
      });
      const approved = await decide('analyst', summary.id, {
        version: second.body.case.version,
        outcome: 'approve',
        reasonCode: 'aml_false_positive_cleared',
        viewHash: detail.viewHash,
        acknowledgedWarnings: ['faceMatch:w-1'],
      });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.decision).toMatchObject({
        acknowledgedWarnings: ['faceMatch:w-1'],
        dispositions: [
          { hitRef: 'hit-a', disposition: 'false_positive' },
          { hitRef: 'hit-b', disposition: 'false_positive' },
        ],
      });
    });

    it("refuses approval of a business until every representative's application was opened", async () => {
      const view = connectfiView({ customerId: `cstab_wf${++counter}`, representatives: ['rep-1', 'rep-2'] });
      const summary = await h.ingest(view);
      const { detail, claimed } = await open('analyst', summary.id);
      expect(detail.entityApplications.map((item) => [item.entityId, item.role, item.viewed])).toEqual([
        [`cstab_wf${counter}`, 'business_customer', false],
        ['rep-1', 'business_representative', false],
        ['rep-2', 'business_representative', false],
      ]);
      expect(detail.approval.unmet).toEqual([
        {
          code: 'representative_unviewed',
          label: 'Representative application rep-1 has not been opened',
          ref: 'rep-1',
        },
        {
          code: 'representative_unviewed',
          label: 'Representative application rep-2 has not been opened',
          ref: 'rep-2',
        },
      ]);
      const viewed = await get('analyst', `/api/cases/${summary.id}/representatives/rep-1`);
      expect(viewed.status).toBe(200);
      expect(viewed.body.approval.unmet).toEqual([expect.objectContaining({ ref: 'rep-2' })]);

      const refused = await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: detail.viewHash,
      });
      expect(refused.body.error.details.unmet).toEqual([
        expect.objectContaining({ code: 'representative_unviewed', ref: 'rep-2' }),
      ]);

      const unknown = await get('analyst', `/api/cases/${summary.id}/representatives/rep-9`);
      expect(unknown).toMatchObject({
        status: 404,
        body: { error: { code: 'entity_application_not_found' } },
      });

      await get('analyst', `/api/cases/${summary.id}/representatives/rep-2`);
      const approved = await decide('analyst', summary.id, {
        version: claimed.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: detail.viewHash,
      });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      // The decision names the representatives its decider reviewed.
      expect(approved.body.decision.reviewedRepresentatives).toEqual([
        { entityId: 'rep-1', viewedAt: expect.any(String) },
        { entityId: 'rep-2', viewedAt: expect.any(String) },
      ]);
      const audit = await h.app.db
        .selectFrom('audit_events')
        .select('details')
        .where('case_id', '=', summary.id)
        .where('action', '=', 'case.evidence_viewed')
        .execute();
      expect(audit.map((row) => row.details)).toEqual([
        { kind: 'entity_application', ref: 'rep-1' },
        { kind: 'entity_application', ref: 'rep-2' },
      ]);
    });

    it('shows the case without its verification when the provider fails, and refuses approval', async () => {
      const summary = await newCapaCase();
      h.views.set(
        `capa:${summary.subjectId}`,
        Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      );
      const detail = await h.detail('analyst', summary.id);
      expect(detail.view).toBeNull();
      expect(detail.viewHash).toBeNull();
      expect(detail.viewError).toEqual({
        code: 'upstream_unavailable',
        message: 'The verification could not be loaded from the provider',
        requestId: expect.any(String),
      });
      expect(detail.approval.unmet).toEqual([expect.objectContaining({ code: 'evidence_unavailable' })]);

      h.views.set(
        `capa:${summary.subjectId}`,
        new UpstreamError('capa getKycDetails: timed out', {
          provider: 'capa',
          kind: 'timeout',
          operation: 'getKycDetails',
        }),
      );
      expect((await h.detail('analyst', summary.id)).viewError).toEqual({
        code: 'upstream_timeout',
        message: 'Capa is not answering',
        requestId: expect.any(String),
        details: { provider: 'capa', kind: 'timeout' },
      });
    });
  });

  describe('reading a case', () => {
    it('masks identifiers except for seniors, and audits each view and reveal', async () => {
      const summary = await newCapaCase({
        idNumber: 'ABCD123456',
        taxId: 'PEGJ900101AB1',
        birthDate: '1990-01-01',
      });
      const analyst = await h.detail('analyst', summary.id);
      expect(analyst.subject).toEqual({
        birthDate: '1990-01-01',
        idNumber: '•••••3456',
        taxId: '•••••1AB1',
        masked: true,
      });
      expect(analyst.view?.idInfo).toMatchObject({ idNumber: '•••••3456' });
      const senior = await h.detail('senior', summary.id);
      expect(senior.subject).toMatchObject({ idNumber: 'ABCD123456', taxId: 'PEGJ900101AB1', masked: false });
      expect(senior.view?.idInfo).toMatchObject({ idNumber: 'ABCD123456' });

      const revealed = await post('support', `/api/cases/${summary.id}/reveal`, { field: 'idNumber' });
      expect(revealed).toEqual({ status: 200, body: { field: 'idNumber', value: 'ABCD123456' } });
      const rows = await h.app.db
        .selectFrom('audit_events')
        .select(['action', 'actor_username', 'details'])
        .where('case_id', '=', summary.id)
        .where('action', 'in', ['case.viewed', 'case.pii_revealed'])
        .orderBy('id')
        .execute();
      expect(rows.map((row) => [row.action, row.actor_username])).toEqual([
        ['case.viewed', 'analyst'],
        ['case.viewed', 'senior'],
        ['case.pii_revealed', 'support'],
      ]);
      expect(rows[2]?.details).toEqual({ field: 'idNumber' });
      expect(JSON.stringify(rows)).not.toContain('ABCD123456');
    });

    it('links a Capa case and a connectFi case of the same person and flags conflicting outcomes', async () => {
      const capa = await newCapaCase({ fullName: 'José Ángel Núñez', birthDate: '1984-07-09' });
      const connectfi = await h.ingest(connectfiView({ customerId: `cstap_link${++counter}` }), {
        displayName: 'JOSE ANGEL NUNEZ',
        birthDate: '1984-07-09',
      });
      const detail = await h.detail('analyst', capa.id);
      expect(detail.related).toEqual([
        expect.objectContaining({
          caseId: connectfi.id,
          provider: 'connectfi',
          matchedOn: ['name_birth_date'],
          conflicting: false,
        }),
      ]);
      expect(detail.relatedConflict).toBe(false);

      const first = await open('analyst', capa.id);
      await decide('analyst', capa.id, {
        version: first.claimed.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: first.detail.viewHash,
      });
      const second = await open('senior', connectfi.id);
      const rejected = await decide('senior', connectfi.id, {
        version: second.claimed.version,
        outcome: 'reject',
        reasonCode: 'identity_mismatch',
        viewHash: second.detail.viewHash,
      });
      const third = await open('senior2', connectfi.id);
      expect(rejected.body.case.state).toBe('awaiting_second_review');
      await decide('senior2', connectfi.id, {
        version: third.claimed.version,
        outcome: 'reject',
        reasonCode: 'identity_mismatch',
        viewHash: third.detail.viewHash,
      });

      const after = await h.detail('analyst', capa.id);
      expect(after.relatedConflict).toBe(true);
      expect(after.related).toEqual([
        expect.objectContaining({ caseId: connectfi.id, resolution: 'rejected', conflicting: true }),
      ]);
    });

    it('lists decisions, notes and the audit timeline of the case', async () => {
      const summary = await newCapaCase();
      const { claimed } = await open('analyst', summary.id);
      const note = await post('analyst', `/api/cases/${summary.id}/notes`, {
        version: claimed.version,
        text: 'Called the customer',
      });
      expect(note.body.note).toMatchObject({
        text: 'Called the customer',
        author: { displayName: 'Demo Analyst' },
      });
      const detail = await h.detail('senior', summary.id);
      expect(detail.notes).toEqual([note.body.note]);
      expect(detail.timeline.map((entry) => entry.action)).toEqual([
        'case.viewed',
        'case.note_added',
        'case.claimed',
        'case.viewed',
        'case.opened',
      ]);
    });
  });

  describe('by hand, bulk and KYC links', () => {
    it('opens a case by hand from the live verification, once', async () => {
      const view = capaView({ userId: `wf-hand-${++counter}`, result: 'VERIFIED' });
      h.views.set(`capa:${view.subject.id}`, view);
      const created = await post('senior', '/api/cases', { provider: 'capa', subjectId: view.subject.id });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        created: true,
        case: {
          origin: 'by_hand',
          state: 'open',
          upstreamStatus: 'VERIFIED',
          displayName: 'Juan Pérez García',
        },
      });
      const again = await post('analyst', '/api/cases', { provider: 'capa', subjectId: view.subject.id });
      expect(again).toMatchObject({
        status: 200,
        body: { created: false, case: { id: created.body.case.id } },
      });
    });

    it('opens a case by hand with the ids alone when the provider is down, and not for an unknown subject', async () => {
      const down = new UpstreamError('down', {
        provider: 'connectfi',
        kind: 'unavailable',
        operation: 'getAkepaStatus',
      });
      h.views.set('connectfi:cstap_down', down);
      const minimal = await post('analyst', '/api/cases', { provider: 'connectfi', subjectId: 'cstap_down' });
      expect(minimal.status).toBe(201);
      expect(minimal.body.case).toMatchObject({
        subjectId: 'cstap_down',
        displayName: null,
        upstreamStatus: 'unknown',
        ids: { connectfiCustomerId: 'cstap_down', verificationId: null },
      });
      const missing = new UpstreamError('not found', {
        provider: 'capa',
        kind: 'not_found',
        operation: 'getKycDetails',
      });
      h.views.set('capa:nobody', missing);
      const unknown = await post('analyst', '/api/cases', { provider: 'capa', subjectId: 'nobody' });
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'subject_not_found' } } });
    });

    it('assigns, escalates and releases in bulk for seniors and admins, each case on its own', async () => {
      const a = await newCapaCase();
      const b = await newCapaCase();
      const assigned = await post('admin', '/api/cases/bulk', {
        action: 'assign',
        assigneeId: h.as.analyst2.userId,
        cases: [
          { id: a.id, version: a.version },
          { id: b.id, version: b.version + 5 },
        ],
      });
      expect(assigned.status).toBe(200);
      expect(assigned.body.results).toEqual([
        expect.objectContaining({
          id: a.id,
          ok: true,
          case: expect.objectContaining({
            state: 'in_review',
            assignee: expect.objectContaining({ id: h.as.analyst2.userId }),
          }),
        }),
        expect.objectContaining({
          id: b.id,
          ok: false,
          error: expect.objectContaining({ code: 'version_conflict' }),
        }),
      ]);
      const escalated = await post('senior', '/api/cases/bulk', {
        action: 'escalate',
        cases: [{ id: a.id, version: assigned.body.results[0].case.version }],
      });
      expect(escalated.body.results[0].case).toMatchObject({ state: 'escalated', assignee: null });
      const released = await post('senior', '/api/cases/bulk', {
        action: 'release',
        cases: [{ id: b.id, version: b.version }],
      });
      expect(released.body.results[0].error).toMatchObject({
        code: 'invalid_transition',
        details: { from: 'open', to: 'open' },
      });
      const toSupport = await post('senior', '/api/cases/bulk', {
        action: 'assign',
        assigneeId: h.as.support.userId,
        cases: [{ id: b.id, version: b.version }],
      });
      expect(toSupport).toMatchObject({ status: 422, body: { error: { code: 'invalid_assignee' } } });
      const byAnalyst = await post('analyst', '/api/cases/bulk', {
        action: 'release',
        cases: [{ id: b.id, version: b.version }],
      });
      expect(byAnalyst).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    });

    it('asks Capa for a fresh KYC link for a rejected case, and audits it', async () => {
      const summary = await newCapaCase();
      const early = await post('analyst', `/api/cases/${summary.id}/kyc-link`, { country: 'MX' });
      expect(early).toMatchObject({ status: 409, body: { error: { code: 'kyc_link_not_applicable' } } });

      const first = await open('analyst', summary.id);
      await decide('analyst', summary.id, {
        version: first.claimed.version,
        outcome: 'reject',
        reasonCode: 'expired_document',
        viewHash: first.detail.viewHash,
      });
      const second = await open('senior', summary.id);
      await decide('senior', summary.id, {
        version: second.claimed.version,
        outcome: 'reject',
        reasonCode: 'expired_document',
        viewHash: second.detail.viewHash,
      });
      const link = await post('analyst', `/api/cases/${summary.id}/kyc-link`, { country: 'MX' });
      expect(link).toEqual({
        status: 200,
        body: { kycLink: `https://kyc.example/session/${summary.subjectId}` },
      });
      expect(h.kycLinkCalls).toContainEqual({ userId: summary.subjectId, country: 'MX' });
      const audit = await h.app.db
        .selectFrom('audit_events')
        .select(['details', 'actor_username'])
        .where('case_id', '=', summary.id)
        .where('action', '=', 'case.kyc_link_requested')
        .execute();
      expect(audit).toEqual([{ details: { country: 'MX' }, actor_username: 'analyst' }]);
    });
  });

  describe('access', () => {
    it('lets support read but not work cases, and keeps admins to the queue', async () => {
      const summary = await newCapaCase();
      expect((await h.call('support', 'GET', `/api/cases/${summary.id}`)).statusCode).toBe(200);
      const claim = await post('support', `/api/cases/${summary.id}/claim`, { version: summary.version });
      expect(claim).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      const opened = await post('support', '/api/cases', { provider: 'capa', subjectId: summary.subjectId });
      expect(opened).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect((await h.call('admin', 'GET', '/api/cases')).statusCode).toBe(200);
      expect((await h.call('admin', 'GET', `/api/cases/${summary.id}`)).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
      const missing = await h.call('analyst', 'GET', '/api/cases/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      const bad = await h.call('analyst', 'GET', '/api/cases/not-a-uuid');
      expect(bad.statusCode).toBe(400);
    });
  });
});
