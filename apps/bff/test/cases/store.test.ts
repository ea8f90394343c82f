import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInputFromView, minimalCaseInput } from '../../src/cases/intake';
import { ApiError } from '../../src/errors';
import { describeEachEngine } from '../helpers/db';
import { capaView, connectfiView } from './fixtures';
import { storeFixture } from './store-fixture';

type Fixture = Awaited<ReturnType<typeof storeFixture>>;

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' && result.reason instanceof ApiError ? result.reason.code : result.status;

describeEachEngine('case store', (engine) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await storeFixture(engine);
  });
  afterAll(() => engine.dispose());

  describe('applying provider views', () => {
    it('opens a case once per verification and records later upstream changes', async () => {
      const view = capaView({ userId: 'ingest-1' });
      const first = await f.ingest(view);
      expect(first).toMatchObject({
        state: 'open',
        version: 1,
        origin: 'upstream',
        upstreamStatus: 'REVIEW_NEEDED',
      });

      const again = await f.store.openOrUpdateCase(caseInputFromView(view));
      expect(again).toMatchObject({ created: false, changed: false });
      expect(again.case?.id).toBe(first.id);
      expect(again.case?.version).toBe(1);

      const verified = await f.store.openOrUpdateCase(
        caseInputFromView(capaView({ userId: 'ingest-1', result: 'VERIFIED' })),
      );
      expect(verified).toMatchObject({ created: false, changed: true });
      expect(verified.case).toMatchObject({ upstreamStatus: 'VERIFIED', state: 'open', version: 2 });

      const rows = await f.db.selectFrom('cases').select('id').where('subject_id', '=', 'ingest-1').execute();
      expect(rows).toHaveLength(1);
      const audit = await f.db
        .selectFrom('audit_events')
        .select(['action', 'details', 'actor_username'])
        .where('case_id', '=', first.id)
        .orderBy('id')
        .execute();
      expect(audit.map((row) => row.action)).toEqual(['case.opened', 'case.upstream_updated']);
      expect(audit[1]?.details).toMatchObject({ fromStatus: 'REVIEW_NEEDED', toStatus: 'VERIFIED' });
      expect(audit[0]?.actor_username).toBe('system');
    });

    it('opens nothing when the provider does not ask for review', async () => {
      const result = await f.store.openOrUpdateCase(
        caseInputFromView(capaView({ userId: 'ingest-2', result: 'VERIFIED' })),
      );
      expect(result).toEqual({ case: null, created: false, changed: false });
      const connectfi = await f.store.openOrUpdateCase(
        caseInputFromView(connectfiView({ customerId: 'cstap_ingest3', status: 'pending_step_up' })),
      );
      expect(connectfi.case).toBeNull();
    });

    it('opens a connectFi business journey with its entity applications when a representative waits for review', async () => {
      const view = connectfiView({
        customerId: 'cstab_ingest4',
        status: 'running',
        representatives: ['rep-a', 'rep-b'],
      });
      const summary = await f.ingest(view);
      expect(summary).toMatchObject({
        provider: 'connectfi',
        subjectType: 'business',
        upstreamStatus: 'running',
      });
      const applications = await f.db
        .selectFrom('case_entity_applications')
        .select(['entity_id', 'role'])
        .where('case_id', '=', summary.id)
        .orderBy('entity_id')
        .execute();
      expect(applications).toEqual([
        { entity_id: 'cstab_ingest4', role: 'business_customer' },
        { entity_id: 'rep-a', role: 'business_representative' },
        { entity_id: 'rep-b', role: 'business_representative' },
      ]);
    });

    it('closes a case resolved upstream, once', async () => {
      const summary = await f.ingest(capaView({ userId: 'ingest-5' }));
      const closed = await f.store.closeResolvedUpstream(summary.id, 'VERIFIED at Capa');
      expect(closed.changed).toBe(true);
      expect(closed.case).toMatchObject({ state: 'resolved', resolution: 'resolved_upstream', version: 2 });
      const again = await f.store.closeResolvedUpstream(summary.id, 'VERIFIED at Capa');
      expect(again).toMatchObject({ changed: false, case: { version: 2 } });
    });

    it('reopens a resolved case when the provider asks for review again after a change of status', async () => {
      const summary = await f.ingest(capaView({ userId: 'ingest-6' }));
      await f.store.closeResolvedUpstream(summary.id, 'resolved');
      // The same status again is not news.
      const same = await f.store.openOrUpdateCase(caseInputFromView(capaView({ userId: 'ingest-6' })));
      expect(same.case?.state).toBe('resolved');
      await f.store.openOrUpdateCase(caseInputFromView(capaView({ userId: 'ingest-6', result: 'VERIFIED' })));
      const reopened = await f.store.openOrUpdateCase(caseInputFromView(capaView({ userId: 'ingest-6' })));
      expect(reopened.case).toMatchObject({ state: 'reopened', resolution: null });
    });

    it('opens a case by hand and reopens it by hand when resolved', async () => {
      const [support] = await f.staff('support');
      const opened = await f.store.openCaseByHand(minimalCaseInput('capa', 'by-hand-1'), support!);
      expect(opened.created).toBe(true);
      expect(opened.case).toMatchObject({ origin: 'by_hand', state: 'open', upstreamStatus: 'unknown' });
      await f.store.closeResolvedUpstream(opened.case.id, 'done');
      const again = await f.store.openCaseByHand(minimalCaseInput('capa', 'by-hand-1'), support!);
      expect(again).toMatchObject({ created: false, case: { id: opened.case.id, state: 'reopened' } });
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of 50 concurrent claims of a case win', async () => {
      const summary = await f.ingest(capaView({ userId: 'race-claim' }));
      const reviewers = await f.staff('analyst', 50);
      const results = await Promise.allSettled(
        reviewers.map((context) => f.store.claim(summary.id, summary.version, context)),
      );
      const winners = results.filter((result) => result.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      expect(results.map(codeOf).filter((code) => code !== 'fulfilled')).toEqual(
        Array.from({ length: 49 }, () => 'version_conflict'),
      );
      const row = await f.db
        .selectFrom('cases')
        .select(['assignee_id', 'version'])
        .where('id', '=', summary.id)
        .executeTakeFirstOrThrow();
      const winner = (winners[0] as PromiseFulfilledResult<{ assignee: { id: string } | null }>).value;
      expect(row).toEqual({ assignee_id: winner.assignee?.id, version: 2 });
    });

    it('applies exactly one of 20 concurrent decisions on a case', async () => {
      const summary = await f.ingest(capaView({ userId: 'race-decide' }));
      const [reviewer] = await f.staff('analyst');
      const detail = await f.store.detail(summary.id, reviewer!, f.loadView);
      const claimed = await f.store.claim(summary.id, detail.case.version, reviewer!);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          f.store.decide(
            summary.id,
            {
              version: claimed.version,
              outcome: 'approve',
              reasonCode: 'documents_verified',
              viewHash: detail.viewHash ?? '',
              acknowledgedWarnings: [],
            },
            reviewer!,
          ),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(new Set(results.map(codeOf).filter((code) => code !== 'fulfilled'))).toEqual(
        new Set(['version_conflict']),
      );
      const decisions = await f.db
        .selectFrom('case_decisions')
        .select('id')
        .where('case_id', '=', summary.id)
        .execute();
      expect(decisions).toHaveLength(1);
    });

    it('hands distinct cases to reviewers asking for the next case at once', async () => {
      for (let index = 0; index < 6; index++) await f.ingest(capaView({ userId: `race-next-${index}` }));
      const reviewers = await f.staff('analyst', 6);
      const answers = await Promise.all(reviewers.map((context) => f.store.next(context)));
      expect(answers.every((answer) => answer.held === false)).toBe(true);
      const claimed = answers.map((answer) => answer.case);
      const ids = claimed.map((summary) => summary?.id);
      expect(ids.every((id) => typeof id === 'string')).toBe(true);
      expect(new Set(ids).size).toBe(6);
      claimed.forEach((summary, index) => {
        expect(summary?.assignee?.id).toBe(reviewers[index]?.actor.id);
        expect(summary?.state).toBe('in_review');
      });
    });

    it('gives back the case a reviewer still holds, and says so, before handing out another', async () => {
      for (let index = 0; index < 2; index++) await f.ingest(capaView({ userId: `held-next-${index}` }));
      const [reviewer] = await f.staff('analyst', 1);
      const first = await f.store.next(reviewer!);
      expect(first).toMatchObject({ held: false, case: { state: 'in_review' } });
      const again = await f.store.next(reviewer!);
      expect(again.held).toBe(true);
      expect(again.case?.id).toBe(first.case?.id);
      await f.store.release(first.case!.id, again.case!.version, reviewer!);
      const after = await f.store.next(reviewer!);
      expect(after.held).toBe(false);
      expect(after.case?.assignee?.id).toBe(reviewer!.actor.id);
    });
  });

  describe('remembered false positives', () => {
    it('pre-marks the same hit on a later case of the same subject, needing confirmation', async () => {
      const hits = [{ id: 'hit-77', name: 'Juan Perez Garcia', dateOfBirth: '1990-01-01' }];
      const first = await f.ingest(capaView({ userId: 'remember-1', sessionId: 'vs_a', hits }));
      const [reviewer, later] = await f.staff('analyst', 2);
      const detail = await f.store.detail(first.id, reviewer!, f.loadView);
      const claimed = await f.store.claim(first.id, detail.case.version, reviewer!);
      await f.store.recordDisposition(
        first.id,
        {
          version: claimed.version,
          hitRef: 'hit-77',
          disposition: 'false_positive',
          comment: 'different person',
        },
        reviewer!,
      );

      // A new session of the same subject, where the provider no longer sends the hit id.
      const second = await f.ingest(
        capaView({
          userId: 'remember-1',
          sessionId: 'vs_b',
          hits: [{ id: null, name: 'JUAN PÉREZ GARCÍA', dateOfBirth: '1990-01-01' }],
        }),
      );
      expect(second.id).not.toBe(first.id);
      const secondDetail = await f.store.detail(second.id, later!, f.loadView);
      expect(secondDetail.dispositions).toEqual([
        expect.objectContaining({
          hitRef: '#0',
          disposition: 'false_positive',
          confirmed: false,
          decidedBy: { id: reviewer!.actor.id, displayName: expect.any(String) },
          remembered: {
            caseId: first.id,
            decidedBy: expect.objectContaining({ id: reviewer!.actor.id }),
            decidedAt: expect.any(String),
          },
        }),
      ]);
      expect(secondDetail.approval.unmet).toEqual([
        expect.objectContaining({ code: 'aml_hit_unconfirmed', ref: '#0' }),
      ]);

      const claimedSecond = await f.store.claim(second.id, secondDetail.case.version, later!);
      const confirmed = await f.store.recordDisposition(
        second.id,
        { version: claimedSecond.version, hitRef: '#0', disposition: 'false_positive' },
        later!,
      );
      expect(confirmed.disposition).toMatchObject({
        confirmed: true,
        decidedBy: { id: later!.actor.id },
        remembered: { caseId: first.id },
      });
      expect(confirmed.approval.unmet).toEqual([]);

      // Another subject with the same hit gets nothing pre-marked.
      const other = await f.ingest(capaView({ userId: 'remember-2', hits }));
      const otherDetail = await f.store.detail(other.id, later!, f.loadView);
      expect(otherDetail.dispositions).toEqual([]);
    });
  });
});
