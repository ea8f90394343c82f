import type { AuditListResponse } from '@review-desk/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { capaView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

describeEachEngine('audit routes', (engine) => {
  let h: CaseHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await caseHarness(engine);
    const summary = await h.ingest(capaView({ userId: 'audit-1' }));
    caseId = summary.id;
    await h.detail('analyst', caseId);
    await h.call('analyst', 'POST', `/api/cases/${caseId}/claim`, { version: summary.version });
    await h.call('support', 'POST', `/api/cases/${caseId}/reveal`, { field: 'taxId' });
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  const list = async (query: string) => {
    const response = await h.call('senior', 'GET', `/api/audit${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditListResponse>();
  };

  it('lists the rows of a case, newest first', async () => {
    const { items } = await list(`?caseId=${caseId}`);
    expect(items.map((item) => [item.action, item.actor.username])).toEqual([
      ['case.pii_revealed', 'support'],
      ['case.claimed', 'analyst'],
      ['case.viewed', 'analyst'],
      ['case.opened', 'system'],
    ]);
    expect(items[0]).toMatchObject({ caseId, details: { field: 'taxId' }, requestId: expect.any(String) });
  });

  it('filters by actor and by action or action prefix, and pages with a cursor', async () => {
    expect((await list('?actor=support&action=case.pii_revealed')).items).toHaveLength(1);
    const cases = await list('?action=case.');
    expect(cases.items.every((item) => item.action.startsWith('case.'))).toBe(true);
    expect(cases.items).toHaveLength(4);

    const all = await list('?limit=200');
    const walked: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const response: AuditListResponse = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...response.items.map((item) => item.id));
      cursor = response.nextCursor;
      if (!cursor) break;
    }
    expect(walked).toEqual(all.items.map((item) => item.id));
    expect(new Set(walked).size).toBe(walked.length);
    expect((await h.call('senior', 'GET', '/api/audit?cursor=abc')).statusCode).toBe(400);
  });

  it('is for seniors and admins; the chain check for admins only', async () => {
    expect((await h.call('analyst', 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await h.call('admin', 'GET', '/api/audit')).statusCode).toBe(200);
    expect((await h.call('senior', 'GET', '/api/audit/verify')).statusCode).toBe(403);
  });

  it('verifies the hash chain, and names the first row that was tampered with', async () => {
    const intact = await h.call('admin', 'GET', '/api/audit/verify');
    expect(intact.statusCode).toBe(200);
    const count = (
      await h.app.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(intact.json()).toEqual({ ok: true, count: Number(count) });

    const target = await h.app.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'case.pii_revealed')
      .executeTakeFirstOrThrow();
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(h.app.db);
    await sql`update audit_events set details = '{"field":"idNumber"}'::jsonb where id = ${target.id}`.execute(
      h.app.db,
    );
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(h.app.db);

    const broken = await h.call('admin', 'GET', '/api/audit/verify');
    expect(broken.json()).toMatchObject({ ok: false, firstBadId: target.id, reason: 'altered' });
  });
});
