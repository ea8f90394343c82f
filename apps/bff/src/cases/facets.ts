import type { CaseFacets, FacetCount } from '@review-desk/contracts';
import { type Kysely, sql } from 'kysely';
import type { Actor, StoreCore } from './core';
import { condition, type QueueFilter } from './filters';
import type { StoreDB } from './schema';
import { termCounts } from './search-facets';

/**
 * The queue's facet counts: how many matching cases there are by provider, state, upstream status and
 * assignee bucket, and in all. They are exact, because team leads triage on them.
 *
 * Most filters are on columns that `case_counts` (migration 0005-queue-indexes) counts by, so the facets are
 * summed from a few thousand rows of that table instead of from every matching case. A text search counts
 * its matches on the search terms, which carry copies of those columns, or for one word sums the counts per
 * term (search-facets.ts); a date filter alone counts cases.
 */

/** Matching cases per (provider, state, upstream status, assignee): few rows, rolled up into the facets. */
interface CountRow {
  provider: string;
  state: string;
  upstream_status: string;
  assignee_id: string | null;
  cases: number | string;
}

export async function facets(
  core: StoreCore,
  filter: QueueFilter,
  actor: Actor,
  terms: readonly string[] | null,
): Promise<CaseFacets> {
  let rows: CountRow[];
  if (filter.searched && filter.termCounted && terms) {
    await foldNowAndThen(core);
    rows = await termCounts(core, filter, terms);
  } else if (filter.searched) {
    // A case found by two of its words counts once (its rows all carry the same copies).
    const found = core.db
      .selectFrom(filter.searchRows())
      .where((eb) => filter.where(eb, 'case_search_terms'))
      .select(['case_id', 'provider', 'state', 'upstream_status', 'assignee_id'])
      .distinct()
      .as('found');
    rows = await core.db
      .selectFrom(found)
      .select(['provider', 'state', 'upstream_status', 'assignee_id'])
      .select((eb) => eb.fn.countAll<number>().as('cases'))
      .groupBy(['provider', 'state', 'upstream_status', 'assignee_id'])
      .execute();
  } else if (filter.uncounted) {
    rows = await core.db
      .selectFrom('cases')
      .where((eb) => filter.where(eb, 'cases'))
      .select(['cases.provider', 'cases.state', 'cases.upstream_status', 'cases.assignee_id'])
      .select((eb) => eb.fn.countAll<number>().as('cases'))
      .groupBy(['cases.provider', 'cases.state', 'cases.upstream_status', 'cases.assignee_id'])
      .execute();
  } else {
    await foldNowAndThen(core);
    rows = await core.db
      .selectFrom('case_counts')
      .where((eb) => eb.and(filter.counted.map((each) => condition(eb, 'case_counts', each))))
      .select(['provider', 'state', 'upstream_status', 'assignee_id'])
      .select((eb) => eb.fn.sum<number>('cases').as('cases'))
      .groupBy(['provider', 'state', 'upstream_status', 'assignee_id'])
      .having((eb) => eb.fn.sum('cases'), '<>', 0)
      .execute();
  }
  return { ...rollUp(rows, actor), disagreement: await disagreements(core, filter) };
}

/** Matching cases with an open disagreement: few, read through the partial index of migration 0018. */
async function disagreements(core: StoreCore, filter: QueueFilter): Promise<number> {
  const row = await core.db
    .selectFrom('cases')
    .where('cases.disagreement_open', '=', true)
    .where((eb) => filter.where(eb, 'cases'))
    .select((eb) => eb.fn.countAll<number | string>().as('cases'))
    .executeTakeFirst();
  return Number(row?.cases ?? 0);
}

// One key for the whole cluster ("counts"): one reader folds at a time; the others need not wait for it.
const foldLock = 0x636f_756e_7473;

// Folding keeps the table small, not the counts right: once in a while is enough, and spares most reads.
const foldEveryMs = 10_000;
const lastFold = new WeakMap<StoreCore, number>();

async function foldNowAndThen(core: StoreCore): Promise<void> {
  const now = core.clock().getTime();
  const last = lastFold.get(core);
  if (last !== undefined && now - last < foldEveryMs) return;
  lastFold.set(core, now);
  await foldCounts(core.db);
}

/**
 * Moves the rows of other database connections into the folded rows (backend 0), so that rows of
 * connections long closed do not pile up. Rows a writer has locked (its transaction is still open) are left
 * for a later fold: the fold never waits for a writer. The counts are exact before, during and after.
 */
async function foldCounts(db: Kysely<StoreDB>): Promise<void> {
  await sql`
    with lock as (select pg_try_advisory_xact_lock(${foldLock}::bigint) as held),
    moved as (
      delete from case_counts
      where ctid in (
        select ctid from case_counts
        where (backend between 1 and pg_backend_pid() - 1 or backend > pg_backend_pid())
          and (select held from lock)
        for update skip locked
      )
      returning provider, state, upstream_status, assignee_id, triage_score, cases
    )
    insert into case_counts as counts (backend, provider, state, upstream_status, assignee_id, triage_score, cases)
    select 0, provider, state, upstream_status, assignee_id, triage_score, sum(cases)
    from moved
    group by provider, state, upstream_status, assignee_id, triage_score
    on conflict (backend, provider, state, upstream_status, assignee_id, triage_score)
      do update set cases = counts.cases + excluded.cases`.execute(db);
  // The same for the counts per search term, whose other connections' rows a partial index finds.
  await sql`
    with lock as (select pg_try_advisory_xact_lock(${foldLock}::bigint) as held),
    moved as (
      delete from case_term_counts
      where ctid in (
        select ctid from case_term_counts
        where backend <> 0 and backend <> pg_backend_pid() and (select held from lock)
        for update skip locked
      )
      returning term, provider, state, upstream_status, assignee_id, cases
    )
    insert into case_term_counts as counts (backend, term, provider, state, upstream_status, assignee_id, cases)
    select 0, term, provider, state, upstream_status, assignee_id, sum(cases)
    from moved
    group by term, provider, state, upstream_status, assignee_id
    on conflict (term, backend, provider, state, upstream_status, assignee_id)
      do update set cases = counts.cases + excluded.cases`.execute(db);
}

function rollUp(rows: readonly CountRow[], actor: Actor): Omit<CaseFacets, 'disagreement'> {
  const provider = new Map<string, number>();
  const state = new Map<string, number>();
  const upstreamStatus = new Map<string, number>();
  const assignee = new Map<string, number>();
  const add = (counts: Map<string, number>, value: string, count: number) =>
    counts.set(value, (counts.get(value) ?? 0) + count);
  let total = 0;
  for (const row of rows) {
    const count = Number(row.cases);
    total += count;
    add(provider, row.provider, count);
    add(state, row.state, count);
    add(upstreamStatus, row.upstream_status, count);
    add(
      assignee,
      row.assignee_id === null ? 'unassigned' : row.assignee_id === actor.id ? 'me' : 'others',
      count,
    );
  }
  return {
    total,
    provider: byCount(provider),
    state: byCount(state),
    upstreamStatus: byCount(upstreamStatus),
    assignee: byCount(assignee),
  };
}

/** Most cases first, then by value. */
const byCount = (counts: Map<string, number>): FacetCount[] =>
  [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
