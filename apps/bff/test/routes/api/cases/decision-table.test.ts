import type { CaseDetail } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capaView, connectfiView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness, type Person } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

type List = 'sanction' | 'pep' | 'adverse_media';
type Disposition = 'true_match' | 'false_positive' | 'needs_information' | null;
type Outcome = 'approve' | 'approve_as_cleared' | 'reject' | 'escalate' | 'request_information';

const requests: Record<Outcome, { outcome: string; reasonCode: string }> = {
  approve: { outcome: 'approve', reasonCode: 'documents_verified' },
  approve_as_cleared: { outcome: 'approve', reasonCode: 'aml_false_positive_cleared' },
  reject: { outcome: 'reject', reasonCode: 'identity_mismatch' },
  escalate: { outcome: 'escalate', reasonCode: 'second_opinion' },
  request_information: { outcome: 'request_information', reasonCode: 'missing_document' },
};

/**
 * What the desk answers an analyst, written out rule by rule (COMPLIANCE.md): the error code, or the state the
 * case moves to. Rejections and true matches need a second reviewer (the default four-eyes policy).
 */
function expected(list: List, disposition: Disposition, outcome: Outcome): string {
  const trueMatch = disposition === 'true_match';
  if (
    trueMatch &&
    list === 'sanction' &&
    ['approve', 'approve_as_cleared', 'request_information'].includes(outcome)
  )
    return 'sanctions_true_match';
  if (trueMatch && list === 'pep' && outcome.startsWith('approve')) return 'senior_required';
  if (outcome === 'approve_as_cleared' && disposition !== 'false_positive')
    return 'reason_contradicts_evidence';
  if (outcome.startsWith('approve') && disposition !== 'false_positive' && !trueMatch)
    return 'approval_conditions_unmet';
  if (outcome === 'escalate') return 'escalated';
  if (outcome === 'request_information') return 'info_requested';
  if (outcome === 'reject' || trueMatch) return 'awaiting_second_review';
  return 'resolved';
}

const note = 'The birth date and nationality both match the listing';

describeEachEngine('the decision policy at the API, table-driven', (engine) => {
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
  const acknowledgements = (detail: CaseDetail) => ({
    acknowledgedWarnings: detail.approval.warnings.map((item) => item.ref),
    acknowledgedGaps: detail.approval.gaps.map((item) => item.ref),
  });

  const rows = (['sanction', 'pep', 'adverse_media'] as const).flatMap((list) =>
    ([null, 'true_match', 'false_positive', 'needs_information'] as const).flatMap((disposition) =>
      (Object.keys(requests) as Outcome[]).map((outcome) => ({ list, disposition, outcome })),
    ),
  );

  it.each(rows)('$outcome with a $list hit disposed $disposition', async ({ list, disposition, outcome }) => {
    const n = ++counter;
    const summary = await h.ingest(
      capaView({
        userId: `table-${n}`,
        hits: [{ id: `hit-${n}`, name: 'LAYLA AL-HASSAN', dateOfBirth: '1951-06-23', lists: [list] }],
      }),
    );
    const claimed = await post('analyst', `/api/cases/${summary.id}/claim`, { version: summary.version });
    let version: number = claimed.body.case.version;
    // The reviewer opens the case before judging its hits: that read is the verification the dispositions refer to.
    await h.detail('analyst', summary.id);
    if (disposition) {
      const disposed = await post('analyst', `/api/cases/${summary.id}/dispositions`, {
        version,
        hitRef: `hit-${n}`,
        disposition,
        comment: note,
      });
      expect(disposed.status, JSON.stringify(disposed.body)).toBe(200);
      version = disposed.body.case.version;
    }
    const detail = await h.detail('analyst', summary.id);
    const answer = await post('analyst', `/api/cases/${summary.id}/decision`, {
      ...requests[outcome],
      ...acknowledgements(detail),
      version: detail.case.version,
      viewHash: detail.viewHash,
      comment: note,
    });
    const want = expected(list, disposition, outcome);
    const got = answer.status === 200 ? answer.body.case.state : answer.body.error.code;
    expect(got, JSON.stringify(answer.body)).toBe(want);
    // What the case detail offers agrees with what the API accepted.
    const offered = detail.approval.outcomes.find((rule) => rule.outcome === requests[outcome].outcome);
    const reasonOffered =
      offered?.allowed && (offered.reasons as string[]).includes(requests[outcome].reasonCode);
    if (answer.status === 200) expect(reasonOffered).toBe(true);
    if (['sanctions_true_match', 'senior_required', 'reason_contradicts_evidence'].includes(want))
      expect(reasonOffered).toBe(false);
  });

  describe('a verification that names nobody', () => {
    async function namelessCase(customerId: string) {
      const summary = await h.ingest(connectfiView({ customerId }));
      const detail = await h.detail('analyst', summary.id);
      const claimed = await h.call('analyst', 'POST', `/api/cases/${summary.id}/claim`, {
        version: detail.case.version,
      });
      expect(claimed.statusCode).toBe(200);
      return summary.id;
    }
    const gapCodes = (detail: Pick<CaseDetail, 'approval'>) => detail.approval.gaps.map((gap) => gap.code);

    it('is covered by opening the directory record: recorded, audited, for that reader only', async () => {
      const id = await namelessCase('cstap_directory1');
      await h.app.deliveries.directory.upsert([
        {
          provider: 'connectfi',
          externalUserId: null,
          subjectId: 'cstap_directory1',
          displayName: 'Ana Lucía Pérez',
          birthDate: '1988-02-29',
          idNumber: 'PEMA880229HDFRRN09',
        },
      ]);
      expect(gapCodes(await h.detail('analyst', id))).toContain('identity_missing');
      expect((await h.detail('analyst', id)).approval.unmet.map((item) => item.ref)).toContain(
        'gap:identity_missing',
      );

      const opened = await h.call('analyst', 'GET', `/api/cases/${id}/directory-record`);
      expect(opened.statusCode, opened.body).toBe(200);
      const body = opened.json();
      expect(body.record).toMatchObject({ displayName: 'Ana Lucía Pérez', birthDate: '1988-02-29' });
      expect(body.record.idNumber).not.toContain('PEMA880229');
      expect(body.approval.gaps.map((gap: { code: string }) => gap.code)).not.toContain('identity_missing');

      const detail = await h.detail('analyst', id);
      expect(gapCodes(detail)).not.toContain('identity_missing');
      expect(detail.evidenceViewed).toContainEqual(
        expect.objectContaining({ kind: 'directory_record', ref: 'subject' }),
      );
      // A read of personal data, audited with the person it concerns.
      const read = detail.timeline.find((entry) => entry.action === 'case.directory_record_viewed');
      expect(read?.subject).toMatchObject({ provider: 'connectfi', id: 'cstap_directory1' });
      // Another reviewer has not opened it: for them the verification still names nobody.
      expect(gapCodes(await h.detail('senior', id))).toContain('identity_missing');

      const approved = await h.call('analyst', 'POST', `/api/cases/${id}/decision`, {
        version: detail.case.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: detail.viewHash,
        acknowledgedWarnings: detail.approval.warnings.map((item) => item.ref),
        acknowledgedGaps: detail.approval.gaps.map((item) => item.ref),
      });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().decision.acknowledgedGaps).not.toContain('gap:identity_missing');
    });

    it('answers 404 when the directory has no record, and the gap stays', async () => {
      const id = await namelessCase('cstap_directory2');
      const opened = await h.call('analyst', 'GET', `/api/cases/${id}/directory-record`);
      expect(opened.statusCode).toBe(404);
      expect(opened.json().error.code).toBe('directory_record_not_found');
      expect(gapCodes(await h.detail('analyst', id))).toContain('identity_missing');
    });

    describe('bad input', () => {
      it('answers 400 for a case id that is not a uuid and 404 for an unknown case', async () => {
        expect((await h.call('analyst', 'GET', '/api/cases/not-a-case/directory-record')).statusCode).toBe(
          400,
        );
        const unknown = await h.call('analyst', 'GET', `/api/cases/${crypto.randomUUID()}/directory-record`);
        expect(unknown.statusCode).toBe(404);
      });
    });
  });
});

