import type { CaseFacets, CaseListQuery, CaseSummary, FacetCount } from '@review-desk/contracts';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActionContext } from '../../src/cases/core';
import { caseInputFromView } from '../../src/cases/intake';
import { migrations } from '../../src/db/migrations';
import { describeEachEngine } from '../helpers/db';
import { capaView, connectfiView } from './fixtures';
import { storeFixture } from './store-fixture';

type Fixture = Awaited<ReturnType<typeof storeFixture>>;

/** The facets of a list of cases, counted one by one as the SPA would if it had them all. */
function facetsOf(items: readonly CaseSummary[], actorId: string): CaseFacets {
  const tally = (value: (item: CaseSummary) => string): FacetCount[] => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(value(item), (counts.get(value(item)) ?? 0) + 1);
    return [...counts]
      .map(([key, count]) => ({ value: key, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  };
  return {
    total: items.length,
    provider: tally((item) => item.provider),
    state: tally((item) => item.state),
    upstreamStatus: tally((item) => item.upstreamStatus),
    assignee: tally((item) =>
      item.assignee === null ? 'unassigned' : item.assignee.id === actorId ? 'me' : 'others',
    ),
    disagreement: items.filter((item) => item.providerDisagreement !== null).length,
  };
}

describeEachEngine('queue counts', (engine) => {
  let f: Fixture;
  let lead: ActionContext;
  let analyst: ActionContext;
  let senior: ActionContext;

  beforeAll(async () => {
    f = await storeFixture(engine);
    [lead, senior] = (await f.staff('senior', 2)) as [ActionContext, ActionContext];
    [analyst] = (await f.staff('analyst')) as [ActionContext];
  });
  afterAll(() => engine.dispose());

  /** Every page of a query: what the facets must count. */
  async function everyMatch(query: CaseListQuery, context: ActionContext): Promise<CaseSummary[]> {
    const items: CaseSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await f.store.list({ ...query, limit: 2, ...(cursor ? { cursor } : {}) }, context.actor);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  const queries = (): CaseListQuery[] => [
    {},
    { provider: 'capa' },
    { state: ['open', 'in_review'] },
    { upstreamStatus: ['waiting_review'], provider: 'connectfi' },
    { assignee: 'me' },
    { assignee: 'unassigned', scoreMin: 10 },
    { assignee: analyst.actor.id },
    { scoreMin: 5, scoreMax: 20 },
    { q: 'ana' },
    { q: 'ana', provider: 'capa', state: ['in_review'] },
    { q: 'ana lo' },
    { q: 'ana', sort: 'updated' },
    { createdAfter: '2020-01-01T00:00:00.000Z', assignee: 'unassigned' },
  ];

  /** The facets of every query, for the lead, equal the cases the list returns for it. */
  async function expectExactFacets(): Promise<void> {
    for (const query of queries()) {
      const { facets } = await f.store.list(query, lead.actor);
      expect(facets, JSON.stringify(query)).toEqual(facetsOf(await everyMatch(query, lead), lead.actor.id));
    }
  }

  it('keeps the facets exact as cases open, change hands, move and close', async () => {
    const ana = await f.ingest(
      capaView({ userId: 'count-1', fullName: 'Ana Anaya López', faceMatchScore: 0.5 }),
    );
    const jose = await f.ingest(capaView({ userId: 'count-2', fullName: 'José Ana Ruiz' }));
    const carla = await f.ingest(connectfiView({ customerId: 'cstap_count3' }), { displayName: 'Carla Ana' });
    await f.ingest(connectfiView({ customerId: 'cstap_count4' }), { displayName: 'Pedro Soto' });
    await expectExactFacets();

    // Claimed, handed over, escalated, released.
    const claimed = await f.store.claim(ana.id, ana.version, analyst);
    await expectExactFacets();
    await f.store.bulk(
      { action: 'assign', cases: [{ id: jose.id, version: jose.version }], assigneeId: lead.actor.id },
      senior,
    );
    const escalated = await f.store.bulk(
      { action: 'escalate', cases: [{ id: carla.id, version: carla.version }], comment: 'unclear' },
      senior,
    );
    expect(escalated.results.every((result) => result.ok)).toBe(true);
    await expectExactFacets();
    await f.store.release(ana.id, claimed.version, analyst);
    await expectExactFacets();

    // The provider changes its mind: a new status and score, then the case closes upstream.
    await f.store.openOrUpdateCase(
      caseInputFromView(capaView({ userId: 'count-1', fullName: 'Ana Anaya López', faceMatchScore: 0.95 })),
    );
    await expectExactFacets();
    await f.store.closeResolvedUpstream(jose.id, 'completed at Capa');
    await expectExactFacets();

    // Decided by the reviewer who holds it.
    const current = await f.store.getSummary(ana.id);
    const detail = await f.store.detail(ana.id, analyst, f.loadView);
    const held = await f.store.claim(ana.id, current.version, analyst);
    await f.store.decide(
      ana.id,
      {
        version: held.version,
        outcome: 'reject',
        reasonCode: 'identity_mismatch',
        viewHash: detail.viewHash ?? '',
        acknowledgedWarnings: [],
      },
      analyst,
    );
    await expectExactFacets();
  });

  it('counts a case found by two of its words once', async () => {
    const { facets, items } = await f.store.list({ q: 'ana' }, lead.actor);
    expect(items.map((item) => item.displayName)).toContain('Ana Anaya López');
    expect(facets?.total).toBe(items.length);
  });

  it('keeps the counts when the rows of other database connections are folded', async () => {
    const before = await f.store.list({}, lead.actor);
    // Rows a connection long closed left behind: +1 and -1 on a key, which must fold to nothing.
    const [row] = await f.db.selectFrom('cases').selectAll().limit(1).execute();
    if (!row) throw new Error('no case');
    const key = {
      provider: row.provider,
      state: row.state,
      upstream_status: row.upstream_status,
      assignee_id: row.assignee_id,
      triage_score: row.triage_score,
    };
    await f.db
      .insertInto('case_counts')
      .values([
        { backend: 2_000_000_001, ...key, cases: 1 },
        { backend: 2_000_000_002, ...key, cases: -1 },
      ])
      .execute();
    f.clock.advance(60_000);
    expect((await f.store.list({}, lead.actor)).facets).toEqual(before.facets);
    const left = await f.db
      .selectFrom('case_counts')
      .select('backend')
      .where('backend', '>', 2_000_000_000)
      .execute();
    expect(left).toEqual([]);
  });

  it('counts what the copies on the search terms say, which follow the cases', async () => {
    const stale = await sql<{ stale: number }>`
      select count(*) as stale from case_search_terms as terms join cases on cases.id = terms.case_id
      where (terms.provider, terms.state, terms.upstream_status, terms.assignee_id, terms.triage_score,
          terms.created_at, terms.sla_due_at)
        is distinct from (cases.provider, cases.state, cases.upstream_status, cases.assignee_id,
          cases.triage_score, cases.created_at, cases.sla_due_at)`.execute(f.db);
    expect(Number(stale.rows[0]?.stale)).toBe(0);
  });
});

describeEachEngine('queue counts of a database that had cases before them', (engine) => {
  it('counts the cases and fills the search terms it finds', async () => {
    const f = await storeFixture(engine);
    const names = Object.keys(migrations);
    const previous = names[names.indexOf('0005-queue-indexes') - 1];
    if (!previous) throw new Error('no migration before 0005-queue-indexes');
    const migrator = new Migrator({
      db: f.db,
      provider: { getMigrations: async () => migrations },
      migrationTableSchema: (await sql<{ schema: string }>`select current_schema() as schema`.execute(f.db))
        .rows[0]?.schema,
    });
    expect((await migrator.migrateTo(previous)).error).toBeUndefined();

    // The store's own writes need the tables this migration makes: write the cases as an older BFF would.
    await sql`
      insert into cases (provider, subject_type, subject_id, verification_id, upstream_status, state, origin,
        triage_score, sla_due_at, created_at, updated_at, display_name)
      values ('capa', 'individual', 'old-1', 'vs-old-1', 'REVIEW_NEEDED', 'open', 'upstream', 40, now(), now(),
          now(), 'Olga Old'),
        ('connectfi', 'individual', 'old-2', 'app-old-2', 'waiting_review', 'open', 'upstream', 60, now(), now(),
          now(), 'Oscar Old')`.execute(f.db);
    await sql`insert into case_search_terms (case_id, term) select id, 'old' from cases`.execute(f.db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const [lead] = await f.staff('senior');
    if (!lead) throw new Error('no lead');
    const everything = await f.store.list({}, lead.actor);
    expect(everything.facets).toMatchObject({
      total: 2,
      provider: [
        { value: 'capa', count: 1 },
        { value: 'connectfi', count: 1 },
      ],
    });
    const searched = await f.store.list({ q: 'old', scoreMin: 50 }, lead.actor);
    expect(searched.items.map((item) => item.subjectId)).toEqual(['old-2']);
    expect(searched.facets?.total).toBe(1);
    await engine.dispose();
  });
});
