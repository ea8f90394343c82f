import type { CaseFacets, CaseListQuery, CaseSort, FacetCount } from '@review-desk/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActionContext } from '../../src/cases/core';
import { queryTerms } from '../../src/cases/linking';
import { describeEachEngine } from '../helpers/db';
import { capaView, connectfiView, fixtureNow } from './fixtures';
import { storeFixture } from './store-fixture';

/**
 * The text search against a plain reference: every case that has a term starting with each word, filtered,
 * sorted in JavaScript, and counted one by one. The population has words that share prefixes (`mar` finds
 * marta, mario, maria, marsh and marquez), cases holding two or three of them, ties in score and in creation
 * time, breached and unbreached cases, and cases in every state the filters ask about.
 */

type Fixture = Awaited<ReturnType<typeof storeFixture>>;

interface ReferenceRow {
  id: string;
  provider: string;
  state: string;
  upstream_status: string;
  assignee_id: string | null;
  triage_score: number;
  created_at: Date;
  updated_at: Date;
  sla_due_at: Date;
}

const firstNames = ['Marta', 'Mario', 'María', 'Marsh', 'Ana', 'Lorna', 'Pedro'];
const lastNames = ['Marquez', 'López', 'Marsh', 'Ruiz', 'Martin', 'Lorna'];
const names = [
  ...Array.from({ length: 28 }, (_, i) => `${firstNames[i % 7]} ${lastNames[i % 6]}`),
  'Maria Marquez Marsh',
  'Marta Maria Lopez',
];
const states = ['open', 'in_review', 'resolved', 'open', 'reopened', 'in_review'];
const hour = 3_600_000;

