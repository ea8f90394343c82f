import type { CaseDetail, CaseSummary } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CapaFixture, capaView, connectfiView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness, type Person } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

const edd = 'Source of wealth: salary and a documented inheritance, checked against bank statements';

describeEachEngine('the decision policy at the API', (engine) => {
  let h: CaseHarness;
  let counter = 0;
  beforeAll(async () => {
    h = await caseHarness(engine);
  });
  afterAll(() => h.close());

  const post = async (person: Person, url: string, payload: object = {}) => {
    const response = await h.call(person, 'POST', url, payload);
    return { status: response.statusCode, body: response.json() };
  };
  async function open(person: Person, caseId: string): Promise<{ detail: CaseDetail; claimed: CaseSummary }> {
    const detail = await h.detail(person, caseId);
    const { status, body } = await post(person, `/api/cases/${caseId}/claim`, {
      version: detail.case.version,
    });
    expect(status, JSON.stringify(body)).toBe(200);
    return { detail: await h.detail(person, caseId), claimed: body.case };
  }
  const decide = (person: Person, caseId: string, body: Record<string, unknown>) =>
    post(person, `/api/cases/${caseId}/decision`, { acknowledgedWarnings: [], ...body });

  /** A Capa case with one hit on the given list, claimed by `person`, the hit disposed as given. */
  async function disposedCase(
    list: 'sanction' | 'pep' | 'adverse_media',
    disposition: 'true_match' | 'false_positive' | 'needs_information',
    person: Person = 'analyst',
    fixture: Partial<CapaFixture> = {},
  ) {
    const summary = await h.ingest(
      capaView({
        userId: `policy-${++counter}`,
        hits: [{ id: `hit-${counter}`, name: 'LAYLA AL-HASSAN', dateOfBirth: '1951-06-23', lists: [list] }],
        ...fixture,
      }),
    );
    const { claimed } = await open(person, summary.id);
    const disposed = await post(person, `/api/cases/${summary.id}/dispositions`, {
      version: claimed.version,
      hitRef: `hit-${counter}`,
      disposition,
      comment: 'Exact birth date and nationality match the listing',
    });
    expect(disposed.status, JSON.stringify(disposed.body)).toBe(200);
    const detail = await h.detail(person, summary.id);
    return { id: summary.id, detail, version: detail.case.version };
  }

  it('never approves a sanctions true match: 422 sanctions_true_match, only reject or escalate on offer', async () => {
    const { id, detail, version } = await disposedCase('sanction', 'true_match');
    expect(detail.approval.unmet).toContainEqual(expect.objectContaining({ code: 'sanctions_true_match' }));
    expect(detail.approval.outcomes.filter((rule) => rule.allowed).map((rule) => rule.outcome)).toEqual([
      'reject',
      'escalate',
    ]);
    for (const reasonCode of ['aml_false_positive_cleared', 'documents_verified']) {
      const refused = await decide('analyst', id, {
        version,
        outcome: 'approve',
        reasonCode,
        viewHash: detail.viewHash,
      });
      expect(refused).toMatchObject({ status: 422, body: { error: { code: 'sanctions_true_match' } } });
    }
    const info = await decide('analyst', id, {
      version,
      outcome: 'request_information',
      reasonCode: 'missing_document',
    });
    expect(info).toMatchObject({ status: 422, body: { error: { code: 'sanctions_true_match' } } });
    const rejected = await decide('analyst', id, {
      version,
      outcome: 'reject',
      reasonCode: 'aml_true_match',
      viewHash: detail.viewHash,
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.decision.dispositions).toEqual([
      expect.objectContaining({
        disposition: 'true_match',
        listTypes: ['sanction'],
        comment: 'Exact birth date and nationality match the listing',
        decidedBy: expect.objectContaining({ id: h.as.analyst.userId }),
      }),
    ]);
  });

  it('asks a rationale of a true match or "needs information" on a sanctions or PEP listing', async () => {
    const summary = await h.ingest(
      capaView({
        userId: `policy-${++counter}`,
        hits: [{ id: 'r-1', name: 'A', dateOfBirth: '1950-01-01', lists: ['pep'] }],
      }),
    );
    const { claimed } = await open('analyst', summary.id);
    for (const disposition of ['true_match', 'needs_information']) {
      const refused = await post('analyst', `/api/cases/${summary.id}/dispositions`, {
        version: claimed.version,
        hitRef: 'r-1',
        disposition,
        comment: 'too short',
      });
      expect(refused).toMatchObject({ status: 422, body: { error: { code: 'rationale_required' } } });
    }
    const falsePositive = await post('analyst', `/api/cases/${summary.id}/dispositions`, {
      version: claimed.version,
      hitRef: 'r-1',
      disposition: 'false_positive',
    });
    expect(falsePositive.status).toBe(200);
  });

  it('makes a PEP approval a senior decision with pep_edd_completed, a note, and a second senior', async () => {
    const { id, detail, version } = await disposedCase('pep', 'true_match');
    expect(detail.approval.unmet).toContainEqual(expect.objectContaining({ code: 'senior_required' }));
    const byAnalyst = await decide('analyst', id, {
      version,
      outcome: 'approve',
      reasonCode: 'pep_edd_completed',
      comment: edd,
      viewHash: detail.viewHash,
    });
    expect(byAnalyst).toMatchObject({ status: 403, body: { error: { code: 'senior_required' } } });
    const escalated = await decide('analyst', id, {
      version,
      outcome: 'escalate',
      reasonCode: 'aml_potential_match',
      comment: 'PEP confirmed: needs EDD and a senior',
    });
    expect(escalated.status).toBe(200);

    const senior = await open('senior', id);
    expect(senior.detail.review).toEqual({ decisionId: escalated.body.decision.id, evidenceChanges: [] });
    expect(senior.detail.approval.outcomes.find((rule) => rule.outcome === 'approve')).toMatchObject({
      allowed: true,
      reasons: ['pep_edd_completed'],
      note: { minLength: 20 },
    });
    const base = { version: senior.claimed.version, outcome: 'approve', viewHash: senior.detail.viewHash };
    expect(
      await decide('senior', id, { ...base, reasonCode: 'documents_verified', comment: edd }),
    ).toMatchObject({
      status: 422,
      body: { error: { code: 'reason_contradicts_evidence' } },
    });
    expect(
      await decide('senior', id, { ...base, reasonCode: 'pep_edd_completed', comment: 'EDD done' }),
    ).toMatchObject({
      status: 422,
      body: { error: { code: 'note_required' } },
    });
    const approved = await decide('senior', id, { ...base, reasonCode: 'pep_edd_completed', comment: edd });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.case.state).toBe('awaiting_second_review');
    expect(approved.body.decision.fourEyesReasons).toContain('pep_true_match');

    const second = await open('senior2', id);
    expect(second.detail.review?.decisionId).toBe(approved.body.decision.id);
    const confirmed = await decide('senior2', id, {
      version: second.claimed.version,
      outcome: 'approve',
      reasonCode: 'pep_edd_completed',
      comment: 'EDD reviewed: statements support the stated wealth',
      viewHash: second.detail.viewHash,
    });
    expect(confirmed.body.case).toMatchObject({ state: 'resolved', resolution: 'approved' });
    expect(confirmed.body.decision).toMatchObject({
      reviewOf: approved.body.decision.id,
      agreesWithFirst: true,
    });
  });

  it('refuses "AML hits cleared as false positives" beside a true match or a hit needing information', async () => {
    for (const disposition of ['true_match', 'needs_information'] as const) {
      const { id, detail, version } = await disposedCase('adverse_media', disposition);
      const refused = await decide('analyst', id, {
        version,
        outcome: 'approve',
        reasonCode: 'aml_false_positive_cleared',
        comment: 'An article about a namesake',
        viewHash: detail.viewHash,
      });
      expect(refused.body.error.code).toMatch(/^(reason_contradicts_evidence)$/);
      const rule = detail.approval.outcomes.find((item) => item.outcome === 'approve');
      expect(rule?.reasons).not.toContain('aml_false_positive_cleared');
    }
  });

  it('asks a note to approve past an adverse-media true match', async () => {
    const { id, detail, version } = await disposedCase('adverse_media', 'true_match');
    const base = { version, outcome: 'approve', reasonCode: 'documents_verified', viewHash: detail.viewHash };
    expect((await decide('analyst', id, base)).body.error.code).toBe('note_required');
    const approved = await decide('analyst', id, { ...base, comment: 'A 2019 article about a namesake' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  });

  it('never reads a case with no identity evidence as ready; approval needs each gap acknowledged', async () => {
    const summary = await h.ingest(connectfiView({ customerId: `cstap_gap${++counter}` }));
    const { detail, claimed } = await open('analyst', summary.id);
    expect(detail.approval.unmet.length).toBeGreaterThan(0);
    const gaps = detail.approval.gaps.map((gap) => gap.code);
    expect(gaps).toEqual([
      'identity_missing',
      'face_match_missing',
      'liveness_not_passed',
      'id_images_missing',
    ]);
    const base = {
      version: claimed.version,
      outcome: 'approve',
      reasonCode: 'documents_verified',
      viewHash: detail.viewHash,
    };
    const refused = await decide('analyst', summary.id, {
      ...base,
      acknowledgedGaps: ['gap:identity_missing'],
    });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'approval_conditions_unmet' } } });
    expect(refused.body.error.details.unmet.map((item: { ref: string }) => item.ref)).toEqual([
      'gap:face_match_missing',
      'gap:liveness_not_passed',
      'gap:id_images_missing',
    ]);
    const refs = detail.approval.gaps.map((gap) => gap.ref);
    const approved = await decide('analyst', summary.id, { ...base, acknowledgedGaps: refs });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.decision.acknowledgedGaps).toEqual(refs);
  });

  it('asks acknowledgements for a low face match, no images and an expired document on a Capa case', async () => {
    const summary = await h.ingest(
      capaView({ userId: `policy-${++counter}`, faceMatchScore: 0.42, media: false }),
    );
    const detail = await h.detail('analyst', summary.id);
    expect(detail.approval.gaps.map((gap) => gap.code)).toEqual(['face_match_low', 'id_images_missing']);
  });

  it('voids a pending second approval when the evidence changed: 409 evidence_changed, back to the queue', async () => {
    const userId = `policy-${++counter}`;
    const summary = await h.ingest(capaView({ userId, birthDate: '1980-01-01' }));
    const first = await open('analyst', summary.id);
    const rejected = await decide('analyst', summary.id, {
      version: first.claimed.version,
      outcome: 'reject',
      reasonCode: 'identity_mismatch',
      viewHash: first.detail.viewHash,
    });
    expect(rejected.body.case.state).toBe('awaiting_second_review');

    h.views.set(`capa:${userId}`, capaView({ userId, birthDate: '1980-01-02' }));
    const second = await open('senior', summary.id);
    expect(second.detail.review?.evidenceChanges).toEqual(['idInfo.birthDate', 'subject.birthDate']);
    const refused = await decide('senior', summary.id, {
      version: second.claimed.version,
      outcome: 'reject',
      reasonCode: 'identity_mismatch',
      viewHash: second.detail.viewHash,
    });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'evidence_changed',
          details: {
            changes: ['idInfo.birthDate', 'subject.birthDate'],
            case: { state: 'reopened', assignee: null },
          },
        },
      },
    });
    const after = await h.detail('analyst', summary.id);
    expect(after.case).toMatchObject({ state: 'reopened', firstReviewer: null });
    expect(after.decisions[0]).toMatchObject({
      id: rejected.body.decision.id,
      supersededAt: expect.any(String),
      evidenceChanges: ['idInfo.birthDate', 'subject.birthDate'],
    });
    expect(after.timeline.map((entry) => entry.action)).toContain('case.first_decision_superseded');
  });

  describe('four eyes: every role × first decider × outcome', () => {
    const firstDeciders: Person[] = ['analyst', 'senior'];
    const seconds: Person[] = ['analyst', 'analyst2', 'senior', 'senior2'];
    const rows = firstDeciders.flatMap((first) =>
      seconds.flatMap((second) =>
        (['approve', 'reject'] as const).map((outcome) => ({ first, second, outcome })),
      ),
    );
    it.each(rows)('first $first, second $second, $outcome', async ({ first, second, outcome }) => {
      // An adverse-media true match makes either outcome need a second reviewer.
      const { id, detail, version } = await disposedCase('adverse_media', 'true_match', first);
      const body = {
        outcome,
        reasonCode: outcome === 'approve' ? 'documents_verified' : 'aml_true_match',
        comment: 'An article about this very person, 2021',
      };
      const made = await decide(first, id, { ...body, version, viewHash: detail.viewHash });
      expect(made.body.case?.state, JSON.stringify(made.body)).toBe('awaiting_second_review');
      const claim = await post(second, `/api/cases/${id}/claim`, { version: made.body.case.version });
      const expectedRefusal =
        second === first ? 'four_eyes_same_reviewer' : second.startsWith('senior') ? null : 'senior_required';
      if (expectedRefusal) {
        expect(claim).toMatchObject({ status: 403, body: { error: { code: expectedRefusal } } });
        const direct = await decide(second, id, {
          ...body,
          version: made.body.case.version,
          viewHash: detail.viewHash,
        });
        expect(direct).toMatchObject({ status: 403, body: { error: { code: expectedRefusal } } });
        return;
      }
      expect(claim.status).toBe(200);
      const review = await h.detail(second, id);
      const confirmed = await decide(second, id, {
        ...body,
        version: review.case.version,
        viewHash: review.viewHash,
      });
      expect(confirmed.body.case, JSON.stringify(confirmed.body)).toMatchObject({ state: 'resolved' });
    });
  });
});
