import type { CaseDetail, CaseListResponse, FlagListResponse, FlagResponse } from '@review-desk/contracts';
import { isProvided } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capaView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness, type Person } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

/** Words that would tell a customer they were screened (tipping off). */
const screeningWords = /sanction|\bpep\b|aml_|AML hit|watch.?list|true_match|false_positive|Hit Person/i;

describeEachEngine('support console', (engine) => {
  let h: CaseHarness;
  let caseId: string;
  let version: number;

  beforeAll(async () => {
    h = await caseHarness(engine);
    const screened = await h.ingest(
      capaView({
        userId: 'support-1',
        hits: [
          {
            id: 'hit-1',
            name: 'Hit Person',
            dateOfBirth: '1980-01-01',
            nameMatchScore: 0.97,
            listTypes: ['sanction', 'pep'],
          },
        ],
      }),
    );
    caseId = screened.id;
    // An analyst disposes of the hit and writes a reason: none of it may reach support.
    const detail = await h.detail('analyst', caseId);
    const claim = await h.call('analyst', 'POST', `/api/cases/${caseId}/claim`, {
      version: detail.case.version,
    });
    expect(claim.statusCode, claim.body).toBe(200);
    const disposed = await h.call('analyst', 'POST', `/api/cases/${caseId}/dispositions`, {
      version: claim.json().case.version,
      hitRef: 'hit-1',
      disposition: 'true_match',
      comment: 'Sanctions listing matches',
    });
    expect(disposed.statusCode, disposed.body).toBe(200);
    version = disposed.json().case.version;
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  it('serves analysts the screening in full', async () => {
    const detail = await h.detail('analyst', caseId);
    expect(detail.view?.aml.provided).toBe(true);
    expect(detail.view?.screeningWithheld).toBeUndefined();
    expect(detail.dispositions).toHaveLength(1);
    expect(detail.case.hitTypes).toEqual(['pep', 'sanction']);
    expect(detail.case.triage.factors.some((factor) => factor.code.startsWith('aml_'))).toBe(true);
  });

  it('withholds every trace of the screening from support, server-side', async () => {
    const response = await h.call('support', 'GET', `/api/cases/${caseId}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json<CaseDetail>();
    expect(detail.view?.aml).toEqual({ provided: false });
    expect(detail.view?.screeningWithheld).toBe(true);
    expect(detail.dispositions).toEqual([]);
    expect(detail.approval.amlHits).toEqual([]);
    expect(detail.approval.unmet.filter((item) => item.code.startsWith('aml_'))).toEqual([]);
    expect(detail.case.hitTypes).toEqual([]);
    expect(detail.case.triage.factors.filter((factor) => factor.code.startsWith('aml_'))).toEqual([]);
    // The score is the sum of what support may see, so it does not betray the withheld factors.
    expect(detail.case.triage.score).toBe(
      detail.case.triage.factors.reduce((sum, factor) => sum + factor.points, 0),
    );
    expect(detail.timeline.map((entry) => entry.action)).not.toContain('case.disposition_recorded');
    // Nothing else in the body names the screening (the summary's list of what must not be said aside).
    const { customerSummary, ...rest } = detail;
    expect(JSON.stringify(rest)).not.toMatch(screeningWords);
    expect(customerSummary.mayTell.join(' ')).not.toMatch(screeningWords);
  });

  it('withholds hit types and screening factors from support in the queue', async () => {
    const response = await h.call('support', 'GET', '/api/cases');
    expect(response.statusCode).toBe(200);
    const page = response.json<CaseListResponse>();
    const item = page.items.find((entry) => entry.id === caseId);
    expect(item?.hitTypes).toEqual([]);
    expect(response.body).not.toMatch(screeningWords);
    const analyst = (await h.call('analyst', 'GET', '/api/cases')).json<CaseListResponse>();
    expect(analyst.items.find((entry) => entry.id === caseId)?.hitTypes).toEqual(['pep', 'sanction']);
  });

  it("neither orders nor filters support's queue by the score the screening raised", async () => {
    // An older case without hits, then a newer one whose hits raise its score.
    const plain = await h.ingest(capaView({ userId: 'support-plain', hits: [] }));
    h.clock.advance(60_000);
    const screened = await h.ingest(
      capaView({
        userId: 'support-screened',
        hits: [
          {
            id: 'hit-9',
            name: 'Listed Person',
            dateOfBirth: '1970-02-03',
            nameMatchScore: 0.99,
            listTypes: ['sanction'],
          },
        ],
      }),
    );
    const positions = (page: CaseListResponse) =>
      [plain.id, screened.id].map((id) => page.items.findIndex((item) => item.id === id));
    const [plainForAnalyst, screenedForAnalyst] = positions(
      (await h.call('analyst', 'GET', '/api/cases?scope=all')).json<CaseListResponse>(),
    );
    expect(screenedForAnalyst).toBeLessThan(plainForAnalyst ?? -1);
    // Support's priority order is SLA breached first, then oldest: the hits' points play no part in it.
    const support = (await h.call('support', 'GET', '/api/cases?scope=all')).json<CaseListResponse>();
    const [plainForSupport, screenedForSupport] = positions(support);
    expect(plainForSupport).toBeGreaterThanOrEqual(0);
    expect(plainForSupport).toBeLessThan(screenedForSupport ?? -1);
    const keys = support.items.map((item) => [item.slaBreached ? 0 : 1, item.createdAt, item.id].join(' '));
    expect(keys).toEqual([...keys].sort());
    for (const query of ['sort=score', 'sort=score&direction=asc', 'scoreMin=60', 'scoreMax=10']) {
      const refused = await h.call('support', 'GET', `/api/cases?scope=all&${query}`);
      expect(refused.statusCode, query).toBe(403);
      expect(refused.json().error.code).toBe('screening_withheld');
    }
    expect((await h.call('analyst', 'GET', '/api/cases?scope=all&scoreMin=60')).statusCode).toBe(200);
  });

  it('gives support a summary in words of what is pending and what may be said', async () => {
    const detail = await h.detail('support', caseId);
    expect(detail.customerSummary).toMatchObject({ status: 'Under review', pendingOn: 'desk' });
    expect(detail.customerSummary.lastCustomerEvent?.label).toBe('Verification submitted');
    expect(detail.customerSummary.mayTell.length).toBeGreaterThan(0);
    expect(detail.customerSummary.mustNotTell.join(' ')).toMatch(/screening/);
  });

  it('says the customer owes information once a reviewer asked for it', async () => {
    const other = await h.ingest(capaView({ userId: 'support-2' }));
    const detail = await h.detail('analyst', other.id);
    const claimed = await h.call('analyst', 'POST', `/api/cases/${other.id}/claim`, {
      version: detail.case.version,
    });
    const decided = await h.call('analyst', 'POST', `/api/cases/${other.id}/decision`, {
      version: claimed.json().case.version,
      outcome: 'request_information',
      reasonCode: 'proof_of_address',
      acknowledgedWarnings: [],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const summary = (await h.detail('support', other.id)).customerSummary;
    expect(summary.pendingOn).toBe('customer');
    expect(summary.pending).toMatch(/Proof of address/);
    expect(summary.lastCustomerEvent?.label).toBe('Information requested: Proof of address needed');
  });

  describe('flag for review', () => {
    const flag = (person: Person, url: string, reason: unknown) => h.call(person, 'POST', url, { reason });

    it('adds the reason to the case as a note, raises a flagged event and lists the flag for analysts', async () => {
      const events: string[] = [];
      const unsubscribe = h.app.caseEvents.subscribe(
        (event) => events.push(`${event.type}:${event.caseId}`),
        () => {},
      );
      const response = await flag(
        'support',
        `/api/cases/${caseId}/flags`,
        'Customer says the name is misspelt',
      );
      unsubscribe();
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<FlagResponse>();
      expect(body.case?.version).toBe(version + 1);
      expect(body.flag).toMatchObject({
        caseId,
        reason: 'Customer says the name is misspelt',
        handledAt: null,
      });
      expect(events).toContain(`flagged:${caseId}`);

      const detail = await h.detail('analyst', caseId);
      expect(detail.notes.map((note) => note.text)).toContain(
        'Flagged for review: Customer says the name is misspelt',
      );
      expect(detail.timeline.map((entry) => entry.action)).toContain('case.flagged');

      const open = (await h.call('analyst', 'GET', '/api/flags')).json<FlagListResponse>();
      expect(open.items.map((item) => item.id)).toContain(body.flag.id);
    });

    it('flags a customer without a case on its own, for analysts to pick up, and lets an analyst close it once', async () => {
      const response = await flag(
        'support',
        '/api/subjects/capa/no-case-user/flags',
        'Asked to close the account',
      );
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<FlagResponse>();
      expect(body.case).toBeNull();
      expect(body.flag).toMatchObject({ provider: 'capa', subjectId: 'no-case-user', caseId: null });

      const handled = await h.call('senior', 'POST', `/api/flags/${body.flag.id}/handled`);
      expect(handled.statusCode, handled.body).toBe(200);
      expect(handled.json<FlagResponse>().flag.handledBy?.id).toBe(h.as.senior.userId);
      const again = await h.call('analyst', 'POST', `/api/flags/${body.flag.id}/handled`);
      expect(again.statusCode).toBe(409);
      const open = (await h.call('analyst', 'GET', '/api/flags')).json<FlagListResponse>();
      expect(open.items.map((item) => item.id)).not.toContain(body.flag.id);
    });

    it.each([
      ['an empty reason', ''],
      ['a blank reason', '     '],
      ['a reason too long', 'x'.repeat(2001)],
      ['a number', 42],
    ])('refuses %s with a 400', async (_label, reason) => {
      const response = await flag('support', `/api/cases/${caseId}/flags`, reason);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBeTypeOf('string');
    });

    it('refuses a flag on an unknown case with a 404', async () => {
      const response = await flag(
        'support',
        '/api/cases/00000000-0000-4000-8000-000000000000/flags',
        'reason',
      );
      expect(response.statusCode).toBe(404);
    });

    it.each(['analyst', 'senior', 'admin'] as const)('is support’s to raise, not %s’s', async (person) => {
      const response = await flag(person, `/api/cases/${caseId}/flags`, 'a reason');
      expect(response.statusCode).toBe(403);
    });

    it.each(['support', 'admin'] as const)('keeps the open flags list from %s', async (person) => {
      expect((await h.call(person, 'GET', '/api/flags')).statusCode).toBe(403);
    });
  });

  it('never serves support a view with the screening, from the unit that shapes views', async () => {
    const { viewForRole } = await import('../../../../src/subjects/pii');
    const view = capaView({ userId: 'support-3', hits: [{ id: 'h', name: 'N', dateOfBirth: '1990-01-01' }] });
    expect(isProvided(viewForRole(view, 'support').aml)).toBe(false);
    expect(isProvided(viewForRole(view, 'analyst').aml)).toBe(true);
  });
});
