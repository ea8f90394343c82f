import type { CaseListResponse, CaseSummary } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capaView, connectfiView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

const minutes = (n: number) => n * 60_000;

describeEachEngine('case list', (engine) => {
  let h: CaseHarness;
  const cases: Record<string, CaseSummary> = {};
  let start: Date;

  beforeAll(async () => {
    h = await caseHarness(engine);
    start = h.clock.now();
    const at = (offset: number) => h.clock.advance(offset);
    cases.c1 = await h.ingest(
      capaView({
        userId: 'list-cap-1',
        fullName: 'Ana María López',
        faceMatchScore: 0.5,
        idNumber: 'LOAM-800101-MDF',
      }),
    );
    at(minutes(1));
    cases.c2 = await h.ingest(
      capaView({ userId: 'list-cap-2', fullName: 'José Núñez', faceMatchScore: 0.95 }),
    );
    at(minutes(1));
    cases.c3 = await h.ingest(connectfiView({ customerId: 'cstap_list3' }), { displayName: 'Carlos Ruiz' });
    at(minutes(1));
    cases.c4 = await h.ingest(connectfiView({ customerId: 'cstab_list4', representatives: ['r1', 'r2'] }), {
      displayName: 'Acme SA de CV',
    });
    // The first four are now past their 24-hour SLA.
    at(minutes(25 * 60));
    cases.c5 = await h.ingest(
      capaView({ userId: 'list-cap-5', fullName: 'Ana Torres', faceMatchScore: 0.7 }),
      { externalUserId: 'ORG-Client-0005' },
    );
    at(minutes(1));
    cases.c6 = await h.ingest(capaView({ userId: 'list-cap-6', fullName: 'Pedro Ana', faceMatchScore: 0.5 }));
    at(minutes(1));
    cases.c2 = await h.app.cases.store.claim(cases.c2.id, cases.c2.version, {
      actor: { id: h.as.analyst.userId, username: 'analyst', role: 'analyst' },
      requestId: null,
    });
    at(minutes(1));
    cases.c4 = (await h.app.cases.store.closeResolvedUpstream(cases.c4.id, 'completed at connectFi')).case;
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  const list = async (query: string, person: 'analyst' | 'senior' = 'analyst') => {
    const response = await h.call(person, 'GET', `/api/cases${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CaseListResponse>();
  };
  const names = (response: CaseListResponse) =>
    response.items.map((item) => Object.entries(cases).find(([, value]) => value.id === item.id)?.[0]);

  /** Every page of a query walked with a small limit. */
  async function walk(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const separator = query ? '&' : '?';
      const response: CaseListResponse = await list(
        `${query}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...(names(response) as string[]));
      cursor = response.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('too many pages');
  }

  describe('order', () => {
    it('puts SLA breaches first, then the higher score, then the older case', async () => {
      const response = await list('');
      expect(names(response)).toEqual(['c1', 'c3', 'c2', 'c6', 'c5', 'c4']);
      expect(response.items.map((item) => item.slaBreached)).toEqual([true, true, true, false, false, false]);
      expect(response.items.map((item) => item.triage.score)).toEqual([25, 5, 0, 25, 15, 10]);
      expect(response.nextCursor).toBeNull();
    });

    it.each([
      ['', ['c1', 'c3', 'c2', 'c6', 'c5', 'c4']],
      ['?sort=score', ['c1', 'c6', 'c5', 'c4', 'c3', 'c2']],
      ['?sort=score&direction=asc', ['c2', 'c3', 'c4', 'c5', 'c6', 'c1']],
      ['?sort=age', ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']],
      ['?sort=age&direction=desc', ['c6', 'c5', 'c4', 'c3', 'c2', 'c1']],
      ['?sort=updated', ['c4', 'c2', 'c6', 'c5', 'c3', 'c1']],
    ])('pages %s with a keyset cursor in the same order as one page', async (query, expected) => {
      expect(names(await list(query))).toEqual(expected);
      expect(await walk(query, 2)).toEqual(expected);
      expect(await walk(query, 1)).toEqual(expected);
    });

    it.each([
      ['?q=ana', ''],
      ['?q=ana&sort=score&direction=asc', '?sort=score&direction=asc'],
      ['?q=ana&sort=age&direction=desc', '?sort=age&direction=desc'],
      ['?q=ana&sort=updated', '?sort=updated'],
    ])('pages the text search %s in the order of the whole queue', async (query, whole) => {
      const found = new Set(names(await list(query)));
      const expected = names(await list(whole)).filter((name) => found.has(name));
      expect(expected).toHaveLength(3);
      expect(names(await list(query))).toEqual(expected);
      expect(await walk(query, 1)).toEqual(expected);
    });

    it('keeps the pages of the priority order cut at the time of the first page', async () => {
      const first = await list('?limit=2');
      expect(names(first)).toEqual(['c1', 'c3']);
      // Time passes: c5 and c6 breach their SLA too, but the walk goes on as it started.
      h.clock.advance(minutes(24 * 60));
      const rest = await list(`?limit=10&cursor=${first.nextCursor}`);
      expect(names(rest)).toEqual(['c2', 'c6', 'c5', 'c4']);
      expect(names(await list(''))).toEqual(['c1', 'c6', 'c5', 'c3', 'c2', 'c4']);
      h.clock.advance(-minutes(24 * 60));
    });

    it('refuses a cursor that is not one, or belongs to another order', async () => {
      const page = await list('?sort=age&limit=1');
      const other = await h.call('analyst', 'GET', `/api/cases?sort=score&cursor=${page.nextCursor}`);
      expect(other.statusCode).toBe(400);
      expect(other.json().error.code).toBe('invalid_cursor');
      const garbage = await h.call('analyst', 'GET', '/api/cases?cursor=bm90LWpzb24');
      expect(garbage.json().error.code).toBe('invalid_cursor');
      const forged = Buffer.from(
        JSON.stringify({ sort: 'age', direction: 'asc', key: ['x', "1' or 1=1"] }),
      ).toString('base64url');
      expect((await h.call('analyst', 'GET', `/api/cases?sort=age&cursor=${forged}`)).statusCode).toBe(400);
      expect((await h.call('analyst', 'GET', '/api/cases?limit=201')).statusCode).toBe(400);
      expect((await h.call('analyst', 'GET', '/api/cases?sort=random')).statusCode).toBe(400);
    });
  });

  describe('filters', () => {
    it.each([
      ['?provider=connectfi', ['c3', 'c4']],
      ['?state=open&state=in_review', ['c1', 'c3', 'c2', 'c6', 'c5']],
      ['?state=resolved', ['c4']],
      ['?upstreamStatus=waiting_review', ['c3', 'c4']],
      ['?assignee=me', ['c2']],
      ['?assignee=unassigned', ['c1', 'c3', 'c6', 'c5', 'c4']],
      ['?scoreMin=10', ['c1', 'c6', 'c5', 'c4']],
      ['?scoreMin=5&scoreMax=15', ['c3', 'c5', 'c4']],
      ['?q=ana', ['c1', 'c6', 'c5']],
      ['?q=ANA%20lo', ['c1']],
      ['?q=jose', ['c2']],
      ['?q=N%C3%BA%C3%B1ez', ['c2']],
      ['?q=cstab_', ['c4']],
      ['?q=vs_list-cap-1', ['c1']],
      // Every id the organisation may hold: Capa's externalUserId, a connectFi representative or application.
      ['?q=org-client-0005', ['c5']],
      ['?q=ORG-Client', ['c5']],
      ['?q=r2', ['c4']],
      ['?q=iapp_cstap_list3', ['c3']],
      ['?q=list-cap-6', ['c6']],
      ['?q=zzz', []],
      // A masked document number is found whole (any spelling), never by its beginning.
      ['?q=loam800101mdf', ['c1']],
      ['?q=LOAM-800101-MDF', ['c1']],
      ['?q=loam80', []],
      ['?q==loam80', []],
      ['?provider=capa&q=ana&scoreMin=20', ['c1', 'c6']],
    ])('%s', async (query, expected) => {
      expect(names(await list(query))).toEqual(expected);
    });

    it('finds a case by its own id, for support too', async () => {
      for (const person of ['analyst', 'support'] as const) {
        const response = await h.call(person, 'GET', `/api/cases?q=${cases.c3?.id}`);
        expect(response.statusCode).toBe(200);
        expect(response.json<CaseListResponse>().items.map((item) => item.id)).toEqual([cases.c3?.id]);
      }
    });

    it('finds a business by a representative added after the case was opened', async () => {
      await h.ingest(
        connectfiView({ customerId: 'cstab_list4', representatives: ['r1', 'r2', 'cstar_Late7'] }),
      );
      expect(names(await list('?q=cstar_late7'))).toEqual(['c4']);
      expect(names(await list('?q=r1'))).toEqual(['c4']);
    });

    it('filters on the time a case was opened and on a named assignee', async () => {
      const boundary = new Date(start.getTime() + minutes(2)).toISOString();
      expect(names(await list(`?createdAfter=${boundary}`))).toEqual(['c3', 'c6', 'c5', 'c4']);
      expect(names(await list(`?createdBefore=${boundary}`))).toEqual(['c1', 'c2']);
      expect(names(await list(`?assignee=${h.as.analyst.userId}`, 'senior'))).toEqual(['c2']);
      expect(names(await list('?assignee=me', 'senior'))).toEqual([]);
      const bad = await h.call('analyst', 'GET', '/api/cases?assignee=someone');
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('the work', () => {
    it('is the open and reopened cases and those in review by the caller, in priority order', async () => {
      expect(names(await list('?scope=work'))).toEqual(['c1', 'c3', 'c2', 'c6', 'c5']);
      expect(await walk('?scope=work', 2)).toEqual(['c1', 'c3', 'c2', 'c6', 'c5']);
      // c2 is in review by the analyst: not the senior's work.
      expect(names(await list('?scope=work', 'senior'))).toEqual(['c1', 'c3', 'c6', 'c5']);
      expect(names(await list('?scope=all'))).toEqual(['c1', 'c3', 'c2', 'c6', 'c5', 'c4']);
    });

    it('is narrowed by the other filters, and counted as it is listed', async () => {
      expect(names(await list('?scope=work&provider=connectfi'))).toEqual(['c3']);
      expect(names(await list('?scope=work&state=resolved'))).toEqual([]);
      const counted = await list('?scope=work', 'senior');
      expect(counted.facets).toMatchObject({ total: 4, state: [{ value: 'open', count: 4 }] });
      const searched = await list('?scope=work&q=ana');
      expect(names(searched)).toEqual(['c1', 'c6', 'c5']);
      expect(searched.facets?.total).toBe(3);
      const boundary = new Date(start.getTime() + minutes(2)).toISOString();
      const dated = await list(`?scope=work&createdBefore=${boundary}`);
      expect(names(dated)).toEqual(['c1', 'c2']);
      expect(dated.facets?.state).toEqual([
        { value: 'in_review', count: 1 },
        { value: 'open', count: 1 },
      ]);
      expect((await h.call('analyst', 'GET', '/api/cases?scope=mine')).statusCode).toBe(400);
    });
  });

  describe('facets', () => {
    it('counts the matching cases by provider, state, upstream status and assignee in one go', async () => {
      const { facets } = await list('');
      expect(facets).toEqual({
        total: 6,
        provider: [
          { value: 'capa', count: 4 },
          { value: 'connectfi', count: 2 },
        ],
        state: [
          { value: 'open', count: 4 },
          { value: 'in_review', count: 1 },
          { value: 'resolved', count: 1 },
        ],
        upstreamStatus: [
          { value: 'REVIEW_NEEDED', count: 4 },
          { value: 'waiting_review', count: 2 },
        ],
        assignee: [
          { value: 'unassigned', count: 5 },
          { value: 'me', count: 1 },
        ],
        disagreement: 0,
      });
      const filtered = await list('?q=ana');
      expect(filtered.facets).toMatchObject({ total: 3, state: [{ value: 'open', count: 3 }] });
      const senior = await list('?provider=capa', 'senior');
      expect(senior.facets?.assignee).toEqual([
        { value: 'unassigned', count: 3 },
        { value: 'others', count: 1 },
      ]);
    });

    it('leaves facets out of later pages unless asked', async () => {
      const first = await list('?limit=2');
      expect(first.facets?.total).toBe(6);
      const second = await list(`?limit=2&cursor=${first.nextCursor}`);
      expect(second.facets).toBeNull();
      const asked = await list(`?limit=2&facets=true&cursor=${first.nextCursor}`);
      expect(asked.facets?.total).toBe(6);
    });
  });
});