describeEachEngine('the second reviewer confirms the first acknowledgements in one action', (engine) => {
  let h: CaseHarness;
  beforeAll(async () => {
    // Every approval goes to a second reviewer here, whatever the score.
    h = await caseHarness(engine, {
      fourEyes: { onReject: true, onAmlTrueMatch: true, scoreAbove: -1 },
    });
  });
  afterAll(() => h.close());

  it('records the confirmation as such, with the acknowledgements it carried over', async () => {
    const summary = await h.ingest(
      capaView({ userId: 'confirm-1', faceMatchScore: 0.42, warnings: ['FACE_MATCH_LOW_CONFIDENCE'] }),
    );
    const first = await h.detail('analyst', summary.id);
    const claimed = await h.call('analyst', 'POST', `/api/cases/${summary.id}/claim`, {
      version: first.case.version,
    });
    const acknowledgedWarnings = first.approval.warnings.map((item) => item.ref);
    const acknowledgedGaps = first.approval.gaps.map((item) => item.ref);
    expect(acknowledgedWarnings.length + acknowledgedGaps.length).toBeGreaterThan(1);
    const proposed = await h.call('analyst', 'POST', `/api/cases/${summary.id}/decision`, {
      version: claimed.json().case.version,
      outcome: 'approve',
      reasonCode: 'documents_verified',
      viewHash: first.viewHash,
      acknowledgedWarnings,
      acknowledgedGaps,
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().case.state).toBe('awaiting_second_review');
    const firstDecision = proposed.json().decision;

    const review = await h.detail('senior', summary.id);
    const taken = await h.call('senior', 'POST', `/api/cases/${summary.id}/claim`, {
      version: review.case.version,
    });
    const unconfirmed = await h.call('senior', 'POST', `/api/cases/${summary.id}/decision`, {
      version: taken.json().case.version,
      outcome: 'approve',
      reasonCode: 'documents_verified',
      viewHash: review.viewHash,
      acknowledgedWarnings: [],
    });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.json().error.code).toBe('approval_conditions_unmet');

    const confirmed = await h.call('senior', 'POST', `/api/cases/${summary.id}/decision`, {
      version: taken.json().case.version,
      outcome: 'approve',
      reasonCode: 'documents_verified',
      viewHash: review.viewHash,
      acknowledgedWarnings: [],
      confirmFirstAcknowledgements: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().decision).toMatchObject({
      stage: 'second_of_two',
      reviewOf: firstDecision.id,
      agreesWithFirst: true,
      acknowledgementsConfirmedFrom: firstDecision.id,
      acknowledgedWarnings,
      acknowledgedGaps,
    });
    const after = await h.detail('senior', summary.id);
    // The timeline is newest first.
    const audited = after.timeline.find((entry) => entry.action === 'case.decided');
    expect(audited?.details).toMatchObject({ acknowledgementsConfirmedFrom: firstDecision.id });
  });
});