describeEachEngine('queue text search', (engine) => {
  let f: Fixture;
  let lead: ActionContext;
  let analyst: ActionContext;

  beforeAll(async () => {
    f = await storeFixture(engine);
    [lead] = (await f.staff('senior')) as [ActionContext];
    [analyst] = (await f.staff('analyst')) as [ActionContext];
    for (const [i, name] of names.entries()) {
      const opened =
        i % 3 === 0
          ? await f.ingest(connectfiView({ customerId: `cstap_srch${i}` }), { displayName: name })
          : await f.ingest(capaView({ userId: `srch-${i}`, fullName: name }));
      const state = states[i % states.length] as string;
      const assignee = state === 'in_review' ? (i % 4 < 2 ? lead : analyst).actor.id : null;
      // Whole seconds, and ties: the order falls back to creation time, then to the id.
      await sql`
        update cases set state = ${state}, assignee_id = ${assignee},
          resolution = ${state === 'resolved' ? 'resolved_upstream' : null},
          triage_score = ${[10, 50, 90][(i >> 1) % 3]},
          created_at = ${new Date(fixtureNow.getTime() - (i % 4) * hour)},
          updated_at = ${new Date(fixtureNow.getTime() - (i % 6) * 60_000)},
          sla_due_at = ${new Date(fixtureNow.getTime() + (i % 2 === 0 ? -hour : hour))}
        where id = ${opened.id}`.execute(f.db);
    }
  });
  afterAll(() => engine.dispose());

  async function reference(query: CaseListQuery): Promise<ReferenceRow[]> {
    const words = queryTerms(query.q ?? '');
    let select = f.db
      .selectFrom('cases')
      .select([
        'id',
        'provider',
        'state',
        'upstream_status',
        'assignee_id',
        'triage_score',
        'created_at',
        'updated_at',
        'sla_due_at',
      ]);
    for (const word of words) {
      select = select.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('case_search_terms as t')
            .whereRef('t.case_id', '=', 'cases.id')
            .where((eb) =>
              eb.or([
                eb('t.term', 'like', word.prefix),
                ...(word.whole ? [eb('t.term', '=', word.whole)] : []),
              ]),
            )
            .select('t.term'),
        ),
      );
    }
    if (query.provider) select = select.where('provider', '=', query.provider);
    if (query.state) select = select.where('state', 'in', query.state);
    if (query.assignee === 'me') select = select.where('assignee_id', '=', lead.actor.id);
    if (query.assignee === 'unassigned') select = select.where('assignee_id', 'is', null);
    if (query.scoreMin !== undefined) select = select.where('triage_score', '>=', query.scoreMin);
    const rows = (await select.execute()) as ReferenceRow[];
    return rows.sort(comparator(query.sort ?? 'priority', query.direction));
  }

  function comparator(sort: CaseSort, direction: 'asc' | 'desc' | undefined) {
    const now = f.clock.now().getTime();
    const breached = (row: ReferenceRow) =>
      row.sla_due_at.getTime() <= now && row.state !== 'resolved' && row.state !== 'superseded' ? 0 : 1;
    const by = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
    return (a: ReferenceRow, b: ReferenceRow): number => {
      const created = by(a.created_at.getTime(), b.created_at.getTime());
      const id = by(a.id, b.id);
      switch (sort) {
        case 'priority':
          return by(breached(a), breached(b)) || by(b.triage_score, a.triage_score) || created || id;
        case 'score': {
          const sign = (direction ?? 'desc') === 'desc' ? -1 : 1;
          return sign * by(a.triage_score, b.triage_score) || -sign * created || -sign * id;
        }
        case 'age': {
          const sign = (direction ?? 'asc') === 'asc' ? 1 : -1;
          return sign * (created || id);
        }
        case 'updated': {
          const sign = (direction ?? 'desc') === 'asc' ? 1 : -1;
          return sign * (by(a.updated_at.getTime(), b.updated_at.getTime()) || id);
        }
      }
    };
  }

  function facetsOf(rows: readonly ReferenceRow[]): Omit<CaseFacets, 'disagreement'> {
    const tally = (value: (row: ReferenceRow) => string): FacetCount[] => {
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(value(row), (counts.get(value(row)) ?? 0) + 1);
      return [...counts]
        .map(([key, count]) => ({ value: key, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    };
    return {
      total: rows.length,
      provider: tally((row) => row.provider),
      state: tally((row) => row.state),
      upstreamStatus: tally((row) => row.upstream_status),
      assignee: tally((row) =>
        row.assignee_id === null ? 'unassigned' : row.assignee_id === lead.actor.id ? 'me' : 'others',
      ),
    };
  }

  /** Every page, walked by cursor, and the facets of the first. */
  async function search(query: CaseListQuery, limit: number) {
    const ids: string[] = [];
    let cursor: string | undefined;
    let facets: CaseFacets | null = null;
    do {
      const page = await f.store.list({ ...query, limit, ...(cursor ? { cursor } : {}) }, lead.actor);
      facets ??= page.facets;
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { ids, facets };
  }

  const option = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const queries = fc.record({
    // Mostly words that match several terms, some of a case's words among them.
    q: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('mar', 'ma', 'mart') },
      {
        weight: 2,
        arbitrary: fc.constantFrom('marta', 'mars', 'maria', 'lo', 'mar lo', 'ana', 'srch-1', 'zzz'),
      },
    ),
    provider: option(fc.constantFrom('capa' as const, 'connectfi' as const)),
    state: option(fc.subarray(['open', 'in_review', 'resolved', 'reopened'] as const, { minLength: 1 })),
    assignee: option(fc.constantFrom('me' as const, 'unassigned' as const)),
    scoreMin: option(fc.constantFrom(20, 50)),
    sort: fc.constantFrom<CaseSort>('priority', 'score', 'age', 'updated'),
    direction: option(fc.constantFrom('asc' as const, 'desc' as const)),
    limit: fc.integer({ min: 1, max: 7 }),
  });

  it('pages and counts a search as the reference query does, for every order and filter', async () => {
    await fc.assert(
      fc.asyncProperty(queries, async ({ limit, ...drawn }) => {
        const query = Object.fromEntries(
          Object.entries(drawn).filter(
            ([key, value]) => value !== undefined && !(key === 'direction' && drawn.sort === 'priority'),
          ),
        ) as CaseListQuery;
        const expected = await reference(query);
        const { ids, facets } = await search(query, limit);
        expect(ids).toEqual(expected.map((row) => row.id));
        expect(facets).toEqual({ ...facetsOf(expected), disagreement: 0 });
      }),
      { numRuns: 60 },
    );
  });

  it('finds a case holding two and three matching words once, and counts it once', async () => {
    const expected = await reference({ q: 'mar' });
    const { ids, facets } = await search({ q: 'mar' }, 50);
    expect(new Set(ids).size).toBe(ids.length);
    expect(facets?.total).toBe(expected.length);
    const { rows } = await sql<{ id: string; terms: number | string }>`
      select case_id as id, count(*) as terms from case_search_terms where term like 'mar%' group by case_id
      having count(*) > 2`.execute(f.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(ids).toContain(row.id);
  });

  it('keeps the counts per term equal to the search terms as cases are written and change', async () => {
    const counts = async (query: ReturnType<typeof sql<Record<string, unknown>>>) =>
      (await query.execute(f.db)).rows.map((row) => JSON.stringify(row)).sort();
    const kept = sql<Record<string, unknown>>`
      select term, provider, state, upstream_status, assignee_id, sum(cases)::int as cases from case_term_counts
      group by term, provider, state, upstream_status, assignee_id having sum(cases) <> 0`;
    const recounted = sql<Record<string, unknown>>`
      select term, provider, state, upstream_status, assignee_id, count(*)::int as cases from case_search_terms
      group by term, provider, state, upstream_status, assignee_id`;
    expect(await counts(kept)).toEqual(await counts(recounted));
  });
});
